import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { action, coreError, detailOf, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

async function openFirstOrder(user: ReturnType<typeof renderApp>["user"]) {
  const [row] = await screen.findAllByTestId("order-row");
  await user.click(within(row).getByText(/Pump/));
  return screen.findByTestId("order-detail-title");
}

describe("order detail", () => {
  it("offers exactly the actions the core returns and takes the chosen one with the version", async () => {
    const o = order(5, { status: "todo", version: 4 });
    let current = o;
    const core = mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(current),
      order_actions: () =>
        current.status === "todo"
          ? [action("start", "Start", "in_progress"), action("suspend", "Suspend", "suspended", { comment_required: true })]
          : [action("resolve", "Resolve", "done")],
      order_act: () => {
        current = { ...o, status: "in_progress", version: 5 };
        return current;
      },
    });
    const { user } = renderApp();
    await openFirstOrder(user);

    const actions = await screen.findByTestId("action:start");
    expect(within(screen.getByTestId("status-actions")).getAllByRole("button").map((b) => b.textContent)).toEqual(["Start", "Suspend"]);

    await user.click(actions);

    await waitFor(() =>
      expect(within(screen.getByTestId("status-actions")).getAllByRole("button").map((b) => b.textContent)).toEqual(["Resolve"]),
    );
    expect(core.callsOf("order_act")).toEqual([
      { id: "o-5", version: 4, action: "start", input: { comment: null, values: {}, reason: null, department_id: null, template_key: null } },
    ]);
    expect(core.callsOf("order_set_status")).toEqual([]);
  });

  it("shows who changed what in the history, translated", async () => {
    const o = order(6, { status: "todo", assignee_id: "u-agent" });
    mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () =>
        detailOf(o, {
          history: [
            { id: "e-1", order_id: o.id, at: o.created_at, actor_id: "u-admin", kind: "created", field: null, old_value: null, new_value: null },
            { id: "e-2", order_id: o.id, at: o.created_at + 1, actor_id: "u-admin", kind: "field_changed", field: "priority", old_value: "P3", new_value: "P1" },
            { id: "e-3", order_id: o.id, at: o.created_at + 2, actor_id: "u-admin", kind: "assigned", field: "assignee_id", old_value: null, new_value: "u-agent" },
          ],
        }),
    });
    const { user } = renderApp();
    await openFirstOrder(user);
    await user.click(screen.getByRole("tab", { name: "History" }));

    const events = await screen.findAllByTestId("history-event");
    expect(events.map((e) => e.dataset.kind)).toEqual(["created", "field_changed", "assigned"]);
    expect(events[1]).toHaveTextContent("Ada Admin changed Priority");
    expect(events[1]).toHaveTextContent("P3 · Normal → P1 · Critical");
    expect(events[2]).toHaveTextContent("(empty) → 李雷");
  });

  it("shows a workflow move once, with the status change and fields it wrote", async () => {
    const o = order(7, { status: "transferred" });
    const at = o.created_at + 60_000;
    const by = { order_id: o.id, at, actor_id: "u-admin" };
    mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () =>
        detailOf(o, {
          history: [
            { id: "e-1", ...by, kind: "status_changed", field: "status", old_value: "pending_transfer", new_value: "transferred" },
            { id: "e-2", ...by, kind: "field_changed", field: "priority", old_value: "P3", new_value: "P2" },
            {
              id: "e-3", ...by, kind: "field_changed", field: "workflow_action", old_value: null,
              new_value: { action: "approve_transfer", names: { en: "Approve transfer", zh_cn: "同意转单", es: "Aprobar traslado" }, comment: "ok", decision: "approved" },
            },
          ],
        }),
    });
    const { user } = renderApp();
    await openFirstOrder(user);
    await user.click(screen.getByRole("tab", { name: "History" }));

    const events = await screen.findAllByTestId("history-event");
    expect(events).toHaveLength(1);
    expect(events[0]).toHaveTextContent("Ada Admin: Approve transfer");
    const changes = within(events[0]).getAllByTestId("history-change");
    expect(changes.map((c) => c.textContent)).toEqual(["Status: Pending transfer → Transferred", "Priority: P3 · Normal → P2 · High"]);
    expect(events[0]).toHaveTextContent("Note: ok");
  });

  it("explains a conflict and reloads the order on request", async () => {
    const o = order(8, { status: "todo", version: 2 });
    const core = mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_actions: () => [action("start", "Start", "in_progress")],
      order_act: () => {
        throw coreError({
          code: "conflict",
          key: "order.version_stale",
          params: { value: o.number, read: "2", current: "3" },
        });
      },
    });
    const { user } = renderApp();
    await openFirstOrder(user);

    await user.click(await screen.findByTestId("action:start"));

    expect(await screen.findByTestId("order-detail-error")).toHaveTextContent(
      "Order WO-2026-000008 was changed by someone else (you read version 2, it is now 3). Reload it and try again.",
    );
    const before = core.callsOf("order_get").length;
    await user.click(screen.getByTestId("conflict-reload"));
    await waitFor(() => expect(core.callsOf("order_get").length).toBe(before + 1));
    await waitFor(() => expect(screen.queryByTestId("order-detail-error")).not.toBeInTheDocument());
  });

  it("assigns with the camelCase payload the command expects", async () => {
    const o = order(9, { version: 3 });
    const core = mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_assign: () => ({ ...o, assignee_id: "u-agent", status: "todo", version: 4 }),
    });
    const { user } = renderApp();
    await openFirstOrder(user);

    await user.click(within(screen.getByTestId("assign-select")).getByRole("combobox"));
    await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="李雷 (li)"]')).not.toBeNull());
    await user.click(document.querySelector<HTMLElement>('.ant-select-item-option[title="李雷 (li)"]')!);

    await waitFor(() => expect(core.callsOf("order_assign")).toEqual([{ id: "o-9", assigneeId: "u-agent", version: 3 }]));
  });
});
