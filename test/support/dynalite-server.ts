/**
 * Starts dynalite (a DynamoDB protocol server, in-memory) in-process on 127.0.0.1 and an ephemeral
 * port, for over-the-wire tests of the DynamoDB adapters. dynalite has no TTL, transactions or
 * Streams; conditional writes and atomic updates behave as DynamoDB's do.
 */
import type { AddressInfo } from "node:net";
import { CreateTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";

/** The part of dynalite's API the tests use (the package ships no type declarations). */
interface DynaliteServer {
  listen(port: number, host: string, callback: () => void): void;
  address(): AddressInfo | string | null;
  close(callback: (error?: Error) => void): void;
}
type DynaliteFactory = (options: Record<string, unknown>) => DynaliteServer;

/** A running dynalite. */
export interface DynaliteEndpoint {
  /** Endpoint URL for a DynamoDB client, e.g. http://127.0.0.1:43567. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Starts an empty in-memory dynalite whose tables become ACTIVE at once. */
export async function startDynalite(): Promise<DynaliteEndpoint> {
  const dynalite: DynaliteFactory = require("dynalite");
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("dynalite has no TCP address");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Creates an on-demand table shaped as the stack's state table (string key `pk`). */
export async function createStateTable(client: DynamoDBClient, table: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
}
