// A core refusal of the definition, kept with the place it names so each editor can show it on
// the input it concerns (`fields.3.labels.es` on field 3's Spanish label).
import type { RefusalPlace } from "./model";

export type Refusal = { place: RefusalPlace; message: string };

/**
 * The refusal's message when it concerns `path` (or something inside it) of the item
 * `index` of `at` ("field", "rule", "section") or of the template itself.
 */
export function messageAt(
  refusal: Refusal | null,
  at: RefusalPlace["at"],
  index: number | null,
  path: string,
): string | undefined {
  if (!refusal || refusal.place.at !== at) return undefined;
  if (refusal.place.at !== "template" && refusal.place.index !== index) return undefined;
  const p = refusal.place.path;
  return p === path || p.startsWith(`${path}.`) ? refusal.message : undefined;
}

/** A scoped reader: `errorAt("labels.es")` for one field, rule or section. */
export function scoped(refusal: Refusal | null, at: RefusalPlace["at"], index: number | null) {
  return (path: string) => messageAt(refusal, at, index, path);
}
