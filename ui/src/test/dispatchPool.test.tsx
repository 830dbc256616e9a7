// The order pool for technicians and who sees which dispatch entry in the menu.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Actor, PoolItem, SetupStatus } from "../api";
import i18n from "../i18n";
import { agentActor, coreError, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

const techActor: Actor = { user_id: "u-zhang", login: "zhang", display_name: "张三", roles: ["technician"], department_id: "d-1" };
const dispatcherActor: Actor = { user_id: "u-disp", login: "disp", display_name: "Dora", roles: ["dispatcher"], department_id: "d-1" };
const signedIn = (actor: Actor) => (): SetupStatus => ({ needs_admin_password: false, store: "/tmp/o.db", remembered: [], current: actor });
const plain = (text: string) => text.replace(/\s+/g, " ");

const POOL: PoolItem[] = [
  { order: order(11, { title: "Far away" }), pooled_at: 1767225600000, km: 12.5 },
  { order: order(12, { title: "Unknown place" }), pooled_at: 1767225600000, km: null },
  { order: order(13, { title: "Around the corner" }), pooled_at: 1767225600000, km: 0.8 },
];

describe("order pool", () => {
  it("lists pooled orders nearest first with distances in the locale and grabs one", async () => {
    await i18n.changeLanguage("es");
    let pool = POOL;
    const core = mockCore({
      setup_status: signedIn(techActor),
      pool_list: () => pool,
      pool_grab: ({ id }) => {
        pool = pool.filter((p) => p.order.id !== id);
        return order(13, { assignee_id: "u-zhang", status: "todo" });
      },
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("nav-pool"));

    const items = await screen.findAllByTestId("pool-item");
    expect(items.map((el) => el.dataset.orderNumber)).toEqual(["WO-2026-000013", "WO-2026-000011", "WO-2026-000012"]);
    const km = (v: number) => plain(new Intl.NumberFormat("es", { style: "unit", unit: "kilometer", maximumFractionDigits: 1 }).format(v));
    expect(within(items[0]).getByTestId("pool-distance")).toHaveTextContent(`a ${km(0.8)}`);
    expect(within(items[1]).getByTestId("pool-distance")).toHaveTextContent(`a ${km(12.5)}`);
    expect(within(items[2]).getByTestId("pool-distance")).toHaveTextContent("Distancia desconocida");

    await user.click(within(items[0]).getByTestId("pool-grab"));

    expect(await screen.findByText("WO-2026-000013 es suya.")).toBeInTheDocument();
    expect(core.callsOf("pool_grab")).toEqual([{ id: "o-13" }]);
    await waitFor(() => expect(screen.getAllByTestId("pool-item")).toHaveLength(2));
  });

  it("says so, translated, when someone else took the order first", async () => {
    await i18n.changeLanguage("zh-CN");
    let pool = POOL;
    mockCore({
      setup_status: signedIn(techActor),
      pool_list: () => pool,
      pool_grab: () => {
        pool = pool.slice(1);
        throw coreError({ code: "conflict", key: "pool.gone", params: { value: "WO-2026-000013" } });
      },
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("nav-pool"));
    const [first] = await screen.findAllByTestId("pool-item");
    await user.click(within(first).getByTestId("pool-grab"));

    expect(await screen.findByTestId("pool-refusal")).toHaveTextContent("工单 WO-2026-000013 已被他人抢走。");
    await waitFor(() => expect(screen.getAllByTestId("pool-item")).toHaveLength(2));
  });
});

describe("dispatch navigation", () => {
  it.each([
    ["a technician", techActor, false, true],
    ["a dispatcher", dispatcherActor, true, false],
    ["an agent", agentActor, false, false],
  ])("shows %s the entries for their role", async (_, actor, dispatch, pool) => {
    mockCore({ setup_status: signedIn(actor), technician_board: () => [], pool_list: () => [] });
    renderApp();
    await screen.findByTestId("menu-orders");
    expect(screen.queryByTestId("nav-dispatch") !== null).toBe(dispatch);
    expect(screen.queryByTestId("nav-pool") !== null).toBe(pool);
  });
});
