// Where a core refusal about one rule of a list lands: `rules[2].department_id` is the
// department input of the third rule in the form's `rules` list.
import type { FieldPath } from "../../../lib/coreErrors";

/** Maps `rules[i].name` to `["rules", i, name]` when `name` is one of the form's inputs. */
export function ruleFieldPath(names: readonly string[]): (field: string) => FieldPath | null {
  return (field) => {
    const m = /^rules\[(\d+)\]\.(.+)$/.exec(field);
    if (!m) return null;
    const input = m[2] === "field" || m[2].startsWith("field.") ? "field_key" : m[2];
    return names.includes(input) ? ["rules", Number(m[1]), input] : null;
  };
}

/** Text from an input, or null when blank. */
export const textOrNull = (v: string | null | undefined) => (v && v.trim() !== "" ? v.trim() : null);

/** Templates a rule may name (the built-in one; others can be typed). */
export const TEMPLATE_OPTIONS = [{ value: "general" }];
