/**
 * What the content graph sees of a text, reproduced exactly: onnxruntime's StringNormalizer
 * (LOWER, locale C.UTF-8) output, which its Tokenizer and rules read.
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
