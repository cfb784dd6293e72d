/**
 * The series detection core with its scorer injected: features -> raw scores -> decision -> one
 * result per point. `scoreSeries` (score-series.ts) plugs in the ONNX session; the trainer and the
 * tests plug in the TypeScript reference of the same model, so every door runs this one function.
 */
import { decideSeries } from "./series-decision";
import { extractSeriesFeatures, FEATURE_PARAMETERS } from "./series-features";
import type { SeriesSettings } from "./series-settings";

/** One scored point. */
export interface SeriesScore {
  /** Epoch seconds. */
  readonly t: number;
  readonly value: number;
  /** 0..1, higher is more anomalous (a float32 value). */
  readonly score: number;
  /** 1 when score >= threshold. */
  readonly anomaly: 0 | 1;
  /** The range Helios expected for this point from the past alone: expected value +/- 3 spreads. */
  readonly expected: readonly [low: number, high: number];
}

/** Raw scores (probabilities) for `rows` rows of FEATURE_COUNT float32 features: the model's part. */
export type RawScorer = (features: Float32Array, rows: number) => Promise<Float32Array> | Float32Array;

/** Every intermediate of one run, for charts, evaluation and tests. */
export interface SeriesRun {
  readonly features: Float32Array;
  readonly rawScores: Float32Array;
  readonly scores: Float32Array;
  readonly expectedLow: Float64Array;
  readonly expectedHigh: Float64Array;
}

/** Runs the whole core on a series and keeps the intermediates (every point, from index 0). */
export async function runSeries(
  scorer: RawScorer,
  settings: SeriesSettings,
  timestamps: Float64Array,
  values: Float64Array,
): Promise<SeriesRun> {
  const n = values.length;
  const extracted = extractSeriesFeatures(timestamps, values);
  const rawScores = n === 0 ? new Float32Array(0) : await scorer(extracted.features, n);
  if (rawScores.length !== n)
    throw new Error(`the scorer returned ${rawScores.length} scores for ${n} points`);
  const scores = decideSeries(
    {
      timestamps,
      values,
      rawScores,
      deviation: extracted.deviation,
    },
    settings,
  );
  const expectedLow = new Float64Array(n);
  const expectedHigh = new Float64Array(n);
  const k = FEATURE_PARAMETERS.bandSpreads;
  for (let i = 0; i < n; i++) {
    expectedLow[i] = extracted.expected[i] - k * extracted.spread[i];
    expectedHigh[i] = extracted.expected[i] + k * extracted.spread[i];
  }
  return { features: extracted.features, rawScores, scores, expectedLow, expectedHigh };
}

/**
 * Scores a series causally: the result of point i depends on points 0..i only. Points before
 * `scoreFrom` are history: they are scored (the core needs them) but not returned.
 */
export async function scoreSeriesWith(
  scorer: RawScorer,
  settings: SeriesSettings,
  timestamps: Float64Array,
  values: Float64Array,
  scoreFrom = 0,
): Promise<SeriesScore[]> {
  if (timestamps.length !== values.length) {
    throw new Error(`${timestamps.length} timestamps but ${values.length} values`);
  }
  const run = await runSeries(scorer, settings, timestamps, values);
  const out: SeriesScore[] = [];
  for (let i = Math.max(0, scoreFrom); i < values.length; i++) {
    const score = run.scores[i];
    out.push({
      t: timestamps[i],
      value: values[i],
      score,
      anomaly: score >= settings.threshold ? 1 : 0,
      expected: [run.expectedLow[i], run.expectedHigh[i]],
    });
  }
  return out;
}
