/**
 * The deploy-time settings of the Helios stack: what each one means, its default, and how a
 * CDK context value (`-c key=value` on the command line, or `context` in cdk.json) is checked.
 * Every problem is reported at synth time, all at once, before any resource is built, including
 * a key that looks like a setting but is none (a typo would otherwise be silently ignored).
 * A setting is known by being read in readAll below: add new settings there (read unconditionally),
 * never with tryGetContext elsewhere, or a user's value for them is refused as unknown.
 */
import { MODEL_IDS } from "../../lambdas/catalog";
import {
  parseRemediationSettings,
  type RemediationSettings,
} from "../../lambdas/remediation/remediation-settings";
import {
  checkPlan,
  DEFAULT_HISTORY_DAYS,
  DEFAULT_SCHEDULE_MINUTES,
  MAX_HISTORY_DAYS,
  type Parsed,
  parseScheduleMinutes,
  parseWatchList,
  parseWatchTag,
  type WatchedMetric,
  type WatchTag,
} from "../../lambdas/watcher/watch-config";
import { SELF_RUN_RUNBOOKS } from "../constructs/runbook-permissions";

/** Processor architecture of the detector functions. */
export type FunctionArchitecture = "x86_64" | "arm64";

/** Every deploy-time setting, with its default applied. */
export interface HeliosSettings {
  /**
   * Prefix of every physical name (`<prefix>-HeliosAlerts`, `<prefix>-HeliosStack`, ...), for a
   * second copy in one account and region, or beside the prototype's hand-made resources.
   * @default - none: HeliosStack, HeliosAlerts, HeliosAlarm, HeliosDashboard
   */
  readonly namePrefix?: string;
  /** Email address subscribed to the HeliosAlerts topic. @default - no subscription */
  readonly alertEmail?: string;
  /** EC2 instance whose CPUUtilization HeliosAlarm also watches and the dashboard shows. @default - none */
  readonly monitoredInstanceId?: string;
  /** Percent CPUUtilization of the monitored instance above which HeliosAlarm fires. @default 80 */
  readonly cpuAlarmThreshold: number;
  /** Anomalies of one detector within 5 minutes that raise its anomaly alarm. @default 1 */
  readonly anomalyAlarmThreshold: number;
  /** Minutes after an alert in which further anomalies of the same detector and resource are counted, not emailed (0: every one). @default 15 */
  readonly alertCooldownMinutes: number;
  /** API stage throttling: steady-state requests per second. @default 50 */
  readonly throttleRateLimit: number;
  /** API stage throttling: burst capacity in requests. @default 100 */
  readonly throttleBurstLimit: number;
  /** Memory of each detector function in MB (Lambda gives CPU in proportion). @default 1024 */
  readonly memorySize: number;
  /** Timeout of each function in seconds, below API Gateway's 29 s integration limit. @default 10 */
  readonly timeoutSeconds: number;
  /** Architecture of the functions and of the onnxruntime layer. @default "x86_64" */
  readonly architecture: FunctionArchitecture;
  /** Days that function, API access and execution logs are kept. @default 30 */
  readonly logRetentionDays: number;
  /** Model id (a detector's name for its reading model) to the S3 version id to pin (rollback); others use the latest. @default {} */
  readonly modelVersionIds: Readonly<Record<string, string>>;
  /**
   * manifest.json that describes the pinned versions (from the same deploy, or from git history):
   * the functions check the pinned bytes against its sha256. @default - the current models/manifest.json
   */
  readonly pinnedModelManifest?: string;
  /**
   * Whether the stack sets the account's API Gateway CloudWatch Logs role, which execution
   * logging needs; turn off when the account already has one managed elsewhere. @default true
   */
  readonly apiGatewayCloudWatchRole: boolean;
  /** CloudWatch metrics the watcher scores on its schedule. @default - none */
  readonly watch?: readonly WatchedMetric[];
  /** EC2 tag (key=value) whose running instances the watcher discovers and watches at every run. @default - none */
  readonly watchTag?: WatchTag;
  /** Minutes between watcher runs. @default 5 */
  readonly watchSchedule: number;
  /** Days of history each watcher run reads and scores. @default 7 */
  readonly watchHistoryDays: number;
  /**
   * Self-healing: what the remediator may do when the watcher or a Helios alarm finds an incident
   * on an opted-in resource. @default - none: no remediation resources are deployed
   */
  readonly remediation?: RemediationSettings;
}

/** The defaults of every setting that has one. */
export const DEFAULT_SETTINGS = {
  cpuAlarmThreshold: 80,
  anomalyAlarmThreshold: 1,
  alertCooldownMinutes: 15,
  throttleRateLimit: 50,
  throttleBurstLimit: 100,
  memorySize: 1024,
  timeoutSeconds: 10,
  architecture: "x86_64",
  logRetentionDays: 30,
  modelVersionIds: {},
  apiGatewayCloudWatchRole: true,
  watchSchedule: DEFAULT_SCHEDULE_MINUTES,
  watchHistoryDays: DEFAULT_HISTORY_DAYS,
} as const satisfies Omit<
  HeliosSettings,
  | "namePrefix"
  | "alertEmail"
  | "monitoredInstanceId"
  | "pinnedModelManifest"
  | "remediation"
  | "watch"
  | "watchTag"
>;

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** One or more context settings that cannot be used; the message lists every problem. */
export class SettingsError extends Error {
  /** One line per problem, each naming the context key. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid Helios context settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SettingsError";
    this.problems = problems;
  }
}

/** CDK context: every key and value the app was given (App.node.getAllContext() fits). */
export type Context = Readonly<Record<string, unknown>>;

// A pragmatic address check: one @, no spaces, a dot in the domain. SNS sends a confirmation
// mail anyway; this catches typos such as a missing @ before a deploy is attempted.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// EC2 instance ids: "i-" and 8 (older) or 17 hex digits.
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
// A file path: anything printable without line breaks; whether it exists is checked when it is read.
const FILE_PATH = /^[^\n\r]+$/;
// S3 version ids are opaque URL-safe tokens; "null" is the id of an object written before versioning.
const VERSION_ID = /^[A-Za-z0-9._-]{1,1024}$/;
// It starts the stack name (CloudFormation: a letter first) and every other name; at most 20
// characters keep the longest Helios name within the 64 that Lambda and EventBridge allow.
// Not "Helios…": the default copy's alarm rule and topic policy match names starting with "Helios",
// so a copy named "Helios2-Helios-…" would reach the default copy's remediator and topic.
const NAME_PREFIX = /^(?!Helios)[A-Za-z](?:[A-Za-z0-9-]{0,18}[A-Za-z0-9])?$/;

interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** Why the range is what it is, appended to the error. */
  readonly why?: string;
}

/**
 * Checks each setting, collecting problems instead of stopping at the first. Every key it is
 * asked for becomes a known setting, so a setting is known by being read: read every setting
 * unconditionally, or a user's value for it would be refused as unknown.
 */
class SettingsReader {
  readonly problems: string[] = [];
  readonly known = new Set<string>();

  constructor(private readonly context: Context) {}

  private raw(key: string): unknown {
    this.known.add(key);
    const value = Object.hasOwn(this.context, key) ? this.context[key] : undefined;
    // `-c key=` gives an empty string: treat it as "not set" rather than as a malformed value.
    return value === "" ? undefined : value;
  }

  text(key: string, pattern: RegExp, expected: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !pattern.test(value.trim())) {
      this.problems.push(`${key}: ${JSON.stringify(value)} is not ${expected}`);
      return undefined;
    }
    return value.trim();
  }

  number(key: keyof typeof DEFAULT_SETTINGS, fallback: number, rule: NumberRule): number {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const parsed =
      typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN;
    const valid =
      (typeof value === "number" || (typeof value === "string" && value.trim() !== "")) &&
      Number.isFinite(parsed) &&
      (!rule.integer || Number.isInteger(parsed)) &&
      parsed >= rule.min &&
      parsed <= rule.max;
    if (!valid) {
      const kind = rule.integer ? "an integer" : "a number";
      const why = rule.why ? ` (${rule.why})` : "";
      this.problems.push(
        `${key}: ${JSON.stringify(value)} is not ${kind} from ${rule.min} to ${rule.max}${why}`,
      );
      return fallback;
    }
    return parsed;
  }

  oneOf<T extends string | number>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const match = allowed.find((a) => String(a) === String(value).trim());
    if (match === undefined) {
      this.problems.push(`${key}: ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
      return fallback;
    }
    return match;
  }

  flag(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (value === true || value === "true") return true;
    if (value === false || value === "false") return false;
    this.problems.push(`${key}: ${JSON.stringify(value)} is not true or false`);
    return fallback;
  }

  /** A value checked by one of the watcher's parsers (shared with the function). */
  parsed<T>(key: string, parse: (raw: unknown, key: string) => Parsed<T>): T | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    const result = parse(value, key);
    if (!result.ok) {
      this.problems.push(...result.problems);
      return undefined;
    }
    return result.value;
  }

  remediation(key: string): RemediationSettings | undefined {
    const value = this.raw(key);
    if (value === undefined || value === "off") return undefined;
    const parsed = parseRemediationSettings(value);
    if (!parsed.ok) {
      this.problems.push(...parsed.problems.map((problem) => `${key}: ${problem}`));
      return undefined;
    }
    const { runbooks, automationAssumeRole } = parsed.value;
    const needRole = runbooks.filter((runbook) => !Object.hasOwn(SELF_RUN_RUNBOOKS, runbook));
    if (!automationAssumeRole && needRole.length > 0) {
      const known = Object.keys(SELF_RUN_RUNBOOKS).join(", ");
      this.problems.push(
        `${key}: runbook ${needRole.join(", ")} needs automationAssumeRole, the ARN of a role SSM Automation runs it as ` +
          `(without one a runbook runs with the remediator's own permissions, which Helios only knows for ${known})`,
      );
      return undefined;
    }
    return parsed.value;
  }

  versionIds(key: string): Readonly<Record<string, string>> {
    const value = this.raw(key);
    if (value === undefined) return {};
    let parsed: unknown = value;
    if (typeof value === "string") {
      try {
        parsed = JSON.parse(value);
      } catch {
        this.problems.push(`${key}: is not JSON; expected e.g. '{"cpu":"<S3 version id>"}'`);
        return {};
      }
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      this.problems.push(`${key}: expected a JSON object of model id to S3 version id`);
      return {};
    }
    const result: Record<string, string> = {};
    for (const [name, id] of Object.entries(parsed)) {
      if (!MODEL_IDS.includes(name)) {
        this.problems.push(`${key}: "${name}" is not a model id (known: ${MODEL_IDS.join(", ")})`);
      } else if (typeof id !== "string" || !VERSION_ID.test(id)) {
        this.problems.push(`${key}: the version id for "${name}" must be an S3 version id string`);
      } else {
        result[name] = id;
      }
    }
    return result;
  }
}

/** Reads every setting into a reader: the definitions of the settings, in the order the docs list them. */
function readAll(context: Context): { settings: HeliosSettings; reader: SettingsReader } {
  const r = new SettingsReader(context);
  const d = DEFAULT_SETTINGS;
  const namePrefix = r.text(
    "namePrefix",
    NAME_PREFIX,
    "a name prefix: 1-20 letters, digits and hyphens, starting with a letter but not with Helios (the default copy's names do), and not ending with a hyphen",
  );
  const alertEmail = r.text("alertEmail", EMAIL, "an email address");
  const monitoredInstanceId = r.text(
    "monitoredInstanceId",
    INSTANCE_ID,
    "an EC2 instance id like i-0123456789abcdef0",
  );
  const pinnedModelManifest = r.text("pinnedModelManifest", FILE_PATH, "a file path");
  const remediation = r.remediation("remediation");
  const settings: HeliosSettings = {
    ...(namePrefix ? { namePrefix } : {}),
    ...(alertEmail ? { alertEmail } : {}),
    ...(monitoredInstanceId ? { monitoredInstanceId } : {}),
    ...(pinnedModelManifest ? { pinnedModelManifest } : {}),
    ...(remediation ? { remediation } : {}),
    cpuAlarmThreshold: r.number("cpuAlarmThreshold", d.cpuAlarmThreshold, {
      min: 1,
      max: 100,
      integer: false,
      why: "a percentage",
    }),
    anomalyAlarmThreshold: r.number("anomalyAlarmThreshold", d.anomalyAlarmThreshold, {
      min: 1,
      max: 1_000_000,
      integer: true,
    }),
    alertCooldownMinutes: r.number("alertCooldownMinutes", d.alertCooldownMinutes, {
      min: 0,
      max: 1_440,
      integer: true,
      why: "minutes; 0 emails every anomalous request, at most a day",
    }),
    throttleRateLimit: r.number("throttleRateLimit", d.throttleRateLimit, {
      min: 1,
      max: 10_000,
      integer: false,
      why: "10000 is API Gateway's default account limit",
    }),
    throttleBurstLimit: r.number("throttleBurstLimit", d.throttleBurstLimit, {
      min: 1,
      max: 5_000,
      integer: true,
      why: "5000 is API Gateway's default account limit",
    }),
    memorySize: r.number("memorySize", d.memorySize, {
      min: 256,
      max: 10_240,
      integer: true,
      why: "ONNX Runtime and its model need at least 256 MB; Lambda allows up to 10240",
    }),
    timeoutSeconds: r.number("timeoutSeconds", d.timeoutSeconds, {
      min: 3,
      max: 29,
      integer: true,
      why: "a cold start needs a few seconds; API Gateway gives up after 29",
    }),
    architecture: r.oneOf("architecture", ["x86_64", "arm64"] as const, d.architecture),
    logRetentionDays: r.oneOf("logRetentionDays", LOG_RETENTION_DAYS, d.logRetentionDays),
    modelVersionIds: r.versionIds("modelVersionIds"),
    apiGatewayCloudWatchRole: r.flag("apiGatewayCloudWatchRole", d.apiGatewayCloudWatchRole),
    ...watchSettings(r),
  };
  r.problems.push(...combinationProblems(settings, r.problems));
  return { settings, reader: r };
}

/** The watcher's settings, read with the function's own parsers; the plan is checked as a whole. */
function watchSettings(
  r: SettingsReader,
): Pick<HeliosSettings, "watch" | "watchTag" | "watchSchedule" | "watchHistoryDays"> {
  const d = DEFAULT_SETTINGS;
  const watch = r.parsed("watch", parseWatchList);
  const watchTag = r.parsed("watchTag", parseWatchTag);
  const watchSchedule = r.parsed("watchSchedule", parseScheduleMinutes) ?? d.watchSchedule;
  const watchHistoryDays = r.number("watchHistoryDays", d.watchHistoryDays, {
    min: 1,
    max: MAX_HISTORY_DAYS,
    integer: true,
    why: "14 days at one minute is the series scorer's 20,160-point limit",
  });
  if (watch || watchTag) {
    r.problems.push(
      ...checkPlan({
        metrics: watch ?? [],
        ...(watchTag ? { tag: watchTag } : {}),
        scheduleSeconds: watchSchedule * 60,
        historySeconds: watchHistoryDays * 86_400,
      }).map((problem) => `watch: ${problem}`),
    );
    if (watchSchedule * 60 > (watchHistoryDays * 86_400) / 2) {
      r.problems.push("watchSchedule: runs must come at least twice per watchHistoryDays");
    }
  }
  return { ...(watch ? { watch } : {}), ...(watchTag ? { watchTag } : {}), watchSchedule, watchHistoryDays };
}

/** Settings valid one by one that cannot work together; only checked when each is valid alone. */
function combinationProblems(settings: HeliosSettings, problems: readonly string[]): string[] {
  const invalid = (key: string) => problems.some((p) => p.startsWith(`${key}:`));
  const found: string[] = [];
  const pinned = Object.keys(settings.modelVersionIds);
  if (settings.pinnedModelManifest && pinned.length === 0 && !invalid("modelVersionIds")) {
    found.push("pinnedModelManifest: only applies together with modelVersionIds");
  }
  if (pinned.length > 0 && !settings.pinnedModelManifest && !invalid("pinnedModelManifest")) {
    // The functions would check the older bytes against today's manifest: every request a 503.
    found.push(
      `modelVersionIds: pinning ${pinned.join(", ")} also needs pinnedModelManifest=<the manifest.json uploaded with those versions> ` +
        "(from the bucket's models/manifest.json versions, or git show <commit>:models/manifest.json); " +
        "without it the pinned models fail today's checksums and every request is a 503",
    );
  }
  const { throttleRateLimit: rate, throttleBurstLimit: burst } = settings;
  if (burst < rate && !invalid("throttleRateLimit") && !invalid("throttleBurstLimit")) {
    // The burst is the bucket's size: one smaller than a second of the rate throttles ordinary
    // clumps of requests (429) long before the rate is reached.
    found.push(
      `throttleBurstLimit: ${burst} is below throttleRateLimit ${rate}: the burst is how many requests API Gateway takes at once, ` +
        `so callers would get 429s well under the rate limit; set throttleBurstLimit to at least ${Math.ceil(rate)}, or lower throttleRateLimit`,
    );
  }
  return found;
}

/** The context key of every setting, in the order the docs list them (the order they are read). */
export const SETTING_KEYS: readonly string[] = [...readAll({}).reader.known];

/**
 * Context keys that look like Helios settings but are none. The CDK's own keys (feature flags
 * `@aws-cdk/...`, `aws:cdk:...`, lookups `availability-zones:...`, `acknowledged-issue-numbers`)
 * are namespaced or hyphenated and pass; a camelCase key, or one a few edits from a setting
 * (any case, hyphens or underscores), is refused, with the setting it was probably meant to be.
 */
export function unknownSettingProblems(keys: Iterable<string>, known: readonly string[]): string[] {
  const problems: string[] = [];
  const knownSet = new Set(known);
  for (const key of keys) {
    if (knownSet.has(key) || /[:/@.]/.test(key)) continue;
    const near = nearestSetting(key, known);
    if (near) {
      problems.push(
        `${key}: is not a Helios setting; did you mean ${near}? (setting names are case-sensitive)`,
      );
    } else if (/^[a-z][A-Za-z0-9]*$/.test(key)) {
      problems.push(`${key}: is not a Helios setting; the settings are ${known.join(", ")}`);
    }
  }
  return problems;
}

/** The setting `key` was probably meant to be: the same letters in any case, or at most two edits away. */
function nearestSetting(key: string, known: readonly string[]): string | undefined {
  const simple = (k: string) => k.toLowerCase().replace(/[-_\s]/g, "");
  const target = simple(key);
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(target, simple(candidate));
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Levenshtein distance (insertions, deletions, substitutions), by rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Reads and checks every Helios setting from CDK context, applying defaults. Throws a
 * SettingsError that lists every problem when any value is unusable, any key looks like a
 * mistyped setting, or settings contradict each other.
 */
export function readSettings(context: Context): HeliosSettings {
  const { settings, reader } = readAll(context);
  const problems = [...reader.problems, ...unknownSettingProblems(Object.keys(context), [...reader.known])];
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}
