/**
 * A protocol double of SSM on 127.0.0.1 for StartAutomationExecution. SSM speaks AWS JSON 1.1:
 * POST / with content-type application/x-amz-json-1.1 and X-Amz-Target AmazonSSM.<Operation>;
 * errors are a JSON body with `__type` and `message` (as @aws-sdk/client-ssm 3.1169.0 reads them).
 */
import { signedService, startProtocolDouble, type WireReply, type WireRequest } from "./protocol-double";

/** One StartAutomationExecution the double received. */
export interface AutomationStart {
  readonly DocumentName: string;
  readonly Parameters?: Readonly<Record<string, readonly string[]>>;
}

/** An error the double answers with. */
export interface SsmFailure {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

/** A running SSM double. */
export interface SsmDouble {
  readonly endpoint: string;
  /** Every automation start received, in order. */
  readonly starts: AutomationStart[];
  /** Makes every later start fail with this error; undefined heals the double. */
  failWith(failure: SsmFailure | undefined): void;
  close(): Promise<void>;
}

const TARGET = "AmazonSSM.StartAutomationExecution";

function json(status: number, body: unknown): WireReply {
  return { status, contentType: "application/x-amz-json-1.1", body: JSON.stringify(body) };
}

function errorReply({ status, type, message }: SsmFailure): WireReply {
  return json(status, { __type: `com.amazonaws.ssm#${type}`, message });
}

/** Starts an SSM double that knows these runbooks (others are AutomationDefinitionNotFoundException). */
export async function startSsmDouble(runbooks: readonly string[]): Promise<SsmDouble> {
  const starts: AutomationStart[] = [];
  let failure: SsmFailure | undefined;
  const answer = (request: WireRequest): WireReply => {
    if (
      request.method !== "POST" ||
      request.path !== "/" ||
      request.headers["content-type"] !== "application/x-amz-json-1.1" ||
      signedService(request.headers) !== "ssm"
    ) {
      return errorReply({
        status: 400,
        type: "SerializationException",
        message: "not an AWS JSON 1.1 request for ssm",
      });
    }
    if (request.headers["x-amz-target"] !== TARGET) {
      return errorReply({
        status: 400,
        type: "UnknownOperationException",
        message: `the SSM double does not do ${String(request.headers["x-amz-target"])}`,
      });
    }
    const input = JSON.parse(request.body) as AutomationStart;
    starts.push(input);
    if (failure) return errorReply(failure);
    if (!runbooks.includes(input.DocumentName)) {
      return errorReply({
        status: 400,
        type: "AutomationDefinitionNotFoundException",
        message: `Document ${input.DocumentName} does not exist`,
      });
    }
    return json(200, {
      AutomationExecutionId: `00000000-0000-4000-8000-${String(starts.length).padStart(12, "0")}`,
    });
  };
  const server = await startProtocolDouble(answer);
  return {
    endpoint: server.endpoint,
    starts,
    failWith: (next) => {
      failure = next;
    },
    close: () => server.close(),
  };
}
