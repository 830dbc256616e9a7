// The workflow actions a bulk status change may offer on the selected orders, as the core
// answers them: those taken with at most a comment, each with how many of the orders offer it.
import { useEffect, useState } from "react";
import { api, type BulkAction } from "../../api";

/** Null while asking; none when the core could not answer (the dialog says none are offered). */
export function useBulkActions(ids: string[], enabled: boolean): BulkAction[] | null {
  const key = ids.join(",");
  const [loaded, setLoaded] = useState<{ key: string; actions: BulkAction[] } | null>(null);

  useEffect(() => {
    if (!enabled || key === "") return;
    let current = true;
    api.orderBulkActions(key.split(",")).then(
      (actions) => current && setLoaded({ key, actions }),
      (e: unknown) => {
        console.warn("orderly: bulk actions", e);
        if (current) setLoaded({ key, actions: [] });
      },
    );
    return () => {
      current = false;
    };
  }, [key, enabled]);

  return loaded?.key === key ? loaded.actions : null;
}
