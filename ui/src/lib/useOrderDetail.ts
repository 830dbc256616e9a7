// One order with its history, comments and what the actor may do next, as order_get returns it.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type OrderDetail } from "../api";

type Loaded = { answers: string; detail: OrderDetail | null; error: unknown };

export function useOrderDetail(idOrNumber: string | null) {
  const [reloads, setReloads] = useState(0);
  const request = idOrNumber === null ? "" : `${reloads}:${idOrNumber}`;
  const [loaded, setLoaded] = useState<Loaded>({ answers: "", detail: null, error: null });
  const latest = useRef(request);

  useEffect(() => {
    latest.current = request;
    if (idOrNumber === null) return;
    api.orderGet(idOrNumber).then(
      (detail) => {
        if (latest.current === request) setLoaded({ answers: request, detail, error: null });
      },
      (error: unknown) => {
        if (latest.current === request) setLoaded({ answers: request, detail: null, error });
      },
    );
  }, [idOrNumber, request]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const current = loaded.answers === request;
  // While reloading the same order keep showing it, so the drawer does not flash empty.
  const sameOrder =
    loaded.detail !== null &&
    idOrNumber !== null &&
    (loaded.detail.order.id === idOrNumber || loaded.detail.order.number === idOrNumber);

  return {
    detail: current || sameOrder ? loaded.detail : null,
    error: current ? loaded.error : null,
    loading: idOrNumber !== null && !current,
    reload,
  };
}
