/**
 * The text analysis the content graph performs, reproduced exactly: what onnxruntime's
 * StringNormalizer (LOWER, locale C.UTF-8) and com.microsoft Tokenizer (RE2) see and produce.
 *
 * Where this differs from scikit-learn's TfidfVectorizer defaults (lowercase, token_pattern
 * (?u)\b\w\w+\b), it is on purpose, to match the graph:
 * - word characters are ASCII only ([A-Za-z0-9_]): RE2 rejects (?u) and its \w is ASCII, so
 *   "café" gives the token "caf" (scikit-learn: "café") and "日本語" gives none;
 * - lowercasing is glibc's towlower, code point by code point: "İ" (U+0130) becomes "i",
 *   where Python (and JavaScript) give "i" + U+0307;
 * - onnxruntime-node hands strings to the graph as C strings, so a text ends at its first
 *   U+0000. The runtime replaces U+0000 with a space before inference (models/content-input.ts).
 */

/** What the graph receives from onnxruntime-node: the text up to its first U+0000. */
export function asSeenByGraph(text: string): string {
  const nul = text.indexOf("\u0000");
  return nul === -1 ? text : text.slice(0, nul);
}

/** glibc towlower applied per code point, for everything that can turn into an ASCII letter. */
export function lowercaseLikeGraph(text: string): string {
  return text.replaceAll("\u0130", "i").toLowerCase();
}

/** The RE2 token pattern the graph's Tokenizer uses (scikit-learn's pattern without (?u)). */
export const TOKEN_PATTERN = "\\b\\w\\w+\\b";

const TOKEN_REGEX = new RegExp(TOKEN_PATTERN, "g");

/** The tokens the graph produces for one text: runs of two or more ASCII word characters after lowercasing. */
export function analyzeText(text: string): string[] {
  return lowercaseLikeGraph(asSeenByGraph(text)).match(TOKEN_REGEX) ?? [];
}
