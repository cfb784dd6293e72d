/**
 * Deliberately tricky benign text: harmless English that uses SQL and shell words, quotes,
 * comparison signs, ampersands, semicolons, pipes, paths, code-ish snippets and ordinary links
 * after a call to action. Reported apart from realistic benign text. Held-out branches are
 * templates kept for evaluation.
 */
import { fakerEN_US } from "@faker-js/faker";
import type { Branches, Chooser } from "./grammar";

const f = fakerEN_US;
const NAMES = [
  "O'Brien",
  "D'Angelo",
  "O'Reilly",
  "Renée",
  "José",
  "Zoë",
  "Ng",
  "St. John",
  "McDonald's",
  "Mary-Jane",
];
const DOCS = [
  "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html",
  "https://github.com/microsoft/TypeScript",
  "https://github.com",
  "https://en.wikipedia.org/wiki/Union_(set_theory)",
  "https://stackoverflow.com/questions/1234/select-distinct",
  "https://www.postgresql.org/docs/current/sql-select.html",
  "https://developer.mozilla.org/en-US/docs/Web/HTML/Element/script",
  "https://www.w3.org/TR/html52/",
  "https://aws.amazon.com/cloudwatch/",
];

/** Short everyday phrases that happen to hold SQL or shell words. */
const PHRASES = [
  "select your seat",
  "drop me a line",
  "rm the old files please",
  "select all that apply",
  "update available",
  "delete this",
  "insert here",
  "drop off at 5",
  "order by date",
  "union square",
  "exec summary",
  "cat food",
  "ping pong",
  "sleep well",
  "echo echo",
  "where are you",
  "from me to you",
  "table of contents",
  "join us",
  "null and void",
  "true or false",
  "yes or no",
  "1 or 2",
  "me and you",
  "A or B",
  "select a size",
  "update me",
  "drop it",
  "sleep mode",
  "shutdown the laptop tonight",
  "kill the lights",
  "grant me a wish",
  "create account",
  "alter ego",
  "set the table",
  "having fun",
  "group by colour",
  "like it or not",
  "between you and me",
  "all or nothing",
  "exec chair",
  "script writer",
  "alert the team",
  "prompt reply",
  "confirm my booking",
  "load the file",
  "sleep 8h",
  "ls = left side",
  "dir: north",
  "type: admin",
  "id: 4421",
  "env: prod",
];

const TEMPLATES: Branches<(c: Chooser) => string> = {
  train: [
    (c) => c.pick(PHRASES),
    (c) => `${c.pick(PHRASES)}${c.pick(["", ".", "!", "?", " :)", " please", " thanks"])}`,
    (c) =>
      `${c.pick(["Moved to", "See you at", "Call at", "Back by"])} ${c.int(1, 12)} -- ${c.pick(["sorry!", "ok?", "thanks", "cheers"])}`,
    (c) => `Please select your seat ${c.pick(["before boarding", "online", "at check-in", "from the map"])}.`,
    (c) =>
      `Drop me a line ${c.pick(["when you're back", `at ${f.internet.email()}`, "anytime", "next week"])}.`,
    (c) => `rm the old files please, ${c.pick(["they're taking space", "we don't need them", "thanks"])}`,
    (_c) => `x < y and y > z, so x < z`,
    (c) => `${c.int(1, 9)} < ${c.int(10, 99)} and ${c.int(100, 999)} > ${c.int(10, 99)}`,
    (c) => `I <3 ${c.pick(["you", "NY", "pizza", "this band"])}`,
    (c) => `${c.pick(NAMES)}'s ${c.pick(["party", "book", "car", "office"])} is on ${f.location.street()}.`,
    (c) =>
      `Union ${c.pick(["members", "Station", "Jack", "Square"])} ${c.pick(["meet at 6", "is closed today", "update"])}`,
    (c) => `Order by ${c.pick(["phone", "email", "Friday", "noon"])} to get free delivery.`,
    (c) => `Can you update the table ${c.pick(["reservation", "for 4 people", "by the window"])}?`,
    (c) => `Insert ${c.pick(["coin", "card", "tab A into slot B", "a new paragraph here"])}.`,
    (c) =>
      `${c.pick(["Fish & Chips", "AT&T", "R&D", "Q&A", "Tom & Jerry", "Ben & Jerry's"])}; ${f.lorem.words(3)}`,
    (_c) => `${f.word.noun()} | ${f.word.noun()} | ${f.word.noun()}`,
    (_c) => `C:\\Users\\${f.person.firstName()}\\Documents\\${f.system.fileName()}`,
    (_c) => `/home/${f.internet.username().toLowerCase()}/${f.system.fileName()}`,
    (_c) => `docs/${f.word.noun()}/README.md`,
    (c) => `Check ${c.pick(DOCS)} for the details.`,
    (c) => `Click ${c.pick(["here", "the link"])} to open ${c.pick(DOCS)}`,
    (c) => `see ${c.pick(DOCS)}`,
    (c) => `{"query": "${f.word.noun()}", "limit": ${c.int(1, 100)}, "order": "desc"}`,
    (c) => `if (a < b && c > d) { return ${c.int(0, 9)}; }`,
    (c) => `SELECT is the SQL keyword for reading rows; ${c.pick(["easy", "useful", "learn it"])}.`,
    (_c) => `How do I select from two tables in SQL?`,
    (_c) => `He said "don't drop the ball" and left.`,
    (c) => `It's ${c.int(5, 95)}% off; ends ${f.date.weekday()}!`,
    (c) => `5' ${c.int(1, 11)}" tall, ${c.int(50, 100)} kg`,
    (c) => `Sleep ${c.int(6, 9)} hours, then ${c.pick(["run", "cat nap", "echo the lesson"])}.`,
    (c) => `The cat sat on the mat -- and then ${c.pick(["slept", "left", "ate"])}.`,
    (c) => `Where and when? ${c.pick(["Tomorrow at 5", "Friday", "Not sure yet"])}`,
    (c) => `Temperature >= ${c.int(20, 40)} or humidity <= ${c.int(10, 60)}`,
    (_c) => `1 + 1 = 2; 2 * 3 = 6`,
    (_c) => `#${f.word.noun()} @${f.internet.username()}`,
    (c) => `Ping me when ${c.pick(["ready", "done", "you're free"])}`,
    (_c) => `Password must be 8+ chars & contain a digit (e.g. ${f.internet.password({ length: 10 })})`,
    (_c) => `Use --${f.word.verb()} to enable it`,
    (c) => `echo chamber ${c.pick(["effect", "is real", "on social media"])}`,
    (_c) => `Who am I? ${f.lorem.sentence()}`,
    (_c) => `-- ${f.person.firstName()}`,
    (_c) => `Ref: ${f.string.alphanumeric(8).toUpperCase()}; amount: ${f.commerce.price()}`,
    (c) => `The script starts at ${c.int(1, 12)} o'clock`,
    (c) => `<${c.pick(["name", "email", "your text here"])}>`,
  ],
  held: [
    (c) => `Please delete my account and all data ${c.pick(["by Monday", "asap", ""])}`,
    (c) => `rock 'n' roll ${c.pick(["forever", "night", "band"])}`,
    (_c) => `a => b; b => c`,
    (c) => `${c.pick(["Mom", "Dad"])} said 'or else' ${c.pick(["!", "again", ""])}`,
    (_c) => `Run npm install then npm test`,
    (_c) => `Cats | Dogs & Birds; ${f.word.noun()}`,
    (c) => `I'll drop by at ${c.int(1, 12)} -- ok?`,
    (c) => `Visit ${c.pick(DOCS)} to learn more`,
  ],
};

/** One tricky benign text. */
export function trickyBenignText(c: Chooser): string {
  return c.branch(TEMPLATES)(c);
}
