// Reading the JSON values the core records on history events (workflow moves, triggers,
// handovers, collaborators, links): their members, and a member as non-blank text.
import type { JsonValue } from "../../api";

export type Members = Record<string, JsonValue>;

/** The members of an object value; none for anything else. */
export function membersOf(value: JsonValue | null | undefined): Members {
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** A value as text when it is a non-blank string. */
export function textOf(value: JsonValue | undefined): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** The member `name` of an object value, as non-blank text. */
export function part(value: JsonValue | null | undefined, name: string): string | null {
  return textOf(membersOf(value)[name]);
}
