/**
 * Reads ../shared/datasets/httpparams/payload_train.csv (HttpParamsDataset, MIT; see its NOTICE.md):
 * a quoted CSV with "" escapes, rows grouped by type. Returns each payload with its attack type.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** Where the dataset sits, beside the repository (shared/ is a sibling of the clone). */
export const HTTPPARAMS_CSV = resolve(__dirname, "../../../../shared/datasets/httpparams/payload_train.csv");

/** One row: the payload and its attack_type column (norm, sqli, xss, cmdi, path-traversal). */
export interface HttpParamsRow {
  readonly payload: string;
  readonly attackType: string;
}

/** Parses the dataset's CSV (every field quoted, CRLF line ends); throws if a row is malformed. */
export function parseHttpParams(csv: string): HttpParamsRow[] {
  const rows: HttpParamsRow[] = [];
  const field = /"((?:[^"]|"")*)"/y;
  let position = csv.indexOf("\n") + 1; // skip the header
  while (position < csv.length) {
    const fields: string[] = [];
    while (fields.length < 4) {
      field.lastIndex = position;
      const match = field.exec(csv);
      if (!match) throw new Error(`httpparams: malformed field at offset ${position}`);
      fields.push(match[1]!.replaceAll('""', '"'));
      position = field.lastIndex + 1; // the comma, or the \r of \r\n
    }
    if (csv[position - 1] === "\r") position += 1;
    rows.push({ payload: fields[0]!, attackType: fields[2]! });
  }
  return rows;
}

/** The dataset's rows. */
export function readHttpParams(path = HTTPPARAMS_CSV): HttpParamsRow[] {
  return parseHttpParams(readFileSync(path, "utf8"));
}
