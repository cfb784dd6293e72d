/** Errors as values: every failure a request can meet carries the HTTP status and message a user sees. */

/** A failure with the HTTP status, the user-facing message and any extra response headers. */
export interface HttpError {
  readonly status: number;
  /** What is wrong, naming the field, in words a user can act on. */
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Either a value or the HttpError that stopped it. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: HttpError };

/** A successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed Result with the given status and message. */
export function fail<T>(status: number, message: string, headers?: Record<string, string>): Result<T> {
  return { ok: false, error: headers ? { status, message, headers } : { status, message } };
}

/** A 503 that tells the client when to try again (Retry-After, in whole seconds, at least 1). */
export function unavailable(message: string, retryAfterSeconds: number): HttpError {
  return {
    status: 503,
    message,
    headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  };
}
