// What a conversion will do with the order's values, shown before the agent confirms: each
// value goes to the target field the mapping names (its own key otherwise), options renamed as
// the mapping says, or is kept aside when the target has no such field. The core converts; this
// only previews its documented mapping so the agent can fill in what the target still lacks.
import type { FieldDef, FieldMapping, JsonValue, TemplateDef } from "../../api";

export type MappedValue = {
  /** The source field's key and definition (absent when the source version is unknown). */
  from: string;
  fromField: FieldDef | undefined;
  /** The target field, or null when the value will be kept aside as unmapped. */
  to: FieldDef | null;
  value: JsonValue;
  mapped: JsonValue;
};

function renameOption(value: JsonValue, renames: Record<string, string> | undefined): JsonValue {
  if (!renames) return value;
  if (typeof value === "string") return renames[value] ?? value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? (renames[v] ?? v) : v));
  return value;
}

export function previewMapping(
  mapping: FieldMapping,
  from: TemplateDef | undefined,
  to: TemplateDef,
  values: Record<string, JsonValue>,
): MappedValue[] {
  return Object.entries(values).map(([key, value]) => {
    const target = to.fields.find((f) => f.key === (mapping.fields?.[key] ?? key)) ?? null;
    return {
      from: key,
      fromField: from?.fields.find((f) => f.key === key),
      to: target,
      value,
      mapped: target ? renameOption(value, mapping.options?.[key]) : value,
    };
  });
}

/** The target's values the mapping fills, by target key. */
export function mappedValues(preview: MappedValue[]): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const p of preview) if (p.to) out[p.to.key] = p.mapped;
  return out;
}

/** The target definition without the fields the mapping fills: what is left to enter. */
export function leftToFill(to: TemplateDef, filled: Record<string, JsonValue>): TemplateDef {
  return { ...to, fields: to.fields.filter((f) => filled[f.key] === undefined) };
}
