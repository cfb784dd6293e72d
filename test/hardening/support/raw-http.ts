/**
 * Raw HTTP requests to a local server, with full control of the method, headers and body bytes
 * (fetch adds a Content-Type of its own and cannot send a body with GET), and a response that is
 * read whole even when the server closes the connection while the client is still sending.
 */
import { request } from "node:http";

/** One request: anything a client could put on the wire. */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  /** Exactly these headers (plus Host and the framing node adds). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The body; undefined sends none. */
  readonly body?: string | Uint8Array;
}

/** What came back. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** Sends `req` to `baseUrl` and resolves with the whole response. */
export function rawRequest(baseUrl: string, req: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const base = new URL(baseUrl);
    // The path goes on the request line as given ("//x" stays a path, not a host).
    const outgoing = request({
      host: base.hostname,
      port: base.port,
      path: req.path,
      method: req.method,
      // Framed with Content-Length, as curl and browsers do (node would send a GET's body unframed).
      headers: {
        ...req.headers,
        ...(req.body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(req.body)) }),
      },
      // A fresh connection per request: a server that closes after an error cannot affect the next.
      agent: false,
    });
    const timer = setTimeout(() => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    let answered = false;
    outgoing.on("response", (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        });
      });
    });
    // A server that answers 413 before reading the body may reset the socket under the upload.
    outgoing.on("error", (error) => {
      if (answered) return;
      clearTimeout(timer);
      reject(error);
    });
    if (req.body === undefined) outgoing.end();
    else outgoing.end(req.body);
  });
}
