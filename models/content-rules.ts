/**
 * The content model's rule features: regular expressions over the lowercased text, each one
 * feature (1 when it matches anywhere). The graph runs them with RegexFullMatch (RE2, wrapped in
 * (?s).*(?:...).*), the reference with JavaScript's RegExp; the patterns keep to the syntax both
 * read the same way: ASCII classes, no look-around, no back-references, \s spelt out because RE2's
 * \s is [\t\n\f\r ] and JavaScript's is wider.
 */

/** Whitespace characters as RE2 and JavaScript both read them (for use inside a class). */
const WS = "\\t\\n\\v\\f\\r ";
/** Whitespace as RE2 and JavaScript both read it. */
const S = `[${WS}]`;
/** Whitespace or the inline comment and encodings attackers put in its place. */
const GAP = `(?:${S}|/\\*[^*]*\\*/|\\+|%20|%09|%0a|%0d)`;

/** A link: a scheme, www. or a host followed by a path. */
const LINK = "https?://|www\\.|[a-z0-9-]{2,}\\.[a-z]{2,12}/";
/** Words spam lures with, in English and a few other languages. */
const LURE =
  "\\b(?:free|win|winner|won|prize|claim|bonus|cash|money|cheap|viagra|cialis|casino|crypto|bitcoin|btc|gift|reward|offer|deal|urgent|verify|suspended|locked|giveaway|earn|loan|pills|meds|gratis|gratuit|kostenlos|gewonnen|gagne|gana|ganhe|vinto|airdrop|singles|xxx)\\b|\\$\\$|100%";

/** One rule: a name for docs and ablations, and its pattern. */
export interface ContentRule {
  readonly name: string;
  readonly pattern: string;
}

/** The rules, in feature order. */
export const CONTENT_RULES: readonly ContentRule[] = [
  { name: "sql-union-select", pattern: `union${GAP}+(?:all${GAP}+|distinct${GAP}+)?select` },
  {
    name: "sql-tautology",
    pattern: `['"\\d)]${GAP}*(?:or|and|xor|\\|\\||&&)${GAP}+['"(]?${GAP}*[\\w@.]+['"]?${GAP}*(?:=|<|>|like${GAP}|in${GAP}*\\(|between${GAP})`,
  },
  {
    // A comment that ends the statement: not "-- ok?" or "#2", where English and numbers go on.
    name: "sql-quote-comment",
    pattern: `['"\\d)]${GAP}*(?:(?:--|#|%23)(?:$|[^a-z0-9${WS}]|${S}+(?:$|[^a-z${WS}]|[a-z](?:$|[^a-z])))|/\\*|;${GAP}*--)`,
  },
  {
    name: "sql-function",
    pattern:
      "(?:sleep|benchmark|pg_sleep|extractvalue|updatexml|load_file|group_concat|concat_ws|xp_cmdshell|utl_http|dbms_pipe|randomblob)" +
      `${S}*\\(|waitfor${GAP}+delay|information_schema|@@(?:version|hostname|datadir|servername)|into${GAP}+(?:out|dump)file`,
  },
  {
    name: "sql-stacked",
    pattern: `;${GAP}*(?:drop|delete|insert|update|select|exec|execute|shutdown|truncate|declare|create|alter|grant|copy)${GAP}`,
  },
  {
    name: "html-tag",
    pattern: `<${S}*/?${S}*(?:script|iframe|svg|img|image|body|object|embed|style|link|meta|form|input|details|marquee|video|audio|math|base|frameset|xss|a${S}+href)\\b`,
  },
  { name: "html-event-handler", pattern: `\\bon[a-z]{3,20}${S}*=` },
  { name: "script-url", pattern: `(?:java|vb|live)${S}*script${S}*:|data:text/html` },
  {
    name: "js-sink",
    pattern: `(?:alert|prompt|confirm|eval|settimeout|fromcharcode)${S}*[(\`]|document\\.(?:cookie|domain|location|write)|window\\.location`,
  },
  {
    name: "shell-command",
    pattern: `(?:[;|&\`\\n]|\\$\\(|%0a|%3b|%7c|%26)${S}*(?:cat|ls|id|whoami|uname|ping|sleep|nc|ncat|wget|curl|bash|sh|rm|echo|dir|type|net|ipconfig|ifconfig|powershell|cmd|systeminfo|python|perl|php|chmod|nslookup|netstat|ps|env|telnet|tasklist|certutil)\\b`,
  },
  {
    name: "shell-syntax",
    pattern: `\\$\\{?ifs|/bin/(?:ba)?sh|\\$\\([a-z]|\`[a-z/]|/dev/tcp/|\\|${S}*(?:ba)?sh\\b`,
  },
  {
    name: "path-climb",
    pattern: "(?:\\.|%2e|%252e|%c0%ae|%u002e){2}(?:/|\\\\|%2f|%5c|%252f|%255c|%c0%af|%c1%9c)",
  },
  {
    name: "sensitive-file",
    pattern:
      "etc/(?:passwd|shadow|hosts|group|issue)|win\\.ini|boot\\.ini|web\\.config|\\.htaccess|proc/self/|\\.ssh/id_|web-inf/",
  },
  {
    name: "system-path",
    pattern: "(?:^|[/\\\\=:])(?:etc|proc|var|opt|root|usr|boot|windows|winnt|inetpub)(?:/|\\\\|%2f|%5c)",
  },
  { name: "file-wrapper", pattern: "(?:php|file|expect|phar|zip|jar)://" },
  { name: "percent-encoded-special", pattern: "%(?:27|22|3c|3e|3b|7c|60|00|0a|0d|2f|5c)" },
  {
    name: "shell-separator-first",
    pattern: `^${S}*['"]?${S}*(?:;|\\|\\|?|&&?|%0a|%3b|%7c|%26|\\$\\(|\`)${S}*[a-z/]`,
  },
  {
    name: "powershell",
    pattern:
      "\\b(?:invoke-(?:expression|webrequest|command|restmethod)|iex|iwr|downloadstring|downloadfile|new-object|start-process|get-(?:childitem|content|process|wmiobject|ciminstance)|set-mppreference|set-executionpolicy)\\b|-(?:enc|encodedcommand|nop|noprofile|executionpolicy|ep)\\b",
  },
  {
    name: "link-trick",
    pattern:
      "hxxps?:|\\[\\.\\]|\\[dot\\]|\\[:\\]|xn--|https?://\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|https?://[^/@\\t\\n\\v\\f\\r ]+@|" +
      "\\b(?:bit\\.ly|tinyurl\\.com|goo\\.gl|ow\\.ly|is\\.gd|cutt\\.ly|rb\\.gy|shorturl\\.at|tiny\\.cc|buff\\.ly|v\\.gd|rebrand\\.ly|adf\\.ly|shorte\\.st|clck\\.ru|t\\.me|wa\\.me)/",
  },
  {
    name: "abused-tld",
    pattern: `[a-z0-9]{2}\\.(?:xyz|top|click|loan|tk|ml|ga|cf|gq|pw|icu|buzz|cyou|quest|gdn|kim|xin|racing|cricket|accountant|faith|science|party|su|win|vip)(?:[/:?#!,)\\]]|${S}|$)`,
  },
  { name: "code-character", pattern: "[<>();=|&$`{}\\[\\]%\\\\@#*^~]" },
  {
    name: "link-with-lure",
    pattern: `(?:${LURE})[\\s\\S]*(?:${LINK})|(?:${LINK})[\\s\\S]*(?:${LURE})`,
  },
];

/** Compiled once for the reference: a search is a full match with (?s).* on both sides. */
const COMPILED = CONTENT_RULES.map((rule) => new RegExp(rule.pattern));

/** The RE2 pattern the graph's RegexFullMatch runs for a rule. */
export function fullMatchPattern(rule: ContentRule): string {
  return `(?s).*(?:${rule.pattern}).*`;
}

/**
 * One RE2 pattern that matches exactly when some rule does: the graph runs it first and runs the
 * rules one by one only then, so a text that fires no rule costs one scan instead of one per rule.
 */
export function anyRulePattern(): string {
  return `(?s).*(?:${CONTENT_RULES.map((rule) => rule.pattern).join("|")}).*`;
}

/** Which rules match a lowercased text (1 or 0 per rule, in CONTENT_RULES order). */
export function ruleFeatures(lowercased: string): number[] {
  return COMPILED.map((regex) => (regex.test(lowercased) ? 1 : 0));
}
