/**
 * The world sign-ins come from, drawn once per population: shared office and VPN egress addresses,
 * mobile carriers' address pools, home networks, browsers and their user-agent strings, and the
 * hosting ranges attackers rent. Addresses are random public-looking IPv4 and IPv6 ranges; none is
 * taken from any real list.
 */
import type { Draw } from "./draw";

/** A browser on a device; its user-agent string changes when the browser updates. */
export interface Browser {
  readonly os: string;
  readonly family: "chrome" | "firefox" | "safari" | "edge";
  readonly version: number;
}

/** The user-agent string of a browser. */
export function userAgentOf(browser: Browser): string {
  const v = browser.version;
  switch (browser.family) {
    case "chrome":
      return `Mozilla/5.0 (${browser.os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
    case "edge":
      return `Mozilla/5.0 (${browser.os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.0.0`;
    case "firefox":
      return `Mozilla/5.0 (${browser.os}; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`;
    case "safari":
      return `Mozilla/5.0 (${browser.os}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v}.0 Safari/605.1.15`;
  }
}

const OPERATING_SYSTEMS = [
  "Windows NT 10.0; Win64; x64",
  "Macintosh; Intel Mac OS X 10_15_7",
  "X11; Linux x86_64",
  "X11; Ubuntu; Linux x86_64",
  "iPhone; CPU iPhone OS 18_1 like Mac OS X",
  "Linux; Android 15; Pixel 9",
] as const;

/** A random everyday browser. */
export function drawBrowser(draw: Draw): Browser {
  const family = draw.weighted<Browser["family"]>([
    ["chrome", 6],
    ["firefox", 2],
    ["safari", 2],
    ["edge", 2],
  ]);
  const version = {
    chrome: draw.int(128, 133),
    edge: draw.int(128, 133),
    firefox: draw.int(130, 135),
    safari: draw.int(17, 18),
  }[family];
  return { os: draw.pick(OPERATING_SYSTEMS), family, version };
}

/** User agents of scripted attack tools (and none at all). */
export const TOOL_AGENTS = [
  "python-requests/2.32.3",
  "curl/8.11.0",
  "Go-http-client/1.1",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
  "okhttp/4.12.0",
] as const;

/** A random public-looking IPv4 /24 prefix ("a.b.c"), avoiding private, loopback and multicast space. */
export function drawIPv4Prefix(draw: Draw): string {
  for (;;) {
    const a = draw.int(1, 223);
    if (a === 10 || a === 127 || a === 100 || a === 169 || a === 172 || a === 192) continue;
    return `${a}.${draw.int(0, 255)}.${draw.int(0, 255)}`;
  }
}

/** A random global-unicast IPv6 /48 prefix ("2a01:4f8:1c1c"). */
export function drawIPv6Prefix(draw: Draw): string {
  const hex = () => draw.int(0, 0xffff).toString(16);
  return `${draw.pick(["2001", "2a01", "2a02", "2600", "2603", "2406", "2c0f"])}:${hex()}:${hex()}`;
}

/** A host inside a /24 or /48 prefix. */
export function hostIn(draw: Draw, prefix: string): string {
  if (prefix.includes(":")) {
    const hex = () => draw.int(0, 0xffff).toString(16);
    return `${prefix}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;
  }
  return `${prefix}.${draw.int(1, 254)}`;
}

/** A network a user signs in from: a fixed list of addresses, or a pool of prefixes a carrier hands out. */
export interface NetworkSource {
  readonly kind: "office" | "vpn" | "home" | "mobile" | "hotel";
  /** Draws the address of one session. */
  readonly address: (draw: Draw) => string;
}

/** A fixed set of egress addresses (an office's NAT, a VPN exit): many users share them. */
export function egress(draw: Draw, kind: "office" | "vpn", ipv6: boolean): NetworkSource {
  const prefix = ipv6 ? drawIPv6Prefix(draw) : drawIPv4Prefix(draw);
  const addresses = [hostIn(draw, prefix), hostIn(draw, prefix)];
  return { kind, address: (d) => d.pick(addresses) };
}

/** A mobile carrier: each session lands on a random address of a pool of prefixes (CGNAT, or IPv6 /48s). */
export function carrier(draw: Draw, ipv6: boolean, prefixes: number): NetworkSource {
  const pool = Array.from({ length: prefixes }, () => (ipv6 ? drawIPv6Prefix(draw) : drawIPv4Prefix(draw)));
  return { kind: "mobile", address: (d) => hostIn(d, d.pick(pool)) };
}

/** A home line: one prefix, whose host part the ISP changes now and then. */
export function homeLine(draw: Draw, ipv6: boolean): NetworkSource {
  const prefix = ipv6 ? drawIPv6Prefix(draw) : drawIPv4Prefix(draw);
  const hosts = [hostIn(draw, prefix), hostIn(draw, prefix)];
  return { kind: "home", address: (d) => (d.chance(0.9) ? hosts[0]! : hosts[1]!) };
}
