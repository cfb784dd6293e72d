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
    // Contractions and quotes before a dash, a semicolon or a comparison: SQL-ish to a naive model.
    (c) =>
      `${c.pick(["It's", "That's", "We'll", "Don't", "Can't", "You're", "I'm", "She's", "Let's"])} ${c.pick(["late", "fine", "done", "coming", "ready", "forget"])} ${c.pick(["--", "-", ";", "—", "..."])} ${c.pick(["see you tomorrow", "ok?", "thanks", "3 pm", "right?", "call me"])}`,
    (c) =>
      `${c.pick(NAMES)} ${c.pick(["--", "—", "-"])} ${c.pick(["team lead", "5 years", "call after 6", "in room 4"])}`,
    (c) => `"${f.word.noun()}" or "${f.word.noun()}"${c.pick(["?", "", " -- which one?"])}`,
    (c) =>
      `${c.pick(["Mom's", "Dad's", "Ann's", "Bob's"])} ${c.pick(["birthday", "car", "recipe"])} -- ${c.pick(["don't forget", "at 7", "1 or 2 eggs?"])}`,
    (c) =>
      `${c.pick(["a/b testing", "and/or", "yes/no", "24/7", "w/o sugar", "1/2 cup", "his/her", "on/off", "I/O", "TCP/IP"])}${c.pick(["", " please", "?", " is fine"])}`,
    (c) =>
      `${c.pick(["a", "x", "1", "foo"])}/${c.pick(["b", "y", "2", "bar"])}/${c.pick(["c", "z", "3", "baz"])}`,
    (c) =>
      `${c.pick(["<b>", "<i>", "<em>", "<strong>", "<u>"])}${f.lorem.words(2)}${c.pick(["</b>", "</i>", "</em>", "</strong>", "</u>"])}`,
    (c) => `${f.lorem.sentence()}${c.pick(["<br>", "<br/>", "<p>", "</p>"])}`,
    (c) => `"${f.location.city()}" ${c.pick(["OR", "AND", "-"])} "${f.location.city()}"`,
    (c) =>
      `site:${c.pick(["github.com", "stackoverflow.com", "docs.aws.amazon.com"])} ${f.word.noun()} ${c.pick(["", "-filetype:pdf", "error"])}`.trim(),
    (c) => `${c.int(1, 5)}/5 ${c.pick(["would buy again", "stars", "not bad", "meh"])}`,
    (c) => `Price: $${c.int(5, 99)} - $${c.int(100, 999)} (${c.int(10, 50)}% off)`,
    (c) =>
      `${c.pick(["x", "a", "n"])} ${c.pick(["<", ">", "<=", ">=", "!=", "=="])} ${c.int(0, 99)} ${c.pick(["and", "or", "&&", "||"])} ${c.pick(["y", "b", "m"])} ${c.pick(["<", ">", "="])} ${c.int(0, 99)}`,
    (c) =>
      `Run ${c.pick(["the script", "make", "the tests", "it"])} ${c.pick(["twice", "again", "with sudo", "as admin"])}${c.pick(["", ", then reboot", " -- it works"])}`,
    (c) =>
      `${c.pick(["Select", "Choose", "Pick"])} ${c.pick(["one", "all", "a colour", "your size"])} ${c.pick(["from the list", "below", "or skip"])}: ${f.word.noun()}${c.pick([", ", " | "])}${f.word.noun()}`,
    (c) =>
      `Order #${c.int(100, 99999)}; ${c.pick(["shipped", "cancelled", "refunded"])}; ${c.pick(["thanks!", "-- support", "ref 'A1'"])}`,
    (c) =>
      `${c.pick(["cat", "dog", "fish"])} ${c.pick(["&", "|", "+", "/"])} ${c.pick(["mouse", "bird", "chips"])}`,
    (c) => `Email me: ${f.internet.email()} ${c.pick(["(work)", "or call", "-- thanks"])}`,
    (c) => `The file is ${c.pick(["C:\\temp\\notes.txt", "/tmp/notes.txt", "~/notes.md", "../notes.md"])}`,
    (c) =>
      `Don't ${c.pick(["select", "drop", "delete", "update"])} ${c.pick(["anything", "the table", "it", "the old one"])} yet${c.pick(["!", " -- wait", "."])}`,
  ],
  valid: [
    (c) =>
      `${c.pick(["He's", "We're", "They'll"])} ${c.pick(["here", "late", "off"])} -- ${c.pick(["see you", "ok", "10 min"])}`,
    (c) => `${c.pick(["Q&A", "T&C", "P&L"])}: ${f.lorem.words(3)}; ${c.pick(["ok", "-- done", "see /docs"])}`,
    (c) =>
      `Use ${c.pick(["<", ">"])}${c.pick(["Tab", "Enter", "Esc"])}${c.pick([">", "<"])} to ${c.pick(["move", "confirm", "cancel"])}`,
    (c) =>
      `The "${c.pick(["drop", "select", "union", "order"])}" ${c.pick(["column", "field", "option"])} is empty -- ${c.pick(["why?", "bug?", "fixed it"])}`,
    (c) => `cd .. then ${c.pick(["ls", "open the folder", "run it again"])}`,
    (c) =>
      `Price < $${c.int(10, 99)} & rating > ${c.int(2, 4)}${c.pick(["", " please", ", sorted by price"])}`,
    (c) =>
      `${c.pick(["C'est", "Qu'il", "L'heure"])} ${c.pick(["fini", "part", "tard"])} -- ${c.pick(["on y va?", "ok?", "merci"])}`,
    (c) => `I'd say ${c.int(1, 3)} or ${c.int(4, 6)}${c.pick(["", " -- max 8", "; not more"])}`,
    (c) => `Why is SELECT * ${c.pick(["slow", "bad practice", "discouraged"])}?`,
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
