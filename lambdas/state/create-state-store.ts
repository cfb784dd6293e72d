/**
 * Chooses the state store from the environment: DynamoDB on AWS, a JSON file in local mode, and
 * process memory when nothing is configured. The DynamoDB client is loaded only when DynamoDB is
 * chosen, so local mode never loads the SDK.
 */
import { resolve } from "node:path";
import { ENV } from "../runtime/environment-names";
import { DEFAULT_STATE_FILE } from "../runtime/repo-paths";
import { FileStateStore } from "./file-state-store";
import { MemoryStateStore } from "./memory-state-store";
import type { StateStore } from "./state-store";

/** Environment variables as Node gives them. */
type Environment = Readonly<Record<string, string | undefined>>;

/** Where state is kept. */
export type StateStoreConfig =
  | { readonly kind: "memory" }
  | { readonly kind: "file"; readonly file: string }
  | { readonly kind: "dynamodb"; readonly table: string };

/** DynamoDB table names: 3 to 255 of these characters. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/** Reads the state store settings; the problem names the variable that is wrong. */
export function readStateStoreConfig(
  env: Environment,
):
  | { readonly ok: true; readonly config: StateStoreConfig }
  | { readonly ok: false; readonly problem: string } {
  const kind = env[ENV.stateStore]?.trim() || "memory";
  if (kind === "memory") return { ok: true, config: { kind } };
  if (kind === "file") {
    const file = env[ENV.stateFile]?.trim();
    return { ok: true, config: { kind, file: file ? resolve(file) : DEFAULT_STATE_FILE } };
  }
  if (kind !== "dynamodb") {
    return { ok: false, problem: `${ENV.stateStore} must be "memory", "file" or "dynamodb"` };
  }
  const table = env[ENV.stateTable]?.trim() ?? "";
  if (!TABLE_NAME.test(table)) {
    return {
      ok: false,
      problem: `${ENV.stateTable} must name a DynamoDB table when ${ENV.stateStore}=dynamodb`,
    };
  }
  return { ok: true, config: { kind, table } };
}

/** Builds the state store the configuration asks for. */
export function createStateStore(config: StateStoreConfig): StateStore {
  if (config.kind === "memory") return new MemoryStateStore();
  if (config.kind === "file") return new FileStateStore(config.file);
  // A plain require keeps the DynamoDB client out of local mode and stays bundleable.
  const { DynamoDbStateStore }: typeof import("./dynamodb-state-store") = require("./dynamodb-state-store");
  return new DynamoDbStateStore(config.table);
}
