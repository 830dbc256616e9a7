// "Optimise day" on the dispatch page, with a thin fake board that lists the items it is given:
// the core's plan shows as dashed ghosts with travel legs behind them, the totals and the route
// map beside the board; Accept sends the plan back to the core; a refusal is shown translated.
// The batch plan's proposals show as ghosts too.
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DayPlan, DispatchInfo, TechnicianCard } from "../api";
import { dayPlanItems } from "../components/dispatch/boardModel";
import i18n from "../i18n";
import { coreError, directory, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

const DAY = new Date(2026, 0, 5, 0, 0).getTime();
const MIN = 60_000;

vi.mock("../components/dispatch/DispatchBoard", async () => {
  const React = await import("react");
  const h = React.createElement;
  type Props = import("../components/dispatch/boardTypes").BoardProps;
  function FakeBoard(props: Props) {
    return h(
      "div",
      { "data-testid": "dispatch-board" },
      props.items.map((item) =>
        h(
          "div",
          {
            key: item.id,
            "data-testid": "fake-item",
            "data-id": item.id,
            "data-row": item.row,
            "data-kind": item.type ?? "range",
            "data-class": item.className,
          },
          item.text,
        ),
      ),
    );
  }
  return { default: FakeBoard };
});

const WANG: TechnicianCard = {
  user: { id: "u-wang", login: "wang", display_name: "Wang Wu", roles: ["technician"], department_id: null, skills: [], home_lat: null, home_lon: null, active: true, has_password: true, created_at: 0 },
  profile: { user_id: "u-wang", status: "available", capacity_hours: 8, calendar_id: null, last_lat: null, last_lon: null, grab_limit: 3 },
  open_orders: 1,
  booked_hours: 1,
  grabs: 0,
};

function info(start: number | null): DispatchInfo {
  return { required_skill: null, required_level: 1, duration_minutes: 45, scheduled_start: start, scheduled_end: start === null ? null : start + 45 * MIN, pooled_at: null, grabbed_by: null };
}

const PLAN: DayPlan = {
  date: "2026-01-05",
  day_start: DAY,
  technicians: [
    {
      technician_id: "u-wang",
      display_name: "Wang Wu",
      base_lat: 31.2,
      base_lon: 121.4,
      shift_start: DAY + 8 * 60 * MIN,
      shift_end: DAY + 18 * 60 * MIN,
      visits: [
        {
          order_id: "o-3",
          number: "WO-2026-000003",
          title: "Pump 3 leaks",
          version: 4,
          start: DAY + 9 * 60 * MIN,
          end: DAY + 9 * 60 * MIN + 45 * MIN,
          window_start: DAY + 9 * 60 * MIN,
          window_end: DAY + 12 * 60 * MIN,
          leg: { km: 4.25, minutes: 9 },
          lat: 31.22,
          lon: 121.43,
          pinned: false,
          assignee_before: "u-wang",
        },
      ],
      return_leg: { km: 4.25, minutes: 9 },
      km: 8.5,
      drive_minutes: 18,
    },
  ],
  unplaced: [{ order_id: "o-4", number: "WO-2026-000004", title: "No place", reason: "no_location" }],
  after: { km: 8.5, minutes: 18 },
  before: { km: 12.0, minutes: 26 },
};

function core(handlers: Parameters<typeof mockCore>[0] = {}) {
  return mockCore({
    directory: () => ({ ...directory, users: [...directory.users, WANG.user] }),
    technician_board: () => [WANG],
    order_list: () => ({ items: [order(1), order(3, { assignee_id: "u-wang", status: "todo", version: 4 })], next: null, starred: [], important: [] }),
    order_dispatch_info: ({ id }) => info(id === "o-3" ? DAY + 11 * 60 * MIN : null),
    route_map_svg: () => '<svg xmlns="http://www.w3.org/2000/svg"><text>1</text></svg>',
    ...handlers,
  });
}

async function openDispatch() {
  const view = renderApp();
  await view.user.click(await screen.findByTestId("nav-dispatch"));
  await screen.findByTestId("dispatch-board");
  await waitFor(() => expect(screen.getAllByTestId("fake-item")).toHaveLength(1));
  return view;
}

describe("optimise day", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: DAY + 10 * 60 * MIN });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("turns a plan into ghosts on the technician's row and legs before them", () => {
    const items = dayPlanItems(PLAN, { leg: (km, minutes) => `${km} km ${minutes} min` }, "en");
    const ghost = items.find((i) => i.id === "ghost:o-3")!;
    expect(ghost).toMatchObject({ row: "u-wang", start: PLAN.technicians[0].visits[0].start, className: "dispatch-ghost", editable: false });
    const leg = items.find((i) => i.id === "leg:o-3")!;
    expect(leg).toMatchObject({ type: "background", end: ghost.start, start: ghost.start - 9 * MIN, text: "4.3 km 9 min" });
    const back = items.find((i) => i.id === "leg:back:u-wang")!;
    expect(back).toMatchObject({ start: ghost.end, end: ghost.end + 9 * MIN });
  });

  it("asks the core for the shown day of the booked technicians, shows the proposal and accepts it", async () => {
    const calls = core({ optimise_day: () => PLAN, accept_day_plan: () => [order(3, { version: 5 })] });
    const { user } = await openDispatch();

    await user.click(screen.getByTestId("dispatch-optimise-day"));

    await waitFor(() => expect(calls.callsOf("optimise_day")).toHaveLength(1));
    expect(calls.callsOf("optimise_day")[0].request).toEqual({ date: "2026-01-05", technician_ids: ["u-wang"], seconds: 2, seed: 1 });
    const panel = await screen.findByTestId("dispatch-day-plan");
    expect(within(panel).getByTestId("dispatch-day-totals")).toHaveTextContent("Driving 12 km, 26 min → 8.5 km, 18 min");
    expect(within(panel).getByTestId("dispatch-day-unplaced")).toHaveTextContent("WO-2026-000004: the order has no location");
    expect(await within(panel).findByTestId("dispatch-route-map")).toHaveAttribute("src", expect.stringContaining("data:image/svg+xml"));
    const kinds = screen.getAllByTestId("fake-item").map((el) => [el.dataset.id, el.dataset.kind, el.dataset.class]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["ghost:o-3", "range", "dispatch-ghost"],
        ["leg:o-3", "background", "dispatch-leg"],
      ]),
    );

    await user.click(within(panel).getByTestId("dispatch-day-accept"));

    await waitFor(() => expect(calls.callsOf("accept_day_plan")).toEqual([{ plan: PLAN }]));
    expect(await within(panel).findByTestId("dispatch-day-accepted")).toHaveTextContent("Plan accepted: 1 orders rescheduled.");
    await waitFor(() => expect(screen.queryAllByTestId("fake-item").filter((el) => el.dataset.class?.includes("ghost"))).toHaveLength(0));
  });

  it("shows the core's refusal translated and no proposal", async () => {
    await i18n.changeLanguage("es");
    core({
      optimise_day: () => {
        throw coreError({ key: "route.no_orders", params: { date: "2026-01-05" }, field: "date" });
      },
    });
    const { user } = await openDispatch();

    await user.click(screen.getByTestId("dispatch-optimise-day"));

    expect(await screen.findByTestId("dispatch-refusal")).toHaveTextContent(
      "Los técnicos elegidos no tienen órdenes abiertas asignadas para el 2026-01-05.",
    );
    expect(screen.queryByTestId("dispatch-day-plan")).not.toBeInTheDocument();
    await i18n.changeLanguage("en");
  });

  it("shows a batch plan's proposals as ghosts on the proposed rows", async () => {
    core({ dispatch_batch: () => ({ proposals: [{ order_id: "o-1", number: "WO-2026-000001", technician_id: "u-wang", version: 1 }], unassigned: [], objective: 0, lower_bound: 0, within: 0 }) });
    const { user } = await openDispatch();

    await user.click(screen.getByTestId("dispatch-optimise"));

    const ghost = await waitFor(() => screen.getAllByTestId("fake-item").find((el) => el.dataset.id === "ghost:o-1")!);
    expect(ghost).toHaveAttribute("data-row", "u-wang");
    expect(ghost).toHaveAttribute("data-class", "dispatch-ghost");
    expect(ghost).toHaveTextContent("WO-2026-000001 · proposed");
  });
});
