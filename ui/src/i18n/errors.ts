// Turning a core AppError into a sentence: `errors.<key>` with its params, field names translated.
import type { TFunction } from "i18next";
import type { AppError } from "../api";
import { appErrorOf } from "../api";

/** The label of a field key as the core names it (`priority`, `values.contact_name`, …). */
export function fieldLabel(t: TFunction, field: string): string {
  const key = field.startsWith("values.") ? `fields.values.${field.slice(7)}` : `fields.${field}`;
  return t(key, { defaultValue: field });
}

export function errorMessage(t: TFunction, error: AppError): string {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.params ?? {})) {
    if (value !== undefined) params[name] = value;
  }
  if (params.field) params.field = fieldLabel(t, params.field);
  // A refused transition names statuses by key; show them as the user knows them.
  for (const name of ["from", "to"]) {
    if (params[name]) params[name] = t(`status.${params[name]}`, { defaultValue: params[name] });
  }
  // An unknown key shows itself, so a missing translation is visible rather than silent.
  return t(`errors.${error.key}`, { ...params, defaultValue: error.key });
}

export function messageOf(t: TFunction, e: unknown): string {
  return errorMessage(t, appErrorOf(e));
}
