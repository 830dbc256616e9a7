// The reader's star and important marks of the orders a list shows. Rows ask for their marks as
// they come into view (order_processing, once per order); a toggle shows at once and then takes
// the core's answer, or goes back when the core refuses.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type OrderProcessing } from "../api";
import type { MarkKey, Marks } from "./processing";

export type MarkBook = {
  of: (orderId: string) => Marks | null;
  /** Asks the core for an order's marks unless they are known or asked for. */
  ensure: (orderId: string) => void;
  toggle: (orderId: string, mark: MarkKey, on: boolean) => Promise<void>;
  /** Takes marks the core returned elsewhere (the detail drawer). */
  learn: (processing: OrderProcessing) => void;
  /** Forgets everything, so rows ask again (after a reload of the list). */
  reset: () => void;
};

const marksOf = (p: OrderProcessing): Marks => ({ starred: p.starred, important: p.important });

export function useMarks(onError: (e: unknown) => void): MarkBook {
  const [known, setKnown] = useState<Record<string, Marks>>({});
  const asked = useRef(new Set<string>());
  const latest = useRef(known);
  const errors = useRef(onError);
  useEffect(() => {
    latest.current = known;
    errors.current = onError;
  });

  const set = useCallback((id: string, marks: Marks) => setKnown((k) => ({ ...k, [id]: marks })), []);

  const ensure = useCallback(
    (id: string) => {
      if (asked.current.has(id)) return;
      asked.current.add(id);
      api.orderProcessing(id).then(
        (p) => set(id, marksOf(p)),
        // Unknown marks leave the buttons disabled; the list itself still works.
        (e: unknown) => console.warn("orderly: marks of", id, e),
      );
    },
    [set],
  );

  const toggle = useCallback(
    async (id: string, mark: MarkKey, on: boolean) => {
      const before = latest.current[id] ?? { starred: false, important: false };
      set(id, mark === "star" ? { ...before, starred: on } : { ...before, important: on });
      try {
        set(id, marksOf(await api.orderMark(id, mark, on)));
      } catch (e) {
        set(id, before);
        errors.current(e);
      }
    },
    [set],
  );

  const learn = useCallback((p: OrderProcessing) => set(p.order_id, marksOf(p)), [set]);

  const reset = useCallback(() => {
    asked.current.clear();
    setKnown({});
  }, []);

  const of = useCallback((id: string) => known[id] ?? null, [known]);

  return { of, ensure, toggle, learn, reset };
}
