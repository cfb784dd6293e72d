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

/** A logger that writes one JSON object per line, with a timestamp, level and service name. */
export function createLogger(write: LineWriter = stdoutWriter): Logger {
  return {
    log(level, message, fields = {}) {
      write(JSON.stringify({ time: new Date().toISOString(), level, service: "helios", message, ...fields }));
    },
  };
}

/** The message of anything thrown, without its stack (which belongs in no client response). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
