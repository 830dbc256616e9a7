// A stored template value as a reader sees it: option and cascade labels in their language,
// numbers, money, dates and times as their locale writes them, people and customers by name.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { FieldDef, JsonValue, TemplateDef } from "../../api";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useDirectory } from "../../lib/directory";
import { normaliseLanguage } from "../../i18n";
import { asAttachments } from "./attachments";
import { asPlace } from "./formValues";
import { cascadePathText, textIn } from "./names";

export type Lookups = {
  user: (id: string) => string | undefined;
  customer: (id: string) => string | undefined;
};

/** Names of people and customers from the directory. */
export function useLookups(): Lookups {
  const directory = useDirectory();
  return {
    user: (id) => directory.user(id)?.display_name,
    customer: (id) => directory.customer(id)?.name,
  };
}

const strings = (v: JsonValue): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function list(items: string[], lang: string): string {
  return new Intl.ListFormat(normaliseLanguage(lang), { type: "conjunction" }).format(items);
}

function money(v: JsonValue, lang: string): string {
  if (!v || typeof v !== "object" || Array.isArray(v)) return JSON.stringify(v);
  const amount = Number(v.amount);
  const currency = typeof v.currency === "string" ? v.currency : "";
  if (!Number.isFinite(amount) || currency === "") return `${String(v.amount)} ${currency}`.trim();
  return new Intl.NumberFormat(normaliseLanguage(lang), { style: "currency", currency }).format(amount);
}

function date(v: JsonValue, lang: string): string {
  if (typeof v !== "string") return JSON.stringify(v);
  const [y, m, d] = v.split("-").map(Number);
  // A calendar date, not an instant: formatted in UTC so no zone shifts it by a day.
  const at = Date.UTC(y, m - 1, d);
  if (!Number.isFinite(at)) return v;
  return new Intl.DateTimeFormat(normaliseLanguage(lang), { dateStyle: "medium", timeZone: "UTC" }).format(at);
}

function place(v: JsonValue, lang: string): string {
  const p = asPlace(v);
  if (!p) return JSON.stringify(v);
  const lng = normaliseLanguage(lang);
  const coordinates = p.lat !== null && p.lon !== null ? `${formatNumber(p.lat, lng)}, ${formatNumber(p.lon, lng)}` : "";
  return [p.address ?? "", coordinates && `(${coordinates})`].filter(Boolean).join(" ");
}

/** `value` of `field` as text in `lang`; a value that does not fit the field shows as JSON. */
export function valueText(field: FieldDef, value: JsonValue, lang: string, t: TFunction, lookups: Lookups): string {
  const lng = normaliseLanguage(lang);
  switch (field.type) {
    case "text":
    case "textarea":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "number":
      return typeof value === "number" ? formatNumber(value, lng) : JSON.stringify(value);
    case "money":
      return money(value, lang);
    case "date":
      return date(value, lang);
    case "datetime":
      return typeof value === "string" ? formatDateTime(Date.parse(value), lng) : JSON.stringify(value);
    case "select": {
      const option = field.options.find((o) => o.value === value);
      return option ? textIn(option.labels, lang) : String(value);
    }
    case "multi_select":
      return list(
        strings(value).map((s) => textIn(field.options.find((o) => o.value === s)?.labels, lang) || s),
        lang,
      );
    case "cascade":
      return cascadePathText(field.tree, strings(value), lang);
    case "checkbox":
      return value === true ? t("common.yes") : t("common.no");
    case "user":
      return typeof value === "string" ? (lookups.user(value) ?? value) : JSON.stringify(value);
    case "customer":
      return typeof value === "string" ? (lookups.customer(value) ?? value) : JSON.stringify(value);
    case "attachment":
      return list(
        asAttachments(value).map((f) => f.name),
        lang,
      );
    case "location":
      return place(value, lang);
  }
}

/** A value no field describes any more (kept after a conversion): text as is, else JSON. */
export function bareValueText(value: JsonValue): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(", ");
  return JSON.stringify(value);
}

/**
 * Labels and value texts of a template's fields as history events name them (`values.KEY`);
 * null for a field the template does not describe, so the caller falls back to its own.
 */
export function useTemplateFieldText(template: TemplateDef | null | undefined) {
  const { i18n } = useTranslation();
  const lookups = useLookups();
  const fieldOf = (name: string | null) =>
    name?.startsWith("values.") ? template?.fields.find((f) => f.key === name.slice("values.".length)) : undefined;
  return {
    label: (name: string): string | null => {
      const field = fieldOf(name);
      return field ? textIn(field.labels, i18n.language) : null;
    },
    value: (name: string | null, value: JsonValue, t: TFunction): string | null => {
      const field = fieldOf(name);
      return field ? valueText(field, value, i18n.language, t, lookups) : null;
    },
  };
}
