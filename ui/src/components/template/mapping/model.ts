// Reading and editing a FieldMapping per TARGET field, the way an admin thinks of it ("what fills
// this field?"), while the core stores it per SOURCE field: `fields` maps a source key to a target
// key (same keys map themselves unless listed) and `options` maps, per source field, a source
// option to a target option. An option with no entry passes through unchanged; the core keeps
// the value aside when the target does not offer it (see FieldMapping::convert).
import type { Choice, FieldDef, FieldMapping, TemplateDef } from "../../../api";

/** The source field that fills `target`: the one the mapping names, else the one with its key. */
export function sourceFor(m: FieldMapping, from: TemplateDef, target: string): string | null {
  const named = Object.entries(m.fields ?? {}).find(([, to]) => to === target);
  if (named) return named[0];
  const sameKey = from.fields.some((f) => f.key === target) && m.fields?.[target] === undefined;
  return sameKey ? target : null;
}

/** Whether `target` is filled only because the source has a field with its key. */
export function isSameKey(m: FieldMapping, from: TemplateDef, target: string): boolean {
  return m.fields?.[target] === undefined && sourceFor(m, from, target) === target;
}

/**
 * Whether the source's namesake of `target` still fills it besides the field the mapping names:
 * a FieldMapping cannot stop a same-key field, so the admin is told rather than misled.
 */
export function namesakeAlsoFills(m: FieldMapping, from: TemplateDef, target: string): boolean {
  const source = sourceFor(m, from, target);
  return source !== null && source !== target && m.fields?.[target] === undefined && from.fields.some((f) => f.key === target);
}

/** The target key a source field's values go to. */
const targetOf = (m: FieldMapping, source: string) => m.fields?.[source] ?? source;

/** The mapping with `target` filled from `source` (null: from no source field named for it). */
export function setSource(m: FieldMapping, target: string, source: string | null): FieldMapping {
  const fields = { ...m.fields };
  const options = { ...m.options };
  for (const [s, to] of Object.entries(fields)) {
    if (to === target && s !== source) {
      delete fields[s];
      delete options[s];
    }
  }
  if (source !== null) {
    // Option maps were written for the source's old target; they mean nothing for a new one.
    if (targetOf(m, source) !== target) delete options[source];
    if (source === target) delete fields[source];
    else fields[source] = target;
  }
  return { ...m, fields, options };
}

export const choicesOf = (f: FieldDef | undefined): Choice[] | null =>
  f && (f.type === "select" || f.type === "multi_select") ? f.options : null;

/** The target option a source option becomes, or null when it is kept aside. */
export function optionTarget(m: FieldMapping, source: string, value: string, target: FieldDef): string | null {
  const named = m.options?.[source]?.[value];
  if (named !== undefined) return named;
  return choicesOf(target)?.some((o) => o.value === value) ? value : null;
}

/** The mapping with the source option `value` turned into `to` (null: kept aside). */
export function setOption(m: FieldMapping, source: string, value: string, to: string | null): FieldMapping {
  const values = { ...m.options?.[source] };
  if (to === null || to === value) delete values[value];
  else values[value] = to;
  const options = { ...m.options };
  if (Object.keys(values).length > 0) options[source] = values;
  else delete options[source];
  return { ...m, options };
}

/** The target row a core refusal's field path (`fields.x`, `options.x…`) concerns. */
export function rowOfError(m: FieldMapping, path: string | null): string | null {
  const match = path ? /^(?:fields|options)\.([^.]+)/.exec(path) : null;
  return match ? targetOf(m, match[1]) : null;
}
