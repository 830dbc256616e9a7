// The triggers page as an admin uses it: a keyword trigger made in the Chinese UI and saved,
// a core refusal shown on the action row it names, reordering and switching off, and a dry
// run whose plan reads as what would happen.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Trigger, TriggerPlan } from "../api";
import i18n from "../i18n";
import { coreError, directory, mockCore } from "./fixtures";
import { renderApp } from "./renderApp";
import { leakTrigger, urgentTrigger } from "./workflowFixtures";

const plumbing = { id: "d-2", parent_id: null, name: "水电组" };

function core(list: Trigger[], handlers: Parameters<typeof mockCore>[0] = {}) {
  return mockCore({
    directory: () => ({ ...directory, departments: [...directory.departments, plumbing] }),
    triggers_list: () => list,
    trigger_save: ({ trigger }) => [...list, trigger],
    ...handlers,
  });
}

async function openTriggers() {
  const view = renderApp();
  await view.user.click(await screen.findByTestId("menu-triggers"));
  await screen.findByTestId("triggers-page");
  return view;
}

async function pickOption(user: ReturnType<typeof renderApp>["user"], testid: string, title: string) {
  await user.click(within(screen.getByTestId(testid)).getByRole("combobox"));
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${title}"]`)).not.toBeNull());
  await user.click(document.querySelector<HTMLElement>(`.ant-select-item-option[title="${title}"]`)!);
}

describe("triggers", () => {
  it("saves a keyword trigger that routes to a department, made in the Chinese UI", async () => {
    await i18n.changeLanguage("zh-CN");
    const mock = core([]);
    const { user } = await openTriggers();

    await user.click(screen.getByTestId("trigger-new"));
    await user.type(await screen.findByTestId("trigger-name-zh_cn"), "漏水转水电组");
    await user.click(screen.getByTestId("trigger-add-condition"));
    expect(within(screen.getByTestId("condition-0")).getByText("文本包含关键词")).toBeInTheDocument();
    await user.type(screen.getByTestId("condition-words-0"), "漏水");
    await user.click(screen.getByTestId("trigger-add-action"));
    expect(within(screen.getByTestId("action-0")).getByText("分配部门")).toBeInTheDocument();
    await pickOption(user, "action-department-0", "水电组");
    await user.click(screen.getByTestId("trigger-save"));

    await waitFor(() => expect(mock.callsOf("trigger_save")).toHaveLength(1));
    const [{ trigger }] = mock.callsOf("trigger_save") as { trigger: Trigger }[];
    expect(trigger.key).toMatch(/^trigger_[a-z0-9]+$/);
    expect(trigger).toMatchObject({
      names: { en: "漏水转水电组", zh_cn: "漏水转水电组", es: "漏水转水电组" },
      on: ["create"],
      active: true,
      conditions: [{ kind: "text_contains", words: ["漏水"] }],
      actions: [{ kind: "assign_department", department_id: "d-2" }],
    });
    await waitFor(() => expect(screen.queryByTestId("trigger-save")).toBeNull());
    expect(within(screen.getByTestId(`trigger-row-${trigger.key}`)).getByText("文本包含 漏水 → 分配到部门 水电组")).toBeInTheDocument();
  });

  it("shows the core's refusal on the action it names and keeps the editor open", async () => {
    core([], {
      trigger_save: () => {
        throw coreError({ key: "department.not_found", field: "actions.0.department_id", params: { value: "d-2" } });
      },
    });
    const { user } = await openTriggers();

    await user.click(screen.getByTestId("trigger-new"));
    await user.click(await screen.findByTestId("trigger-add-action"));
    await pickOption(user, "action-department-0", "水电组");
    await user.click(screen.getByTestId("trigger-save"));

    const row = screen.getByTestId("action-0");
    await waitFor(() => expect(row.querySelector(".ant-form-item-explain-error")).not.toBeNull());
    expect(row.querySelector(".ant-form-item-explain-error")?.textContent).toMatch(/d-2/);
    expect(screen.getByTestId("trigger-save")).toBeInTheDocument();
  });

  it("reorders and switches triggers through the core", async () => {
    const mock = core([leakTrigger, urgentTrigger], {
      triggers_reorder: () => [urgentTrigger, leakTrigger],
      trigger_set_active: () => [urgentTrigger, { ...leakTrigger, active: false }],
    });
    const { user } = await openTriggers();

    await user.click(await screen.findByTestId("trigger-down-leak"));
    await waitFor(() => expect(mock.callsOf("triggers_reorder")).toEqual([{ keys: ["urgent", "leak"] }]));
    await user.click(screen.getByTestId("trigger-active-leak"));
    await waitFor(() => expect(mock.callsOf("trigger_set_active")).toEqual([{ key: "leak", active: false }]));
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid^="trigger-row-"]')].map((r) => r.dataset.testid);
    expect(rows).toEqual(["trigger-row-urgent", "trigger-row-leak"]);
  });

  it("runs a dry run against an order number and reads the plan", async () => {
    const plan: TriggerPlan = {
      firings: [
        { trigger: "leak", names: leakTrigger.names, actions: leakTrigger.actions, changed: ["department_id"] },
        { trigger: "urgent", names: urgentTrigger.names, actions: urgentTrigger.actions, changed: ["priority"] },
      ],
      result: { department_id: "d-2", priority: "P2", title: "二楼漏水" },
      loop_stopped: "urgent",
    };
    const mock = core([leakTrigger, urgentTrigger], { triggers_dry_run: () => plan });
    const { user } = await openTriggers();

    await user.type(screen.getByTestId("dryrun-order"), "WO-2026-000007");
    await user.click(screen.getByTestId("dryrun-run"));

    const leak = await screen.findByTestId("dryrun-firing-leak");
    expect(mock.callsOf("triggers_dry_run")).toEqual([{ order: "WO-2026-000007", event: "create" }]);
    expect(leak).toHaveTextContent("Leaks to plumbing fires");
    expect(leak).toHaveTextContent("assign to department 水电组");
    expect(leak).toHaveTextContent("Department → 水电组");
    expect(screen.getByTestId("dryrun-firing-urgent")).toHaveTextContent("Priority → P2 · High");
    expect(screen.getByTestId("dryrun-loop")).toHaveTextContent("Plumbing is urgent would fire again and change the order again");
  });
});
