/**
 * The local server on an ephemeral port with a temporary alerts file, its handlers loaded for
 * direct calls, and stdout captured: the handlers log JSON lines there, which tests assert on and
 * keep out of the test output.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ApiFunction, loadApiFunctions } from "../../lambdas/local/api-functions";
import { type LocalServer, startLocalServer } from "../../lambdas/local/server";

/** How to start a captured local server. */
export interface CapturedLocalServerOptions {
  /** Prefix of the temporary folder that holds the alerts file, e.g. "helios-e2e-". */
  readonly tempPrefix: string;
  /** Parse stdout's JSON lines into `logLines`; false drops them unread. Default true. */
  readonly keepLogLines?: boolean;
}

/** A running local server, what it wrote, and how to stop it. */
export interface CapturedLocalServer {
  readonly server: LocalServer;
  /** The same handler modules the server loaded (Node's module cache): one handler, two ways in. */
  readonly functions: ApiFunction[];
  /** Lines the handlers and the server wrote to stdout, parsed (empty when not kept). */
  readonly logLines: Record<string, unknown>[];
  /** The alerts file the server writes to; it exists only once an alert was written. */
  readonly alertFile: string;
  /** Closes the server, gives stdout back and removes the temporary folder. */
  close(): Promise<void>;
}

/** Captures stdout, then starts the local server on port 0 with an alerts file in a fresh temporary folder. */
export async function startCapturedLocalServer(
  options: CapturedLocalServerOptions,
): Promise<CapturedLocalServer> {
  const dir = mkdtempSync(join(tmpdir(), options.tempPrefix));
  const alertFile = join(dir, "alerts.jsonl");
  const logLines: Record<string, unknown>[] = [];
  const keep = options.keepLogLines ?? true;
  const stdoutSpy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    if (!keep) return true;
    for (const line of String(chunk).split("\n").filter(Boolean)) {
      try {
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a log line.
      }
    }
    return true;
  });
  const release = () => {
    stdoutSpy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  };
  let server: LocalServer;
  try {
    server = await startLocalServer({ port: 0, alertFile, stateFile: join(dir, "state.json") });
  } catch (error) {
    // No afterAll holds a server to close yet, so the capture and the folder are released here.
    release();
    throw error;
  }
  return {
    server,
    functions: loadApiFunctions(),
    logLines,
    alertFile,
    close: async () => {
      try {
        await server.close();
      } finally {
        release();
      }
    },
  };
}
