/**
 * Builds the watcher's series scorers from the series model named by the environment: the model
 * bytes (S3 or the local models/ folder, sha256-checked by the model loader) and each series
 * detector's manifest numbers, bound to the series detection core.
 */
import type { Environment } from "../runtime/runtime-config";
import type { SeriesScorers } from "./series-scorer";

/** Loads the scorers; rejects with what is missing. */
export async function loadSeriesScorers(_env: Environment, _signal?: AbortSignal): Promise<SeriesScorers> {
  // The series detection core (lambdas/detection/series, issue 10) is not on main yet.
  throw new Error("the series detection core is not available in this build");
}
