/**
 * The watcher's HELIOS_MODELS holds every series detector's entry, and their `series` parameter
 * blocks are usually identical (one scorer, one decision, per-detector thresholds): three copies
 * of about 700 bytes each crowd Lambda's 4 KB environment. So an entry may name an earlier entry
 * whose `series` it shares (`"series": "cpu-series"`) instead of repeating it.
 */
import { isRecord } from "../runtime/is-record";

/** The models with each entry's `series` block replaced by the id of an earlier entry holding the same one. */
export function shareSeriesParameters<T extends { readonly entry: Readonly<Record<string, unknown>> }>(
  models: Readonly<Record<string, T>>,
): Record<string, T> {
  const seen = new Map<string, string>();
  const out: Record<string, T> = {};
  for (const [id, model] of Object.entries(models)) {
    const series = model.entry.series;
    if (!isRecord(series)) {
      out[id] = model;
      continue;
    }
    const text = JSON.stringify(series);
    const first = seen.get(text);
    if (first === undefined) {
      seen.set(text, id);
      out[id] = model;
    } else out[id] = { ...model, entry: { ...model.entry, series: first } };
  }
  return out;
}

/**
 * Entry `id` of parsed HELIOS_MODELS with a shared `series` block put back; a problem users can act
 * on when the named entry is missing or names another in turn.
 */
export function withSeriesParameters(
  models: Readonly<Record<string, unknown>>,
  id: string,
): { ok: true; entry: unknown } | { ok: false; problem: string } {
  const model = models[id];
  const entry = isRecord(model) ? model.entry : undefined;
  if (!isRecord(entry) || typeof entry.series !== "string") return { ok: true, entry };
  const named = entry.series;
  const other = Object.hasOwn(models, named) ? models[named] : undefined;
  const series = isRecord(other) && isRecord(other.entry) ? other.entry.series : undefined;
  if (!isRecord(series)) {
    return {
      ok: false,
      problem: `HELIOS_MODELS.${id}.entry.series names ${JSON.stringify(named)}, which has no series parameters of its own`,
    };
  }
  return { ok: true, entry: { ...entry, series } };
}
