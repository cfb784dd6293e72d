/**
 * A loopback HTTP server for protocol doubles of AWS services: it reads each request whole, hands
 * it to the double's answer function and sends what that returns. The doubles (EC2, SSM) check
 * the wire format the SDK sends and answer in the service's own format, so the SDK's real
 * serializers and deserializers run in the tests.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A request as the double sees it. */
export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the double answers. */
export interface WireReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** A running double. */
export interface ProtocolDouble {
  /** Base URL, e.g. http://127.0.0.1:43567 (an AWS_ENDPOINT_URL_* value). */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** The AWS service a SigV4 request was signed for ("ec2", "ssm"), from its credential scope. */
export function signedService(headers: IncomingHttpHeaders): string | undefined {
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(
    String(headers.authorization ?? ""),
  )?.[1];
}

/** Starts a double on 127.0.0.1 and an ephemeral port. */
export async function startProtocolDouble(
  answer: (request: WireRequest) => WireReply,
): Promise<ProtocolDouble> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const reply = answer({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(reply.status, { "Content-Type": reply.contentType });
      res.end(reply.body);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
