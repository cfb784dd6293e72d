/**
 * Realistic benign text: what people type into forms, in many languages and scripts. Values come
 * from @faker-js/faker (seeded, with a fixed reference date, so deterministic) and from Helios's own
 * sentence templates. Held-out branches are locales and templates kept for evaluation.
 */
import {
  type Faker,
  fakerAR,
  fakerDE,
  fakerEL,
  fakerEN_GB,
  fakerEN_IN,
  fakerEN_US,
  fakerES,
  fakerFA,
  fakerFR,
  fakerHE,
  fakerIT,
  fakerJA,
  fakerKO,
  fakerPL,
  fakerPT_BR,
  fakerRU,
  fakerTH,
  fakerTR,
  fakerUK,
  fakerVI,
  fakerZH_CN,
} from "@faker-js/faker";
import type { Branches, Chooser } from "./grammar";

/** Faker's default reference date is "now": fixing it keeps dates (and the model) reproducible. */
const REFERENCE_DATE = "2026-01-01T00:00:00.000Z";

const LOCALES: Branches<Faker> = {
  train: [
    fakerEN_US,
    fakerEN_GB,
    fakerDE,
    fakerFR,
    fakerES,
    fakerIT,
    fakerJA,
    fakerRU,
    fakerAR,
    fakerZH_CN,
    fakerKO,
    fakerPT_BR,
    fakerPL,
    fakerHE,
    fakerTR,
  ],
  held: [fakerEL, fakerUK, fakerVI, fakerTH, fakerFA, fakerEN_IN],
};

/** Seeds every faker instance from the chooser (call once per generator run). */
export function seedFakers(c: Chooser): void {
  for (const f of [...LOCALES.train, ...LOCALES.held]) {
    f.seed(c.random.nextUint32());
    f.setDefaultRefDate(REFERENCE_DATE);
  }
}

const APOSTROPHE_NAMES = [
  "O'Brien",
  "O'Connor",
  "D'Angelo",
  "D'Souza",
  "O'Neil",
  "N'Diaye",
  "Dell'Acqua",
  "L'Estrange",
  "M'Bala",
  "O'Hara",
  "Sant'Anna",
  "D'Arcy",
];
const WELL_KNOWN_URLS = [
  "https://github.com",
  "https://github.com/aws/aws-cdk/issues/1234",
  "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html",
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
  "https://aws.amazon.com/s3/pricing/",
  "https://www.google.com/search?q=weather+berlin",
  "https://en.wikipedia.org/wiki/SQL",
  "https://stackoverflow.com/questions/12345/how-to-parse-json",
  "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  "https://developer.mozilla.org/en-US/docs/Web/JavaScript",
  "https://www.npmjs.com/package/express",
  "https://nodejs.org/en/download",
  "https://www.bbc.co.uk/news",
  "https://www.amazon.com/dp/B08N5WRWNW",
  "https://maps.google.com/?q=52.52,13.40",
  "https://www.linkedin.com/in/janedoe",
  "https://twitter.com/nasa",
  "https://www.reddit.com/r/typescript/",
  "https://learn.microsoft.com/en-us/azure/",
  "https://cloud.google.com/storage/docs",
  "http://example.com",
  "https://www.nytimes.com/section/technology",
  "https://drive.google.com/file/d/1AbC/view",
  "https://zoom.us/j/123456789",
];
const COMMON_TLDS = [
  "com",
  "org",
  "net",
  "io",
  "dev",
  "de",
  "co.uk",
  "fr",
  "es",
  "edu",
  "gov",
  "it",
  "nl",
  "jp",
  "ca",
  "com.au",
];

function fakerOf(c: Chooser): Faker {
  return c.branch(LOCALES);
}

function ordinaryUrl(c: Chooser, f: Faker): string {
  if (c.chance(0.5)) return c.pick(WELL_KNOWN_URLS);
  const path = c.chance(0.5) ? `/${f.word.sample().toLowerCase()}` : "";
  return `${c.pick(["https://", "https://www.", "http://", "www."])}${fakerEN_US.internet.domainWord()}.${c.pick(COMMON_TLDS)}${path}`;
}

function date(c: Chooser, f: Faker): string {
  const d = f.date.past({ years: 30 });
  const iso = d.toISOString();
  return c.pick([
    iso.slice(0, 10),
    `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`,
    `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`,
    `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`,
    iso,
    `${f.date.month()} ${d.getUTCDate()}, ${d.getUTCFullYear()}`,
    `${iso.slice(11, 16)}`,
  ]);
}

function price(c: Chooser, f: Faker): string {
  const amount = f.commerce.price();
  return c.pick([
    `$${amount}`,
    `€${amount.replace(".", ",")}`,
    `${amount} EUR`,
    `£${amount}`,
    `¥${Math.round(Number(amount) * 100)}`,
    amount,
    `${amount} USD`,
    `R$ ${amount}`,
  ]);
}

/** Form fields: one value each, as a form would receive it. */
const FIELDS: Branches<(c: Chooser, f: Faker) => string> = {
  train: [
    // Blank and multi-line values: textareas keep line breaks, and an empty field is still sent.
    (c, _f) => c.pick(["", " ", "\n", "\t", "\r\n", "\t\n", "  \n  ", "\n\n"]),
    (c, f) =>
      [f.lorem.sentence(), f.lorem.sentence(), f.lorem.sentence()]
        .slice(0, c.int(2, 3))
        .join(c.pick(["\n", "\r\n", "\n\n"])),
    (c, f) =>
      [f.location.streetAddress(), `${f.location.zipCode()} ${f.location.city()}`, f.location.country()].join(
        c.pick(["\n", "\r\n"]),
      ),
    (c, f) => `${c.pick(GREETINGS)},\n\n${f.lorem.sentences(2)}\n\n${f.person.firstName()}`,
    (_, f) => f.person.fullName(),
    (_, f) => f.person.firstName(),
    (_, f) => f.person.lastName(),
    (c, f) => `${f.person.firstName()} ${c.pick(APOSTROPHE_NAMES)}`,
    (_, f) => f.location.streetAddress(true),
    (_, f) => `${f.location.streetAddress()}, ${f.location.zipCode()} ${f.location.city()}`,
    (_, f) => f.location.city(),
    (_, f) => f.location.zipCode(),
    (_, f) => f.location.country(),
    (_, f) => f.internet.email(),
    (_, f) => f.internet.username(),
    (_, f) => f.phone.number(),
    (_, f) => f.company.name(),
    (_, f) => f.commerce.productName(),
    (_, f) => f.commerce.productDescription(),
    (_, f) => f.person.jobTitle(),
    (c, f) => ordinaryUrl(c, f),
    (c, f) => date(c, f),
    (c, f) => price(c, f),
    (_, f) => f.lorem.sentence(),
    (_, f) => f.lorem.sentences(2),
    (_, f) => f.lorem.words(3),
    (_, f) => f.word.words(4),
    (_, f) => f.internet.password(),
    (_, f) => f.string.uuid(),
    (_, f) => f.finance.amount(),
    (_, f) => f.internet.ipv4(),
    (_, f) => f.system.fileName(),
    (_, f) => f.color.human(),
    (_, f) => f.finance.iban(),
    (_, f) => f.book.title(),
    (_, f) => f.food.dish(),
    (c, _f) => String(c.int(0, 100000)),
    (c, f) => `${f.string.alpha({ length: 3, casing: "upper" })}-${c.int(1000, 99999)}`,
    (c, f) => JSON.stringify({ name: f.person.firstName(), age: c.int(18, 90), city: f.location.city() }),
    (c, f) =>
      JSON.stringify({
        id: c.int(1, 9999),
        items: [f.commerce.productName()],
        total: Number(f.commerce.price()),
      }),
    (c, _f) => `${c.int(1, 12)}:${String(c.int(0, 59)).padStart(2, "0")} ${c.pick(["am", "pm", ""])}`.trim(),
    (c) => `${c.int(1, 99)}%`,
    (_, f) => f.vehicle.vehicle(),
    (_, f) => f.hacker.phrase(),
  ],
  held: [
    (_, f) => f.location.secondaryAddress(),
    (_, f) => f.company.catchPhrase(),
    (_, f) => f.music.songName(),
    (c, f) => JSON.stringify({ email: f.internet.email(), newsletter: c.chance(0.5) }),
    (_, f) => f.internet.userAgent(),
  ],
};

/** Everyday sentences around words that are also SQL or shell keywords. */
const KEYWORD_SENTENCES = [
  "Please select your seat",
  "Select your size",
  "select the date",
  "Select a delivery option",
  "please select one",
  "Update: the meeting is moved",
  "I need to update my address",
  "Delete my old card please",
  "Can I delete the photo?",
  "Insert your card",
  "Drop me a line",
  "Drop off the keys at reception",
  "Union Street",
  "Where is my order?",
  "Order from the new menu",
  "from Monday to Friday",
  "Join the table at 8",
  "Create a new account",
  "Grant access to Anna",
  "Set the alarm",
  "Sleep well",
  "Cat lovers welcome",
  "Ping me later",
  "echo the answer back",
  "Kill time at the mall",
  "Exec team meeting",
  "rm 204, second floor",
  "type your name",
  "User ID or email",
  "Print the form and sign it",
];

const GREETINGS = [
  "hi",
  "hello",
  "hey",
  "dear team",
  "good morning",
  "thanks",
  "hi there",
  "hola",
  "bonjour",
  "cheers",
];
const SENTENCES: Branches<(c: Chooser, f: Faker) => string> = {
  train: [
    (c, f) => `${c.pick(GREETINGS)} ${f.person.firstName()}, how are you?`,
    (c, f) => `I ordered ${f.commerce.productName()} on ${date(c, f)} and it has not arrived yet.`,
    (_c, f) => `Can you send the invoice to ${f.internet.email()}? Thanks!`,
    (_c, f) => `My new address is ${f.location.streetAddress()}, ${f.location.city()}.`,
    (c, f) => `The ${f.commerce.productName()} costs ${price(c, f)}, which is a great deal.`,
    (c, f) => `Please call me at ${f.phone.number()} after ${c.int(1, 11)} pm.`,
    (c, f) => `See ${ordinaryUrl(c, f)} for details.`,
    (c, f) => `I found the answer here: ${ordinaryUrl(c, f)}`,
    (c, f) => `Great product, ${c.int(1, 5)} stars. ${f.lorem.sentence()}`,
    (c, f) => `Meeting with ${f.person.fullName()} on ${date(c, f)} at ${c.int(8, 18)}:00.`,
    (_c, f) => `${f.person.firstName()} said it's fine, don't worry about it.`,
    (_c, f) => `We're moving to ${f.location.city()} next month!`,
    (_c, f) => `Could you update my shipping address? ${f.location.streetAddress(true)}`,
    (c, f) => `Order #${c.int(10000, 999999)} - ${f.commerce.productName()} x${c.int(1, 5)}`,
    (_c, f) => `Happy birthday ${f.person.firstName()}! 🎉`,
    (_c, f) => `Where can I find the ${f.commerce.department().toLowerCase()} section?`,
    (_c, f) => `Thanks for your help, ${f.person.firstName()}. Have a nice day :)`,
    (c, _f) => `The documentation at ${c.pick(WELL_KNOWN_URLS)} explains how to configure it.`,
    (_c, _f) => `I'd like to cancel my subscription, please.`,
    (_c, f) =>
      `Is the ${f.commerce.productAdjective().toLowerCase()} version still available in ${f.color.human()}?`,
    (_c, f) => `${f.lorem.paragraph()}`,
    (c, f) => `Login fails with "invalid password" since ${date(c, f)}.`,
    (_c, f) => `Hi, this is ${f.person.fullName()} from ${f.company.name()}. Can we talk tomorrow?`,
    (c, f) => `Reminder: pay ${price(c, f)} by ${date(c, f)}.`,
    (c, _f) => c.pick(KEYWORD_SENTENCES),
    (c, f) =>
      `${c.pick(KEYWORD_SENTENCES)} ${c.pick(["", "please", "thanks", `by ${f.date.weekday()}`, `- ${f.person.firstName()}`])}`.trim(),
    (c, _f) => `${c.pick(KEYWORD_SENTENCES).toLowerCase()}${c.pick(["", ".", "!", "?"])}`,
    (c, f) =>
      `The page at ${ordinaryUrl(c, f)} ${c.pick(["is down", "does not load", "shows an error", "looks great"])}.`,
    (c, f) =>
      `${c.pick(["Website", "Link", "Repo", "Homepage", "Portfolio", "Docs", "Source"])}: ${ordinaryUrl(c, f)}`,
    (c, f) =>
      `Here is the ${c.pick(["report", "repo", "article", "form", "photo album"])}: ${ordinaryUrl(c, f)} - ${f.lorem.words(3)}`,
    (c, f) =>
      `${f.person.firstName()} shared ${ordinaryUrl(c, f)} ${c.pick(["yesterday", "in the chat", "with me"])}`,
    (c, f) => `${ordinaryUrl(c, f)} ${c.pick(["is our new site", "has the slides", "(see section 2)"])}`,
  ],
  held: [
    (c, f) => `My flight to ${f.location.city()} leaves on ${date(c, f)}; can I change the seat?`,
    (c, f) =>
      `${f.person.firstName()} & ${f.person.firstName()} are coming to dinner (${c.int(2, 8)} people).`,
    (c, f) => `Feedback: the checkout page at ${ordinaryUrl(c, f)} is slow.`,
  ],
};

/** One realistic benign text: a form field value or a sentence. */
export function benignText(c: Chooser): string {
  const f = fakerOf(c);
  return c.chance(0.6) ? c.branch(FIELDS)(c, f) : c.branch(SENTENCES)(c, f);
}
