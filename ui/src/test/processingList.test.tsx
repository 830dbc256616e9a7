// The order list's processing tools (issue #4): views, saved filters, the reader's marks on rows
// and bulk changes with their progress and per-order refusals.
import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { OrderFilter } from "../api";
import { coreError, mockCore, order, processingOf } from "./fixtures";
import { renderApp } from "./renderApp";

const filterOf = (payload: Record<string, unknown>) => payload.filter as OrderFilter;

async function pickOption(title: string): Promise<void> {
  let found: HTMLElement | null = null;
  await waitFor(() => {
    found = document.querySelector<HTMLElement>(`.ant-select-item-option[title="${title}"]`);
    expect(found).not.toBeNull();
  });
  found!.click();
}

describe("views and saved filters", () => {
  it("sends the chosen view with the other filters to order_list", async () => {
    const core = mockCore({ order_list: () => ({ items: [order(1)], next: null, starred: [], important: [] }) });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");

    await user.click(screen.getByTestId("view:starred"));
    await waitFor(() => expect(filterOf(core.callsOf("order_list").at(-1)!).view).toBe("starred"));
    await user.click(within(screen.getByTestId("filter-priority")).getByRole("combobox"));
    await pickOption("P1 · Critical");
    await waitFor(() => expect(filterOf(core.callsOf("order_list").at(-1)!)).toMatchObject({ view: "starred", priority: ["P1"] }));

    await user.click(screen.getByTestId("view:awaiting_response"));
    await waitFor(() =>
      expect(filterOf(core.callsOf("order_list").at(-1)!)).toMatchObject({ view: "awaiting_response", priority: ["P1"] }),
    );
    expect(filterOf(core.callsOf("order_list")[0]).view).toBe("all");
  });

  it("saves the current filter under a name, shows the core's refusal of a taken name, and applies a saved one", async () => {
    const saved = { id: "f-1", name: "Urgent", filter: { view: "overdue", priority: ["P1", "P2"], sort: "priority_asc" as const }, created_at: 0 };
    const core = mockCore({
      order_list: () => ({ items: [order(1)], next: null, starred: [], important: [] }),
      saved_filters: () => [saved],
      saved_filter_save: ({ input }) => {
        const name = (input as { name: string }).name;
        if (name === "Urgent") throw coreError({ key: "filter.name_taken", field: "name", params: { value: "Urgent" } });
        return { id: "f-2", name, filter: (input as { filter: OrderFilter }).filter, created_at: 1 };
      },
    });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");
    await user.click(screen.getByTestId("view:mine"));

    await user.click(screen.getByTestId("saved-filter-save"));
    await user.type(await screen.findByTestId("saved-filter-name"), "Urgent");
    await user.click(screen.getByTestId("saved-filter-ok"));
    expect(await screen.findByText('You already have a filter called "Urgent".')).toBeInTheDocument();

    await user.clear(screen.getByTestId("saved-filter-name"));
    await user.type(screen.getByTestId("saved-filter-name"), "Mine");
    await user.click(screen.getByTestId("saved-filter-ok"));
    await waitFor(() => expect(core.callsOf("saved_filter_save")).toHaveLength(2));
    const sent = core.callsOf("saved_filter_save")[1].input as { name: string; filter: OrderFilter };
    expect(sent.name).toBe("Mine");
    expect(sent.filter).toMatchObject({ view: "mine", sort: "created_desc" });
    expect(sent.filter).not.toHaveProperty("limit");

    await user.click(within(screen.getByTestId("saved-filter-select")).getByRole("combobox"));
    await pickOption("Urgent");
    await waitFor(() =>
      expect(filterOf(core.callsOf("order_list").at(-1)!)).toMatchObject({ view: "overdue", priority: ["P1", "P2"], sort: "priority_asc" }),
    );
    expect(screen.getByTestId("order-views").dataset.view).toBe("overdue");
  });
});

describe("deleting a saved filter", () => {
  it("deletes the picked saved filter after asking", async () => {
    let saved = [{ id: "f-1", name: "Urgent", filter: { view: "overdue" }, created_at: 0 }];
    const core = mockCore({
      order_list: () => ({ items: [order(1)], next: null, starred: [], important: [] }),
      saved_filters: () => saved,
      saved_filter_delete: () => {
        saved = [];
        return null;
      },
    });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");
    await user.click(within(screen.getByTestId("saved-filter-select")).getByRole("combobox"));
    await pickOption("Urgent");

    await user.click(await screen.findByTestId("saved-filter-delete"));
    expect(await screen.findByText('Delete the filter "Urgent"?')).toBeInTheDocument();
    await user.click(screen.getByTestId("saved-filter-delete-ok"));
    await waitFor(() => expect(core.callsOf("saved_filter_delete")).toEqual([{ id: "f-1" }]));
    await waitFor(() => expect(screen.queryByTestId("saved-filter-delete")).not.toBeInTheDocument());
    expect(core.callsOf("saved_filters").length).toBeGreaterThanOrEqual(2);
  });
});

describe("marks on rows", () => {
  it("shows each row's marks as the list returned them and toggles them through the core", async () => {
    const core = mockCore({
      order_list: () => ({ items: [order(1), order(2)], next: null, starred: ["o-2"], important: ["o-1"] }),
      order_mark: ({ id, mark, on }) => processingOf(String(id), { starred: mark === "star" && on === true, important: true }),
    });
    const { user } = renderApp();
    const rows = await screen.findAllByTestId("order-row");

    const star = (row: HTMLElement) => within(row).getByTestId("mark-star");
    await waitFor(() => expect(star(rows[1])).toHaveAttribute("aria-pressed", "true"));
    expect(star(rows[0])).toHaveAttribute("aria-pressed", "false");
    expect(within(rows[0]).getByTestId("mark-important")).toHaveAttribute("aria-pressed", "true");
    expect(within(rows[1]).getByTestId("mark-important")).toHaveAttribute("aria-pressed", "false");
    // The marks came with the page: no call per row.
    expect(core.callsOf("order_processing")).toEqual([]);

    await user.click(star(rows[0]));
    await waitFor(() => expect(core.callsOf("order_mark")).toEqual([{ id: "o-1", mark: "star", on: true }]));
    await waitFor(() => expect(star(screen.getAllByTestId("order-row")[0])).toHaveAttribute("aria-pressed", "true"));
    // A click on a mark does not open the order.
    expect(screen.queryByTestId("order-detail-title")).not.toBeInTheDocument();
  });

  it("puts the mark back when the core refuses it", async () => {
    mockCore({
      order_list: () => ({ items: [order(1)], next: null, starred: [], important: [] }),
      order_mark: () => {
        throw coreError({ code: "not_found", key: "order.not_found", params: { value: "o-1" } });
      },
    });
    const { user } = renderApp();
    const [row] = await screen.findAllByTestId("order-row");
    await waitFor(() => expect(within(row).getByTestId("mark-important")).toBeEnabled());

    await user.click(within(row).getByTestId("mark-important"));
    expect(await screen.findByText("Order o-1 was not found.")).toBeInTheDocument();
    expect(within(screen.getAllByTestId("order-row")[0]).getByTestId("mark-important")).toHaveAttribute("aria-pressed", "false");
  });
});

describe("bulk changes", () => {
  it("assigns the selected orders, shows the progress the desktop reports and each refused order's reason", async () => {
    let finish: (() => void) | null = null;
    const core = mockCore({
      order_list: () => ({ items: [order(1), order(2), order(3)], next: null, starred: [], important: [] }),
      order_bulk: () =>
        new Promise((resolve) => {
          finish = () =>
            resolve({
              done: 1,
              refused: 1,
              outcomes: [
                { order: "o-1", number: "WO-2026-000001", version: 2, error: null },
                {
                  order: "o-3",
                  number: null,
                  version: null,
                  error: coreError({ code: "conflict", key: "order.version_stale", params: { value: "WO-2026-000003", read: "1", current: "2" } }),
                },
              ],
            });
        }),
    });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");

    await user.click(screen.getByRole("checkbox", { name: "Select WO-2026-000001" }));
    await user.click(screen.getByRole("checkbox", { name: "Select WO-2026-000003" }));
    expect(screen.getByTestId("bulk-count")).toHaveTextContent("2 selected");
    // Ticking a row does not open it.
    expect(screen.queryByTestId("order-detail-title")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("bulk-assign"));
    await user.click(within(await screen.findByTestId("bulk-assignee")).getByRole("combobox"));
    await pickOption("李雷");
    await user.click(screen.getByTestId("bulk-run"));

    await waitFor(() =>
      expect(core.callsOf("order_bulk")).toEqual([{ ids: ["o-1", "o-3"], change: { type: "assign", assignee_id: "u-agent" } }]),
    );
    await act(() => emit("bulk-progress", { done: 1, total: 2 }));
    expect(await screen.findByText("Working… 1 of 2")).toBeInTheDocument();
    expect(screen.getByTestId("bulk-progress")).toHaveAttribute("data-done", "1");

    await act(async () => finish?.());
    expect(await screen.findByTestId("bulk-summary")).toHaveTextContent("1 done, 1 refused");
    const [refused] = screen.getAllByTestId("bulk-refused");
    expect(refused).toHaveTextContent("WO-2026-000003");
    expect(refused).toHaveTextContent("Order WO-2026-000003 was changed by someone else");

    const lists = core.callsOf("order_list").length;
    await user.click(screen.getByTestId("bulk-close"));
    await waitFor(() => expect(core.callsOf("order_list").length).toBe(lists + 1));
    expect(screen.queryByTestId("bulk-bar")).not.toBeInTheDocument();
  });

  it("takes a workflow action the selected orders offer, asking for the comment it needs", async () => {
    const offer = (key: string, en: string, orders: number, comment_required: boolean) => ({
      action: key, names: { en, zh_cn: en, es: en }, comment_required, orders,
    });
    const core = mockCore({
      order_list: () => ({ items: [order(1, { status: "in_progress" }), order(2, { status: "in_progress" })], next: null, starred: [], important: [] }),
      order_bulk_actions: () => [offer("resolve", "Resolve", 1, false), offer("suspend", "Suspend", 2, true)],
      order_bulk: () => ({ done: 2, refused: 0, outcomes: [] }),
    });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");
    await user.click(screen.getByRole("checkbox", { name: "Select WO-2026-000001" }));
    await user.click(screen.getByRole("checkbox", { name: "Select WO-2026-000002" }));

    await user.click(screen.getByTestId("bulk-act"));
    await user.click(within(await screen.findByTestId("bulk-action")).getByRole("combobox"));
    // One call for the whole selection; an action only one order offers says so.
    expect(core.callsOf("order_bulk_actions")).toEqual([{ ids: ["o-1", "o-2"] }]);
    expect(core.callsOf("order_actions")).toEqual([]);
    expect(await screen.findByText("Resolve (1 of 2 orders)")).toBeInTheDocument();
    await pickOption("Suspend");
    await user.click(screen.getByTestId("bulk-run"));
    expect(await screen.findByText("This action needs a comment saying why.")).toBeInTheDocument();
    expect(core.callsOf("order_bulk")).toEqual([]);

    await user.type(screen.getByTestId("bulk-comment"), "Spare parts on order");
    await user.click(screen.getByTestId("bulk-run"));
    await waitFor(() =>
      expect(core.callsOf("order_bulk")).toEqual([
        { ids: ["o-1", "o-2"], change: { type: "act", action: "suspend", comment: "Spare parts on order" } },
      ]),
    );
    expect(await screen.findByTestId("bulk-summary")).toHaveTextContent("2 done, 0 refused");
  });

  it("shows the core's refusal of the whole change, translated, and changes nothing", async () => {
    const core = mockCore({
      order_list: () => ({ items: [order(1)], next: null, starred: [], important: [] }),
      order_bulk: () => {
        throw coreError({ key: "bulk.too_many", field: "ids", params: { max: "500", count: "501" } });
      },
    });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");
    await user.click(screen.getByRole("checkbox", { name: "Select WO-2026-000001" }));
    await user.click(screen.getByTestId("bulk-assign"));
    await user.click(within(await screen.findByTestId("bulk-assignee")).getByRole("combobox"));
    await pickOption("Nobody (back to the queue)");
    await user.click(screen.getByTestId("bulk-run"));

    expect(await screen.findByTestId("bulk-error")).toHaveTextContent("A bulk change takes at most 500 orders (501 chosen).");
    expect(core.callsOf("order_bulk")).toEqual([{ ids: ["o-1"], change: { type: "assign", assignee_id: null } }]);
    expect(screen.queryByTestId("bulk-result")).not.toBeInTheDocument();
  });
});
