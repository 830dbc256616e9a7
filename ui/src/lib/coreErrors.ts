// Putting a core refusal where the user looks: on the field it names, else above the form.
import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import { appErrorOf } from "../api";
import { errorMessage } from "../i18n/errors";

export type FieldPath = string | (string | number)[];

/**
 * Shows the error on the form field that `toPath` maps the core's `error.field` to, and returns
 * null; when no field matches, returns the message for a form-level alert.
 */
export function placeCoreError(
  form: FormInstance,
  t: TFunction,
  e: unknown,
  toPath: (field: string) => FieldPath | null,
): string | null {
  const error = appErrorOf(e);
  const message = errorMessage(t, error);
  const path = error.field ? toPath(error.field) : null;
  if (path === null) return message;
  form.setFields([{ name: path, errors: [message] }]);
  return null;
}

/** A mapper for forms whose field names are the core's own names. */
export function sameNames(names: readonly string[]): (field: string) => FieldPath | null {
  return (field) => (names.includes(field) ? field : null);
}

/** Removes errors placed by an earlier refusal before the form is sent again. */
export function clearCoreErrors(form: FormInstance): void {
  const stale = form.getFieldsError().filter((f) => f.errors.length > 0);
  form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
}
