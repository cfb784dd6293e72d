/**
 * Everyday English chat and support messages from a small grammar written for Helios: questions,
 * requests, plans and opinions built from pronouns, verbs, objects, times and the function words
 * ("or", "and", "not", "like", "if", "from", "where") that SQL and shell share with English. The
 * attack grammars use those words too, so they must be common on the benign side.
 */
import type { Chooser } from "./grammar";

const SUBJECTS = [
  "I",
  "we",
  "you",
  "they",
  "my wife",
  "my boss",
  "the kids",
  "our team",
  "Anna",
  "the landlord",
];
const AUXILIARIES = ["can", "could", "should", "would", "will", "did", "do", "shall"];
const VERBS = [
  "send",
  "check",
  "fix",
  "order",
  "book",
  "cancel",
  "change",
  "update",
  "select",
  "drop",
  "pick up",
  "bring",
  "call",
  "print",
  "sign",
  "return",
  "move",
  "delete",
  "find",
  "try",
  "join",
  "cover",
  "share",
  "run",
  "clean",
  "copy",
  "load",
  "grab",
  "open",
  "close",
];
const OBJECTS = [
  "the invoice",
  "the report",
  "a table for four",
  "the tickets",
  "my order",
  "the heater",
  "the meeting",
  "the old photos",
  "the car",
  "the keys",
  "the slides",
  "a new password",
  "the booking",
  "the last page",
  "the files",
  "the parcel",
  "some coffee",
  "the kids",
  "the form",
  "my address",
  "the laptop",
  "the bill",
  "the playlist",
  "the flight",
  "the window seat",
  "one of them",
  "all of it",
  "it",
  "them",
  "that",
];
const TIMES = [
  "tomorrow",
  "today",
  "tonight",
  "by Friday",
  "next week",
  "at 5",
  "after lunch",
  "before 9 am",
  "on Monday",
  "later",
  "this weekend",
  "asap",
  "in 10 minutes",
  "at noon",
  "",
];
const OPINIONS = [
  "I like it",
  "not sure",
  "it works",
  "it doesn't work",
  "that's fine",
  "sounds good",
  "no idea",
  "too expensive",
  "it's broken",
  "love it",
  "not bad",
  "it's ok",
  "hard to say",
  "I don't mind",
];
const PLACES = [
  "the office",
  "the station",
  "home",
  "the gym",
  "the airport",
  "the shop on the corner",
  "the hotel",
  "school",
  "the park",
  "the cafe",
];

/** One chat or support message. */
export function chatMessage(c: Chooser): string {
  const s = c.pick(SUBJECTS);
  const verb = c.pick(VERBS);
  const object = c.pick(OBJECTS);
  const time = c.pick(TIMES);
  const end = c.pick(["", "?", ".", "!", " :)", " thanks", " please", " pls", " lol", "..."]);
  const message = c.pick([
    `${c.pick(AUXILIARIES)} ${s} ${verb} ${object} ${time}`.trim() + c.pick(["?", "?", " or not?", ""]),
    `${s} ${c.pick(["need to", "want to", "forgot to", "have to", "will", "can't", "didn't"])} ${verb} ${object} ${time}`.trim() +
      end,
    `${c.pick(["should we", "do you want to", "can we"])} ${verb} ${object} or ${c.pick(OBJECTS)}?`,
    `either ${c.pick(TIMES.filter((t) => t))} or ${c.pick(TIMES.filter((t) => t))} ${c.pick(["is fine", "works for me", "both ok"])}`,
    `${c.pick(OPINIONS)}${c.pick([", but", " and", " or", ", not", " if", " so"])} ${c.pick(OPINIONS).toLowerCase()}${end}`,
    `where ${c.pick(["are", "is", "were"])} ${c.pick([s, object])}${c.pick(["?", " now?", " from?"])}`,
    `I'm ${c.pick(["at", "near", "leaving", "going to", "coming from", "back from"])} ${c.pick(PLACES)}${c.pick(["", ", see you soon", ", call me", " -- 10 min", ". Where are you?"])}`,
    `${c.pick(["if", "when", "once"])} ${s} ${verb} ${object}, ${c.pick(["let me know", "tell me", "text me", "ping me"])}${end}`,
    `${c.pick(["yes", "no", "ok", "sure", "nope", "yep", "maybe"])}${c.pick([",", "", "!"])} ${c.pick(OPINIONS).toLowerCase()}${end}`,
    `${c.pick(["from", "between", "until"])} ${c.pick(["Monday", "9", "May", "noon"])} ${c.pick(["to", "and", "till"])} ${c.pick(["Friday", "5", "June", "6 pm"])} ${c.pick(["I'm away", "we're closed", "works", "is fine"])}${end}`,
    `${c.pick(["don't", "do not", "please don't"])} ${verb} ${object} ${c.pick(["yet", "without me", "again", "", "until I say so"])}`.trim() +
      end,
    `${c.pick(["is", "was"])} ${object} ${c.pick(["ready", "broken", "there", "paid", "on the table"])}${c.pick(["?", " or not?", " yet?"])}`,
  ]);
  return c.chance(0.15) ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}
