// Keyset paging over order_list: the first page for a filter, then `next` on demand. Each page
// carries the reader's own star and important marks on its rows.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, type OrderFilter, type WorkOrder } from "../api";
import type { Marks } from "./processing";

export const PAGE_SIZE = 100;

export type OrderQuery = Omit<OrderFilter, "limit" | "after">;

type Pages = {
  /** Which query (and reload) these pages answer; a different one means "loading". */
  answers: string;
  items: WorkOrder[];
  next: string | null;
  /** Ids of the listed orders the reader starred, and marked important. */
  starred: string[];
  important: string[];
  loadingMore: boolean;
  error: unknown;
};

const NONE: Pages = { answers: "", items: [], next: null, starred: [], important: [], loadingMore: false, error: null };

export function useOrderPages(query: OrderQuery) {
  const [reloads, setReloads] = useState(0);
  const key = JSON.stringify(query);
  const request = `${reloads}:${key}`;
  const [pages, setPages] = useState<Pages>(NONE);
  // Answers to an older request are dropped, so fast typing never shows stale rows.
  const latest = useRef(request);
  const fetchingMore = useRef(false);

  useEffect(() => {
    latest.current = request;
    fetchingMore.current = false;
    const filter: OrderFilter = { ...(JSON.parse(key) as OrderQuery), limit: PAGE_SIZE, after: null };
    api.orderList(filter).then(
      (page) => {
        if (latest.current === request)
          setPages({ ...NONE, answers: request, items: page.items, next: page.next, starred: page.starred, important: page.important });
      },
      (error: unknown) => {
        if (latest.current === request)
          setPages({ ...NONE, answers: request, error });
      },
    );
  }, [key, request]);

  const current = pages.answers === request;

  const loadMore = useCallback(() => {
    const after = pages.next;
    if (!current || !after || fetchingMore.current) return;
    fetchingMore.current = true;
    setPages((p) => ({ ...p, loadingMore: true }));
    api.orderList({ ...(JSON.parse(key) as OrderQuery), limit: PAGE_SIZE, after }).then(
      (page) => {
        if (latest.current !== request) return;
        fetchingMore.current = false;
        setPages((p) => {
          const seen = new Set(p.items.map((o) => o.id));
          const fresh = page.items.filter((o) => !seen.has(o.id));
          return {
            ...p,
            items: [...p.items, ...fresh],
            next: page.next,
            starred: [...p.starred, ...page.starred],
            important: [...p.important, ...page.important],
            loadingMore: false,
            error: null,
          };
        });
      },
      (error: unknown) => {
        if (latest.current !== request) return;
        fetchingMore.current = false;
        setPages((p) => ({ ...p, loadingMore: false, error }));
      },
    );
  }, [current, key, request, pages.next]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  /** Shows an order the user just changed without refetching every page. */
  const replace = useCallback((order: WorkOrder) => {
    setPages((p) => ({ ...p, items: p.items.map((o) => (o.id === order.id ? order : o)) }));
  }, []);

  const listedMarks = useMemo(() => {
    const listed = new Set(pages.items.map((o) => o.id));
    const starred = new Set(pages.starred);
    const important = new Set(pages.important);
    return (id: string): Marks | null =>
      listed.has(id) ? { starred: starred.has(id), important: important.has(id) } : null;
  }, [pages.items, pages.starred, pages.important]);

  return {
    items: pages.items,
    /** The reader's marks on a listed order as the list returned them; null for other ids. */
    listedMarks,
    next: current ? pages.next : null,
    loading: !current || pages.loadingMore,
    error: current ? pages.error : null,
    loadMore,
    reload,
    replace,
  };
}
