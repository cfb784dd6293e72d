/**
 * A loopback HTTP server whose behaviour a test sets and changes while it runs, to stand in for an
 * AWS endpoint that misbehaves: it can stall, reset the connection, answer an error, trickle a body,
 * or forward to a real protocol server (s3rver) once "the service is back".
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the server does with each request. */
export type Behaviour =
  /** Accepts the request and never answers. */
  | { readonly kind: "stall" }
  /** Drops the connection without a response. */
  | { readonly kind: "reset" }
  /** Answers at once with this status, headers and body. */
  | {
      readonly kind: "respond";
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body: string;
    }
  /** Answers 200 with these bytes, one byte every `intervalMs` (a body that never quite arrives). */
  | { readonly kind: "trickle"; readonly bytes: Uint8Array; readonly intervalMs: number }
  /** Forwards to `upstream` (e.g. s3rver), after waiting `delayMs` (default 0). */
  | { readonly kind: "forward"; readonly upstream: string; readonly delayMs?: number };

/** A running scripted server. */
export interface ScriptedHttpServer {
  /** Base URL, e.g. http://127.0.0.1:43567 (an AWS_ENDPOINT_URL_* value). */
  readonly endpoint: string;
  /** Requests received so far ("GET /bucket/key", "POST /"), in order. */
  readonly requests: string[];
  /** Bodies of the requests received so far, in order. */
  readonly bodies: string[];
  /** Changes what later requests get. */
  behave(behaviour: Behaviour): void;
  /** Cuts every connection and stops listening. */
  close(): Promise<void>;
}

/** Starts a scripted server on 127.0.0.1 and an ephemeral port. */
export async function startScriptedHttpServer(initial: Behaviour): Promise<ScriptedHttpServer> {
  let behaviour = initial;
  const requests: string[] = [];
  const bodies: string[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      act(behaviour, req, Buffer.concat(chunks), res);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  function act(current: Behaviour, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    switch (current.kind) {
      case "stall":
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "respond":
        res.writeHead(current.status, { "Content-Type": "text/xml", ...current.headers });
        res.end(current.body);
        return;
      case "trickle": {
        res.writeHead(200, {
          "Content-Type": "application/octet-stream",
          "Content-Length": String(current.bytes.length),
        });
        let sent = 0;
        const timer = setInterval(() => {
          if (sent >= current.bytes.length || res.destroyed) {
            clearInterval(timer);
            timers.delete(timer);
            res.end();
            return;
          }
          res.write(Buffer.from(current.bytes.subarray(sent, sent + 1)));
          sent += 1;
        }, current.intervalMs);
        timers.add(timer);
        return;
      }
      case "forward": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          forward(current.upstream, req, body, res);
        }, current.delayMs ?? 0);
        timers.add(timer);
        return;
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    bodies,
    behave(next) {
      behaviour = next;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Sends the request on to `upstream` unchanged (the signature covers the Host header, so it is kept). */
function forward(upstream: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const target = new URL(req.url ?? "/", upstream);
  const outgoing = request(
    target,
    { method: req.method, headers: { ...req.headers, "content-length": String(body.length) } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  outgoing.on("error", () => req.socket.destroy());
  outgoing.end(body);
}
