/**
 * Starts fauxqs on 127.0.0.1 in a child process (see fauxqs-child.mjs) and talks to it over the
 * wire: an SNS topic subscribed by an SQS queue, whose received messages the test reads back
 * through fauxqs's inspection endpoint.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** A running fauxqs child. */
export interface FauxqsServer {
  /** Base URL, e.g. http://127.0.0.1:43567. */
  readonly address: string;
  stop(): Promise<void>;
}

/** Starts fauxqs and resolves once it listens (rejects after `timeoutMs`). */
export async function startFauxqsServer(timeoutMs = 10_000): Promise<FauxqsServer> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [join(__dirname, "fauxqs-child.mjs")],
    {
      cwd: join(__dirname, "..", ".."),
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  try {
    const [first] = (await Promise.race([
      once(lines, "line"),
      once(child, "exit").then(() => {
        throw new Error(`fauxqs exited before listening: ${stderr}`);
      }),
    ])) as [string];
    const { address } = JSON.parse(first) as { address: string };
    return {
      address,
      async stop() {
        if (child.exitCode !== null) return;
        const exited = once(child, "exit");
        child.stdin.end();
        await exited;
      },
    };
  } finally {
    clearTimeout(timer);
  }
}

/** One SQS JSON-protocol call to fauxqs (no SQS client is installed; the protocol is small). */
export async function sqsCall(
  address: string,
  action: string,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(address, {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": `AmazonSQS.${action}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`SQS ${action} failed: ${JSON.stringify(body)}`);
  return body;
}

/** The bodies of messages waiting in a queue, read without consuming them. */
export async function queuedBodies(address: string, queueName: string): Promise<string[]> {
  const response = await fetch(`${address}/_fauxqs/queues/${encodeURIComponent(queueName)}`);
  const state = (await response.json()) as { messages: { ready: { body?: string; Body?: string }[] } };
  return state.messages.ready.map((message) => message.body ?? message.Body ?? "");
}
