// Admin → Technicians and Admin → Dispatch rules, and handing an order over with a reason: each
// editor sends the core the payload it expects, shows a core refusal translated on its field,
// and the roster shows load and pool grabs.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { DispatchRule, Handover, PoolRule, TechnicianEdit, TechnicianRow, User } from "../api";
import i18n from "../i18n";
import { notificationText } from "../components/inbox/notificationText";
import { coreError, detailOf, directory, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

const wang: User = {
  id: "u-wang",
  login: "wang",
  display_name: "王师傅",
  roles: ["technician"],
  department_id: "d-1",
  skills: [{ skill: "hvac", level: 3 }],
  home_lat: 31.23,
  home_lon: 121.47,
  active: true,
  has_password: true,
  created_at: 1767225600000,
};

const wangRow: TechnicianRow = {
  card: {
    user: wang,
    profile: { user_id: "u-wang", status: "available", capacity_hours: 8, calendar_id: null, last_lat: null, last_lon: null, grab_limit: 3 },
    open_orders: 4,
    booked_hours: 5.5,
    grabs: 12,
  },
  grabs_7d: 6,
  grabs_30d: 9,
  completed_today: 2,
};

const calendar = { id: "cal-1", name: "上海办公室", calendar: { time_zone: "Asia/Shanghai", hours: { mon: [["09:00", "18:00"]] } } };
const withWang = { ...directory, users: [...directory.users, wang], departments: [...directory.departments, { id: "d-2", parent_id: null, name: "网络组" }] };

/** The option of an open antd Select (the newest dropdown when several were opened). */
async function option(label: string): Promise<HTMLElement> {
  let found: HTMLElement | undefined;
  await waitFor(() => {
    const all = document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${label}"]`);
    found = all[all.length - 1];
    expect(found).toBeDefined();
  });
  return found!;
}

// The editors' tests drive many antd selects, which are slow under jsdom on a busy machine:
// their describes allow 40 s a test.
const itemOf = (el: HTMLElement) => el.closest<HTMLElement>(".ant-form-item")!;

describe("Admin → Technicians", { timeout: 40_000 }, () => {
  it("shows each technician's load, completions and grabs", async () => {
    mockCore({
      directory: () => withWang,
      technician_roster: () => [wangRow],
      sla_setup: () => ({ calendars: [calendar], policies: [] }),
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-technicians"));

    expect(await screen.findByTestId("tech-load-wang")).toHaveTextContent("4 open · 5.5 / 8 h");
    expect(screen.getByTestId("tech-grabs-wang")).toHaveTextContent("6 in 7 days · 9 in 30 days · 12 in all (limit 3 a day)");
    expect(screen.getByTestId("tech-today-wang")).toHaveTextContent("2");
    const row = screen.getByTestId("tech-load-wang").closest("tr")!;
    expect(row).toHaveTextContent("hvac 3");
    expect(row).toHaveTextContent("Always (24×7)");
  });

  it("saves the edited profile: skills, status, capacity and working hours", async () => {
    const core = mockCore({
      directory: () => withWang,
      technician_roster: () => [wangRow],
      sla_setup: () => ({ calendars: [calendar], policies: [] }),
      technician_save: ({ edit }) => ({ ...wangRow.card, profile: (edit as TechnicianEdit).profile }),
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-technicians"));
    await screen.findByTestId("tech-load-wang");
    await user.click(screen.getByTestId("tech-edit-wang"));
    const capacity = await screen.findByTestId("tech-form-capacity_hours");
    await user.clear(capacity);
    await user.type(capacity, "6");
    await user.click(within(screen.getByTestId("tech-form-calendar")).getByRole("combobox"));
    await user.click(await option("上海办公室"));
    await user.click(within(screen.getByTestId("tech-form-status")).getByRole("combobox"));
    await user.click(await option("Busy"));
    await user.click(screen.getByTestId("tech-add-skill"));
    await user.type(screen.getByTestId("tech-skill-1"), "电工");
    await user.click(screen.getByTestId("tech-form-save"));

    await waitFor(() => expect(core.callsOf("technician_save")).toHaveLength(1));
    const [{ edit }] = core.callsOf("technician_save") as { edit: TechnicianEdit }[];
    expect(edit).toEqual({
      profile: { user_id: "u-wang", status: "busy", capacity_hours: 6, calendar_id: "cal-1", last_lat: null, last_lon: null, grab_limit: 3 },
      skills: [
        { skill: "hvac", level: 3 },
        { skill: "电工", level: 1 },
      ],
      home_lat: 31.23,
      home_lon: 121.47,
    });
    // Saved: the roster is read again.
    await waitFor(() => expect(core.callsOf("technician_roster")).toHaveLength(2));
  });

  it("is open to a supervisor, who is no admin", async () => {
    const supervisor = { user_id: "u-sup", login: "sun", display_name: "孙主管", roles: ["supervisor" as const], department_id: null };
    mockCore({
      setup_status: () => ({ needs_admin_password: false, store: "/tmp/orderly.db", remembered: [], current: supervisor }),
      directory: () => withWang,
      technician_roster: () => [wangRow],
      sla_setup: () => ({ calendars: [], policies: [] }),
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-technicians"));
    expect(await screen.findByTestId("tech-grabs-wang")).toHaveTextContent("6 in 7 days");
    expect(screen.queryByTestId("menu-users")).not.toBeInTheDocument();
    expect(screen.queryByTestId("menu-dispatch-admin")).not.toBeInTheDocument();
  });

  it("shows a refusal of the core translated on its field (zh-CN)", async () => {
    await i18n.changeLanguage("zh-CN");
    mockCore({
      directory: () => withWang,
      technician_roster: () => [wangRow],
      sla_setup: () => ({ calendars: [], policies: [] }),
      technician_save: () => {
        throw coreError({
          key: "input.out_of_range",
          field: "capacity_hours",
          params: { field: "capacity_hours", value: "30", min: "0.5", max: "24" },
        });
      },
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-technicians"));
    expect(await screen.findByTestId("tech-grabs-wang")).toHaveTextContent("7 天 6 · 30 天 9 · 累计 12（每日上限 3）");
    await user.click(screen.getByTestId("tech-edit-wang"));
    const capacity = await screen.findByTestId("tech-form-capacity_hours");
    await user.clear(capacity);
    await user.type(capacity, "30");
    await user.click(screen.getByTestId("tech-form-save"));

    await waitFor(() => expect(itemOf(capacity)).toHaveTextContent("每日产能（小时） 必须在 0.5 到 24 之间（当前为 30）。"));
    expect(screen.getByTestId("tech-form")).toBeInTheDocument();
  });
});

describe("Admin → Dispatch rules", { timeout: 40_000 }, () => {
  const network: DispatchRule = {
    name: "网络故障",
    template_key: null,
    keywords: ["网络"],
    field: null,
    department_id: "d-1",
    assignee_login: null,
  };

  it("saves the rules in order with conditions and targets", async () => {
    const core = mockCore({
      directory: () => withWang,
      dispatch_rules: () => [network],
      dispatch_rules_save: ({ rules }) => rules,
      pool_rules: () => [],
      pool_fallback_minutes: () => 30,
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-dispatch-admin"));
    expect(await screen.findByTestId("rule-name-0")).toHaveValue("网络故障");

    await user.click(screen.getByTestId("dispatch-rule-add"));
    await user.type(await screen.findByTestId("rule-name-1"), "空调");
    await user.type(screen.getByTestId("rule-field-key-1"), "fault_type");
    await user.type(screen.getByTestId("rule-field-value-1"), "hvac");
    await user.type(within(screen.getByTestId("rule-keywords-1")).getByRole("combobox"), "空调{enter}");
    await user.click(within(screen.getByTestId("rule-person-1")).getByRole("combobox"));
    await user.click(await option("王师傅 (wang)"));
    // The new rule goes first.
    await user.click(within(screen.getByTestId("dispatch-rule-1")).getByRole("button", { name: "Move up" }));
    await user.click(screen.getByTestId("dispatch-rules-save"));

    await waitFor(() => expect(core.callsOf("dispatch_rules_save")).toHaveLength(1));
    const [{ rules }] = core.callsOf("dispatch_rules_save") as { rules: DispatchRule[] }[];
    expect(rules).toEqual([
      {
        name: "空调",
        template_key: null,
        keywords: ["空调"],
        field: { key: "fault_type", value: "hvac" },
        department_id: null,
        assignee_login: "wang",
      },
      network,
    ]);
  });

  it("shows a rule's refusal translated on that rule's input (zh-CN)", async () => {
    await i18n.changeLanguage("zh-CN");
    mockCore({
      directory: () => withWang,
      dispatch_rules: () => [network, { ...network, name: "无目标", department_id: null }],
      dispatch_rules_save: () => {
        throw coreError({ key: "dispatch.rule_without_target", field: "rules[1].department_id" });
      },
      pool_rules: () => [],
      pool_fallback_minutes: () => 30,
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-dispatch-admin"));
    await screen.findByTestId("rule-name-1");
    await user.click(screen.getByTestId("dispatch-rules-save"));

    const second = itemOf(screen.getByTestId("rule-department-1"));
    await waitFor(() => expect(second).toHaveTextContent("派单规则必须指定部门或人员。"));
    expect(itemOf(screen.getByTestId("rule-department-0"))).not.toHaveTextContent("派单规则必须指定部门或人员。");
  });

  it("saves pool rules and the fallback time, and shows their refusals translated (es)", async () => {
    await i18n.changeLanguage("es");
    const core = mockCore({
      directory: () => withWang,
      dispatch_rules: () => [],
      pool_rules: () => [{ template_key: "general", department_id: null, radius_km: 5, max_load_percent: null }],
      pool_rules_save: ({ rules }) => {
        const list = rules as PoolRule[];
        if (list.some((r) => (r.radius_km ?? 1) <= 0)) {
          throw coreError({
            key: "input.out_of_range",
            field: "rules[1].radius_km",
            params: { field: "radius_km", value: "0", min: "0.1", max: "20000" },
          });
        }
        return list;
      },
      pool_fallback_minutes: () => 30,
      pool_fallback_minutes_save: ({ minutes }) => {
        if ((minutes as number) > 1440) {
          throw coreError({
            key: "input.out_of_range",
            field: "pool.fallback_minutes",
            params: { field: "pool.fallback_minutes", value: String(minutes), min: "1", max: "1440" },
          });
        }
        return minutes;
      },
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-dispatch-admin"));
    const minutes = await screen.findByTestId("pool-fallback-minutes");
    await waitFor(() => expect(minutes).toHaveValue("30"));
    await user.clear(minutes);
    await user.type(minutes, "2000");
    await user.click(screen.getByTestId("pool-fallback-save"));
    await waitFor(() =>
      expect(itemOf(minutes)).toHaveTextContent("Espera en la bolsa debe estar entre 1 y 1440 (se recibió 2000)."),
    );
    await user.clear(minutes);
    await user.type(minutes, "45");
    await user.click(screen.getByTestId("pool-fallback-save"));
    await waitFor(() => expect(core.callsOf("pool_fallback_minutes_save")).toEqual([{ minutes: 2000 }, { minutes: 45 }]));

    await user.click(screen.getByTestId("pool-rule-add"));
    await user.click(within(await screen.findByTestId("pool-department-1")).getByRole("combobox"));
    await user.click(await option("网络组"));
    await user.type(screen.getByTestId("pool-radius-1"), "0");
    await user.click(screen.getByTestId("pool-rules-save"));
    await waitFor(() =>
      expect(itemOf(screen.getByTestId("pool-radius-1"))).toHaveTextContent("Radio (km) debe estar entre 0.1 y 20000"),
    );
    await user.clear(screen.getByTestId("pool-radius-1"));
    await user.type(screen.getByTestId("pool-radius-1"), "3");
    await user.type(screen.getByTestId("pool-load-1"), "80");
    await user.click(screen.getByTestId("pool-rules-save"));
    await waitFor(() => expect(core.callsOf("pool_rules_save")).toHaveLength(2));
    const [, { rules }] = core.callsOf("pool_rules_save") as { rules: PoolRule[] }[];
    expect(rules).toEqual([
      { template_key: "general", department_id: null, radius_km: 5, max_load_percent: null },
      { template_key: null, department_id: "d-2", radius_km: 3, max_load_percent: 80 },
    ]);
  });
});

describe("handing an order over with a reason", { timeout: 40_000 }, () => {
  async function openOrder(user: ReturnType<typeof renderApp>["user"]) {
    const [row] = await screen.findAllByTestId("order-row");
    await user.click(within(row).getByText(/Pump/));
    await screen.findByTestId("order-detail-title");
    await user.click(screen.getByTestId("handover-open"));
    return screen.findByTestId("handover-reason");
  }

  it("reassigns with the reason, and the history shows it", async () => {
    const o = order(7, { status: "todo", assignee_id: "u-agent", version: 3 });
    let detail = detailOf(o);
    const core = mockCore({
      directory: () => withWang,
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detail,
      order_hand_over: ({ handover }) => {
        const h = handover as Handover;
        const moved = { ...o, assignee_id: h.assignee_id ?? null, version: 4 };
        detail = detailOf(moved, {
          history: [
            ...detail.history,
            {
              id: "e-9",
              order_id: o.id,
              at: o.created_at + 5,
              actor_id: "u-admin",
              kind: "field_changed",
              field: "handover",
              old_value: { assignee_id: "u-agent", department_id: "d-1" },
              new_value: { kind: "reassign", reason: h.reason, assignee_id: h.assignee_id ?? null, department_id: "d-1" },
            },
          ],
        });
        return moved;
      },
    });
    const { user } = renderApp();
    const reason = await openOrder(user);
    await user.click(within(screen.getByTestId("handover-assignee")).getByRole("combobox"));
    await user.click(await option("王师傅 (wang)"));
    await user.type(reason, "李雷请假");
    await user.click(screen.getByTestId("handover-submit"));

    await waitFor(() =>
      expect(core.callsOf("order_hand_over")).toEqual([
        { handover: { order_id: "o-7", version: 3, assignee_id: "u-wang", department_id: null, reason: "李雷请假" } },
      ]),
    );
    await user.click(screen.getByRole("tab", { name: "History" }));
    const events = await screen.findAllByTestId("history-event");
    const last = events[events.length - 1];
    expect(last).toHaveTextContent("Ada Admin reassigned the order");
    expect(within(last).getByTestId("handover-detail")).toHaveTextContent("→ 王师傅Reason: 李雷请假");
  });

  it("transfers to another department's queue, and a missing reason is refused on its field (zh-CN)", async () => {
    await i18n.changeLanguage("zh-CN");
    const o = order(8, { status: "todo", assignee_id: "u-agent", version: 2 });
    let refuse = true;
    const core = mockCore({
      directory: () => withWang,
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_hand_over: () => {
        if (refuse) {
          refuse = false;
          throw coreError({ key: "input.required", field: "reason", params: { field: "reason" } });
        }
        return { ...o, assignee_id: null, department_id: "d-2", version: 3 };
      },
    });
    const { user } = renderApp();
    const reason = await openOrder(user);
    await user.click(within(screen.getByTestId("handover-mode")).getByText("转单到部门"));
    await user.click(within(await screen.findByTestId("handover-department")).getByRole("combobox"));
    await user.click(await option("网络组"));
    await user.click(screen.getByTestId("handover-submit"));
    await waitFor(() => expect(itemOf(reason)).toHaveTextContent("原因 为必填项。"));

    await user.type(reason, "不是电梯问题");
    await user.click(screen.getByTestId("handover-submit"));
    await waitFor(() => expect(core.callsOf("order_hand_over")).toHaveLength(2));
    expect(core.callsOf("order_hand_over")[1]).toEqual({
      handover: { order_id: "o-8", version: 2, assignee_id: null, department_id: "d-2", reason: "不是电梯问题" },
    });
    await waitFor(() => expect(screen.queryByTestId("handover-reason")).not.toBeInTheDocument());
  });
});

describe("the new assignee's notice", () => {
  it("says why the order was handed over", async () => {
    await i18n.changeLanguage("zh-CN");
    const format = { number: (n: number) => String(n), dateTime: () => "" };
    const notice = {
      id: "n-1",
      user_id: "u-wang",
      order_id: "o-7",
      order_number: "WO-2026-000007",
      kind: "assigned",
      params: { title: "Pump 7 leaks", priority: "P3", reason: "李雷请假", kind: "reassign" },
      created_at: 0,
      read_at: null,
      delivered_at: null,
    };
    expect(notificationText(i18n.t, notice, format)).toBe("WO-2026-000007 已分派给您：Pump 7 leaks（原因：李雷请假）");
    expect(notificationText(i18n.t, { ...notice, params: { title: "Pump 7 leaks" } }, format)).toBe(
      "WO-2026-000007 已分派给您：Pump 7 leaks",
    );
  });
});
