/**
 * Benchmark child: Helios's local server (what `npm start` runs) on 127.0.0.1 and a free port. It
 * reports its URL on file descriptor 3 and stops on SIGTERM. Its log lines go to stdout, which the
 * benchmark sends to /dev/null, so the server pays for writing them and nobody for reading them.
 */
import { writeSync } from "node:fs";
import { startLocalServer } from "../../lambdas/local/server";

startLocalServer({ host: "127.0.0.1", port: 0, shutdownGraceMs: 1_000 }).then(
  (server) => {
    writeSync(3, `${JSON.stringify({ url: server.url })}\n`);
    process.on("SIGTERM", () => {
      void server.close().then(() => process.exit(0));
    });
  },
  (error: unknown) => {
    process.stderr.write(`helios bench server could not start: ${String(error)}\n`);
    process.exit(1);
  },
);
