/**
 * The server side of the load test and of the cross-process HTTP tests, in a process of its own
 * so that the client's memory and CPU do not mix with the server's: Helios's local server (what `npm start` runs) on
 * 127.0.0.1 and a free port. It sends `{"url": ...}` to its parent over IPC once it listens, and
 * stops on SIGTERM (or when the parent goes away). Its log lines go to stdout, which the parent
 * discards: the server pays for writing them, as it does in use.
 */
import { startLocalServer } from "../../lambdas/local/server";

startLocalServer({ host: "127.0.0.1", port: 0, shutdownGraceMs: 2_000 }).then(
  (server) => {
    process.send?.({ url: server.url });
    const stop = () => void server.close().then(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("disconnect", stop);
  },
  (error: unknown) => {
    process.stderr.write(
      `local server child could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
