import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Inbox, Notification } from "../api";
import i18n from "../i18n";
import { detailOf, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

const NOW = Date.now();

function note(id: string, patch: Partial<Notification>): Notification {
  return {
    id,
    user_id: "u-admin",
    order_id: "o-1",
    order_number: "WO-2026-000001",
    kind: "sla_breached",
    params: {},
    created_at: NOW - 60 * 60_000,
    read_at: null,
    delivered_at: null,
    ...patch,
  };
}

function inboxWith(items: Notification[]): Inbox {
  return { items, unread: items.filter((n) => n.read_at === null).length };
}

describe("inbox", () => {
  it("shows the unread count, lists notifications newest first and marks all read", async () => {
    let items = [
      note("n-1", { kind: "sla_breached", params: { target: "response", due: NOW - 2 * 60 * 60_000 }, created_at: NOW - 2 * 60 * 60_000 }),
      note("n-2", { kind: "urged", params: { count: 3, by: "Zhang San" }, created_at: NOW - 5 * 60_000 }),
      note("n-3", { kind: "sla_alert", params: { number: 2 }, created_at: NOW - 3 * 86_400_000, read_at: NOW - 86_400_000 }),
    ];
    const core = mockCore({
      inbox_get: () => inboxWith(items),
      inbox_mark_read: () => {
        items = items.map((n) => ({ ...n, read_at: n.read_at ?? NOW }));
        return null;
      },
    });
    const { user } = renderApp();

    expect(await screen.findByTestId("inbox-count")).toHaveTextContent("2");
    await user.click(screen.getByTestId("inbox-bell"));

    const rows = await screen.findAllByTestId("inbox-item");
    expect(rows.map((r) => r.dataset.read)).toEqual(["false", "false", "true"]);
    expect(rows[0]).toHaveTextContent("WO-2026-000001: Zhang San is waiting (urged 3×)");
    expect(rows[0]).toHaveTextContent("5 minutes ago");
    expect(rows[1]).toHaveTextContent("WO-2026-000001: the response time has run out");
    expect(rows[1]).toHaveTextContent("2 hours ago");
    expect(rows[2]).toHaveTextContent("WO-2026-000001: overdue (alert 2), waiting for you");

    await user.click(screen.getByTestId("inbox-mark-all"));

    await waitFor(() => expect(core.callsOf("inbox_mark_read")).toEqual([{ ids: [] }]));
    await waitFor(() => expect(screen.queryByTestId("inbox-count")).not.toBeInTheDocument());
    expect(screen.getAllByTestId("inbox-item").map((r) => r.dataset.read)).toEqual(["true", "true", "true"]);
  });

  it("follows the shell's inbox-changed event and opens the order of a clicked notification", async () => {
    await i18n.changeLanguage("zh-CN");
    let items: Notification[] = [];
    const o = order(1);
    const core = mockCore({
      inbox_get: () => inboxWith(items),
      inbox_mark_read: ({ ids }) => {
        items = items.map((n) => ((ids as string[]).includes(n.id) ? { ...n, read_at: NOW } : n));
        return null;
      },
      order_get: () => detailOf(o),
    });
    const { user } = renderApp();
    await screen.findByTestId("inbox-bell");
    expect(screen.queryByTestId("inbox-count")).not.toBeInTheDocument();

    items = [note("n-9", { kind: "sla_suspended", params: { alerts: 5 } })];
    await act(() => emit("inbox-changed", 1));

    expect(await screen.findByTestId("inbox-count")).toHaveTextContent("1");
    await user.click(screen.getByTestId("inbox-bell"));
    const [row] = await screen.findAllByTestId("inbox-item");
    expect(row).toHaveTextContent("WO-2026-000001：5 次提醒后已挂起，已转交控制中心");

    await user.click(within(row).getByText(/已挂起/));

    await waitFor(() => expect(core.callsOf("inbox_mark_read")).toEqual([{ ids: ["n-9"] }]));
    expect(await screen.findByTestId("order-detail-title")).toHaveTextContent("Pump 1 leaks");
    await waitFor(() => expect(screen.queryByTestId("inbox-count")).not.toBeInTheDocument());
  });

  it("opens an order and the inbox when the desktop shell asks", async () => {
    const o = order(2);
    mockCore({ order_get: () => detailOf(o) });
    renderApp();
    await screen.findByTestId("inbox-bell");

    await act(() => emit("open-order", "o-2"));
    expect(await screen.findByTestId("order-detail-title")).toHaveTextContent("Pump 2 leaks");

    await act(() => emit("open-inbox"));
    expect(await screen.findByTestId("inbox")).toBeInTheDocument();
  });

  it("tells the core the UI language at sign-in and on every switch", async () => {
    const core = mockCore();
    const { user } = renderApp();
    await waitFor(() => expect(core.callsOf("set_language")).toEqual([{ lang: "en" }]));

    await user.click(screen.getByTestId("lang-es"));

    await waitFor(() => expect(core.callsOf("set_language")).toEqual([{ lang: "en" }, { lang: "es" }]));
  });
});
