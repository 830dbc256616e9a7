// The SLA of one order as order_sla explains it; read again whenever the order changes.
import { useEffect, useRef, useState } from "react";
import { api, type OrderSla, type WorkOrder } from "../api";

type Loaded = { answers: string; sla: OrderSla | null; error: unknown };

export function useOrderSla(order: WorkOrder) {
  // Any change the core makes to the order (status, priority, urge, version) moves the clock.
  const request = `${order.id}:${order.version}:${order.updated_at}:${order.status}:${order.urge_count}`;
  const [loaded, setLoaded] = useState<Loaded>({ answers: "", sla: null, error: null });
  const latest = useRef(request);

  useEffect(() => {
    latest.current = request;
    api.orderSla(order.id).then(
      (sla) => {
        if (latest.current === request) setLoaded({ answers: request, sla, error: null });
      },
      (error: unknown) => {
        if (latest.current === request) setLoaded({ answers: request, sla: null, error });
      },
    );
  }, [order.id, request]);

  return {
    sla: loaded.sla,
    error: loaded.error,
    loading: loaded.answers !== request,
    loaded: loaded.answers !== "",
  };
}
