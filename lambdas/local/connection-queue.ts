/**
 * The requests on each connection still being answered. Node's parser reports a malformed
 * request as soon as it reads it, while requests pipelined before it may still be at work; the
 * error must wait for their answers, or it would be written first and the connection closed
 * under them. An error about a request still arriving (its body cut short) is its own answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

/** Per connection: the requests not yet answered, and what waits for them. */
export class ConnectionQueue {
  private readonly open = new WeakMap<Duplex, { requests: Set<IncomingMessage>; waiting: (() => void)[] }>();
  private readonly failed = new WeakSet<Duplex>();

  /** Counts `req` on its connection until its response finishes or is abandoned. */
  opened(req: IncomingMessage, res: ServerResponse): void {
    const entry = this.open.get(req.socket) ?? { requests: new Set<IncomingMessage>(), waiting: [] };
    this.open.set(req.socket, entry);
    entry.requests.add(req);
    const settle = () => {
      if (!entry.requests.delete(req)) return;
      if (entry.requests.size === 0) for (const next of entry.waiting.splice(0)) next();
    };
    res.once("finish", settle).once("close", settle);
  }

  /**
   * Runs `next` once every request counted on `socket` is answered; at once when none is, or
   * when one has not fully arrived (the error is about that one, which will never be complete).
   */
  whenAnswered(socket: Duplex, next: () => void): void {
    const entry = this.open.get(socket);
    const waitable = entry && entry.requests.size > 0 && [...entry.requests].every((req) => req.complete);
    if (waitable) entry.waiting.push(next);
    else next();
  }

  /** Marks `socket` as failed; true when it already was. */
  markFailed(socket: Duplex): boolean {
    if (this.failed.has(socket)) return true;
    this.failed.add(socket);
    return false;
  }
}
