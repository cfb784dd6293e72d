/**
 * The opt-in tag: a resource is remediated only if it carries `helios:remediate`, and its value
 * says what to do. IAM enforces the same tag (a condition on aws:ResourceTag), so the values are
 * matched exactly, as IAM's StringEquals matches them: "Reboot" or " reboot" is no opt-in.
 */
import type { Parsed } from "./event-fields";
import { RUNBOOK_NAME } from "./remediation-settings";

/** The tag key a resource opts in with. */
export const REMEDIATE_TAG_KEY = "helios:remediate";

/** Tag value asking for an EC2 reboot. */
export const REBOOT_TAG_VALUE = "reboot";

/** Tag values asking for an SSM Automation runbook start with this, e.g. "ssm:AWS-RestartEC2Instance". */
export const RUNBOOK_TAG_PREFIX = "ssm:";

/** What a tag asks for: an EC2 reboot, or a run of an SSM Automation runbook. */
export type RemediationAction =
  | { readonly kind: "reboot" }
  | { readonly kind: "runbook"; readonly runbook: string };

/** The tag value that asks for `runbook`, as the stack writes it into IAM conditions. */
export function runbookTagValue(runbook: string): string {
  return `${RUNBOOK_TAG_PREFIX}${runbook}`;
}

/** Reads an opt-in tag's value; the problem says which values are understood. */
export function parseOptInTag(value: string): Parsed<RemediationAction> {
  if (value === REBOOT_TAG_VALUE) return { ok: true, value: { kind: "reboot" } };
  if (value.startsWith(RUNBOOK_TAG_PREFIX)) {
    const runbook = value.slice(RUNBOOK_TAG_PREFIX.length);
    if (RUNBOOK_NAME.test(runbook)) return { ok: true, value: { kind: "runbook", runbook } };
  }
  return {
    ok: false,
    problem: `tag ${REMEDIATE_TAG_KEY}=${JSON.stringify(value.slice(0, 140))} is neither "${REBOOT_TAG_VALUE}" nor "${RUNBOOK_TAG_PREFIX}<runbook name>"`,
  };
}

/** A readable name for an action, e.g. "reboot" or "runbook AWS-RestartEC2Instance". */
export function describeAction(action: RemediationAction): string {
  return action.kind === "reboot" ? "reboot" : `runbook ${action.runbook}`;
}
