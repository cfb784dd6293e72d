/**
 * ONNX graph of the content model, raw text in. A Scan over the batch runs, per text:
 * StringNormalizer (lowercase) -> Tokenizer (com.microsoft, char mode: one token per code point)
 * -> TfIdfVectorizer (n-gram counts) -> MatMul (class logits, plus a column of ones that sums the
 * counts) -> divide by sqrt(max(total, 1)); and RegexFullMatch per rule -> MatMul. Then, batched:
 * biases, score = ReduceLogSumExp(attack logits) - benign logit, probability, category (ArgMax
 * over the attack classes) and label.
 *
 * Why per row: the Tokenizer pads every row to the batch's longest, so one 64 KiB text in a batch
 * of 1000 would make a 1000 x 65536 string tensor; and a one-character pad that is in the
 * vocabulary corrupts batched counts (DESIGN.md), so the pad is "<pad>" anyway.
 */
import type { onnx } from "onnx-proto";
import { anyRulePattern, CONTENT_RULES, fullMatchPattern } from "../content-rules";
import type { ContentClassifierModel } from "../trained-model";
import { addLabel } from "./decision-nodes";
import { attribute, GraphBuilder, valueInfo } from "./graph-builder";
import { INPUT_NAME, OUTPUT_NAMES, signatureOf } from "./signature";

const FLOAT32 = 1;
const PAD = "<pad>";

/** Builds the content graph: outputs label, score, probability and category. */
export function contentClassifierGraph(model: ContentClassifierModel): onnx.IGraphProto {
  const k = model.classes.length;
  const graph = new GraphBuilder("content");
  const rowLogits = graph.op(
    "Scan",
    [INPUT_NAME],
    [attribute.graph("body", rowGraph(model)), attribute.int("num_scan_inputs", 1)],
  );
  const logits = graph.op("Add", [rowLogits, graph.floats("biases", model.biases, [1, k])]);
  const axis1 = graph.int64s("axis1", [1]);
  const benign = graph.op("Slice", [
    logits,
    graph.int64s("benign_start", [0]),
    graph.int64s("benign_end", [1]),
    axis1,
  ]);
  const attacks = graph.op("Slice", [
    logits,
    graph.int64s("attack_start", [1]),
    graph.int64s("attack_end", [k]),
    axis1,
  ]);
  const attackLse = graph.op("ReduceLogSumExp", [attacks, axis1], [attribute.int("keepdims", 0)]);
  const benignFlat = graph.op("Squeeze", [benign, axis1]);
  const score = graph.op("Sub", [attackLse, benignFlat], [], { outputs: [OUTPUT_NAMES.score] });
  graph.op("Sigmoid", [score], [], { outputs: [OUTPUT_NAMES.probability] });
  graph.op("ArgMax", [attacks], [attribute.int("axis", 1), attribute.int("keepdims", 0)], {
    outputs: [OUTPUT_NAMES.category],
  });
  addLabel(graph, score, model.threshold);
  const signature = signatureOf(model);
  return graph.build(signature.inputs, signature.outputs);
}

/** The n-gram pool in TfIdfVectorizer's layout: all 1-grams' tokens, then all 2-grams', and so on. */
function ngramPool(model: ContentClassifierModel): { pool: string[]; counts: number[] } {
  const pool: string[] = [];
  const counts: number[] = [];
  for (let n = 1; n <= model.maxGram; n++) {
    counts.push(pool.length);
    for (const gram of model.ngrams) if (gram.length === n) pool.push(...gram);
  }
  return { pool, counts };
}

/** The If branch for a text that fires some rule: each rule's 0/1 times its weights, [1, classes]. */
function rulesBranch(model: ContentClassifierModel, lower: string): onnx.IGraphProto {
  const k = model.classes.length;
  const branch = new GraphBuilder("rules");
  const matches = CONTENT_RULES.map((rule) =>
    branch.op(
      "Cast",
      [branch.op("RegexFullMatch", [lower], [attribute.string("pattern", fullMatchPattern(rule))])],
      [attribute.int("to", FLOAT32)],
    ),
  );
  const row = branch.op("Unsqueeze", [
    branch.op("Concat", matches, [attribute.int("axis", 0)]),
    branch.int64s("axis0", [0]),
  ]);
  branch.op(
    "MatMul",
    [row, branch.floats("weights", model.weights.slice(model.ngrams.length * k), [model.ruleCount, k])],
    [],
    {
      outputs: ["rule_logits"],
    },
  );
  return branch.build([], [{ name: "rule_logits", type: "float32", shape: [1, k] }]);
}

/** The If branch for a text that fires no rule: zero logits, [1, classes]. */
function noRulesBranch(k: number): onnx.IGraphProto {
  const branch = new GraphBuilder("no_rules");
  branch.op("Identity", [branch.floats("zeros", new Array<number>(k).fill(0), [1, k])], [], {
    outputs: ["no_rule_logits"],
  });
  return branch.build([], [{ name: "no_rule_logits", type: "float32", shape: [1, k] }]);
}

/** The Scan body: one scalar string in, its class logits (without biases) out. */
function rowGraph(model: ContentClassifierModel): onnx.IGraphProto {
  const k = model.classes.length;
  const f = model.ngrams.length;
  const body = new GraphBuilder("row");
  const axis0 = body.int64s("axis0", [0]);
  const one = body.op("Unsqueeze", ["text", axis0]);
  const lower = body.op(
    "StringNormalizer",
    [one],
    [attribute.string("case_change_action", "LOWER"), attribute.string("locale", "C.UTF-8")],
  );
  const tokens = body.op(
    "Tokenizer",
    [lower],
    [
      attribute.strings("separators", [""]),
      attribute.int("mark", 0),
      attribute.string("pad_value", PAD),
      attribute.int("mincharnum", 1),
    ],
    { domain: "com.microsoft" },
  );
  const { pool, counts } = ngramPool(model);
  const ngramCounts = body.op(
    "TfIdfVectorizer",
    [tokens],
    [
      attribute.string("mode", "TF"),
      attribute.int("min_gram_length", 1),
      attribute.int("max_gram_length", model.maxGram),
      attribute.int("max_skip_count", 0),
      attribute.ints("ngram_counts", counts),
      attribute.ints(
        "ngram_indexes",
        model.ngrams.map((_, j) => j),
      ),
      attribute.strings("pool_strings", pool),
    ],
  );
  // One MatMul gives the logits and, through a column of ones, the counts' total.
  const withTotal: number[] = [];
  for (let j = 0; j < f; j++) withTotal.push(...model.weights.slice(j * k, (j + 1) * k), 1);
  const raw = body.op("MatMul", [ngramCounts, body.floats("ngram_weights", withTotal, [f, k + 1])]);
  const axis1 = body.int64s("axis1", [1]);
  const sums = body.op("Slice", [raw, body.int64s("logit_start", [0]), body.int64s("logit_end", [k]), axis1]);
  const total = body.op("Slice", [
    raw,
    body.int64s("total_start", [k]),
    body.int64s("total_end", [k + 1]),
    axis1,
  ]);
  const scale = body.op("Sqrt", [body.op("Max", [total, body.floats("one", [1], [])])]);
  const ngramLogits = body.op("Div", [sums, scale]);
  // Most texts fire no rule: one scan for all of them decides whether the per-rule scans run.
  const anyRule = body.op("RegexFullMatch", [lower], [attribute.string("pattern", anyRulePattern())]);
  const ruleLogits = body.op(
    "If",
    [anyRule],
    [
      attribute.graph("then_branch", rulesBranch(model, lower)),
      attribute.graph("else_branch", noRulesBranch(k)),
    ],
  );
  body.op("Squeeze", [body.op("Add", [ngramLogits, ruleLogits]), axis0], [], { outputs: ["row_logits"] });
  const built = body.build([], []);
  return {
    ...built,
    input: [valueInfo({ name: "text", type: "string", shape: [] })],
    output: [valueInfo({ name: "row_logits", type: "float32", shape: [k] })],
  };
}
