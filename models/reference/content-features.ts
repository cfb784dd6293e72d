/**
 * The content model's features as its graph computes them: the lowercased text (what the graph
 * sees, models/reference/text-analyzer.ts), its code points' n-grams counted against the
 * vocabulary, and the rule features. Shared by the trainer and the reference inference.
 */
import { ruleFeatures } from "../content-rules";
import { asSeenByGraph, lowercaseLikeGraph } from "./text-analyzer";

/** A text's features: vocabulary indices with their counts, the counts' total, and the rules. */
export interface ContentFeatures {
  readonly indices: number[];
  readonly counts: number[];
  /** Sum of the counts: n-grams of the text that are in the vocabulary. */
  readonly total: number;
  readonly rules: number[];
}

/** The text as the graph's Tokenizer sees it: lowercased code points. */
export function graphCodePoints(text: string): string[] {
  return Array.from(lowercaseLikeGraph(asSeenByGraph(text)));
}

/** Calls `visit` with every ASCII n-gram (1 to maxGram code points) of the code points. */
export function forEachAsciiNgram(
  points: readonly string[],
  maxGram: number,
  visit: (gram: string) => void,
): void {
  for (let i = 0; i < points.length; i++) {
    let gram = "";
    for (let n = 1; n <= maxGram && i + n <= points.length; n++) {
      const point = points[i + n - 1]!;
      if (point.length !== 1 || point.charCodeAt(0) > 0x7f) break;
      gram += point;
      visit(gram);
    }
  }
}

/** Counts the text's n-grams against a vocabulary index and evaluates the rules. */
export function contentFeatures(
  index: ReadonlyMap<string, number>,
  maxGram: number,
  text: string,
): ContentFeatures {
  const points = graphCodePoints(text);
  const counts = new Map<number, number>();
  let total = 0;
  forEachAsciiNgram(points, maxGram, (gram) => {
    const j = index.get(gram);
    if (j === undefined) return;
    counts.set(j, (counts.get(j) ?? 0) + 1);
    total += 1;
  });
  const indices = [...counts.keys()].sort((a, b) => a - b);
  return {
    indices,
    counts: indices.map((j) => counts.get(j)!),
    total,
    rules: ruleFeatures(points.join("")),
  };
}

/** The scale applied to n-gram counts: 1 / sqrt(max(total, 1)). */
export function countScale(total: number): number {
  return 1 / Math.sqrt(Math.max(total, 1));
}
