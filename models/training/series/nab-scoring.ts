/**
 * NAB's scoring at one fixed threshold, as the kit in ../shared/tools/nab computes it (NAB v1.1:
 * sweeper.py, scorer.py), for the trainer's threshold choice, which must run synchronously inside
 * `npm run train`. Per file: the first 15 % of rows (at most 750) are probation and not scored; each
 * window counts its earliest detection, worth scaledSigmoid of its position (1 on the window's first
 * row, about 0 at its end), or costs fnWeight when missed; each detection outside windows costs
 * fpWeight, less just after a window. Normalised = 100 (raw - null) / (perfect - null), with
 * null = -fnWeight x windows and perfect = tpWeight x windows. The evaluation script checks this
 * against the kit on all of nab-dev.
 */

/** A NAB cost profile. */
export interface NabProfile {
  readonly tpWeight: number;
  readonly fpWeight: number;
  readonly fnWeight: number;
}

/** NAB's three profiles (config/profiles.json). */
export const NAB_PROFILES = {
  standard: { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 },
  lowFP: { tpWeight: 1, fpWeight: 0.22, fnWeight: 1 },
  lowFN: { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 },
} as const satisfies Record<string, NabProfile>;

/** One file's result. */
export interface NabFileScore {
  readonly raw: number;
  readonly windows: number;
  readonly windowsDetected: number;
  /** Detections outside windows after probation. */
  readonly falsePositives: number;
}

function scaledSigmoid(y: number): number {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

/** NAB's score of one file: `flagged(i)` says whether row i is a detection. */
export function nabFileScore(
  rows: number,
  windows: readonly (readonly [number, number])[],
  flagged: (row: number) => boolean,
  profile: NabProfile,
): NabFileScore {
  const probation = Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
  const maxTp = scaledSigmoid(-1);
  let raw = 0;
  let falsePositives = 0;
  let windowsScored = 0;
  let windowsDetected = 0;
  let w = 0;
  let prevRight = -1;
  let prevWidth = 0;
  let best = Number.NEGATIVE_INFINITY;
  let inWindow = false;
  const closeWindow = () => {
    windowsScored++;
    if (best === Number.NEGATIVE_INFINITY) raw -= profile.fnWeight;
    else {
      raw += best;
      windowsDetected++;
    }
  };
  for (let i = 0; i < rows; i++) {
    if (!inWindow && w < windows.length && i === windows[w][0]) {
      inWindow = true;
      best = Number.NEGATIVE_INFINITY;
    }
    const scored = i >= probation;
    if (inWindow) {
      const [a, b] = windows[w];
      if (scored && flagged(i)) {
        const width = b - a + 1;
        const value = (scaledSigmoid(-(b - i + 1) / width) * profile.tpWeight) / maxTp;
        if (value > best) best = value;
      }
      if (i === b) {
        // A window whose rows are all probationary is not scored at all, as in NAB.
        if (b >= probation) closeWindow();
        inWindow = false;
        prevRight = i;
        prevWidth = b - a + 1;
        w++;
      }
    } else if (scored && flagged(i)) {
      falsePositives++;
      raw +=
        prevRight < 0
          ? -profile.fpWeight
          : scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1)) * profile.fpWeight;
    }
  }
  return { raw, windows: windowsScored, windowsDetected, falsePositives };
}

/** Sums file results and normalises them the NAB way (null when there is no window). */
export function nabNormalised(results: readonly NabFileScore[], profile: NabProfile): number | null {
  const windows = results.reduce((s, r) => s + r.windows, 0);
  if (windows === 0) return null;
  const raw = results.reduce((s, r) => s + r.raw, 0);
  const nullScore = -profile.fnWeight * windows;
  return (100 * (raw - nullScore)) / (profile.tpWeight * windows - nullScore);
}
