/**
 * Resource actions adapter for AWS: the opt-in tag through ec2:DescribeTags, reboots through
 * ec2:RebootInstances, runbooks through ssm:StartAutomationExecution with the instance as the
 * runbook's InstanceId parameter (and AutomationAssumeRole when the team configured one).
 */
import { DescribeTagsCommand, EC2Client, RebootInstancesCommand } from "@aws-sdk/client-ec2";
import { SSMClient, StartAutomationExecutionCommand } from "@aws-sdk/client-ssm";
import { REMEDIATE_TAG_KEY } from "./opt-in-tag";
import type { ResourceActions } from "./resource-actions";

/** Bounded timeouts: a stalled endpoint must not hold the invocation (throwOnRequestTimeout, or the SDK only warns). */
const REQUEST_HANDLER = {
  connectionTimeout: 2_000,
  requestTimeout: 5_000,
  throwOnRequestTimeout: true,
} as const;

/** Reads are safe to repeat, so the SDK's standard retries stay on for them. */
export const READ_CLIENT_OPTIONS = { maxAttempts: 3, requestHandler: REQUEST_HANDLER } as const;

/** An action is made once: a failure is reported, never retried (a retried runbook start runs it twice). */
export const ACTION_CLIENT_OPTIONS = { maxAttempts: 1, requestHandler: REQUEST_HANDLER } as const;

/** Clients the adapter uses; tests may inject their own. */
export interface AwsResourceClients {
  readonly ec2Read?: EC2Client;
  readonly ec2Act?: EC2Client;
  readonly ssm?: SSMClient;
}

/** EC2 and SSM calls for the remediator. */
export class AwsResourceActions implements ResourceActions {
  private readonly ec2Read: EC2Client;
  private readonly ec2Act: EC2Client;
  private readonly ssm: SSMClient;

  /** @param automationAssumeRole passed to every runbook as its AutomationAssumeRole parameter, when set */
  constructor(
    private readonly automationAssumeRole?: string,
    clients: AwsResourceClients = {},
  ) {
    this.ec2Read = clients.ec2Read ?? new EC2Client(READ_CLIENT_OPTIONS);
    this.ec2Act = clients.ec2Act ?? new EC2Client(ACTION_CLIENT_OPTIONS);
    this.ssm = clients.ssm ?? new SSMClient(ACTION_CLIENT_OPTIONS);
  }

  /** DescribeTags filtered to the one instance and the one key (an unknown instance has no tags). */
  async readOptInTag(instanceId: string, signal?: AbortSignal): Promise<string | undefined> {
    const output = await this.ec2Read.send(
      new DescribeTagsCommand({
        Filters: [
          { Name: "resource-id", Values: [instanceId] },
          { Name: "key", Values: [REMEDIATE_TAG_KEY] },
        ],
      }),
      { abortSignal: signal },
    );
    return output.Tags?.find((tag) => tag.ResourceId === instanceId && tag.Key === REMEDIATE_TAG_KEY)?.Value;
  }

  /** RebootInstances for the one instance. */
  async reboot(instanceId: string, signal?: AbortSignal): Promise<void> {
    await this.ec2Act.send(new RebootInstancesCommand({ InstanceIds: [instanceId] }), {
      abortSignal: signal,
    });
  }

  /** StartAutomationExecution of the runbook's default version on the one instance. */
  async startRunbook(runbook: string, instanceId: string, signal?: AbortSignal): Promise<string> {
    const output = await this.ssm.send(
      new StartAutomationExecutionCommand({
        DocumentName: runbook,
        Parameters: {
          InstanceId: [instanceId],
          ...(this.automationAssumeRole ? { AutomationAssumeRole: [this.automationAssumeRole] } : {}),
        },
      }),
      { abortSignal: signal },
    );
    if (!output.AutomationExecutionId)
      throw new Error("SSM started no automation execution (no id returned)");
    return output.AutomationExecutionId;
  }
}
