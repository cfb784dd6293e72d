/**
 * Realistic benign text that looks technical: what browsers, developers and chat apps put in form
 * fields and logs. User agents written from their syntax, file paths and routes, markdown, code and
 * config snippets, query strings, identifiers and versions, emoticons. The attack grammars share
 * much of this punctuation, so the model needs it on the benign side to keep its precision.
 * Held-out branches are templates kept for validation and test.
 */
import type { Faker } from "@faker-js/faker";
import type { Branches, Chooser } from "./grammar";

function version(c: Chooser, parts: number): string {
  return Array.from({ length: parts }, (_, i) => c.int(0, i === 0 ? 130 : 9999)).join(".");
}

/** A browser, app or client User-Agent header, from the header's grammar. */
export function userAgent(c: Chooser): string {
  const platform = c.pick([
    "Windows NT 10.0; Win64; x64",
    "Windows NT 6.1; WOW64",
    `Macintosh; Intel Mac OS X 10_${c.int(11, 15)}_${c.int(0, 7)}`,
    "X11; Linux x86_64",
    "X11; Ubuntu; Linux x86_64",
    `Linux; Android ${c.int(8, 14)}; ${c.pick(["Pixel 7", "SM-G991B", "SM-A515F", "Redmi Note 9", "K"])}`,
    `iPhone; CPU iPhone OS ${c.int(12, 17)}_${c.int(0, 6)} like Mac OS X`,
    `iPad; CPU OS ${c.int(12, 17)}_${c.int(0, 6)} like Mac OS X`,
    "X11; CrOS x86_64 14541.0.0",
  ]);
  const webkit = `AppleWebKit/${c.pick(["537.36", "605.1.15", `${c.int(530, 610)}.${c.int(1, 40)}`])} (KHTML, like Gecko)`;
  switch (c.int(0, 9)) {
    case 0:
    case 1:
    case 2:
      return `Mozilla/5.0 (${platform}) ${webkit} Chrome/${version(c, 4)} ${platform.includes("Android") ? "Mobile " : ""}Safari/537.36`;
    case 3:
      return `Mozilla/5.0 (${platform}; rv:${c.int(60, 130)}.0) Gecko/20100101 Firefox/${c.int(60, 130)}.0`;
    case 4:
      return `Mozilla/5.0 (${platform}) ${webkit} Version/${c.int(10, 17)}.${c.int(0, 6)} ${platform.startsWith("i") ? "Mobile/15E148 " : ""}Safari/${c.pick(["604.1", "605.1.15"])}`;
    case 5:
      return `Mozilla/5.0 (${platform}) ${webkit} Chrome/${version(c, 4)} Safari/537.36 Edg/${version(c, 4)}`;
    case 6:
      return `Mozilla/5.0 (${platform}) ${webkit} Chrome/${version(c, 4)} Safari/537.36 OPR/${version(c, 4)}`;
    case 7:
      return c.pick([
        `curl/${c.int(7, 8)}.${c.int(0, 88)}.${c.int(0, 9)}`,
        `python-requests/2.${c.int(18, 32)}.${c.int(0, 9)}`,
        `okhttp/${c.int(3, 4)}.${c.int(0, 12)}.${c.int(0, 9)}`,
        `PostmanRuntime/7.${c.int(20, 40)}.${c.int(0, 9)}`,
        `Go-http-client/${c.pick(["1.1", "2.0"])}`,
        `axios/1.${c.int(0, 7)}.${c.int(0, 9)}`,
        `node-fetch/1.0 (+https://github.com/bitinn/node-fetch)`,
        `aws-sdk-js/3.${c.int(100, 999)}.0 ua/2.0 os/linux lang/js md/nodejs#20.${c.int(0, 19)}.0`,
        `Wget/1.${c.int(19, 21)}.${c.int(0, 4)} (linux-gnu)`,
      ]);
    case 8:
      return `Mozilla/5.0 (compatible; ${c.pick(["bingbot/2.0; +http://www.bing.com/bingbot.htm", "YandexBot/3.0; +http://yandex.com/bots", "DuckDuckBot/1.1; +https://duckduckgo.com/duckduckbot", "AhrefsBot/7.0; +http://ahrefs.com/robot/"])})`;
    default:
      return `${c.pick(["Slack", "Discord", "Spotify", "Dalvik", "MyApp"])}/${version(c, 3)} (${platform})`;
  }
}

/** A file path, as people and programs write them. */
function filePath(c: Chooser, f: Faker): string {
  const word = () => f.word.noun().toLowerCase().replaceAll(" ", "-");
  return c.pick([
    `${word()}/${word()}/${word()}`,
    `src/${word()}/${word()}.ts`,
    `./${word()}.${c.pick(["json", "yaml", "md", "txt", "csv"])}`,
    `~/Downloads/${f.system.fileName()}`,
    `C:\\Program Files\\${f.company.name().split(" ")[0]}\\${word()}.exe`,
    `D:\\Photos\\${c.int(2005, 2025)}\\${f.system.fileName()}`,
    `/api/v${c.int(1, 3)}/${word()}s/${c.int(1, 99999)}`,
    `/${word()}/${word()}?page=${c.int(1, 40)}`,
    `${c.pick(["a", "x", "1"])}/${c.pick(["b", "y", "2"])}/${c.pick(["c", "z", "3"])}`,
    `${word()}/${word()}`,
    `\\\\fileserver\\${c.pick(["shared", "team", "finance"])}\\${f.system.fileName()}`,
    `s3://${word()}-bucket/${word()}/${f.system.fileName()}`,
    `gs://${word()}/${c.int(2020, 2026)}/${f.system.fileName()}`,
  ]);
}

/** Technical form values and chat lines. */
export const WEB_FIELDS: Branches<(c: Chooser, f: Faker) => string> = {
  train: [
    (c) => userAgent(c),
    (c, f) => filePath(c, f),
    (c, f) => `${c.pick(["See", "Saved to", "Open", "The log is in", "Moved it to"])} ${filePath(c, f)}`,
    (c, f) =>
      c.pick([
        `**${f.word.adjective()}** and _${f.word.noun()}_`,
        `# ${f.lorem.words(3)}\n\n${f.lorem.sentence()}`,
        `- [ ] ${f.lorem.words(3)}\n- [x] ${f.lorem.words(2)}`,
        `> ${f.lorem.sentence()}\n\nAgreed.`,
        `[${f.lorem.words(2)}](https://github.com/${f.internet.username()}/${f.word.noun()})`,
        `Use \`${f.word.verb()}()\` instead of \`${f.word.verb()}()\``,
        `1. ${f.lorem.words(3)}\n2. ${f.lorem.words(3)}\n3. ${f.lorem.words(2)}`,
        `| ${f.word.noun()} | ${c.int(1, 99)} |\n|---|---|\n| ${f.word.noun()} | ${c.int(1, 99)} |`,
        `~~${f.lorem.words(2)}~~ ${f.lorem.words(2)}`,
      ]),
    (c, f) =>
      c.pick([
        `const ${f.word.noun()} = ${c.pick(["a < b ? a : b", "items.filter((x) => x.id > 0)", "await fetch(url)", "JSON.parse(body)", "{ ...defaults, ...options }"])};`,
        `for (let i = 0; i < ${c.pick(["n", "items.length", "10"])}; i++) {`,
        `if (${c.pick(["x > 0 && y < 10", "!user || !user.name", "a === b", "count >= limit"])}) return;`,
        `def ${f.word.verb()}(self, ${f.word.noun()}):`,
        `print(f"{${f.word.noun()}} = {value}")`,
        `import ${c.pick(["numpy as np", "os", "json", "pandas as pd"])}`,
        `<div class="${f.word.adjective()}">${f.lorem.words(2)}</div>`,
        `<p>${f.lorem.sentence()}</p>`,
        `<b>${f.lorem.words(2)}</b> <i>${f.word.noun()}</i>`,
        `${f.lorem.sentence()}<br>${f.lorem.sentence()}`,
        `git ${c.pick(["pull --rebase", 'commit -m "fix typo"', "checkout -b feature/login", "push origin main", "log --oneline"])}`,
        `npm ${c.pick(["run build", "install --save-dev jest", "ci", "test -- --watch"])}`,
        `docker ${c.pick(["compose up -d", "ps", "build -t app .", "logs -f web"])}`,
        `${c.pick(["timeout", "retries", "max_connections", "log_level"])}: ${c.pick([String(c.int(1, 100)), "debug", "info", "true"])}`,
        `${c.pick(["PORT", "NODE_ENV", "LOG_LEVEL", "REGION"])}=${c.pick(["3000", "production", "info", "eu-west-1"])}`,
        `Error: ${c.pick(["Cannot read properties of undefined (reading 'id')", "ENOENT: no such file or directory", "connect ECONNREFUSED 127.0.0.1:5432", "404 Not Found", "timeout after 30000 ms"])}`,
        `at ${f.word.verb()} (${c.pick(["/app/src/", "C:\\app\\src\\"])}${f.word.noun()}.js:${c.int(1, 400)}:${c.int(1, 80)})`,
        `x = y || z; a && b`,
        `a => a * 2`,
        `{{ ${f.word.noun()} }}`,
        `\${${f.word.noun()}}`,
      ]),
    (c, f) =>
      c.pick([
        `?q=${encodeURIComponent(f.lorem.words(2))}&page=${c.int(1, 9)}`,
        `name=${encodeURIComponent(f.person.fullName()).replaceAll("%20", "+")}&city=${encodeURIComponent(f.location.city()).replaceAll("%20", "+")}`,
        `utm_source=${c.pick(["newsletter", "google", "twitter"])}&utm_medium=${c.pick(["email", "cpc", "social"])}&utm_campaign=${f.word.noun()}`,
        `https://www.${f.internet.domainWord()}.${c.pick(["com", "de", "org"])}/search?q=${encodeURIComponent(f.commerce.productName()).replaceAll("%20", "+")}&sort=price_asc`,
        `sort=${c.pick(["asc", "desc"])}&limit=${c.int(10, 100)}&offset=${c.int(0, 500)}`,
        encodeURIComponent(f.location.streetAddress()),
        encodeURIComponent(f.person.fullName()),
        `${f.internet.username()}%40${f.internet.domainName()}`,
      ]),
    (c, f) =>
      c.pick([
        `v${c.int(0, 9)}.${c.int(0, 30)}.${c.int(0, 99)}`,
        f.system.semver(),
        f.git.commitSha({ length: c.pick([7, 40]) }),
        f.string.hexadecimal({ length: c.int(6, 32), casing: "lower" }),
        f.string.alphanumeric(c.int(12, 40)),
        f.internet.mac(),
        f.internet.ipv6(),
        `${f.internet.ipv4()}:${c.int(1, 65535)}`,
        f.color.rgb(),
        `rgb(${c.int(0, 255)}, ${c.int(0, 255)}, ${c.int(0, 255)})`,
        `${c.int(10, 99)}.${c.int(100000, 999999)}, ${c.int(-179, 179)}.${c.int(100000, 999999)}`,
        `${f.string.alpha({ length: 2, casing: "upper" })}${c.int(100, 9999)}`,
        `#${c.int(100, 999999)}`,
        f.airline.flightNumber({ addLeadingZeros: true }),
        `${c.int(1, 12)}/${c.int(1, 28)}`,
        `${c.int(1, 9)}/${c.int(2, 10)}`,
        `eyJ${f.string.alphanumeric(30)}.eyJ${f.string.alphanumeric(40)}.${f.string.alphanumeric(30)}`,
      ]),
    (c) =>
      c.pick([
        ":-)",
        ";-)",
        ":)",
        ":(",
        ":'(",
        "<3",
        "</3",
        ">_<",
        "^_^",
        "¯\\_(ツ)_/¯",
        "xD",
        "o_O",
        "lol :P",
        "haha ok <3",
        "+1",
        "-1",
        "!!!",
        "???",
        "...",
        "--",
        "ok.",
        "k",
        "👍",
        "🙏🙏",
      ]),
    (c, f) =>
      `${f.git.commitMessage()}${c.pick(["", ` (#${c.int(1, 9999)})`, ` - closes #${c.int(1, 999)}`])}`,
  ],
  valid: [
    (_c, f) => f.system.commonFileName(),
    (_c, f) => f.internet.url(),
    (c, f) => `${c.pick(["TODO", "FIXME", "NOTE"])}(${f.internet.username()}): ${f.lorem.sentence()}`,
  ],
  held: [],
};
