/**
 * Splits an HTTP request target into its path and query, the two parts API Gateway routes and
 * forwards. The path is kept exactly as sent: "//x" is a path here, never a host name.
 */

/** The parts of a request target. */
export interface RequestTarget {
  readonly path: string;
  readonly query: URLSearchParams;
}

/** Parses "/predict/cpu?a=1" (origin form) or "http://host/predict/cpu" (absolute form). */
export function parseRequestTarget(target: string | undefined): RequestTarget {
  const raw = target ?? "/";
  if (!raw.startsWith("/")) {
    try {
      const url = new URL(raw);
      return { path: url.pathname, query: url.searchParams };
    } catch {
      return { path: raw, query: new URLSearchParams() };
    }
  }
  const queryAt = raw.indexOf("?");
  if (queryAt < 0) return { path: raw, query: new URLSearchParams() };
  return { path: raw.slice(0, queryAt), query: new URLSearchParams(raw.slice(queryAt + 1)) };
}

/** Characters of a path (or header value) an error message quotes; the rest is counted, not echoed. */
export const QUOTED_PATH_CHARS = 100;

/**
 * A path as an error message shows it: whole when short, else its first characters and its
 * length, so an answer never echoes back kilobytes the client sent.
 */
export function quotePath(path: string): string {
  return path.length <= QUOTED_PATH_CHARS
    ? path
    : `${path.slice(0, QUOTED_PATH_CHARS)}… (${path.length} characters)`;
}
