// Runs fauxqs (SNS/SQS protocol server) in a child process, because it is an ES module that
// Jest's CommonJS runtime cannot load. It listens on 127.0.0.1 only (startFauxqs would bind every
// interface), on an ephemeral port, prints {"address": ...} once ready, and exits when its parent
// closes stdin or sends SIGTERM, so it never outlives the test that started it.
import { buildApp } from "fauxqs";

const app = buildApp({ logger: false, host: "127.0.0.1" });
const address = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`${JSON.stringify({ address })}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.close();
  process.exit(0);
}
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
