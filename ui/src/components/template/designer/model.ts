// The designer's pure edits of a template definition: new fields from the palette, moves within
// and across sections, and locating a core refusal (`fields.3.labels.es`) on what the admin edits.
// The core still checks everything on save and preview; these only keep the draft well-formed.
import type { FieldDef, FieldKind, Names, TemplateDef } from "../../../api";

export type FieldType = FieldKind["type"];

/** The palette, in the order an admin meets the types. */
export const FIELD_TYPES: FieldType[] = [
  "text",
  "textarea",
  "number",
  "money",
  "date",
  "datetime",
  "select",
  "multi_select",
  "cascade",
  "checkbox",
  "user",
  "customer",
  "attachment",
  "location",
];

export const LANGS = ["en", "zh_cn", "es"] as const;
export type NameLang = (typeof LANGS)[number];

export const emptyNames = (): Names => ({ en: "", zh_cn: "", es: "" });
export const sameNames = (text: string): Names => ({ en: text, zh_cn: text, es: text });

/** A key not yet taken: `text_1`, `text_2`, … */
export function freshKey(base: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const key = `${base}_${n}`;
    if (!taken.includes(key)) return key;
  }
}

/** The type-specific part of a new field, with the smallest settings the core accepts. */
export function kindOf(type: FieldType, labels: (n: number) => Names): FieldKind {
  switch (type) {
    case "text":
      return { type, max_chars: null, pattern: null };
    case "textarea":
      return { type, max_chars: null };
    case "number":
      return { type, min: null, max: null, decimals: null };
    case "money":
      return { type, currency: "CNY", min: null, max: null };
    case "select":
      return { type, options: [{ value: "option_1", labels: labels(1) }] };
    case "multi_select":
      return { type, options: [{ value: "option_1", labels: labels(1) }], max_choices: null };
    case "cascade":
      return { type, levels: [labels(1)], tree: [{ value: "node_1", labels: labels(1), children: [] }], allow_partial: false };
    case "attachment":
      return { type, max_bytes: null, types: [], max_files: null };
    case "date":
    case "datetime":
    case "checkbox":
    case "user":
    case "customer":
    case "location":
      return { type };
  }
}

/**
 * A new field of `type` in `section`, labelled with the type's name in each language (`typeNames`)
 * and a numbered placeholder for options (`optionNames(n)`).
 */
export function newField(def: TemplateDef, type: FieldType, section: string, typeNames: Names, optionNames: (n: number) => Names): FieldDef {
  const key = freshKey(type, def.fields.map((f) => f.key));
  return { key, section, labels: { ...typeNames }, help: null, required: false, default: null, ...kindOf(type, optionNames) } as FieldDef;
}

/**
 * The fields with `key` moved into `section` at `index` among that section's fields (the
 * position counts the section's fields without the moved one). The order across sections is kept.
 */
export function moveField(fields: FieldDef[], key: string, section: string, index: number): FieldDef[] {
  const moving = fields.find((f) => f.key === key);
  if (!moving) return fields;
  const rest = fields.filter((f) => f.key !== key);
  const inSection = rest.filter((f) => f.section === section);
  const moved = { ...moving, section };
  const clamped = Math.max(0, Math.min(index, inSection.length));
  let at: number;
  if (inSection.length === 0) {
    at = rest.length;
  } else if (clamped < inSection.length) {
    at = rest.indexOf(inSection[clamped]);
  } else {
    at = rest.indexOf(inSection[inSection.length - 1]) + 1;
  }
  return [...rest.slice(0, at), moved, ...rest.slice(at)];
}

/** `field` inserted into `section` at `index` (as `moveField` counts positions). */
export function insertField(fields: FieldDef[], field: FieldDef, index: number): FieldDef[] {
  return moveField([...fields, field], field.key, field.section, index);
}

/**
 * The field at `index` replaced by `next`. A new key is carried into the rules too, so a rename
 * never breaks a rule (unless another field still has the old key, which the rules then keep).
 */
export function replaceField(def: TemplateDef, index: number, next: FieldDef): TemplateDef {
  const from = def.fields[index]?.key;
  const fields = def.fields.map((f, i) => (i === index ? next : f));
  if (from === undefined || from === next.key || fields.some((f) => f.key === from)) return { ...def, fields };
  const to = next.key;
  return {
    ...def,
    fields,
    rules: (def.rules ?? []).map((r) => ({
      ...r,
      when: r.when.map((c) => (c.field === from ? { ...c, field: to } : c)),
      targets: r.targets.map((t) => (t === from ? to : t)),
    })),
  };
}

/** Removing a field drops it from rules; a rule left without conditions or targets goes too. */
export function removeField(def: TemplateDef, key: string): TemplateDef {
  const rules = (def.rules ?? [])
    .map((r) => ({ ...r, when: r.when.filter((c) => c.field !== key), targets: r.targets.filter((t) => t !== key) }))
    .filter((r) => r.when.length > 0 && r.targets.length > 0);
  return { ...def, fields: def.fields.filter((f) => f.key !== key), rules };
}

/** A blank template: one section, no fields. */
export function blankTemplate(key: string, names: Names, sectionNames: Names): TemplateDef {
  return {
    key,
    names,
    department_id: null,
    category: "",
    sections: [{ key: "main", names: sectionNames }],
    fields: [],
    rules: [],
    default_priority: null,
  };
}

/** Where a core refusal points, in the designer's terms. */
export type RefusalPlace =
  | { at: "field"; index: number; path: string }
  | { at: "rule"; index: number; path: string }
  | { at: "section"; index: number; path: string }
  | { at: "template"; path: string };

/** `fields.3.options.1.labels.es` -> field 3, path `options.1.labels.es`. */
export function placeOf(field: string | null): RefusalPlace {
  if (!field) return { at: "template", path: "" };
  const match = /^(fields|rules|sections)\.(\d+)(?:\.(.*))?$/.exec(field);
  if (!match) return { at: "template", path: field };
  const at = match[1] === "fields" ? "field" : match[1] === "rules" ? "rule" : "section";
  return { at, index: Number(match[2]), path: match[3] ?? "" };
}
