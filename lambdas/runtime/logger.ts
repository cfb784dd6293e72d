/**
 * Structured JSON logs, one object per line on stdout. Lines are written to stdout directly (as
 * Powertools does) so that Lambda's console patching neither prefixes nor re-wraps them.
 */

/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Receives one finished log line (without the newline). */
export type LineWriter = (line: string) => void;

/** Writes structured log lines; fields are merged into the JSON object. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Writes a line to stdout. */
export const stdoutWriter: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/** The variable Lambda's advanced logging controls set to the function's application log level. */
export const LOG_LEVEL_VARIABLE = "AWS_LAMBDA_LOG_LEVEL";

/** Lambda's application log levels, least severe first; a logger writes lines at or above the set one. */
const LAMBDA_LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;

/** Where each of our levels sits among Lambda's. */
const SEVERITY: Readonly<Record<LogLevel, number>> = { debug: 1, info: 2, warn: 3, error: 4 };

/**
 * The least severity written under an AWS_LAMBDA_LOG_LEVEL value: 0 (every line) when it is
 * unset or not one of Lambda's levels, 5 (none of ours) for FATAL.
 */
export function minimumSeverity(value: string | undefined): number {
  const index = LAMBDA_LOG_LEVELS.indexOf(value?.trim().toUpperCase() as (typeof LAMBDA_LOG_LEVELS)[number]);
  return Math.max(index, 0);
}

/**
 * A logger that writes one JSON object per line, with a timestamp, level and service name, and
 * drops lines below the application log level Lambda was configured with (AWS_LAMBDA_LOG_LEVEL
 * in `env`). EMF metric lines are written past the logger, so no level drops them.
 */
export function createLogger(
  write: LineWriter = stdoutWriter,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Logger {
  const minimum = minimumSeverity(env[LOG_LEVEL_VARIABLE]);
  return {
    log(level, message, fields = {}) {
      if (SEVERITY[level] < minimum) return;
      write(JSON.stringify({ time: new Date().toISOString(), level, service: "helios", message, ...fields }));
    },
  };
}

/** The message of anything thrown, without its stack (which belongs in no client response). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
