/** Starts s3rver (an S3 protocol server) in-process on 127.0.0.1 and an ephemeral port. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The part of s3rver's API the tests use (the package ships no type declarations). */
interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

/** A running s3rver with its data folder. */
export interface S3rverServer {
  /** Endpoint URL for an S3 client, e.g. http://127.0.0.1:43567. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** s3rver checks signatures against these fixed credentials. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

/** Starts s3rver with the given (empty) buckets. */
export async function startS3rver(buckets: readonly string[]): Promise<S3rverServer> {
  const S3rver: S3rverConstructor = require("s3rver");
  const directory = mkdtempSync(join(tmpdir(), "helios-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
