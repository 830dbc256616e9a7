import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { OrderFilter } from "../api";
import { mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

/** An open antd Select's option (the dropdown renders outside the select). */
async function selectOption(label: string): Promise<HTMLElement> {
  let found: HTMLElement | null = null;
  await waitFor(() => {
    found = document.querySelector<HTMLElement>(`.ant-select-item-option[title="${label}"]`);
    expect(found).not.toBeNull();
  });
  return found!;
}

const filterOf = (payload: Record<string, unknown>) => payload.filter as OrderFilter;

describe("order list", () => {
  it("renders the rows order_list returns, with names from the directory", async () => {
    const core = mockCore({
      order_list: () => ({
        items: [order(1), order(2, { assignee_id: "u-agent", priority: "P1", status: "in_progress" }), order(3)],
        next: null,
        starred: [],
        important: [],
      }),
    });
    renderApp();

    const rows = await screen.findAllByTestId("order-row");
    expect(rows.map((r) => r.getAttribute("data-number"))).toEqual(["WO-2026-000001", "WO-2026-000002", "WO-2026-000003"]);
    const second = rows[1];
    expect(within(second).getByText("Pump 2 leaks")).toBeInTheDocument();
    expect(within(second).getByText("In progress")).toBeInTheDocument();
    expect(within(second).getByText("P1 · Critical")).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getAllByTestId("order-row")[1]).getByText("李雷")).toBeInTheDocument());
    expect(screen.getByTestId("orders-loaded")).toHaveTextContent("Loaded: 3");
    expect(filterOf(core.callsOf("order_list")[0])).toMatchObject({ limit: 100, after: null, text: null, sort: "created_desc" });
  });

  it("sends the search text to the core once typing pauses", async () => {
    const core = mockCore({
      order_list: ({ filter }) =>
        (filter as OrderFilter).text === "pump" ? { items: [order(7)], next: null, starred: [], important: [] } : { items: [order(1), order(2)], next: null, starred: [], important: [] },
    });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");

    await user.type(screen.getByTestId("order-search"), "pump");

    await waitFor(() => expect(screen.getAllByTestId("order-row").map((r) => r.dataset.number)).toEqual(["WO-2026-000007"]));
    const texts = core.callsOf("order_list").map((p) => filterOf(p).text);
    expect(texts).toContain("pump");
    // Debounced: not one request per keystroke.
    expect(texts).not.toContain("p");
    expect(texts).not.toContain("pu");
  });

  it("shows an empty state when no order matches", async () => {
    mockCore();
    renderApp();
    expect(await screen.findByText("No orders match.")).toBeInTheDocument();
  });

  it("loads the next page with the cursor the core returned", async () => {
    const core = mockCore({
      order_list: ({ filter }) =>
        (filter as OrderFilter).after === "cursor-1"
          ? { items: [order(3)], next: null, starred: [], important: [] }
          : { items: [order(1), order(2)], next: "cursor-1", starred: [], important: [] },
    });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");

    await user.click(screen.getByTestId("orders-load-more"));

    await waitFor(() => expect(screen.getByTestId("orders-loaded")).toHaveTextContent("Loaded: 3"));
    expect(core.callsOf("order_list").map((p) => filterOf(p).after)).toEqual([null, "cursor-1"]);
    expect(screen.queryByTestId("orders-load-more")).not.toBeInTheDocument();
  });

  it("filters by unassigned with assignee_id none", async () => {
    const core = mockCore({ order_list: () => ({ items: [order(1)], next: null, starred: [], important: [] }) });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");

    await user.click(within(screen.getByTestId("filter-assignee")).getByRole("combobox"));
    await user.click(await selectOption("Unassigned"));

    await waitFor(() => expect(core.callsOf("order_list").map((p) => filterOf(p).assignee_id)).toContain("none"));
  });
});
