/**
 * The end of a connection whose request body was refused (413, 417): the answer is already
 * written; the rest of the body is read and dropped before the connection closes, as nginx's
 * lingering close does. Closing at once would reset the connection under a client that is still
 * sending, and one that reads only after sending (Node's fetch) would lose the answer (EPIPE).
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** How much of a refused body is read at most. */
export interface LingerBound {
  /** Bytes read and dropped before the connection is cut. */
  readonly bytes: number;
  /** Longest pause in the body before the connection is cut, in milliseconds. */
  readonly idleMs: number;
}

/**
 * Reads and drops what remains of a request body, then ends the (already written) response,
 * which closes the connection. Past `bytes`, or after `idleMs` without data, the connection is
 * cut instead: a client may not keep the server reading forever.
 */
export function drainThenEnd(req: IncomingMessage, res: ServerResponse, bound: LingerBound): void {
  let read = 0;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearTimeout(timer);
    req.off("data", onData).off("end", finish).off("close", finish);
  };
  const finish = () => {
    stop();
    res.end();
  };
  const cut = () => {
    stop();
    res.end();
    req.socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    read += chunk.length;
    if (read > bound.bytes) cut();
    else timer?.refresh();
  };
  if (req.complete) {
    res.end();
    return;
  }
  timer = setTimeout(cut, bound.idleMs);
  req.on("data", onData).on("end", finish).on("close", finish);
  req.resume();
}
