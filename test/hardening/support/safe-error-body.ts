/**
 * What every error answer must look like: a JSON object whose only field is a non-empty "error"
 * string, with no stack frame, no file path of the server and no internal error class in it.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository root: no path below it may reach a client. */
const REPO_ROOT = join(__dirname, "..", "..", "..");

/** Signs of internals in a response body. */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\n\s+at /, // a stack frame
  /\bat [\w.<>]+ \(/, // a one-line stack frame
  /node_modules/,
  /\.[cm]?[jt]s:\d+/, // file.ts:12
  /file:\/\//,
  new RegExp(REPO_ROOT.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
  new RegExp(tmpdir().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
  /\b(TypeError|RangeError|ReferenceError|SyntaxError|AbortError|TimeoutError)\b/,
];

/** The leak patterns that `text` matches (empty when it is clean). */
export function leaksIn(text: string): string[] {
  return LEAK_PATTERNS.filter((pattern) => pattern.test(text)).map(String);
}

/**
 * Checks an error body and returns its message; throws (failing the test, or the fast-check
 * property) with the reason otherwise.
 */
export function safeErrorMessage(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`error body is not JSON: ${text.slice(0, 200)}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new Error(`error body is not a JSON object: ${text.slice(0, 200)}`);
  }
  const keys = Object.keys(body);
  const message = (body as { error?: unknown }).error;
  if (keys.length !== 1 || typeof message !== "string" || message === "") {
    throw new Error(`error body must be exactly {"error": "..."}: ${text.slice(0, 200)}`);
  }
  const leaks = leaksIn(text);
  if (leaks.length > 0)
    throw new Error(`error body leaks internals (${leaks.join(", ")}): ${text.slice(0, 300)}`);
  return message;
}
