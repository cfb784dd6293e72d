/**
 * Reads a request body up to a byte limit. A declared Content-Length over the limit is refused
 * before reading anything, and a streamed body is dropped the moment it passes the limit, so a
 * client can never make the server hold more than the limit in memory.
 */
import type { IncomingMessage } from "node:http";

/** The outcome of reading a body. */
export type BodyReadResult =
  /** The whole body; null when it was empty (the gateway sends `body: null` then). */
  | { readonly kind: "complete"; readonly body: Buffer | null }
  | { readonly kind: "too-large" }
  /** The client went away before the body ended. */
  | { readonly kind: "aborted" };

/** Reads `request`'s body, stopping at `limitBytes`. */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<BodyReadResult> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.resolve({ kind: "too-large" });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyReadResult) => {
      request.off("data", onData).off("end", onEnd).off("close", onClose).off("error", onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        chunks.length = 0;
        finish({ kind: "too-large" });
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => finish({ kind: "complete", body: size === 0 ? null : Buffer.concat(chunks, size) });
    const onClose = () => finish({ kind: "aborted" });
    request.on("data", onData).on("end", onEnd).on("close", onClose).on("error", onClose);
  });
}
