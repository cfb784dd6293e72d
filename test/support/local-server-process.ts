/**
 * The local server in a child process of its own (test/support/local-server-child.ts): its CPU
 * and memory apart from the test's, and, unlike a server in the test's own event loop, racing
 * the client as a real server does (a socket closed under an upload only shows across processes).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";

/** Starts the server child and resolves with it and its URL once it listens. */
export async function startServerChild(alertFile: string): Promise<{ child: ChildProcess; url: string }> {
  // The child gets only what a user's shell would have: no adapter settings from this process.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith("HELIOS_") && !name.startsWith("AWS_ENDPOINT"),
    ),
  );
  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "local-server-child.ts")], {
    cwd: join(__dirname, "..", ".."),
    env: { ...env, HELIOS_ALERT_FILE: alertFile },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the local server child did not start in 30 s: ${stderr}`)),
      30_000,
    );
    child.once("message", (message: { url?: string }) => {
      clearTimeout(timer);
      if (message.url) resolve(message.url);
      else reject(new Error(`unexpected message from the local server child: ${JSON.stringify(message)}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the local server child exited with ${code}: ${stderr}`));
    });
  });
  return { child, url };
}

/** Stops the server child (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. */
export async function stopServerChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(force);
}
