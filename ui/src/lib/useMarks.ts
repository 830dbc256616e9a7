// The reader's star and important marks of the orders a list shows: as the list's pages returned
// them, overridden by what the reader changed since (a toggle shows at once and then takes the
// core's answer, or goes back when the core refuses) and by what the detail drawer learned.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type OrderProcessing } from "../api";
import type { MarkKey, Marks } from "./processing";

export type MarkBook = {
  of: (orderId: string) => Marks | null;
  toggle: (orderId: string, mark: MarkKey, on: boolean) => Promise<void>;
  /** Takes marks the core returned elsewhere (the detail drawer). */
  learn: (processing: OrderProcessing) => void;
};

const marksOf = (p: OrderProcessing): Marks => ({ starred: p.starred, important: p.important });

export function useMarks(listed: (orderId: string) => Marks | null, onError: (e: unknown) => void): MarkBook {
  const [known, setKnown] = useState<Record<string, Marks>>({});
  const latest = useRef(known);
  const errors = useRef(onError);
  useEffect(() => {
    latest.current = known;
    errors.current = onError;
  });

  const set = useCallback((id: string, marks: Marks) => setKnown((k) => ({ ...k, [id]: marks })), []);

  const toggle = useCallback(
    async (id: string, mark: MarkKey, on: boolean) => {
      const before = latest.current[id] ?? listed(id) ?? { starred: false, important: false };
      set(id, mark === "star" ? { ...before, starred: on } : { ...before, important: on });
      try {
        set(id, marksOf(await api.orderMark(id, mark, on)));
      } catch (e) {
        set(id, before);
        errors.current(e);
      }
    },
    [set, listed],
  );

  const learn = useCallback((p: OrderProcessing) => set(p.order_id, marksOf(p)), [set]);

  const of = useCallback((id: string) => known[id] ?? listed(id), [known, listed]);

  return { of, toggle, learn };
}
