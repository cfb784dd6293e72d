/**
 * The resource actions port: what the remediator asks of the cloud. It reads a resource's opt-in
 * tag and performs an action; it decides nothing. The AWS adapter speaks EC2 and SSM.
 */

/** Reads opt-in tags and acts on EC2 instances; every method rejects when the call failed. */
export interface ResourceActions {
  /** The value of the instance's `helios:remediate` tag, or undefined when it has none (or does not exist). */
  readOptInTag(instanceId: string, signal?: AbortSignal): Promise<string | undefined>;
  /** Reboots the instance (one call; a failure is not retried). */
  reboot(instanceId: string, signal?: AbortSignal): Promise<void>;
  /** Starts an SSM Automation runbook on the instance; resolves to the execution id. */
  startRunbook(runbook: string, instanceId: string, signal?: AbortSignal): Promise<string>;
}
