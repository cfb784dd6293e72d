/**
 * Small checks for the fields of an EventBridge event's detail. A check that fails throws a
 * FieldProblem naming the field; `parsed` turns the first one into a value the caller reports.
 */

/** A checked value, or what is wrong with it (naming the field). */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

/** Longest string field accepted; CloudWatch dimension values are at most 1,024 characters. */
export const MAX_TEXT = 1_024;

/** Thrown by a field check; carries a message that names the field. */
export class FieldProblem extends Error {}

/** Runs a parser built from field checks; a FieldProblem becomes `{ ok: false, problem }`. */
export function parsed<T>(parse: () => T): Parsed<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof FieldProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

/** A JSON object (not null, not an array). */
export function objectField(value: unknown, name: string): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FieldProblem(`${name} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** A non-empty string of at most MAX_TEXT characters. */
export function textField(value: unknown, name: string): string {
  if (typeof value !== "string" || value.trim() === "" || value.length > MAX_TEXT) {
    throw new FieldProblem(`${name} must be a non-empty string of at most ${MAX_TEXT} characters`);
  }
  return value;
}

/** A finite number. */
export function numberField(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new FieldProblem(`${name} must be a finite number`);
  return value;
}

/** A map of dimension name to value, as CloudWatch metrics carry them (at most 30). */
export function dimensionsField(value: unknown, name: string): Readonly<Record<string, string>> {
  const entries = Object.entries(objectField(value, name));
  if (entries.length > 30) throw new FieldProblem(`${name} has more than 30 dimensions`);
  for (const [key, dimension] of entries) {
    if (key.length > MAX_TEXT || typeof dimension !== "string" || dimension.length > MAX_TEXT) {
      throw new FieldProblem(
        `${name}.${key.slice(0, 64)} must be a string of at most ${MAX_TEXT} characters`,
      );
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
