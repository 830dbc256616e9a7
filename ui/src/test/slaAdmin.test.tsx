import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { SlaSetup, StoredCalendar, StoredPolicy } from "../api";
import i18n from "../i18n";
import { coreError, mockCore } from "./fixtures";
import { renderApp } from "./renderApp";

const shanghai: StoredCalendar = {
  id: "cal-1",
  name: "上海办公室",
  calendar: { time_zone: "Asia/Shanghai", hours: { mon: [["09:00", "12:00"], ["13:00", "18:00"]] }, holidays: ["2026-10-01", "12-25"] },
};

function setup(patch: Partial<SlaSetup> = {}): () => SlaSetup {
  return () => ({ calendars: [shanghai], policies: [], ...patch });
}

/** The form item (label, input and its error) around an element. */
const itemOf = (el: HTMLElement) => el.closest<HTMLElement>(".ant-form-item")!;

describe("SLA administration", () => {
  it("shows a policy refusal translated next to the P3 resolution target and keeps the editor open", async () => {
    await i18n.changeLanguage("zh-CN");
    const core = mockCore({
      sla_setup: setup(),
      sla_policy_save: () => {
        throw coreError({
          key: "sla.policy_decreasing",
          field: "targets.P3.resolution_minutes",
          params: { field: "targets.P3.resolution_minutes", priority: "P3", value: "60", stricter: "P2", stricter_value: "480" },
        });
      },
    });
    const { user } = renderApp();

    await user.click(await screen.findByTestId("menu-sla"));
    await user.click(await screen.findByTestId("new-policy"));
    await user.type(await screen.findByTestId("policy-name"), "金牌服务");
    const p3 = screen.getByTestId("target-P3-resolution");
    await user.clear(p3);
    await user.type(p3, "60");
    expect(itemOf(p3).parentElement).toHaveTextContent("= 1小时");
    await user.click(screen.getByTestId("policy-save"));

    const message = "P3 的目标为 60 分钟，少于更严格的 P2 的 480 分钟";
    await waitFor(() => expect(itemOf(screen.getByTestId("target-P3-resolution"))).toHaveTextContent(message));
    expect(itemOf(screen.getByTestId("target-P2-resolution"))).not.toHaveTextContent(message);
    expect(screen.getByTestId("policy-editor")).toBeVisible();
    expect(screen.queryByTestId("policy-error")).not.toBeInTheDocument();

    const [{ policy }] = core.callsOf("sla_policy_save") as { policy: StoredPolicy }[];
    expect(policy).toMatchObject({ id: "", name: "金牌服务", customer_group_id: null, catalog_item_id: null, calendar_id: "cal-1" });
    expect(policy.rules.targets.P3).toEqual({ response_minutes: 120, resolution_minutes: 60 });
    expect(policy.rules.chain).toEqual([{ kind: "assignee" }, { kind: "supervisors" }, { kind: "role", value: "admin" }]);
  });

  it("shows a refusal without a matching input above the policy form", async () => {
    mockCore({
      sla_setup: setup(),
      sla_policy_save: () => {
        throw coreError({ key: "sla.policy_all_zero", field: "targets" });
      },
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-sla"));
    await user.click(await screen.findByTestId("new-policy"));
    await user.click(await screen.findByTestId("policy-save"));

    expect(await screen.findByTestId("policy-error")).toHaveTextContent("An SLA policy needs at least one non-zero target");
    expect(screen.getByTestId("policy-editor")).toBeVisible();
  });

  it("sends a lunch break as two working intervals and shows an interval refusal on its weekday", async () => {
    let refuse = true;
    const core = mockCore({
      sla_setup: setup(),
      sla_calendar_save: ({ calendar }) => {
        if (refuse) {
          refuse = false;
          throw coreError({ key: "sla.bad_hours", field: "calendar.hours.mon[0]", params: { field: "calendar.hours.mon[0]", value: "[\"9\", \"12:00\"]" } });
        }
        return { ...(calendar as StoredCalendar), id: "cal-2" };
      },
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-sla"));
    await user.click(await screen.findByTestId("sla-tab-calendars"));
    const table = await screen.findByTestId("calendar-table");
    expect(within(table).getByText("上海办公室")).toBeInTheDocument();
    expect(within(table).getByText("Asia/Shanghai")).toBeInTheDocument();

    await user.click(screen.getByTestId("new-calendar"));
    await user.type(await screen.findByTestId("calendar-name"), "Madrid office");
    const zone = within(screen.getByTestId("calendar-editor")).getByRole("combobox");
    await user.clear(zone);
    await user.type(zone, "Europe/Madrid");

    await user.click(screen.getByTestId("hours-mon-add"));
    expect(screen.getByTestId("hours-mon-0-from")).toHaveValue("09:00");
    await user.clear(screen.getByTestId("hours-mon-0-to"));
    await user.type(screen.getByTestId("hours-mon-0-to"), "12:00");
    await user.click(screen.getByTestId("hours-mon-add"));
    await user.type(screen.getByTestId("hours-mon-1-from"), "13:00");
    await user.type(screen.getByTestId("hours-mon-1-to"), "18:00");
    await user.click(screen.getByTestId("hours-copy-monday"));
    await user.click(screen.getByTestId("calendar-save"));

    const refusal = 'Malformed working hours "["9", "12:00"]": expected ["HH:MM", "HH:MM"] between 00:00 and 24:00';
    await waitFor(() => expect(itemOf(screen.getByTestId("hours-mon"))).toHaveTextContent(refusal));
    expect(screen.getByTestId("calendar-editor")).toBeVisible();

    await user.click(screen.getByTestId("calendar-save"));
    await waitFor(() => expect(core.callsOf("sla_calendar_save")).toHaveLength(2));
    const lunchBreak = [["09:00", "12:00"], ["13:00", "18:00"]];
    expect(core.callsOf("sla_calendar_save")[1]).toEqual({
      calendar: {
        id: "",
        name: "Madrid office",
        calendar: {
          time_zone: "Europe/Madrid",
          holidays: [],
          hours: { mon: lunchBreak, tue: lunchBreak, wed: lunchBreak, thu: lunchBreak, fri: lunchBreak },
        },
      },
    });
    await waitFor(() => expect(screen.queryByTestId("calendar-editor")).not.toBeInTheDocument());
  });

  it("is offered to admins only", async () => {
    mockCore({
      setup_status: () => ({
        needs_admin_password: false,
        store: "/tmp/o.db",
        remembered: [],
        current: { user_id: "u-agent", login: "li", display_name: "李雷", roles: ["agent"], department_id: "d-1" },
      }),
    });
    renderApp();
    await screen.findByTestId("inbox-bell");
    expect(screen.queryByTestId("menu-sla")).not.toBeInTheDocument();
  });
});
