/**
 * State store adapter for AWS: one DynamoDB table shared by every function instance. An item is
 * `pk` (the key), `state` (the value as JSON), `version` and `expiresAt` (the table's TTL attribute).
 * Writes are conditional on the version, so two instances updating one key never lose an update.
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  ConditionalCheckFailedException,
  DynamoDBClient,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { checkKey, type JsonObject, type StateStore, type StoredRecord, serialiseValue } from "./state-store";

/** DynamoDB's most keys per BatchGetItem. */
const BATCH_GET_LIMIT = 100;

/** Rounds of UnprocessedKeys retried before a read fails (DynamoDB hands them back under throttling). */
const MAX_UNPROCESSED_ROUNDS = 5;

/**
 * State reads and writes sit on a request's path: short timeouts and few retries keep a slow
 * DynamoDB from holding the answer (throwOnRequestTimeout, or the SDK only warns).
 */
export const DYNAMODB_CLIENT_OPTIONS = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
} as const;

type Item = Record<string, AttributeValue>;

/** Keeps state records in a DynamoDB table with string partition key `pk` and TTL attribute `expiresAt`. */
export class DynamoDbStateStore implements StateStore {
  private readonly client: DynamoDBClient;

  /**
   * @param client injected by tests; by default one client per container with bounded timeouts
   * @param now clock in epoch milliseconds (TTL deletes lazily, so expiry is checked on read)
   */
  constructor(
    private readonly table: string,
    client?: DynamoDBClient,
    private readonly now: () => number = Date.now,
  ) {
    this.client = client ?? new DynamoDBClient(DYNAMODB_CLIENT_OPTIONS);
  }

  /** Reads records by key with strongly consistent BatchGetItem calls. */
  async read(keys: readonly string[], signal?: AbortSignal): Promise<Map<string, StoredRecord>> {
    for (const key of keys) checkKey(key);
    const unique = [...new Set(keys)];
    const found = new Map<string, Item>();
    for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
      let pending: Item[] = unique.slice(start, start + BATCH_GET_LIMIT).map((key) => ({ pk: { S: key } }));
      for (let round = 0; pending.length > 0; round += 1) {
        if (round > MAX_UNPROCESSED_ROUNDS)
          throw new Error("DynamoDB kept state reads unprocessed; try again");
        const output: BatchGetItemCommandOutput = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } },
          }),
          { abortSignal: signal },
        );
        for (const item of output.Responses?.[this.table] ?? []) {
          if (item.pk?.S !== undefined) found.set(item.pk.S, item);
        }
        pending = output.UnprocessedKeys?.[this.table]?.Keys ?? [];
      }
    }
    const nowSeconds = this.now() / 1000;
    return new Map(keys.map((key) => [key, this.toRecord(key, found.get(key), nowSeconds)]));
  }

  /** Writes a record if its version is unchanged (a conditional PutItem). */
  async write(
    key: string,
    value: JsonObject,
    expectedVersion: number,
    expiresAt: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const state = serialiseValue(key, value);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: {
            pk: { S: key },
            state: { S: state },
            version: { N: String(expectedVersion + 1) },
            expiresAt: { N: String(Math.ceil(expiresAt)) },
          },
          ...(expectedVersion === 0
            ? { ConditionExpression: "attribute_not_exists(pk)" }
            : {
                ConditionExpression: "version = :expected",
                ExpressionAttributeValues: { ":expected": { N: String(expectedVersion) } },
              }),
        }),
        { abortSignal: signal },
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private toRecord(key: string, item: Item | undefined, nowSeconds: number): StoredRecord {
    if (!item) return { value: undefined, version: 0 };
    const version = Number(item.version?.N);
    const expiresAt = Number(item.expiresAt?.N);
    if (
      !Number.isInteger(version) ||
      version < 1 ||
      !Number.isFinite(expiresAt) ||
      item.state?.S === undefined
    ) {
      throw new Error(`state record ${key} in table ${this.table} is malformed`);
    }
    if (expiresAt <= nowSeconds) return { value: undefined, version };
    const value: unknown = JSON.parse(item.state.S);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new Error(`state record ${key} in table ${this.table} does not hold a JSON object`);
    }
    return { value: value as JsonObject, version };
  }
}
