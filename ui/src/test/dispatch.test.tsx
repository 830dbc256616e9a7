// The dispatch page with the timeline replaced by a thin fake (vis-timeline needs a real layout
// engine): the fake draws rows and items and turns a DOM drop into onDropOrder, a click on an item
// into onMoveItem, exactly as the real board reports gestures. What is tested is the page: drop →
// dispatch_schedule, refusals translated and nothing moved, suggestions explained, batch plans.
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { BatchPlan, DispatchInfo, Suggestion, TechnicianCard, User, WorkOrder } from "../api";
import i18n from "../i18n";
import { coreError, directory, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

const DROP_AT = Date.UTC(2026, 0, 5, 2, 0);
const HOUR = 3_600_000;
// toHaveTextContent collapses the element's whitespace (Intl's no-break spaces) but not ours.
const plain = (text: string) => text.replace(/\s+/g, " ");

vi.mock("../components/dispatch/DispatchBoard", async () => {
  const React = await import("react");
  const { droppedOrder } = await import("../components/dispatch/dragOrder");
  const h = React.createElement;
  type Props = import("../components/dispatch/boardTypes").BoardProps;
  type Item = import("../components/dispatch/boardTypes").BoardItem;
  function FakeItem({ item, onMoveItem }: { item: Item; onMoveItem: Props["onMoveItem"] }) {
    const [result, setResult] = React.useState("");
    return h(
      "button",
      {
        "data-testid": "fake-item",
        "data-id": item.id,
        "data-row": item.row,
        "data-result": result,
        onClick: () =>
          void onMoveItem(item.id, item.row, item.start + HOUR, item.end + HOUR).then((ok) => setResult(ok ? "moved" : "reverted")),
      },
      item.text,
    );
  }
  function FakeBoard(props: Props) {
    return h(
      "div",
      { "data-testid": "dispatch-board" },
      props.rows.map((row) =>
        row.kind === "department"
          ? h("div", { key: `d-${row.id}`, "data-testid": "fake-department" }, row.name)
          : h(
              "div",
              {
                key: row.id,
                "data-testid": "dispatch-row",
                "data-login": row.label.login,
                "data-candidate": String(row.label.candidate),
                onDragOver: (e: DragEvent) => e.preventDefault(),
                onDrop: (e: React.DragEvent) => {
                  const id = droppedOrder(e.dataTransfer);
                  if (id) props.onDropOrder(id, row.id, DROP_AT);
                },
              },
              `${row.label.name} | ${row.label.skills} | ${row.label.load} | ${row.label.status}`,
            ),
      ),
      props.items.map((item) => h(FakeItem, { key: item.id, item, onMoveItem: props.onMoveItem })),
    );
  }
  return { default: FakeBoard };
});

function tech(id: string, login: string, name: string, skills: User["skills"], department: string | null): TechnicianCard {
  return {
    user: { id, login, display_name: name, roles: ["technician"], department_id: department, skills, home_lat: null, home_lon: null, active: true, has_password: true, created_at: 0 },
    profile: { user_id: id, status: "available", capacity_hours: 8, calendar_id: null, last_lat: null, last_lon: null, grab_limit: 3 },
    open_orders: 1,
    booked_hours: 2,
    grabs: 0,
  };
}

const TECHS = [
  tech("u-zhang", "zhang", "张三", [{ skill: "HVAC", level: 3 }], "d-1"),
  tech("u-wang", "wang", "Wang Wu", [{ skill: "plumbing", level: 2 }], "d-1"),
  tech("u-free", "free", "Free Lancer", [], null),
];

function info(patch: Partial<DispatchInfo> = {}): DispatchInfo {
  return { required_skill: "HVAC", required_level: 2, duration_minutes: 90, scheduled_start: null, scheduled_end: null, pooled_at: null, grabbed_by: null, ...patch };
}

type Setup = { orders?: WorkOrder[]; handlers?: Parameters<typeof mockCore>[0] };

function dispatchCore({ orders, handlers = {} }: Setup = {}) {
  const list = orders ?? [
    order(1, { resolution_due_at: DROP_AT + 8 * HOUR }),
    order(2, { resolution_due_at: DROP_AT + 2 * HOUR, priority: "P1" }),
    order(3, { assignee_id: "u-wang", status: "todo", version: 4 }),
  ];
  return mockCore({
    directory: () => ({ ...directory, users: [...directory.users, ...TECHS.map((c) => c.user)] }),
    technician_board: () => TECHS,
    order_list: () => ({ items: list, next: null, starred: [], important: [] }),
    order_dispatch_info: ({ id }) => (id === "o-3" ? info({ scheduled_start: DROP_AT, scheduled_end: DROP_AT + HOUR }) : info()),
    ...handlers,
  });
}

async function openDispatch() {
  const view = renderApp();
  await view.user.click(await screen.findByTestId("nav-dispatch"));
  await screen.findByTestId("dispatch-board");
  await waitFor(() => expect(screen.getAllByTestId("dispatch-unassigned-item")).toHaveLength(2));
  return view;
}

function dataTransfer() {
  const store = new Map<string, string>();
  return {
    setData: (k: string, v: string) => void store.set(k, v),
    getData: (k: string) => store.get(k) ?? "",
    get types() {
      return [...store.keys()];
    },
    effectAllowed: "",
    dropEffect: "",
  };
}

async function drag(number: string, login: string) {
  const item = screen.getAllByTestId("dispatch-unassigned-item").find((el) => el.dataset.orderNumber === number)!;
  const row = screen.getAllByTestId("dispatch-row").find((el) => el.dataset.login === login)!;
  const data = dataTransfer();
  fireEvent.dragStart(item, { dataTransfer: data });
  fireEvent.dragOver(row, { dataTransfer: data });
  await act(async () => {
    fireEvent.drop(row, { dataTransfer: data });
  });
}

describe("dispatch board", () => {
  it("lists unassigned orders by due time, technicians by department and booked visits", async () => {
    const core = dispatchCore();
    await openDispatch();

    const unassigned = screen.getAllByTestId("dispatch-unassigned-item");
    expect(unassigned.map((el) => el.dataset.orderNumber)).toEqual(["WO-2026-000002", "WO-2026-000001"]);
    const due = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(DROP_AT + 2 * HOUR));
    expect(unassigned[0]).toHaveTextContent(`Due ${due}`);
    expect(screen.getAllByTestId("fake-department").map((el) => el.textContent)).toEqual(["Service desk", "No department"]);
    const rows = screen.getAllByTestId("dispatch-row");
    expect(rows.map((r) => r.dataset.login)).toEqual(["wang", "zhang", "free"]);
    expect(rows[1]).toHaveTextContent("张三 | HVAC 3 | 2 / 8 h | Available");
    const [item] = screen.getAllByTestId("fake-item");
    expect(item).toHaveAttribute("data-row", "u-wang");
    expect(item).toHaveTextContent("WO-2026-000003");
    expect(core.callsOf("order_dispatch_info")).toEqual([{ id: "o-3" }]);
  });

  it("books a dropped order for its duration and reads the board again", async () => {
    const core = dispatchCore({ handlers: { dispatch_schedule: () => order(2, { assignee_id: "u-zhang", version: 2 }) } });
    await openDispatch();
    const boards = core.callsOf("technician_board").length;

    await drag("WO-2026-000002", "zhang");

    await waitFor(() => expect(core.callsOf("dispatch_schedule")).toHaveLength(1));
    expect(core.callsOf("dispatch_schedule")[0]).toEqual({
      request: { order_id: "o-2", technician_id: "u-zhang", start: DROP_AT, end: DROP_AT + 90 * 60_000, version: 1 },
    });
    expect(await screen.findByText("WO-2026-000002 booked for 张三.")).toBeInTheDocument();
    await waitFor(() => expect(core.callsOf("technician_board").length).toBeGreaterThan(boards));
    expect(screen.queryByTestId("dispatch-refusal")).not.toBeInTheDocument();
  });

  it("shows the core's refusal of a drop translated and moves nothing", async () => {
    await i18n.changeLanguage("zh-CN");
    const core = dispatchCore({
      handlers: {
        dispatch_schedule: () => {
          throw coreError({ key: "dispatch.skill_missing", params: { login: "张三", skill: "hvac" } });
        },
      },
    });
    await openDispatch();
    const boards = core.callsOf("technician_board").length;

    await drag("WO-2026-000001", "zhang");

    expect(await screen.findByTestId("dispatch-refusal")).toHaveTextContent("张三 不具备此工单所需的技能 hvac。");
    expect(screen.getAllByTestId("dispatch-unassigned-item")).toHaveLength(2);
    expect(core.callsOf("technician_board")).toHaveLength(boards);
  });

  it("moves a booked visit through the same command and puts it back on refusal", async () => {
    const core = dispatchCore({
      handlers: {
        dispatch_schedule: () => {
          throw coreError({ key: "dispatch.overlap", params: { login: "wang", number: "WO-2026-000009" } });
        },
      },
    });
    const { user } = await openDispatch();

    await user.click(screen.getByTestId("fake-item"));

    expect(await screen.findByTestId("dispatch-refusal")).toHaveTextContent("wang already has WO-2026-000009 at that time.");
    expect(screen.getByTestId("fake-item")).toHaveAttribute("data-result", "reverted");
    expect(core.callsOf("dispatch_schedule")[0]).toEqual({
      request: { order_id: "o-3", technician_id: "u-wang", start: DROP_AT + HOUR, end: DROP_AT + 2 * HOUR, version: 4 },
    });
  });
});

const SUGGESTION: Suggestion = {
  order_id: "o-1",
  candidates: [
    {
      user_id: "u-zhang",
      display_name: "张三",
      score: 1.2,
      terms: [
        { kind: "skill", cost: 0, detail: { type: "skill", level: 3, required: 2 } },
        { kind: "travel", cost: 0.3, detail: { type: "travel", km: 4.2, minutes: 9 } },
        { kind: "load", cost: 0.5, detail: { type: "load", load_pct_before: 40, load_pct_after: 55, open_orders: 2 } },
        { kind: "status", cost: 0, detail: { type: "status", status: "available" } },
        { kind: "sla_risk", cost: 0.1, detail: { type: "sla_risk", finish_minutes: 100, due_minutes: 220, slack_minutes: 120 } },
      ],
    },
  ],
  not_offered: [{ user_id: "u-wang", display_name: "Wang Wu", reason: { type: "missing_skill" } }],
};

async function suggestFor(language: string) {
  await i18n.changeLanguage(language);
  const core = dispatchCore({ handlers: { dispatch_suggest: () => SUGGESTION } });
  const { user } = await openDispatch();
  const item = screen.getAllByTestId("dispatch-unassigned-item").find((el) => el.dataset.orderNumber === "WO-2026-000001")!;
  await user.click(within(item).getByText("Pump 1 leaks"));
  await user.click(await screen.findByTestId("dispatch-suggest"));
  await screen.findByTestId("dispatch-suggestion");
  return core;
}

describe("suggestions", () => {
  it("explains the best candidate in Chinese and highlights its row", async () => {
    const core = await suggestFor("zh-CN");
    expect(core.callsOf("dispatch_suggest")).toEqual([{ id: "o-1" }]);
    expect(screen.getByTestId("dispatch-candidate-why")).toHaveTextContent(
      "HVAC 3 级 · 4.2 公里，9 分钟车程 · 负载 55% · 截止前 2小时完成",
    );
    expect(screen.getByTestId("dispatch-not-offered")).toHaveTextContent("Wang Wu：不具备技能 HVAC");
    const rows = screen.getAllByTestId("dispatch-row");
    expect(rows.find((r) => r.dataset.login === "zhang")).toHaveAttribute("data-candidate", "true");
    expect(rows.find((r) => r.dataset.login === "wang")).toHaveAttribute("data-candidate", "false");
  });

  it("explains it in Spanish with Spanish numbers", async () => {
    await suggestFor("es");
    const pct = plain(new Intl.NumberFormat("es", { style: "percent" }).format(0.55));
    expect(screen.getByTestId("dispatch-candidate-why")).toHaveTextContent(
      `HVAC nivel 3 · a 4,2 km, 9 min · ${pct} de carga · termina 2 h antes del vencimiento`,
    );
  });
});

describe("batch optimisation", () => {
  it("plans the ticked orders, says how close to optimal, and applies on Accept", async () => {
    const plan: BatchPlan = {
      proposals: [{ order_id: "o-2", number: "WO-2026-000002", technician_id: "u-zhang", version: 1 }],
      unassigned: ["WO-2026-000001"],
      objective: 10.2,
      lower_bound: 10,
      within: 0.02,
    };
    await i18n.changeLanguage("es");
    const core = dispatchCore({
      handlers: {
        dispatch_batch: () => plan,
        dispatch_apply: () => ({ applied: ["WO-2026-000002"], conflicts: [] }),
      },
    });
    const { user } = await openDispatch();
    await user.click(screen.getByRole("checkbox", { name: "Incluir WO-2026-000002 en la optimización" }));
    await user.click(screen.getByTestId("dispatch-optimise"));

    const panel = await screen.findByTestId("dispatch-batch");
    expect(core.callsOf("dispatch_batch")).toEqual([{ orderIds: ["o-2"], seconds: 1 }]);
    const pct = plain(new Intl.NumberFormat("es", { style: "percent" }).format(0.02));
    expect(within(panel).getByTestId("dispatch-batch-within")).toHaveTextContent(`A menos de ${pct} del óptimo`);
    const proposal = within(panel).getByTestId("dispatch-proposal");
    expect(proposal).toHaveTextContent("WO-2026-000002 →");
    expect(within(proposal).getByRole("combobox", { name: "Quién toma WO-2026-000002" })).toBeInTheDocument();
    expect(proposal).toHaveTextContent("张三");
    expect(within(panel).getByTestId("dispatch-batch-unassigned")).toHaveTextContent("Nadie puede tomar: WO-2026-000001");

    await user.click(within(panel).getByTestId("dispatch-accept"));

    expect(await within(panel).findByTestId("dispatch-batch-outcome")).toHaveTextContent("Aplicadas 1: WO-2026-000002");
    expect(core.callsOf("dispatch_apply")).toEqual([{ proposals: plan.proposals }]);
  });

  it("lets the dispatcher give a proposal to someone else or drop it, and shows the core's refusal", async () => {
    const proposals = [
      { order_id: "o-1", number: "WO-2026-000001", technician_id: "u-zhang", version: 1 },
      { order_id: "o-2", number: "WO-2026-000002", technician_id: "u-zhang", version: 1 },
    ];
    let refuse = true;
    const core = dispatchCore({
      handlers: {
        dispatch_batch: () => ({ proposals, unassigned: [], objective: 2, lower_bound: 2, within: 0 }),
        dispatch_apply: () => {
          if (refuse) {
            refuse = false;
            throw { code: "invalid", key: "dispatch.skill_missing", params: { login: "Wang Wu", skill: "HVAC", field: "proposals.0" }, field: "proposals.0" };
          }
          return { applied: ["WO-2026-000001"], conflicts: [] };
        },
      },
    });
    const { user } = await openDispatch();
    await user.click(screen.getByTestId("dispatch-optimise"));
    const panel = await screen.findByTestId("dispatch-batch");
    expect(within(panel).queryByTestId("dispatch-batch-edited")).toBeNull();

    await user.click(within(panel).getByRole("button", { name: "Leave WO-2026-000002 out of the plan" }));
    expect(within(panel).getAllByTestId("dispatch-proposal")).toHaveLength(1);
    await user.click(within(panel).getByRole("combobox", { name: "Who takes WO-2026-000001" }));
    await user.click(await screen.findByTitle("Wang Wu"));
    expect(within(panel).getByTestId("dispatch-batch-edited")).toHaveTextContent("Edited by you");

    await user.click(within(panel).getByTestId("dispatch-accept"));
    expect(await screen.findByText("Wang Wu lacks the skill HVAC this order needs.")).toBeInTheDocument();
    expect(core.callsOf("dispatch_apply")).toEqual([{ proposals: [{ ...proposals[0], technician_id: "u-wang" }] }]);
  });

  it("reports orders changed meanwhile as conflicts", async () => {
    dispatchCore({
      handlers: {
        dispatch_batch: () => ({ proposals: [{ order_id: "o-1", number: "WO-2026-000001", technician_id: "u-zhang", version: 1 }], unassigned: [], objective: 1, lower_bound: 1, within: 0 }),
        dispatch_apply: () => ({ applied: [], conflicts: ["WO-2026-000001"] }),
      },
    });
    const { user } = await openDispatch();
    await user.click(screen.getByTestId("dispatch-optimise"));
    expect(await screen.findByTestId("dispatch-batch-within")).toHaveTextContent("The plan is optimal.");
    await user.click(screen.getByTestId("dispatch-accept"));
    expect(await screen.findByTestId("dispatch-batch-outcome")).toHaveTextContent(
      "Changed by someone else meanwhile (not applied): WO-2026-000001",
    );
  });
});

describe("order needs and the pool", () => {
  it("saves the needs, shows a refusal on its field, and publishes the order to the pool", async () => {
    let refuse = true;
    const core = dispatchCore({
      handlers: {
        order_needs_save: ({ needs }) => {
          if (refuse) {
            refuse = false;
            throw coreError({ key: "dispatch.schedule_empty", field: "duration_minutes" });
          }
          return needs;
        },
        pool_publish: () => info({ pooled_at: DROP_AT }),
      },
    });
    const { user } = await openDispatch();
    await user.click(screen.getAllByTestId("dispatch-unassigned-item")[0]);
    const duration = await screen.findByTestId("dispatch-needs-duration");
    await waitFor(() => expect(duration).toHaveValue("90"));
    await user.clear(duration);
    await user.type(duration, "120");
    await user.click(screen.getByTestId("dispatch-needs-save"));

    expect(await screen.findByText("A visit must end after it starts.")).toBeInTheDocument();
    await user.click(screen.getByTestId("dispatch-needs-save"));
    await waitFor(() => expect(core.callsOf("order_needs_save")).toHaveLength(2));
    expect(core.callsOf("order_needs_save")[1]).toEqual({ id: "o-2", needs: info({ duration_minutes: 120 }) });

    await user.click(screen.getByTestId("dispatch-publish"));
    expect(await screen.findByTestId("dispatch-pooled")).toBeInTheDocument();
    expect(core.callsOf("pool_publish")).toEqual([{ id: "o-2" }]);
  });
});

describe("automatic assignment", () => {
  it("assigns the selected order by the least-loaded mode and reads the board again", async () => {
    const core = dispatchCore({ handlers: { dispatch_auto: () => order(1, { assignee_id: "u-zhang", status: "todo", version: 2 }) } });
    const { user } = await openDispatch();
    await user.click(screen.getAllByTestId("dispatch-unassigned-item").find((el) => el.dataset.orderNumber === "WO-2026-000001")!);
    const boards = core.callsOf("technician_board").length;

    const auto = await screen.findByTestId("dispatch-auto");
    expect(auto).toHaveTextContent("Assign automatically");
    await user.click(within(auto).getByTestId("dispatch-auto-least_loaded"));

    await waitFor(() => expect(core.callsOf("dispatch_auto")).toEqual([{ id: "o-1", mode: "least_loaded" }]));
    expect(await screen.findByText("WO-2026-000001 assigned to 张三.")).toBeInTheDocument();
    await waitFor(() => expect(core.callsOf("technician_board").length).toBeGreaterThan(boards));
    expect(screen.queryByTestId("dispatch-refusal")).not.toBeInTheDocument();
  });

  it("shows a refusal of the automatic assignment translated", async () => {
    await i18n.changeLanguage("zh-CN");
    const core = dispatchCore({
      handlers: {
        dispatch_auto: () => {
          throw coreError({ code: "conflict", key: "dispatch.nobody_qualifies", params: { value: "WO-2026-000001" } });
        },
      },
    });
    const { user } = await openDispatch();
    await user.click(screen.getAllByTestId("dispatch-unassigned-item").find((el) => el.dataset.orderNumber === "WO-2026-000001")!);
    const boards = core.callsOf("technician_board").length;

    await user.click(await screen.findByTestId("dispatch-auto-smart"));

    expect(await screen.findByTestId("dispatch-refusal")).toHaveTextContent("没有可用技师满足工单 WO-2026-000001 的要求。");
    expect(core.callsOf("dispatch_auto")).toEqual([{ id: "o-1", mode: "smart" }]);
    expect(core.callsOf("technician_board")).toHaveLength(boards);
    expect(screen.getAllByTestId("dispatch-unassigned-item")).toHaveLength(2);
  });
});
