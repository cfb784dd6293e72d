/**
 * A TCP client for HTTP edge cases that no HTTP client will produce: pipelined requests, CONNECT,
 * bodies the server refused that keep arriving. It writes bytes as given and records everything:
 * what came back, whether a write failed, and when the server closed.
 */
import { connect, type Socket } from "node:net";

/** An open connection to a server. */
export interface RawSocket {
  /** Writes bytes and resolves once the socket has taken them (drained), or rejects with the write error. */
  write(bytes: string | Uint8Array): Promise<void>;
  /** Ends the client's side (FIN); the server may still answer. */
  end(): void;
  /** Everything received so far, as latin1 text. */
  received(): string;
  /** Resolves once `predicate(received())` holds; rejects if the socket closes first or `timeoutMs` passes. */
  waitFor(predicate: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when the connection is closed (by either side), with what was received. */
  readonly closed: Promise<string>;
  /** The first error the socket reported (EPIPE or ECONNRESET when the server reset it), if any. */
  error(): NodeJS.ErrnoException | undefined;
  /** Destroys the connection. */
  destroy(): void;
}

/** Opens a connection to the server at `url` (http://host:port). */
export function openRawSocket(url: string): Promise<RawSocket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let failure: NodeJS.ErrnoException | undefined;
    let isClosed = false;
    const listeners = new Set<() => void>();
    const notify = () => {
      for (const listener of [...listeners]) listener();
    };
    const closed = new Promise<string>((done) => {
      socket.on("close", () => {
        isClosed = true;
        notify();
        done(Buffer.concat(chunks).toString("latin1"));
      });
    });
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      notify();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      failure ??= error;
    });
    socket.once("connect", () => {
      socket.off("error", reject);
      const received = () => Buffer.concat(chunks).toString("latin1");
      resolve({
        write: (bytes) =>
          new Promise((done, fail) => {
            socket.write(bytes, (error) => (error ? fail(error) : done()));
          }),
        end: () => socket.end(),
        received,
        waitFor: (predicate, timeoutMs = 5_000) =>
          new Promise((done, fail) => {
            const check = () => {
              const text = received();
              if (predicate(text)) finish(() => done(text));
              else if (isClosed)
                finish(() => fail(new Error(`closed before the expected answer: ${text.slice(0, 300)}`)));
            };
            const timer = setTimeout(
              () =>
                finish(() =>
                  fail(new Error(`no expected answer in ${timeoutMs} ms: ${received().slice(0, 300)}`)),
                ),
              timeoutMs,
            );
            const finish = (settle: () => void) => {
              clearTimeout(timer);
              listeners.delete(check);
              settle();
            };
            listeners.add(check);
            check();
          }),
        closed,
        error: () => failure,
        destroy: () => socket.destroy(),
      });
    });
    socket.once("error", reject);
  });
}

/**
 * Writes `bytes` on a fresh connection and resolves with whatever came back once the server
 * closes it. With `halfClose` the client ends its side at once, so an incomplete request cannot
 * keep the server waiting (Node then drops requests still in flight: the answer may be empty).
 */
export async function sendRaw(
  url: string,
  bytes: Uint8Array,
  halfClose = true,
  timeoutMs = 5_000,
): Promise<string> {
  const socket = await openRawSocket(url);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server neither answered nor closed within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    // A reset after the answer is fine: what matters is what came back.
    await socket.write(bytes).catch(() => undefined);
    if (halfClose) socket.end();
    return await Promise.race([socket.closed, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** One HTTP response cut from the front of `text`: status, lower-cased headers, body (by Content-Length), and the rest. */
export function parseResponse(text: string): {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Whether the whole body (Content-Length bytes) has arrived. */
  readonly complete: boolean;
  readonly rest: string;
} {
  const headerEnd = text.indexOf("\r\n\r\n");
  if (headerEnd < 0) throw new Error(`no complete response head in: ${text.slice(0, 200)}`);
  const [statusLine, ...lines] = text.slice(0, headerEnd).split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1]);
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const length = Number(headers["content-length"] ?? 0);
  const bodyStart = headerEnd + 4;
  const raw = text.slice(bodyStart, bodyStart + length);
  return {
    status,
    headers,
    body: Buffer.from(raw, "latin1").toString("utf8"),
    complete: raw.length === length,
    rest: text.slice(bodyStart + length),
  };
}

/** Whether `text` holds `count` complete responses (heads and Content-Length bodies). */
export function hasResponses(text: string, count: number): boolean {
  let rest = text;
  for (let i = 0; i < count; i++) {
    if (!rest.includes("\r\n\r\n")) return false;
    const response = parseResponse(rest);
    if (!response.complete) return false;
    rest = response.rest;
  }
  return true;
}
