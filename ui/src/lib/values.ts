import type { JsonValue } from "../api";

/** A stored field value as text (strings as they are, anything else as JSON). */
export function displayValue(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
