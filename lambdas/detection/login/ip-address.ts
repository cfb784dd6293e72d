/**
 * Source addresses of sign-ins: validation with node:net, one canonical spelling per address, and
 * the two groupings the login state keys on: the address a client signs in from (an IPv4 address,
 * or the IPv6 /64 a host's rotating privacy addresses share) and its network (IPv4 /24, IPv6 /48).
 */
import { isIPv4, isIPv6 } from "node:net";

/** A validated source address with its groupings. */
export interface SourceAddress {
  /** Canonical text: dotted IPv4, or eight zero-padded lowercase IPv6 groups. */
  readonly canonical: string;
  readonly family: 4 | 6;
  /** What per-address state is keyed by: the IPv4 address, or the IPv6 /64 ("2001:0db8:0001:0002::/64"). */
  readonly client: string;
  /** The network a user is said to sign in from: IPv4 /24 ("203.0.113.0/24") or IPv6 /48. */
  readonly network: string;
}

/** Longest address text accepted (a fully written IPv6 address with an embedded IPv4 is 45). */
export const MAX_ADDRESS_LENGTH = 45;

/** Parses an address; undefined when it is neither IPv4 nor IPv6 (zone ids such as %eth0 are refused). */
export function parseSourceAddress(text: string): SourceAddress | undefined {
  if (text.length === 0 || text.length > MAX_ADDRESS_LENGTH) return undefined;
  if (isIPv4(text)) return ipv4(text);
  if (!isIPv6(text) || text.includes("%")) return undefined;
  const groups = expandIPv6(text);
  // An IPv4-mapped address (::ffff:a.b.c.d) is an IPv4 client seen through a dual-stack socket.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [a, b] = [groups[6]!, groups[7]!];
    return ipv4(`${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`);
  }
  const hex = groups.map((g) => g.toString(16).padStart(4, "0"));
  return {
    canonical: hex.join(":"),
    family: 6,
    client: `${hex.slice(0, 4).join(":")}::/64`,
    network: `${hex.slice(0, 3).join(":")}::/48`,
  };
}

function ipv4(text: string): SourceAddress {
  const octets = text.split(".").map(Number);
  return {
    canonical: octets.join("."),
    family: 4,
    client: octets.join("."),
    network: `${octets.slice(0, 3).join(".")}.0/24`,
  };
}

/** The eight 16-bit groups of a valid IPv6 address (node:net has already accepted it). */
function expandIPv6(text: string): number[] {
  let body = text.toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(body);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    body = body.slice(0, dotted.index);
    // "::1.2.3.4" leaves "::", "64:ff9b::1.2.3.4" leaves "64:ff9b::", "1:2:3:4:5:6:1.2.3.4" leaves a ':'.
    if (body.endsWith(":") && !body.endsWith("::")) body = body.slice(0, -1);
  }
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
  const [head, rest] = body.split("::") as [string, string | undefined];
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - tail.length - left.length - right.length;
  return [...left, ...new Array<number>(Math.max(0, missing)).fill(0), ...right, ...tail];
}
