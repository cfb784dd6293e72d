/**
 * Benchmark child: the ceiling Helios is compared with, a Node HTTP server that does nothing but read
 * the request body and answer a fixed JSON body of a prediction's size. Same process set-up as
 * helios-server.ts: 127.0.0.1, a free port, URL on file descriptor 3, SIGTERM stops it.
 */
import { writeSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const BODY = Buffer.from('{"cpu_value":40,"anomaly":0,"score":-0.071,"model":"cpu@1.0.0+816cfa0a"}');

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": String(BODY.length),
    });
    response.end(BODY);
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  writeSync(3, `${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
