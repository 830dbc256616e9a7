// Collaborator and link events in the history (issue #4). The core records them as field changes:
// `collaborators` with `{added: user_id}` or `{removed: user_id}` as the new value, `links` with
// `{linked, order_id, kind}` as the new value or `{unlinked, order_id, kind}` as the old one,
// `kind` read from this order's side (related, duplicate_of, duplicated_by, parent_of, child_of).
import type { TFunction } from "i18next";
import type { Event } from "../../api";
import type { useDirectory } from "../../lib/directory";
import { part } from "./eventValue";

/** The headline of a collaborator or link event; null for any other event. */
export function processingEventText(
  event: Event,
  who: string,
  t: TFunction,
  directory: ReturnType<typeof useDirectory>,
): string | null {
  if (event.field === "collaborators") {
    const added = part(event.new_value, "added");
    const removed = part(event.new_value, "removed") ?? part(event.old_value, "removed");
    const id = added ?? removed;
    if (id === null) return null;
    const person = directory.user(id)?.display_name ?? id;
    return t(added ? "history.collaboratorAdded" : "history.collaboratorRemoved", { who, person });
  }
  if (event.field === "links") {
    const linked = part(event.new_value, "linked");
    const unlinked = part(event.old_value, "unlinked");
    const number = linked ?? unlinked;
    if (number === null) return null;
    const value = linked ? event.new_value : event.old_value;
    const kindKey = part(value, "kind") ?? "related";
    const kind = t(`links.kinds.${kindKey}`, { defaultValue: kindKey });
    return t(linked ? "history.linked" : "history.unlinked", { who, kind, number });
  }
  return null;
}
