/**
 * Realistic benign text: what people type into forms, in many languages and scripts. Values come
 * from @faker-js/faker (seeded, with a fixed reference date, so deterministic) and from Helios's own
 * sentence templates. Held-out branches are locales and templates kept for evaluation.
 */
import {
  type Faker,
  fakerAR,
  fakerCS_CZ,
  fakerDA,
  fakerDE,
  fakerEL,
  fakerEN_AU,
  fakerEN_GB,
  fakerEN_IN,
  fakerEN_US,
  fakerES,
  fakerES_MX,
  fakerFA,
  fakerFI,
  fakerFR,
  fakerHE,
  fakerHU,
  fakerHY,
  fakerID_ID,
  fakerIT,
  fakerJA,
  fakerKA_GE,
  fakerKO,
  fakerNL,
  fakerPL,
  fakerPT_BR,
  fakerPT_PT,
  fakerRO,
  fakerRU,
  fakerSV,
  fakerTH,
  fakerTR,
  fakerUK,
  fakerUR,
  fakerVI,
  fakerZH_CN,
  fakerZH_TW,
} from "@faker-js/faker";
import { chatMessage } from "./benign-chat";
import { WEB_FIELDS } from "./benign-web-text";
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
    fakerNL,
    fakerSV,
    fakerDA,
    fakerFI,
    fakerRO,
    fakerID_ID,
    fakerZH_TW,
    fakerES_MX,
    fakerPT_PT,
    fakerEN_AU,
    fakerUR,
    fakerHY,
  ],
  valid: [fakerCS_CZ, fakerHU, fakerKA_GE],
  held: [fakerEL, fakerUK, fakerVI, fakerTH, fakerFA, fakerEN_IN],
};

/** Seeds every faker instance from the chooser (call once per generator run). */
export function seedFakers(c: Chooser): void {
  for (const f of [...LOCALES.train, ...LOCALES.valid, ...LOCALES.held]) {
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
    (c, f) =>
      `${c.chance(0.5) ? `${f.person.firstName().toLowerCase()}.` : ""}${c.pick(APOSTROPHE_NAMES).toLowerCase()}@${c.pick(["gmail.com", "example.ie", "outlook.com", "web.de", f.internet.domainName()])}`,
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
    (_, f) => f.location.state(),
    (_, f) => f.commerce.isbn(),
    (c, f) => `${f.location.streetAddress()}${c.pick([", Apt. ", " #", ", Suite ", " / "])}${c.int(1, 999)}`,
    (c, f) =>
      `${f.person.firstName()} ${f.person.lastName()} <${f.internet.email()}>${c.pick(["", `, ${f.internet.email()}`])}`,
    (c, f) =>
      JSON.stringify({
        user: { id: c.int(1, 99999), name: f.person.fullName(), tags: [f.word.noun(), f.word.noun()] },
        active: c.chance(0.5),
      }),
    (c, f) => JSON.stringify([{ sku: f.string.alphanumeric(6).toUpperCase(), qty: c.int(1, 9) }]),
  ],
  valid: [
    (_, f) => f.airline.airport().name,
    (_, f) => f.animal.dog(),
    (c, f) =>
      JSON.stringify({ query: f.commerce.productName(), page: c.int(1, 20), filters: { inStock: true } }),
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

/** Instructions a support agent or a web page gives, full of calls to action that are not spam. */
const UI_INSTRUCTIONS = [
  "Click Save to continue",
  "Click the blue button at the top",
  "Check the box to accept the terms",
  "Check your inbox for the confirmation",
  "Visit our store on Main Street",
  "Download the app from the App Store",
  "Sign up for the newsletter on our website",
  "Order now and pick it up tomorrow",
  "Open the attachment and sign page 2",
  "Go to Settings > Account > Password",
  "Verify your email address to finish signing up",
  "Log in with your company account",
  "Watch the recording when you have time",
  "Apply now for the summer internship",
  "Claim your luggage at belt 5",
  "Update your address in your profile",
  "Follow the instructions in the manual",
  "Hurry, the bus leaves at 8",
  "Don't miss the team lunch on Friday",
  "Limited seats, register early",
];

/** Verbs that are SQL, shell or JavaScript keywords too, as buttons and forms use them. */
const UI_VERBS = [
  "Select",
  "Choose",
  "Pick",
  "Drop",
  "Update",
  "Delete",
  "Insert",
  "Create",
  "Order",
  "Set",
  "Grant",
  "Load",
  "Print",
  "Type",
  "Enter",
  "Execute",
  "Run",
  "Join",
  "Alter",
  "Sleep",
  "Kill",
  "Echo",
  "Ping",
  "Find",
  "Sort",
  "Group",
  "Copy",
  "Move",
  "Remove",
  "Show",
  "Exit",
  "Submit",
  "Reset",
  "Replace",
  "Confirm",
  "Alert",
  "Open",
  "Close",
];
const UI_OBJECTS = [
  "Next",
  "Save",
  "OK",
  "Cancel",
  "your seat",
  "the date",
  "a size",
  "the file",
  "a colour",
  "all",
  "one",
  "none",
  "the first option",
  "your country",
  "a payment method",
  "language",
  "Continue",
  "the photo",
  "your plan",
  "Settings",
  "the table",
  "user",
  "from the list",
  "by date",
  "by name",
  "a password",
  "the order",
  "me a line",
  "in",
  "out",
  "here",
];

/** A button label, menu item or short instruction: "Select Next", "Drop the file here". */
function uiPhrase(c: Chooser, f: Faker): string {
  const object = c.chance(0.7) ? c.pick(UI_OBJECTS) : f.word.noun();
  const verb = c.pick(UI_VERBS);
  const phrase = `${c.chance(0.2) ? verb.toLowerCase() : verb} ${object}`;
  return `${phrase}${c.pick(["", "", ".", "!", " to continue", " please", ` and ${c.pick(UI_VERBS).toLowerCase()} ${c.pick(UI_OBJECTS)}`, " >", " (optional)"])}`;
}

/** Everyday sentences in other languages: thanks, meetings, UI instructions and ordinary links. */
const MULTILINGUAL: readonly ((c: Chooser, f: Faker) => string)[] = [
  (c, f) =>
    c.pick([
      "¿Puedes enviarme la factura?",
      "Nos vemos mañana a las 5",
      "Gracias por tu ayuda",
      `Mira las fotos: ${ordinaryUrl(c, f)}`,
      "Haz clic en «Guardar» para terminar",
      "El pedido llegó roto, ¿qué hago?",
    ]),
  (c, f) =>
    c.pick([
      "Merci pour votre aide",
      "Cliquez sur « Enregistrer » pour valider",
      `Voir ${ordinaryUrl(c, f)} pour plus d'infos`,
      "Rendez-vous demain à 10h",
      "Vous avez gagné du temps avec ce tuto",
    ]),
  (c, f) =>
    c.pick([
      "Vielen Dank für Ihre Hilfe",
      "Klicken Sie auf „Speichern“",
      `Details unter ${ordinaryUrl(c, f)}`,
      "Bis morgen um 9 Uhr",
      "Der Eintritt ist kostenlos",
    ]),
  (c, f) =>
    c.pick([
      "Grazie mille",
      "Clicca su Salva per continuare",
      "Ci vediamo domani",
      `Il link è ${ordinaryUrl(c, f)}`,
      "Ingresso gratis per i bambini",
    ]),
  (c, f) =>
    c.pick([
      "Obrigado pela ajuda",
      "Clique em Salvar",
      `Veja ${ordinaryUrl(c, f)}`,
      "Até amanhã!",
      "A entrega é grátis",
    ]),
  (c, f) => c.pick(["Bedankt voor je hulp", "Klik op Opslaan", `Zie ${ordinaryUrl(c, f)}`, "Tot morgen"]),
  (c, f) =>
    c.pick([
      "Спасибо за помощь",
      "Увидимся завтра",
      `Подробности: ${ordinaryUrl(c, f)}`,
      "Нажмите «Сохранить»",
    ]),
  (c, f) =>
    c.pick(["ありがとうございます", "明日また連絡します", `詳細は ${ordinaryUrl(c, f)} を参照してください`]),
  (c, f) => c.pick(["谢谢你的帮助", "明天见", `请看 ${ordinaryUrl(c, f)}`]),
  (c, f) => c.pick(["شكرا لمساعدتك", "أراك غدا", `التفاصيل هنا ${ordinaryUrl(c, f)}`]),
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
    (c, f) => `${c.pick(UI_INSTRUCTIONS)}${c.pick(["", ".", `, ${f.person.firstName()}`, " please"])}`,
    (c, f) => c.pick(MULTILINGUAL)(c, f),
    (c, f) => c.pick(MULTILINGUAL)(c, f),
    (c, _f) =>
      `${c.pick(["Register", "Sign up", "Buy tickets", "Join us"])} ${c.pick(["at", "on", "here:"])} ${c.pick(WELL_KNOWN_URLS)}${c.pick(["", " - free for students", " before Friday"])}`,
    (c, f) =>
      `${c.pick(["You won", "We won", "Congratulations, you won"])} ${c.pick(["the raffle", "first prize in the chess tournament", "the office bake-off"])}, ${f.person.firstName()}!`,
    (c, f) =>
      `${c.pick(["Free", "Cheap", "Discounted"])} ${c.pick(["parking", "coffee", "entry", "shipping"])} ${c.pick(["on Sundays", "for members", "until 10 am", "over $50"])}${c.pick(["", ` - ${ordinaryUrl(c, f)}`])}`,
  ],
  valid: [
    (c, f) =>
      `${c.pick(["Dziękuję za pomoc", "Kliknij Zapisz, żeby kontynuować", "Do zobaczenia jutro"])}${c.pick(["", ` ${ordinaryUrl(c, f)}`])}`,
    (c, _f) =>
      `${c.pick(["Tap", "Press", "Select"])} ${c.pick(["Settings", "the gear icon", "Next"])} ${c.pick(["to continue", "and then Save", ""])}`.trim(),
  ],
  held: [
    (c, f) => `My flight to ${f.location.city()} leaves on ${date(c, f)}; can I change the seat?`,
    (c, f) =>
      `${f.person.firstName()} & ${f.person.firstName()} are coming to dinner (${c.int(2, 8)} people).`,
    (c, f) => `Feedback: the checkout page at ${ordinaryUrl(c, f)} is slow.`,
  ],
};

/** One realistic benign text: a form field value, a technical value, a chat message or a sentence. */
export function benignText(c: Chooser): string {
  const f = fakerOf(c);
  const kind = c.random.nextDouble();
  if (kind < 0.42) return c.branch(FIELDS)(c, f);
  if (kind < 0.57) return c.branch(WEB_FIELDS)(c, f);
  if (kind < 0.72) return chatMessage(c);
  if (kind < 0.77) return uiPhrase(c, f);
  return c.branch(SENTENCES)(c, f);
}
