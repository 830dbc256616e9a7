// Template values between the form and the core: antd leaves `undefined`, "" and [] for
// untouched or cleared inputs (the core treats an absent key as empty, so those are left out),
// and dates travel as text (`YYYY-MM-DD`, RFC 3339) while the pickers hold dayjs values.
import type { FormItemProps } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { FieldDef, JsonValue } from "../../api";

export type TemplateValues = Record<string, JsonValue>;

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The filled-in values only, keyed by field. */
export function cleanValues(values: Record<string, unknown> | null | undefined): TemplateValues {
  const out: TemplateValues = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (!isBlank(value)) out[key] = value as JsonValue;
  }
  return out;
}

/** A JSON object's members, or none for anything else (stored values are always an object). */
export function objectOf(value: JsonValue | null | undefined): Record<string, JsonValue> {
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** Where a field's value lives in the form. */
export const valuePath = (key: string): ["values", string] => ["values", key];

/** The decimal separator of a language ("," in Spanish), for number inputs. */
export function decimalSeparator(lang: string): string {
  return new Intl.NumberFormat(lang).format(1.5).replace(/\d/g, "") || ".";
}

const DATE = "YYYY-MM-DD";

/** Form.Item props turning the core's stored value into the input's and back. */
export function valueProps(field: FieldDef): Pick<FormItemProps, "getValueProps" | "normalize"> {
  switch (field.type) {
    case "date":
      return {
        getValueProps: (v: unknown) => ({ value: typeof v === "string" && v ? dayjs(v) : null }),
        normalize: (d: Dayjs | null) => (d ? d.format(DATE) : null),
      };
    case "datetime":
      return {
        getValueProps: (v: unknown) => ({ value: typeof v === "string" && v ? dayjs(v) : null }),
        // RFC 3339 with the local offset, so the stored time says where it was entered.
        normalize: (d: Dayjs | null) => (d ? d.second(0).format() : null),
      };
    default:
      return {};
  }
}

export type Place = { address: string | null; lat: number | null; lon: number | null };

export function asPlace(value: JsonValue | undefined): Place | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const number = (v: JsonValue | undefined) => (typeof v === "number" ? v : null);
  return {
    address: typeof value.address === "string" ? value.address : null,
    lat: number(value.lat),
    lon: number(value.lon),
  };
}

