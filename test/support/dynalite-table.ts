/** A DynamoDB client for dynalite on 127.0.0.1, and fresh state tables with unique names. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createStateTable } from "./dynalite-server";

let created = 0;

/** A DynamoDB client for dynalite on 127.0.0.1 (dummy credentials: dynalite checks none). */
export function dynaliteClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

/** Creates an empty state table with a name no other test in this process uses, and returns the name. */
export async function newStateTable(client: DynamoDBClient, prefix = "helios-state"): Promise<string> {
  created += 1;
  const table = `${prefix}-${process.pid}-${created}`;
  await createStateTable(client, table);
  return table;
}
