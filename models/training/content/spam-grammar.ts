/**
 * Spam link texts from a grammar written for Helios: a call to action or a lure (prizes, money,
 * pills, crypto, adult, fake security warnings), in English and several other languages, with a
 * link whose host is suspicious (spammy words, cheap TLDs, URL shorteners, bare or encoded IPs,
 * punycode, look-alike brands, brand names in a subdomain or before an @), or a contact that
 * replaces the link (messenger links, an e-mail address, a premium number); in plain, shouting or
 * obfuscated spellings (hxxp, [.], spaced dots). Held-out branches are calls, lures, TLDs,
 * shorteners and obfuscations kept for validation and test.
 */
import type { Branches, Chooser } from "./grammar";

const CALLS: Branches<string> = {
  train: [
    "click",
    "click here",
    "click now",
    "check",
    "check this",
    "check it out",
    "visit",
    "go to",
    "buy now at",
    "order now",
    "get it at",
    "claim your prize at",
    "download",
    "download now",
    "sign up at",
    "join now",
    "act now",
    "see",
    "open",
    "CLICK HERE",
    "look",
    "watch",
    "hurry",
    "limited offer",
    "don't miss",
    "try",
    "register at",
    "grab yours",
    "last chance",
    "apply now",
    "verify your account at",
    "login here",
    "update your details at",
    "get started at",
    "start earning at",
    "collect your reward",
    "activate at",
    "details here",
    "more info",
    "reply YES and visit",
    "shop now",
    "subscribe at",
    "haz clic aqui",
    "haga clic en",
    "visita",
    "cliquez ici",
    "rendez-vous sur",
    "jetzt klicken",
    "hier klicken",
    "clicca qui",
    "clique aqui",
    "acesse",
    "klik hier",
    "перейдите по ссылке",
  ],
  valid: ["kliknij tutaj", "press here", "see details at", "hemen tikla"],
  held: ["tap", "redeem at", "unlock it at", "follow the link", "confirm at"],
};
const LURES: Branches<string> = {
  train: [
    "cheap viagra",
    "cheap cialis",
    "free iphone",
    "free samsung galaxy",
    "you won $1000",
    "you have won a £1000 prize",
    "earn $500 a day from home",
    "lose 10 kg in a week",
    "hot singles near you",
    "free bitcoin",
    "double your crypto",
    "casino bonus 200%",
    "free spins",
    "cheap meds no prescription",
    "congratulations you are our winner",
    "your account is suspended",
    "your account has been locked",
    "unusual sign-in activity",
    "your parcel is waiting",
    "your package could not be delivered",
    "free gift card",
    "$100 walmart gift card",
    "make money fast",
    "work from home",
    "replica watches",
    "best loan rates",
    "instant loan approved",
    "100% free",
    "exclusive deal",
    "xxx videos",
    "you have 1 new message",
    "win a free vacation",
    "claim your reward",
    "cheap followers",
    "buy likes",
    "investment opportunity 300% return",
    "password expired",
    "urgent",
    "FREE!!!",
    "limited time only",
    "act fast, only 3 left",
    "earn money online",
    "get rich quick",
    "weight loss pills",
    "enlarge",
    "sexy girls waiting",
    "private photos",
    "crypto giveaway",
    "elon musk bitcoin giveaway",
    "airdrop: claim 500 tokens",
    "your apple id is locked",
    "netflix payment failed",
    "final notice",
    "you are selected",
    "90% off designer bags",
    "ray-ban 80% off",
    "gana dinero desde casa",
    "has ganado un premio",
    "oferta exclusiva",
    "vous avez gagne",
    "offre exclusive",
    "gagnez de l'argent",
    "Sie haben gewonnen",
    "kostenlos",
    "Geld verdienen von zu Hause",
    "hai vinto",
    "guadagna soldi",
    "voce ganhou",
    "ganhe dinheiro",
    "gratis",
    "вы выиграли",
  ],
  valid: ["wygrales nagrode", "payday advance", "your mailbox is full", "cheap pharmacy"],
  held: ["pre-approved credit", "refinance now", "unclaimed tax refund", "miracle cure", "nigerian prince"],
};
const SPAM_WORDS = [
  "spam",
  "malware",
  "free",
  "prize",
  "winner",
  "cheap",
  "pills",
  "casino",
  "bonus",
  "crypto",
  "loan",
  "deal",
  "promo",
  "offer",
  "cash",
  "money",
  "gift",
  "win",
  "lucky",
  "click",
  "bit",
  "secure-login",
  "account-verify",
  "update",
  "rx",
  "meds",
  "hot",
  "xxx",
  "dating",
  "bet",
  "invest",
  "profit",
  "reward",
  "claim",
  "giveaway",
  "sale",
  "discount",
  "earn",
  "rich",
  "fast",
  "viagra",
  "pharma",
  "slots",
  "poker",
  "coin",
  "token",
  "airdrop",
  "wallet",
  "verify",
  "signin",
  "support",
  "service",
  "alert",
  "security",
  "track",
  "parcel",
  "delivery",
  "outlet",
  "replica",
  "shop",
  "girls",
  "adult",
  "cams",
  "sex",
  "lotto",
];
const TLDS: Branches<string> = {
  train: [
    "biz",
    "xyz",
    "top",
    "click",
    "win",
    "loan",
    "ru",
    "tk",
    "info",
    "online",
    "site",
    "club",
    "work",
    "buzz",
    "com",
    "net",
    "cn",
    "ml",
    "ga",
    "cf",
    "pw",
    "gq",
    "icu",
    "live",
    "store",
    "shop",
    "vip",
    "fun",
    "space",
    "website",
    "life",
    "link",
    "best",
    "mobi",
    "cc",
    "us",
    "su",
    "men",
    "date",
    "review",
    "stream",
    "download",
    "racing",
    "party",
    "xin",
    "kim",
    "country",
    "gdn",
    "science",
    "trade",
    "accountant",
    "faith",
    "cricket",
    "today",
    "world",
    "asia",
    "cyou",
    "quest",
    "lol",
  ],
  valid: ["host", "ooo", "uno", "hair"],
  held: ["rest", "cam", "monster", "sbs", "bid"],
};
const SHORTENERS: Branches<string> = {
  train: [
    "bit.ly",
    "tinyurl.com",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "t.co",
    "cutt.ly",
    "rb.gy",
    "shorturl.at",
    "tiny.cc",
    "buff.ly",
    "v.gd",
    "rebrand.ly",
    "bitly.com",
    "adf.ly",
    "shorte.st",
    "clck.ru",
    "qr.co",
  ],
  valid: ["lnkd.in", "x.co", "tr.im"],
  held: ["bl.ink", "t.ly", "s.id"],
};
const BRANDS = [
  "paypal",
  "apple",
  "amazon",
  "netflix",
  "microsoft",
  "bank",
  "dhl",
  "fedex",
  "google",
  "facebook",
  "instagram",
  "chase",
  "wellsfargo",
  "usps",
  "ups",
  "office365",
  "outlook",
  "icloud",
  "binance",
  "coinbase",
  "metamask",
  "steam",
  "whatsapp",
  "ebay",
];
/** Letters a look-alike domain swaps in (rn for m, 0 for o, 1 for l). */
const LOOKALIKES: readonly [string, string][] = [
  ["o", "0"],
  ["l", "1"],
  ["m", "rn"],
  ["a", "4"],
  ["e", "3"],
  ["i", "1"],
  ["w", "vv"],
];

function letters(c: Chooser, length: number): string {
  return Array.from({ length }, () => "abcdefghijklmnopqrstuvwxyz"[c.int(0, 25)]).join("");
}

function ipv4(c: Chooser): string {
  return `${c.int(11, 223)}.${c.int(0, 255)}.${c.int(0, 255)}.${c.int(1, 254)}`;
}

function host(c: Chooser): string {
  const word = c.pick(SPAM_WORDS);
  const brand = c.pick(BRANDS);
  switch (c.int(0, 11)) {
    case 0:
      return `${word}.${c.branch(TLDS)}`;
    case 1:
      return `${word}-${c.pick(SPAM_WORDS)}.${c.branch(TLDS)}`;
    case 2:
      return `${word}${c.int(1, 999)}.${c.branch(TLDS)}`;
    case 3:
      return `${brand}-${c.pick(["login", "secure", "verify", "support", "account", "update", "help", "id"])}.${c.branch(TLDS)}`;
    case 4:
      return `www.${word}${c.pick(SPAM_WORDS)}.${c.branch(TLDS)}`;
    case 5:
      return c.chance(0.7) ? ipv4(c) : `${ipv4(c)}:${c.pick(["8080", "8000", "443", "81", "8888"])}`;
    case 6:
      // A brand in the subdomain of a domain that is not the brand's.
      return `${brand}.com.${c.pick(["secure", "login", "verify", "account"])}-${c.pick(SPAM_WORDS)}.${c.branch(TLDS)}`;
    case 7:
      return `xn--${letters(c, c.int(3, 8))}-${letters(c, 3)}${c.int(0, 9)}${letters(c, 1)}.${c.branch(TLDS)}`;
    case 8: {
      const [from, to] = c.pick(LOOKALIKES);
      const fake = brand.includes(from) ? brand.replace(from, to) : `${brand}-${word}`;
      return `${fake}${c.pick(["", "-login", "-secure", "s"])}.${c.branch(TLDS)}`;
    }
    case 9:
      return `${c.pick(["login", "secure", "account", "verify", "m"])}.${brand}.${c.pick(SPAM_WORDS)}-${c.int(1, 99)}.${c.branch(TLDS)}`;
    case 10:
      return `${letters(c, c.int(5, 12))}.${c.branch(TLDS)}`;
    default:
      return `${word}${c.pick(["", "-", "."])}${c.pick(["online", "now", "today", "24", "club", "zone", "hub"])}.${c.branch(TLDS)}`;
  }
}

function path(c: Chooser): string {
  if (c.chance(0.5)) return "";
  return (
    c.pick([
      "/",
      "/win",
      "/free",
      "/?ref=",
      "/offer.php?id=",
      "/login",
      "/claim",
      "/x",
      "/promo/",
      "/index.html",
      "/go?u=",
      "/verify",
      "/account/update",
      "/?utm_source=sms&id=",
      "/track?n=",
      "/r/",
      "/bonus",
      "/signin.php",
      "/wp-content/",
      "/l/",
      "/?c=",
    ]) + (c.chance(0.5) ? String(c.int(1, 99999)) : "")
  );
}

function link(c: Chooser): string {
  const roll = c.random.nextDouble();
  if (roll < 0.18)
    return `${c.pick(["http://", "https://", "", "www."])}${c.branch(SHORTENERS)}/${c.pick(["a", "x", "3fKz", "win", "Ab9", "free", "Qx7r", "promo", "9kLm"])}${c.int(0, 999)}`;
  if (roll < 0.24)
    // The part before @ is only a user name: the browser goes to the host after it.
    return `http${c.pick(["", "s"])}://${c.pick(BRANDS)}.com${c.pick(["", "-login", "/secure"])}@${c.chance(0.5) ? ipv4(c) : host(c)}${path(c)}`;
  if (roll < 0.28)
    return `http://${c.pick([`0x${c.int(0x0b000000, 0xdf000000).toString(16)}`, String(c.int(184549376, 3741319167)), `0${c.int(100, 337)}.0${c.int(0, 377)}.0.${c.int(1, 254)}`])}${path(c)}`;
  return `${c.pick(["http://", "https://", "http://", "www.", "", "HTTP://"])}${host(c)}${path(c)}`;
}

/** A way to reach the spammer that is not a web link. */
function contact(c: Chooser): string {
  return c.pick([
    `t.me/${c.pick(SPAM_WORDS)}${c.pick(["_vip", "bot", "official", "signals", "24"])}`,
    `wa.me/${c.int(1, 99)}${c.int(100000000, 999999999)}`,
    `whatsapp +${c.int(1, 99)} ${c.int(100, 999)} ${c.int(1000000, 9999999)}`,
    `telegram @${c.pick(SPAM_WORDS)}_${c.pick(["king", "pro", "master", "support"])}`,
    `${c.pick(SPAM_WORDS)}${c.int(1, 99)}@${c.pick(SPAM_WORDS)}-${c.pick(["claims", "office", "desk"])}.${c.branch(TLDS)}`,
    `call 09${c.int(10000000, 99999999)}`,
    `text ${c.pick(["WIN", "CLAIM", "YES", "PRIZE", "GO"])} to ${c.int(10000, 89999)}`,
  ]);
}

const OBFUSCATIONS: Branches<(url: string) => string> = {
  train: [
    (u) => u.replace("http", "hxxp"),
    (u) => u.replaceAll(".", "[.]"),
    (u) => u.replaceAll(".", " . "),
    (u) => u.replaceAll(".", " dot "),
    (u) => u.replaceAll(".", "[dot]"),
    (u) => u.replace("://", " : // "),
    (u) => u.replace("://", "[:]//"),
    (u) => u.toUpperCase(),
    (u) => u.replace("http", "hxxp").replaceAll(".", "[.]"),
    (u) => u.replaceAll(".", "%2e"),
    (u) => u.replace(/^(https?:\/\/|www\.)?/, ""),
  ],
  valid: [(u) => u.replaceAll(".", "(dot)"), (u) => u.replaceAll(".", ". ")],
  held: [(u) => u.replaceAll(".", "(.)"), (u) => u.replaceAll(".", "{dot}"), (u) => [...u].join(" ")],
};

/** The families of the grammar. */
const FAMILIES: Readonly<Record<string, (c: Chooser) => string>> = {
  callToAction: (c) => `${c.branch(CALLS)} ${link(c)}`,
  lure: (c) =>
    c.pick([
      `${c.branch(LURES)} ${link(c)}`,
      `${c.branch(LURES)}! ${c.branch(CALLS)} ${link(c)}`,
      `${c.branch(LURES)} - ${link(c)} ${c.pick(["", "!!!", "now", "today only"])}`,
      `${link(c)} ${c.branch(LURES)}`,
      `${c.branch(LURES)}. ${c.branch(CALLS)}: ${link(c)}`,
      `${c.branch(LURES)} 👉 ${link(c)}`,
      `${c.branch(LURES)}\n${link(c)}`,
    ]),
  obfuscated: (c) =>
    `${c.chance(0.7) ? `${c.branch(CALLS)} ` : `${c.branch(LURES)} `}${c.branch(OBFUSCATIONS)(link(c))}`,
  multiLink: (c) =>
    Array.from({ length: c.int(2, 5) }, () => `${c.chance(0.5) ? `${c.branch(LURES)} ` : ""}${link(c)}`).join(
      c.pick([" ", "\n", " | ", ", "]),
    ),
  html: (c) =>
    c.pick([
      `<a href="${link(c)}">${c.branch(LURES)}</a>`,
      `[url=${link(c)}]${c.branch(LURES)}[/url]`,
      `[${c.branch(LURES)}](${link(c)})`,
      `<a href=${link(c)}>${c.branch(CALLS)}</a> ${c.branch(LURES)}`,
      `[url]${link(c)}[/url] ${c.branch(LURES)}`,
    ]),
  shouting: (c) => `${c.branch(LURES).toUpperCase()}!!! ${c.branch(CALLS).toUpperCase()} ${link(c)} $$$`,
  comment: (c) =>
    // Blog and forum comment spam: a compliment, then the link.
    `${c.pick(["Great post!", "Nice article, thanks.", "Very informative.", "I agree!", "Thanks for sharing.", "Awesome blog!"])} ${c.pick(["Check my site", "Visit my blog", "See my page", "My site"])}: ${link(c)} ${c.chance(0.5) ? c.branch(LURES) : ""}`.trim(),
  contact: (c) =>
    c.pick([
      `${c.branch(LURES)}! ${c.pick(["contact", "message", "write to", "reach"])} ${contact(c)}`,
      `${c.branch(LURES)} ${contact(c)} ${c.pick(["", "now", "today", "to claim"])}`.trim(),
      `${c.branch(CALLS)} ${link(c)} or ${contact(c)}`,
    ]),
};

/** The spam families, by name. */
export const SPAM_FAMILIES = Object.keys(FAMILIES);

/** One spam text of the given family. */
export function spamPayload(c: Chooser, family: string): string {
  return FAMILIES[family]!(c);
}
