/**
 * Spam link texts from a grammar written for Helios: a call to action or a lure (prizes, money,
 * pills, crypto, adult, fake security warnings) with a link whose host is suspicious (spammy
 * words, cheap TLDs, URL shorteners, bare IPs, look-alike brands), in plain, shouting or obfuscated
 * spellings (hxxp, [.], spaced dots). Held-out branches are TLDs, lures and obfuscations.
 */
import type { Branches, Chooser } from "./grammar";

const CALLS: Branches<string> = {
  train: [
    "click",
    "click here",
    "check",
    "check this",
    "visit",
    "go to",
    "buy now at",
    "order now",
    "get it at",
    "claim your prize at",
    "download",
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
  ],
  held: ["tap", "redeem at", "unlock it at", "follow the link", "confirm at"],
};
const LURES: Branches<string> = {
  train: [
    "cheap viagra",
    "free iphone",
    "you won $1000",
    "earn $500 a day from home",
    "lose 10 kg in a week",
    "hot singles near you",
    "free bitcoin",
    "double your crypto",
    "casino bonus 200%",
    "cheap meds no prescription",
    "congratulations you are our winner",
    "your account is suspended",
    "your parcel is waiting",
    "free gift card",
    "make money fast",
    "work from home",
    "replica watches",
    "best loan rates",
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
  ],
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
  ],
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
  ],
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
];

function host(c: Chooser): string {
  const word = c.pick(SPAM_WORDS);
  const shape = c.int(0, 5);
  if (shape === 0) return `${word}.${c.branch(TLDS)}`;
  if (shape === 1) return `${word}-${c.pick(SPAM_WORDS)}.${c.branch(TLDS)}`;
  if (shape === 2) return `${word}${c.int(1, 999)}.${c.branch(TLDS)}`;
  if (shape === 3)
    return `${c.pick(BRANDS)}-${c.pick(["login", "secure", "verify", "support", "account"])}.${c.branch(TLDS)}`;
  if (shape === 4) return `www.${word}${c.pick(SPAM_WORDS)}.${c.branch(TLDS)}`;
  return `${c.int(11, 223)}.${c.int(0, 255)}.${c.int(0, 255)}.${c.int(1, 254)}`;
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
    ]) + (c.chance(0.5) ? String(c.int(1, 99999)) : "")
  );
}

function link(c: Chooser): string {
  if (c.chance(0.2))
    return `${c.pick(["http://", "https://", ""])}${c.branch(SHORTENERS)}/${c.pick(["a", "x", "3fKz", "win", "Ab9", "free"])}${c.int(0, 999)}`;
  return `${c.pick(["http://", "https://", "http://", "www.", ""])}${host(c)}${path(c)}`;
}

const OBFUSCATIONS: Branches<(url: string) => string> = {
  train: [
    (u) => u.replace("http", "hxxp"),
    (u) => u.replaceAll(".", "[.]"),
    (u) => u.replaceAll(".", " . "),
    (u) => u.replaceAll(".", " dot "),
    (u) => u.replace("://", " : // "),
    (u) => u.toUpperCase(),
  ],
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
    ]),
  shouting: (c) => `${c.branch(LURES).toUpperCase()}!!! ${c.branch(CALLS).toUpperCase()} ${link(c)} $$$`,
};

/** The spam families, by name. */
export const SPAM_FAMILIES = Object.keys(FAMILIES);

/** One spam text of the given family. */
export function spamPayload(c: Chooser, family: string): string {
  return FAMILIES[family]!(c);
}
