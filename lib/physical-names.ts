/**
 * Physical names: the one place every Helios construct asks for the name of a resource it names
 * itself (the stack, HeliosAlerts, the alarms, HeliosDashboard, and tables, functions, rules or
 * schedules that name themselves). The `namePrefix` setting prefixes them all, so a second copy
 * of Helios (staging) can live beside production, and beside the HeliosAlerts, HeliosAlarm and
 * HeliosDashboard the prototype's guide had its users create by hand, in one account and region.
 */
import { Stack } from "aws-cdk-lib";
import { Construct, type IConstruct } from "constructs";
import { SettingsError } from "./settings/helios-settings";

/** The names Helios uses when no prefix is set (the prototype's names, kept on purpose). */
export const BASE_NAMES = {
  /** The CloudFormation stack. */
  stack: "HeliosStack",
  /** The SNS topic every alert goes to. */
  alertTopic: "HeliosAlerts",
  /** The CPU composite alarm. */
  heliosAlarm: "HeliosAlarm",
  /** Start of every Helios alarm name; the alert topic lets only alarms named so publish. */
  alarmPrefix: "Helios",
  /** The CloudWatch dashboard. */
  dashboard: "HeliosDashboard",
  /** The REST API (API Gateway does not need it unique, but the console lists APIs by it). */
  restApi: "Helios",
} as const;

/** A service's rule for one kind of name. */
export interface NameRule {
  /** The service's word for it, for error messages. */
  readonly what: string;
  readonly maxLength: number;
  /** The characters the service accepts (and, for stacks, how the name must start). */
  readonly pattern: RegExp;
}

/** The naming rules of every kind of resource Helios names, from each service's API reference. */
export const NAME_RULES = {
  stack: { what: "CloudFormation stack name", maxLength: 128, pattern: /^[A-Za-z][A-Za-z0-9-]*$/ },
  topic: { what: "SNS topic name", maxLength: 256, pattern: /^[A-Za-z0-9_-]+$/ },
  // CloudWatch accepts any UTF-8 but control characters; Helios keeps alarm names printable ASCII.
  alarm: { what: "CloudWatch alarm name", maxLength: 255, pattern: /^[\x20-\x7e]+$/ },
  dashboard: { what: "CloudWatch dashboard name", maxLength: 255, pattern: /^[A-Za-z0-9_-]+$/ },
  restApi: { what: "API Gateway REST API name", maxLength: 1024, pattern: /^[\x20-\x7e]+$/ },
  table: { what: "DynamoDB table name", maxLength: 255, pattern: /^[A-Za-z0-9_.-]{3,}$/ },
  function: { what: "Lambda function name", maxLength: 64, pattern: /^[A-Za-z0-9_-]+$/ },
  rule: { what: "EventBridge rule name", maxLength: 64, pattern: /^[A-Za-z0-9._-]+$/ },
  schedule: { what: "EventBridge Scheduler schedule name", maxLength: 64, pattern: /^[A-Za-z0-9._-]+$/ },
} as const satisfies Record<string, NameRule>;

/** A kind of named resource. */
export type NameKind = keyof typeof NAME_RULES;

/**
 * The physical name of a resource: `base`, or `<prefix>-<base>` with a prefix. Throws a
 * SettingsError naming the prefix when the result breaks the service's rules (too long).
 */
export function physicalName(prefix: string | undefined, kind: NameKind, base: string): string {
  const name = prefix ? `${prefix}-${base}` : base;
  const rule: NameRule = NAME_RULES[kind];
  if (name.length > rule.maxLength || !rule.pattern.test(name)) {
    const why =
      name.length > rule.maxLength
        ? `${name.length} characters, over the ${rule.maxLength} allowed`
        : `characters outside ${rule.pattern}`;
    throw new SettingsError([
      `namePrefix: the ${rule.what} "${name}" has ${why}; choose a shorter prefix of letters, digits and hyphens`,
    ]);
  }
  return name;
}

const NAMES_ID = "PhysicalNames";

/**
 * The naming of one Helios stack. Constructs ask `PhysicalNames.of(this)`; the stack creates it
 * with the `namePrefix` setting, and a stack that did not (a construct tested on its own) gets
 * today's names.
 */
export class PhysicalNames extends Construct {
  /** The prefix every name starts with (then a hyphen); undefined for today's names. */
  readonly prefix: string | undefined;

  /** The naming of the stack `scope` is in. */
  static of(scope: IConstruct): PhysicalNames {
    const stack = Stack.of(scope);
    const found = stack.node.tryFindChild(NAMES_ID);
    return found instanceof PhysicalNames ? found : new PhysicalNames(stack, undefined);
  }

  /** Sets the naming of `stack`; call it before any construct asks for a name. */
  constructor(stack: Stack, prefix: string | undefined) {
    super(stack, NAMES_ID);
    this.prefix = prefix;
  }

  /** The physical name of a resource of this stack, e.g. `name("topic", BASE_NAMES.alertTopic)`. */
  name(kind: NameKind, base: string): string {
    return physicalName(this.prefix, kind, base);
  }

  /** The start of every alarm name of this stack (the remediator's alarm rule matches it). */
  get alarmNamePrefix(): string {
    return this.name("alarm", BASE_NAMES.alarmPrefix);
  }

  /** The alarm-name pattern (with `*`) that matches this stack's alarms and no other copy's. */
  get alarmNamePattern(): string {
    return `${this.alarmNamePrefix}*`;
  }
}
