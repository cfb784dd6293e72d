/**
 * The `remediation` context setting: what self-healing may do. The stack checks it at synth and
 * hands the checked value to the remediator function, which checks it again with this same code.
 * Without the setting there is no remediation at all (no function, no rules, no permissions).
 */

/** "dry-run" reports what would be done and touches nothing; "act" reboots and starts runbooks. */
export type RemediationMode = "dry-run" | "act";

/** What self-healing may do, with defaults applied. */
export interface RemediationSettings {
  /** Whether actions are taken or only reported. @default "dry-run" */
  readonly mode: RemediationMode;
  /** SSM Automation runbooks a `helios:remediate=ssm:<runbook>` tag may name. @default [] */
  readonly runbooks: readonly string[];
  /**
   * IAM role the runbooks run as (their AutomationAssumeRole parameter). Without it a runbook runs
   * with the remediator's own permissions. @default - none
   */
  readonly automationAssumeRole?: string;
  /** Most actions of one run (one watcher run, or the alarm changes of one minute). @default 3 */
  readonly maxActionsPerRun: number;
  /** Least time between two actions on one resource, in minutes. @default 60 */
  readonly minIntervalMinutes: number;
}

/** The defaults of the settings that have one. */
export const DEFAULT_REMEDIATION = {
  mode: "dry-run",
  runbooks: [],
  maxActionsPerRun: 3,
  minIntervalMinutes: 60,
} as const satisfies Omit<RemediationSettings, "automationAssumeRole">;

/** Bounds of the numeric settings, with why. */
export const REMEDIATION_LIMITS = {
  maxActionsPerRun: { min: 1, max: 50 },
  // An instance needs minutes to reboot or restart; a week is the longest a team would wait.
  minIntervalMinutes: { min: 10, max: 10_080 },
} as const;

/** SSM document names (CreateDocument's pattern). */
export const RUNBOOK_NAME = /^[A-Za-z0-9_.-]{3,128}$/;

/** An IAM role ARN in any partition. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** The checked settings, or every problem found (each naming its field). */
export type RemediationSettingsResult =
  | { readonly ok: true; readonly value: RemediationSettings }
  | { readonly ok: false; readonly problems: readonly string[] };

/** What a user may write instead of the JSON object: the mode alone. */
const SHORTHANDS: Readonly<Record<string, RemediationMode>> = { "dry-run": "dry-run", act: "act" };

const FIELDS = ["mode", "runbooks", "automationAssumeRole", "maxActionsPerRun", "minIntervalMinutes"];

function integerIn(
  problems: string[],
  field: keyof typeof REMEDIATION_LIMITS,
  value: unknown,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const { min, max } = REMEDIATION_LIMITS[field];
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${field}: ${JSON.stringify(value)} is not an integer from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

function runbookList(problems: string[], value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`runbooks: expected a list of SSM document names, e.g. ["AWS-RestartEC2Instance"]`);
    return [];
  }
  const names: string[] = [];
  for (const name of value) {
    if (typeof name !== "string" || !RUNBOOK_NAME.test(name)) {
      problems.push(`runbooks: ${JSON.stringify(name)} is not an SSM document name`);
    } else if (!names.includes(name)) {
      names.push(name);
    }
  }
  return names;
}

/**
 * Checks a `remediation` value: a JSON object (or its text, as `-c remediation=...` gives it), or
 * the shorthand "dry-run" / "act" for that mode with every other field at its default.
 */
export function parseRemediationSettings(raw: unknown): RemediationSettingsResult {
  let value: unknown = raw;
  if (typeof raw === "string") {
    const text = raw.trim();
    const mode = SHORTHANDS[text];
    if (mode) return { ok: true, value: { ...DEFAULT_REMEDIATION, mode } };
    try {
      value = JSON.parse(text);
    } catch {
      return {
        ok: false,
        problems: [
          `is neither "dry-run", "act" nor JSON like '{"mode":"act","runbooks":["AWS-RestartEC2Instance"]}'`,
        ],
      };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problems: ['expected a JSON object, e.g. {"mode":"dry-run"}'] };
  }
  const fields = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(fields)) {
    if (!FIELDS.includes(key))
      problems.push(`"${key}" is not a remediation field (known: ${FIELDS.join(", ")})`);
  }
  let mode: RemediationMode = DEFAULT_REMEDIATION.mode;
  if (fields.mode !== undefined) {
    if (fields.mode === "dry-run" || fields.mode === "act") mode = fields.mode;
    else problems.push(`mode: ${JSON.stringify(fields.mode)} is not "dry-run" or "act"`);
  }
  const role = fields.automationAssumeRole;
  if (role !== undefined && (typeof role !== "string" || !ROLE_ARN.test(role))) {
    problems.push(`automationAssumeRole: ${JSON.stringify(role)} is not an IAM role ARN`);
  }
  const settings: RemediationSettings = {
    mode,
    runbooks: runbookList(problems, fields.runbooks),
    ...(typeof role === "string" && ROLE_ARN.test(role) ? { automationAssumeRole: role } : {}),
    maxActionsPerRun: integerIn(
      problems,
      "maxActionsPerRun",
      fields.maxActionsPerRun,
      DEFAULT_REMEDIATION.maxActionsPerRun,
    ),
    minIntervalMinutes: integerIn(
      problems,
      "minIntervalMinutes",
      fields.minIntervalMinutes,
      DEFAULT_REMEDIATION.minIntervalMinutes,
    ),
  };
  if (settings.automationAssumeRole && settings.runbooks.length === 0) {
    problems.push("automationAssumeRole: only applies together with runbooks");
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: settings };
}
