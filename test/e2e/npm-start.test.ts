/**
 * `npm start` as a user runs it: a child process on an ephemeral port that prints where it listens
 * and where alerts go, answers over HTTP, and exits 0 on SIGTERM and SIGINT.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "helios-start-"));
});

afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts local mode and resolves once it prints its URL (or rejects with its output). */
function start(env: Record<string, string>): Promise<Started> {
  // Through npm itself, so that its signal forwarding to the server is what gets tested.
  // Its own process group, so that cleanup can reach the server even if npm died without it.
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
  });
  children.push(child);
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url, output: () => output, exited });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exited.then(({ code }) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
}

describe("npm start", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "serves on the port it printed, names the alert file, and exits 0 on %s",
    async (signal) => {
      const alertFile = join(dir, `${signal}.jsonl`);
      const server = await start({
        PORT: "0",
        HOST: "127.0.0.1",
        HELIOS_ALERT_FILE: alertFile,
        HELIOS_STATE_FILE: join(dir, `${signal}-state.json`),
      });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.url).not.toMatch(/:3000$/);
      expect(server.output()).toContain(alertFile);

      const status = await fetch(`${server.url}/`);
      expect(status.status).toBe(200);
      const prediction = await fetch(`${server.url}/predict/cpu`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ value: 95 }),
      });
      expect(((await prediction.json()) as { anomaly: number }).anomaly).toBe(1);
      expect(readFileSync(alertFile, "utf8").trim().split("\n")).toHaveLength(1);

      server.child.kill(signal);
      expect(await server.exited).toEqual({ code: 0, signal: null });
      await expect(fetch(`${server.url}/`)).rejects.toThrow();
    },
  );

  it("refuses an invalid PORT with a message and exit code 1", async () => {
    await expect(start({ PORT: "70000" })).rejects.toThrow(/exited with 1[\s\S]*PORT must be an integer/);
  });
});
