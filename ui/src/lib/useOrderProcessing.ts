// An order's collaborators, links and the reader's marks (order_processing), read again whenever
// the order's history or comments grow (every collaborator or link change is an event there).
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type OrderDetail, type OrderProcessing } from "../api";

type Loaded = { of: string; processing: OrderProcessing | null; error: unknown };

export function useOrderProcessing(detail: OrderDetail | null | undefined, onLoaded?: (p: OrderProcessing) => void) {
  const id = detail?.order.id ?? null;
  const of = detail ? `${detail.order.id}:${detail.history.length}:${detail.comments.length}` : "";
  const [loaded, setLoaded] = useState<Loaded>({ of: "", processing: null, error: null });
  const tell = useRef(onLoaded);
  useEffect(() => {
    tell.current = onLoaded;
  });

  useEffect(() => {
    if (id === null) return;
    let current = true;
    api.orderProcessing(id).then(
      (processing) => {
        if (!current) return;
        setLoaded({ of, processing, error: null });
        tell.current?.(processing);
      },
      (error: unknown) => current && setLoaded({ of, processing: null, error }),
    );
    return () => {
      current = false;
    };
  }, [id, of]);

  /** Shows what a processing command returned, without asking again. */
  const set = useCallback((processing: OrderProcessing) => {
    setLoaded((l) => ({ ...l, processing }));
    tell.current?.(processing);
  }, []);

  // The previous answer stays while the same order is read again, so panels do not flash.
  const same = loaded.processing !== null && loaded.processing.order_id === id;
  return { processing: same ? loaded.processing : null, error: loaded.of === of ? loaded.error : null, set };
}
