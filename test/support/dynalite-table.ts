/** A fresh state table in a running dynalite, with a client pointed at it (loopback only). */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";

let created = 0;

/** A DynamoDB client for dynalite on 127.0.0.1 (dummy credentials: dynalite checks none). */
export function dynaliteClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

/** Creates an empty on-demand table keyed by `pk`, as the stack's state table is, and returns its name. */
export async function createStateTable(client: DynamoDBClient, prefix = "helios-state"): Promise<string> {
  created += 1;
  const table = `${prefix}-${process.pid}-${created}`;
  await client.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  return table;
}
