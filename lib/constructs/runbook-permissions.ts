/**
 * What the SSM Automation runbooks Helios knows need when they run without an AutomationAssumeRole,
 * that is with the permissions of whoever started them: the remediator's own role. A runbook not
 * listed here can only be allowed together with a role it runs as (the settings check refuses it
 * otherwise), because Helios cannot know what it does.
 */

/** The permissions a runbook uses. */
export interface RunbookPermissions {
  /** Actions on the instance itself, granted only on instances tagged for this runbook. */
  readonly instanceActions: readonly string[];
  /** Read actions with no resource-level permissions (granted on "*"). */
  readonly describeActions: readonly string[];
}

/**
 * AWS-RestartEC2Instance stops, then starts the instances with aws:changeInstanceState, which polls
 * the instance's state (DescribeInstances) and, when starting, its status checks (DescribeInstanceStatus).
 */
export const SELF_RUN_RUNBOOKS: Readonly<Record<string, RunbookPermissions>> = {
  "AWS-RestartEC2Instance": {
    instanceActions: ["ec2:StopInstances", "ec2:StartInstances"],
    describeActions: ["ec2:DescribeInstances", "ec2:DescribeInstanceStatus"],
  },
};
