/**
 * ONNX graph of the content model, raw text in: a Scan over the batch runs, per text,
 * StringNormalizer (lowercase) -> Tokenizer (com.microsoft, RE2) -> TfIdfVectorizer (counts x idf);
 * then L2 normalisation, the logit (in float64) and Sigmoid.
 *
 * Why a Scan: the Tokenizer pads every row to the batch's longest token list, so one 64 KiB text in
 * a batch of 1000 would make a 1000 x 21000 string tensor (~0.8 GB, ~1 s). Per row it stays small.
 * Empty and token-less texts give the zero vector, hence score = intercept.
 */
import type { onnx } from "onnx-proto";
import { TOKEN_PATTERN } from "../reference/text-analyzer";
import { MIN_NORM } from "../reference/text-classifier";
import type { TextClassifierModel } from "../trained-model";
import { addLabel } from "./decision-nodes";
import { attribute, GraphBuilder, valueInfo } from "./graph-builder";
import { INPUT_NAME, OUTPUT_NAMES, signatureOf } from "./signature";

/** ONNX TensorProto.DataType codes used by the Casts. */
const FLOAT32 = 1;
const FLOAT64 = 11;

/** Pad token of the Tokenizer; it can never be a vocabulary word (tokens are word characters). */
const PAD = "#";

/** Builds the graph computing `score` (logit), `probability` and `label` from raw strings. */
export function textClassifierGraph(model: TextClassifierModel): onnx.IGraphProto {
  if (model.vocabulary.includes(PAD)) throw new Error(`the pad token ${PAD} is in the vocabulary`);
  const graph = new GraphBuilder("content");
  const tfidf = graph.op(
    "Scan",
    [INPUT_NAME],
    [attribute.graph("body", tfidfRowGraph(model)), attribute.int("num_scan_inputs", 1)],
  );
  const squares = graph.op("Mul", [tfidf, tfidf]);
  const sumOfSquares = graph.op(
    "ReduceSum",
    [squares, graph.int64s("axis1", [1])],
    [attribute.int("keepdims", 1)],
  );
  const norm = graph.op("Max", [
    graph.op("Sqrt", [sumOfSquares]),
    graph.floats("min_norm", [Math.fround(MIN_NORM)], []),
  ]);
  const normalised = graph.op("Div", [tfidf, norm]);
  // The logit in float64: float32 x float32 products are exact there, so a text whose block and
  // safe words cancel (e.g. "hello https") scores exactly 0 whatever the summation order, where a
  // float32 MatMul's fused multiply-adds left +5e-9 and blocked it.
  const wide = graph.op("Cast", [normalised], [attribute.int("to", FLOAT64)]);
  const products = graph.op("Mul", [wide, graph.doubles("weights", model.weights)]);
  const dot = graph.op(
    "ReduceSum",
    [products, graph.int64s("axis1_sum", [1])],
    [attribute.int("keepdims", 0)],
  );
  const logit = graph.op("Add", [dot, graph.doubles("intercept", [model.intercept], [])]);
  const score = graph.op("Cast", [logit], [attribute.int("to", FLOAT32)], { outputs: [OUTPUT_NAMES.score] });
  graph.op("Sigmoid", [score], [], { outputs: [OUTPUT_NAMES.probability] });
  addLabel(graph, score, 0);
  const signature = signatureOf(model);
  return graph.build(signature.inputs, signature.outputs);
}

/** The Scan body: one scalar string in, its TF-IDF vector (counts x idf, not normalised) out. */
function tfidfRowGraph(model: TextClassifierModel): onnx.IGraphProto {
  const body = new GraphBuilder("row");
  const axis0 = body.int64s("axis0", [0]);
  const batchOfOne = body.op("Unsqueeze", ["text", axis0]);
  const lower = body.op(
    "StringNormalizer",
    [batchOfOne],
    [attribute.string("case_change_action", "LOWER"), attribute.string("locale", "C.UTF-8")],
  );
  const tokens = body.op(
    "Tokenizer",
    [lower],
    [
      attribute.string("tokenexp", TOKEN_PATTERN),
      attribute.int("mark", 0),
      attribute.string("pad_value", PAD),
      attribute.int("mincharnum", 1),
    ],
    { domain: "com.microsoft" },
  );
  const vector = body.op(
    "TfIdfVectorizer",
    [tokens],
    [
      attribute.string("mode", "TFIDF"),
      attribute.int("min_gram_length", 1),
      attribute.int("max_gram_length", 1),
      attribute.int("max_skip_count", 0),
      attribute.ints("ngram_counts", [0]),
      attribute.ints(
        "ngram_indexes",
        model.vocabulary.map((_, j) => j),
      ),
      attribute.strings("pool_strings", model.vocabulary),
      attribute.floats("weights", model.idf),
    ],
  );
  body.op("Squeeze", [vector, axis0], [], { outputs: ["row_tfidf"] });
  const built = body.build([], []);
  return {
    ...built,
    input: [valueInfo({ name: "text", type: "string", shape: [] })],
    output: [valueInfo({ name: "row_tfidf", type: "float32", shape: [model.vocabulary.length] })],
  };
}
