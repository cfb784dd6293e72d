/**
 * `npm start`: runs local mode in the foreground. HOST and PORT choose the address (default
 * 127.0.0.1:3000; PORT=0 picks a free port). Prints where it listens, where alerts go, then one
 * JSON log line per request; SIGINT or SIGTERM stops it cleanly (in-flight requests finish).
 */
import { ENV } from "../runtime/environment-names";
import { DEFAULT_ALERT_COOLDOWN_SECONDS } from "../runtime/runtime-config";
import { startLocalServer } from "./server";

/** Reads PORT: an integer 0–65535, default 3000. */
function portFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const host = process.env.HOST?.trim() || "127.0.0.1";
  const server = await startLocalServer({ host, port: portFromEnv(process.env.PORT) });
  const { settings } = server;
  const lines = [
    `Helios local mode listening on ${server.url}`,
    `  models:  ${settings.modelSource === "local" ? settings.modelDir : settings.modelSource}`,
    `  alerts:  ${settings.alertSink === "file" ? settings.alertFile : settings.alertSink}`,
    `  state:   ${settings.stateStore === "file" ? settings.stateFile : settings.stateStore} (alert cooldown: one alert per detector and resource per ${process.env[ENV.alertCooldownSeconds] ?? DEFAULT_ALERT_COOLDOWN_SECONDS} s)`,
    `  metrics: ${settings.metrics}`,
    `  API document: ${server.url}/openapi.json`,
  ];
  if (!["127.0.0.1", "::1", "localhost"].includes(host)) {
    lines.push(`  WARNING: bound to ${host}, not loopback: anyone who can reach it can call the API`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: finishing in-flight requests, then stopping\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `helios local mode could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
