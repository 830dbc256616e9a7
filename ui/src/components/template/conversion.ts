// What a conversion recorded in the history: the history event with `field: "template"` holds
// `{key, version, values}` before and `{key, version, values, unmapped}` after.
import type { Event, JsonValue } from "../../api";
import { objectOf } from "./formValues";

export const CONVERSION_FIELD = "template";
export const UNMAPPED_KEY = "_unmapped";

export type TemplateAt = { key: string; version: number | null; values: Record<string, JsonValue> };
export type Conversion = { from: TemplateAt; to: TemplateAt; unmapped: Record<string, JsonValue> };

function templateAt(value: JsonValue | null): TemplateAt {
  const o = objectOf(value);
  return {
    key: typeof o.key === "string" ? o.key : "",
    version: typeof o.version === "number" ? o.version : null,
    values: objectOf(o.values),
  };
}

export function isConversion(event: Event): boolean {
  return event.kind === "field_changed" && event.field === CONVERSION_FIELD;
}

export function conversionOf(event: Event): Conversion {
  const { [UNMAPPED_KEY]: _kept, ...before } = templateAt(event.old_value).values;
  const from = { ...templateAt(event.old_value), values: before };
  return { from, to: templateAt(event.new_value), unmapped: objectOf(objectOf(event.new_value).unmapped) };
}

/** The latest conversion, if any: where the order's unmapped values came from. */
export function lastConversion(history: Event[]): Conversion | null {
  const found = history.filter(isConversion).at(-1);
  return found ? conversionOf(found) : null;
}

/** An order's own template values and the ones a conversion kept without a field. */
export function splitValues(values: JsonValue): { own: Record<string, JsonValue>; unmapped: Record<string, JsonValue> } {
  const { [UNMAPPED_KEY]: kept, ...own } = objectOf(values);
  return { own, unmapped: objectOf(kept) };
}
