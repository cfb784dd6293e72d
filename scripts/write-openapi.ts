/**
 * `npm run openapi`: writes the OpenAPI document generated from the catalog to docs/openapi.json.
 * With `--check` it writes nothing and exits 1 when the committed file is out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderOpenApiFile } from "./openapi-file";

const target = join(__dirname, "..", "docs", "openapi.json");
const expected = renderOpenApiFile();

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // A missing file is simply out of date.
  }
  if (current !== expected) {
    process.stderr.write(`${target} is out of date: run npm run openapi\n`);
    process.exit(1);
  }
  process.stdout.write(`${target} is up to date\n`);
} else {
  writeFileSync(target, expected);
  process.stdout.write(`wrote ${target}\n`);
}
