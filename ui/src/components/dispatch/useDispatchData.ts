// What the dispatch page shows, read from the core: the technicians' board, the open orders
// (split into unassigned and assigned) and the booked times of the assigned ones.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, type DispatchInfo, type Status, type TechnicianCard, type WorkOrder } from "../../api";

// Orders still to be worked on; finished, cancelled, suspended and transferred ones are off the board.
export const OPEN_STATUSES: Status[] = ["unassigned", "todo", "in_progress", "pending_transfer", "awaiting_customer"];
const LIMIT = 500;

export type Booking = { order: WorkOrder; info: DispatchInfo };

export type DispatchData = {
  technicians: TechnicianCard[];
  unassigned: WorkOrder[];
  bookings: Booking[];
  loading: boolean;
  error: unknown;
  reload: () => Promise<void>;
};

/** Unassigned orders by SLA resolution due time, the most urgent first (no due time last). */
export function byDue(a: WorkOrder, b: WorkOrder): number {
  const da = a.resolution_due_at ?? Number.POSITIVE_INFINITY;
  const db = b.resolution_due_at ?? Number.POSITIVE_INFINITY;
  return da === db ? a.number.localeCompare(b.number) : da - db;
}

export function useDispatchData(): DispatchData {
  const [technicians, setTechnicians] = useState<TechnicianCard[]>([]);
  const [orders, setOrders] = useState<WorkOrder[]>([]);
  const [infos, setInfos] = useState<Map<string, DispatchInfo>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const asked = useRef(0);

  // Reads everything; state changes only in the answers' callbacks (the newest read wins).
  const load = useCallback(() => {
    const ask = ++asked.current;
    return Promise.all([
      api.technicianBoard(),
      api.orderList({ status: OPEN_STATUSES, limit: LIMIT, sort: "created_asc" }),
    ])
      .then(async ([board, page]) => {
        const onBoard = new Set(board.map((c) => c.user.id));
        const assigned = page.items.filter((o) => o.assignee_id !== null && onBoard.has(o.assignee_id));
        // One read per booked order; an order that cannot be read is simply left off the board.
        const read = await Promise.all(
          assigned.map((o) =>
            api.orderDispatchInfo(o.id).then(
              (info) => [o.id, info] as const,
              () => null,
            ),
          ),
        );
        return { board, orders: page.items, read };
      })
      .then(
        ({ board, orders: items, read }) => {
          if (ask !== asked.current) return;
          setTechnicians(board);
          setOrders(items);
          setInfos(new Map(read.filter((entry): entry is readonly [string, DispatchInfo] => entry !== null)));
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (ask !== asked.current) return;
          setError(e);
          setLoading(false);
        },
      );
  }, []);

  const reload = useCallback(async () => {
    setLoading(true);
    await load();
  }, [load]);

  useEffect(() => {
    void load();
  }, [load]);

  const unassigned = useMemo(() => orders.filter((o) => o.assignee_id === null).sort(byDue), [orders]);
  const bookings = useMemo(
    () =>
      orders.flatMap((order) => {
        const info = infos.get(order.id);
        return info && info.scheduled_start !== null && info.scheduled_end !== null ? [{ order, info }] : [];
      }),
    [orders, infos],
  );

  return { technicians, unassigned, bookings, loading, error, reload };
}
