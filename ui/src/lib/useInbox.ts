// The signed-in person's inbox: inbox_get on start, again whenever the shell says it changed
// (`inbox-changed`, payload: the unread count), and after marking entries read.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type Inbox } from "../api";
import { useShellEvent } from "./shellEvents";

const EMPTY: Inbox = { items: [], unread: 0 };

export function useInbox() {
  const [inbox, setInbox] = useState<Inbox>(EMPTY);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);

  const refresh = useCallback(() => {
    const ask = ++asked.current;
    return api.inboxGet(unreadOnly).then(
      (answer) => {
        if (ask !== asked.current) return;
        setInbox(answer);
        setError(null);
      },
      (e: unknown) => {
        if (ask === asked.current) setError(e);
      },
    );
  }, [unreadOnly]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useShellEvent<number>("inbox-changed", (unread) => {
    if (typeof unread === "number") setInbox((current) => ({ ...current, unread }));
    void refresh();
  });

  /** Marks the given notifications read (all of them when `ids` is empty). */
  const markRead = useCallback(
    async (ids: string[]) => {
      await api.inboxMarkRead(ids);
      await refresh();
    },
    [refresh],
  );

  const items = [...inbox.items].sort((a, b) => b.created_at - a.created_at);
  return { items, unread: inbox.unread, error, unreadOnly, setUnreadOnly, refresh, markRead };
}

export type InboxState = ReturnType<typeof useInbox>;
