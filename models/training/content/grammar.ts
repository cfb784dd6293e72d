/**
 * The small toolkit the content data generators are written with: seeded choices and the
 * encodings attackers wrap payloads in. Every choice draws from one SeededRandom, so a generator
 * called with the same seed writes the same texts on every machine.
 */
import type { SeededRandom } from "../random";

/** Which part of the corpus a generator writes: what the model learns from, what choices are made on, or the final test. */
export type CorpusSplit = "train" | "validation" | "test";

/**
 * A grammar branch's alternatives, split in three: `train` ones feed the model, `valid` ones only the
 * validation split (every choice is made there) and `held` ones only the test split, so both
 * measure payload shapes the model never saw, and no choice is measured on the test shapes.
 */
export interface Branches<T> {
  readonly train: readonly T[];
  readonly valid: readonly T[];
  readonly held: readonly T[];
}

/** Seeded choices over a SeededRandom, drawing the alternatives of one corpus split. */
export class Chooser {
  /** Wraps a seeded generator; `split` selects which unseen alternatives (if any) a branch may draw. */
  constructor(
    readonly random: SeededRandom,
    readonly split: CorpusSplit = "train",
  ) {}

  /** Whether an unseen (validation or test) alternative was drawn since the last resetUnseen(). */
  usedUnseen = false;

  /** Starts a new text for usedUnseen. */
  resetUnseen(): void {
    this.usedUnseen = false;
  }

  /**
   * One alternative of a split branch. For validation and test, half the draws take one of that
   * split's own unseen alternatives, so their texts mix unseen pieces with seen ones (usedUnseen
   * tells which texts have any).
   */
  branch<T>(branches: Branches<T>): T {
    const unseen = this.split === "validation" ? branches.valid : this.split === "test" ? branches.held : [];
    if (unseen.length > 0 && this.chance(0.5)) {
      this.usedUnseen = true;
      return this.pick(unseen);
    }
    return this.pick(branches.train);
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.random.nextInt(items.length)]!;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.random.nextDouble() < p;
  }

  /** A uniform integer in [low, high]. */
  int(low: number, high: number): number {
    return low + this.random.nextInt(high - low + 1);
  }

  /** `text` with each letter upper-cased with probability p (attackers mix case to dodge filters). */
  mixCase(text: string, p = 0.5): string {
    return [...text].map((c) => (this.chance(p) ? c.toUpperCase() : c)).join("");
  }
}

/** Every character percent-encoded (%xx, lower or upper hex). */
export function percentEncodeAll(text: string, upper = false): string {
  const hex = [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
  return upper ? hex.toUpperCase() : hex;
}

/** What a browser form or encodeURIComponent would send: reserved characters percent-encoded. */
export function percentEncodeReserved(text: string, spaceAsPlus = false): string {
  const encoded = encodeURIComponent(text)
    .replaceAll("'", "%27")
    .replaceAll("(", "%28")
    .replaceAll(")", "%29");
  return spaceAsPlus ? encoded.replaceAll("%20", "+") : encoded;
}

/** Percent-encoded twice (%253c for <). */
export function doublePercentEncode(text: string): string {
  return percentEncodeReserved(text).replaceAll("%", "%25");
}

/** Characters as HTML decimal or hex entities (&#60; / &#x3c;), optionally zero-padded. */
export function htmlEntities(text: string, hex: boolean, pad = 0): string {
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0)!;
      const digits = hex ? code.toString(16) : String(code);
      return `&#${hex ? "x" : ""}${digits.padStart(pad, "0")};`;
    })
    .join("");
}

/** Only <, >, " and & as named entities (what an HTML-escaping form would show). */
export function htmlEscape(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** A string as hex bytes, 0x-prefixed (SQL hex literals). */
export function hexLiteral(text: string): string {
  return `0x${[...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Base64 of a UTF-8 string. */
export function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}
