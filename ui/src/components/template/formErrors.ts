// A save the core's form state already refuses is not sent: each field's error goes onto it.
import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import type { FormState } from "../../api";
import type { FieldPath } from "../../lib/coreErrors";
import { errorMessage } from "../../i18n/errors";
import { valuePath } from "./formValues";

/**
 * Puts every visible field's error from `state` on that field and returns how many there were;
 * 0 means the core has nothing against these values (a save may still meet e.g. a permission).
 */
export function placeFormState(form: FormInstance, t: TFunction, state: FormState): number {
  const wrong = state.fields.filter((f) => f.visible && f.error !== null);
  form.setFields(wrong.map((f) => ({ name: valuePath(f.key), errors: [errorMessage(t, f.error!)] })));
  if (wrong.length > 0) form.scrollToField(valuePath(wrong[0].key));
  return wrong.length;
}

/** Maps the core's `values.KEY` (or a bare template key) to the form path of that field. */
export function templateFieldPath(keys: readonly string[]) {
  return (field: string): FieldPath | null => {
    const key = field.startsWith("values.") ? field.slice("values.".length) : field;
    return keys.includes(key) ? valuePath(key) : null;
  };
}
