// The workflow actions a bulk status change may offer: those the core offers on the selected
// orders (asked for the first few), each once. Steps that need more than a comment (a transfer's
// target, a review, required fields) are taken one order at a time, in the detail.
import { useEffect, useState } from "react";
import { api, type AvailableAction } from "../../api";

/** How many of the selected orders are asked which actions they offer. */
export const ACTIONS_SAMPLE = 20;
const REVIEWS = new Set(["approve_transfer", "reject_transfer"]);

const bulkable = (a: AvailableAction) => !a.review && !REVIEWS.has(a.action) && a.requires_fields.length === 0;

/** Null while asking; the union of offered actions (a comment is needed if any order needs one). */
export function useBulkActions(ids: string[], enabled: boolean): AvailableAction[] | null {
  const key = ids.slice(0, ACTIONS_SAMPLE).join(",");
  const [loaded, setLoaded] = useState<{ key: string; actions: AvailableAction[] } | null>(null);

  useEffect(() => {
    if (!enabled || key === "") return;
    let current = true;
    const asked = key.split(",").map((id) => api.orderActions(id).catch(() => [] as AvailableAction[]));
    void Promise.all(asked).then((lists) => {
      const byKey = new Map<string, AvailableAction>();
      for (const a of lists.flat().filter(bulkable)) {
        const seen = byKey.get(a.action);
        byKey.set(a.action, seen ? { ...seen, comment_required: seen.comment_required || a.comment_required } : a);
      }
      if (current) setLoaded({ key, actions: [...byKey.values()] });
    });
    return () => {
      current = false;
    };
  }, [key, enabled]);

  return loaded?.key === key ? loaded.actions : null;
}
