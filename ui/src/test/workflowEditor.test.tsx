// The workflow editor as an admin uses it: the default workflow drawn (statuses in their
// categories, transitions as arrows), an edit saved through the core, and the core's refusal
// shown on the status it names with nothing saved.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { WorkflowDef } from "../api";
import i18n from "../i18n";
import { coreError, mockCore } from "./fixtures";
import { renderApp } from "./renderApp";
import { builtinWorkflow } from "./workflowFixtures";

function core(handlers: Parameters<typeof mockCore>[0] = {}) {
  return mockCore({
    workflows_list: () => [{ key: "default", version: 1, definition: builtinWorkflow, templates: [] }],
    workflow_builtin: () => builtinWorkflow,
    workflow_save: () => 2,
    ...handlers,
  });
}

async function openWorkflows() {
  const view = renderApp();
  await view.user.click(await screen.findByTestId("menu-workflows"));
  await screen.findByTestId("wf-editor");
  return view;
}

describe("workflow editor", () => {
  it("draws the default workflow: statuses with their categories, transitions as arrows", async () => {
    await i18n.changeLanguage("zh-CN");
    core();
    await openWorkflows();

    const graph = screen.getByTestId("wf-graph");
    const statuses = [...graph.querySelectorAll<SVGGElement>('[data-testid^="wf-status-"]')];
    expect(statuses.map((s) => s.dataset.testid?.slice(10))).toEqual(builtinWorkflow.statuses.map((s) => s.key));
    expect(within(screen.getByTestId("wf-status-unassigned")).getByText("待分配")).toBeInTheDocument();
    expect(screen.getByTestId("wf-status-closed").dataset.category).toBe("closed");
    expect(within(screen.getByTestId("wf-status-awaiting_customer")).getByText("等待")).toBeInTheDocument();
    // One arrow per status a transition starts from: cancel leaves seven statuses.
    expect(graph.querySelectorAll('[data-action="cancel"]')).toHaveLength(7);
    expect(within(screen.getByTestId("wf-transition-1-transferred")).getByText("开始处理")).toBeInTheDocument();
  });

  it("saves an edited status name and a transition's rules through the core", async () => {
    const mock = core();
    const { user } = await openWorkflows();

    await user.click(screen.getByTestId("wf-status-todo"));
    const english = await screen.findByTestId("wf-status-name-en");
    await user.clear(english);
    await user.type(english, "Queued");
    expect(within(screen.getByTestId("wf-status-todo")).getByText("Queued")).toBeInTheDocument();

    await user.click(screen.getByTestId("wf-transition-9-done"));
    await user.click(await screen.findByTestId("wf-transition-comment"));
    await user.click(screen.getByTestId("wf-save"));

    await waitFor(() => expect(mock.callsOf("workflow_save")).toHaveLength(1));
    const [{ definition, templates }] = mock.callsOf("workflow_save") as { definition: WorkflowDef; templates: string[] }[];
    expect(templates).toEqual([]);
    expect(definition.statuses[1].names).toEqual({ en: "Queued", zh_cn: "待办", es: "Pendiente" });
    expect(definition.transitions[9]).toMatchObject({ action: "close", comment_required: true });
    expect(await screen.findByText("Workflow saved as version 2.")).toBeInTheDocument();
  });

  it("shows the core's refusal on the status it names, and nothing is saved", async () => {
    const mock = core({
      workflow_save: () => {
        throw coreError({ key: "workflow.status_unreachable", field: "statuses.5.key", params: { value: "awaiting_customer" } });
      },
    });
    const { user } = await openWorkflows();

    // Removing "ask the customer" leaves awaiting customer an orphan.
    await user.click(screen.getByTestId("wf-transition-4-in_progress"));
    await user.click(await screen.findByTestId("wf-transition-remove"));
    expect(screen.queryByTestId("wf-transition-4-in_progress")).toBeNull();
    await user.click(screen.getByTestId("wf-save"));

    const node = screen.getByTestId("wf-status-awaiting_customer");
    await waitFor(() => expect(node.dataset.refused).toBe("true"));
    expect(within(screen.getByTestId("wf-error")).getByText('No order can ever reach "awaiting_customer".')).toBeInTheDocument();
    expect(within(screen.getByTestId("wf-status-panel")).getByTestId("wf-panel-error")).toHaveTextContent('No order can ever reach "awaiting_customer".');
    expect(mock.callsOf("workflow_save")).toHaveLength(1);
    expect(screen.queryByText(/Workflow saved/)).toBeNull();
  });
});
