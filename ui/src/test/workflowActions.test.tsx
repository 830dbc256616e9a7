// The order's workflow actions: offered as the core returns them, named in the UI language, and
// taken with what each step needs (a comment, a transfer's target and reason).
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { WorkOrder } from "../api";
import i18n from "../i18n";
import { action, coreError, detailOf, directory, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

async function openFirstOrder(user: ReturnType<typeof renderApp>["user"]) {
  const [row] = await screen.findAllByTestId("order-row");
  await user.click(within(row).getByText(/Pump/));
  return screen.findByTestId("order-detail-title");
}

const suspend = action("suspend", "Suspend", "suspended", { comment_required: true });
const requestTransfer = action("request_transfer", "Request transfer", "pending_transfer", { review: true, comment_required: true });

/** A core holding one order whose actions are `offered`; taking any of them returns `after`. */
function workflowCore(o: WorkOrder, offered: ReturnType<typeof action>[], extra: Parameters<typeof mockCore>[0] = {}) {
  const after = { ...o, version: o.version + 1 };
  return mockCore({
    order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
    order_get: () => detailOf(o),
    order_actions: () => offered,
    order_act: () => after,
    order_transfer: () => ({ ...after, status: "pending_transfer" }),
    order_review: () => after,
    ...extra,
  });
}

describe("workflow actions", () => {
  it("shows the actions the core offers with the workflow's Chinese names", async () => {
    await i18n.changeLanguage("zh-CN");
    const names = (en: string, zh_cn: string, es: string) => ({ names: { en, zh_cn, es } });
    workflowCore(order(21, { status: "todo" }), [
      action("start", "Start", "in_progress", names("Start", "开始处理", "Empezar")),
      { ...suspend, ...names("Suspend", "挂起", "Suspender") },
      { ...requestTransfer, ...names("Request transfer", "申请转单", "Solicitar traslado") },
    ]);
    const { user } = renderApp();
    await openFirstOrder(user);

    await screen.findByTestId("action:start");
    const buttons = within(screen.getByTestId("status-actions")).getAllByRole("button");
    // antd spaces out a two-character Chinese label ("挂 起"), as it does for every button.
    expect(buttons.map((b) => b.textContent?.replace(/\s/g, ""))).toEqual(["开始处理", "挂起", "申请转单"]);
    expect(buttons.map((b) => b.dataset.testid)).toEqual(["action:start", "action:suspend", "action:request_transfer"]);
  });

  it("asks for the comment suspend requires and sends it to order_act", async () => {
    const o = order(22, { status: "in_progress", version: 6 });
    const core = workflowCore(o, [suspend]);
    const { user } = renderApp();
    await openFirstOrder(user);

    await user.click(await screen.findByTestId("action:suspend"));
    await user.click(await screen.findByTestId("action-comment-ok"));
    expect(await screen.findByText("This step needs a comment saying why.")).toBeInTheDocument();
    expect(core.callsOf("order_act")).toEqual([]);

    await user.type(screen.getByTestId("action-comment"), "  Waiting for the spare pump ");
    await user.click(screen.getByTestId("action-comment-ok"));

    await waitFor(() =>
      expect(core.callsOf("order_act")).toEqual([
        {
          id: "o-22",
          version: 6,
          action: "suspend",
          input: { comment: "Waiting for the spare pump", values: {}, reason: null, department_id: null, template_key: null },
        },
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId("action-comment")).not.toBeInTheDocument());
  });

  it("shows the core's refusal of a comment on the comment field, translated", async () => {
    const o = order(23, { status: "in_progress" });
    workflowCore(o, [suspend], {
      order_act: () => {
        throw coreError({ key: "workflow.comment_required", field: "comment", params: { action: "suspend" } });
      },
    });
    const { user } = renderApp();
    await openFirstOrder(user);

    await user.click(await screen.findByTestId("action:suspend"));
    await user.type(await screen.findByTestId("action-comment"), "because");
    await user.click(screen.getByTestId("action-comment-ok"));

    expect(await screen.findByText('"suspend" needs a comment saying why.')).toBeInTheDocument();
    expect(screen.getByTestId("action-comment")).toBeInTheDocument();
  });

  it("asks for the fields a step requires, prefilled, and sends them with the step", async () => {
    const resolve = action("resolve", "Resolve", "done", { requires_fields: ["values.asset_tag", "priority"] });
    const o = order(24, { status: "in_progress", version: 3, priority: "P3", template_key: "general", values: { contact_name: "Ana" } });
    const core = workflowCore(o, [resolve]);
    const { user } = renderApp();
    await openFirstOrder(user);

    await user.click(await screen.findByTestId("action:resolve"));
    expect(await screen.findByTestId("step-fields-hint")).toBeInTheDocument();
    const assetTag = within(await screen.findByTestId("template-item-asset_tag")).getByRole("textbox");
    // Only the required template field is asked for; the comment is optional here.
    expect(screen.queryByTestId("template-item-contact_name")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("action-comment-ok"));
    expect(await screen.findByText("Fill in Asset tag.")).toBeInTheDocument();
    expect(core.callsOf("order_act")).toEqual([]);

    await user.type(assetTag, "PUMP-07");
    await user.click(screen.getByTestId("action-comment-ok"));
    await waitFor(() =>
      expect(core.callsOf("order_act")).toEqual([
        {
          id: "o-24",
          version: 3,
          action: "resolve",
          input: {
            comment: null,
            values: { priority: "P3", "values.asset_tag": "PUMP-07" },
            reason: null,
            department_id: null,
            template_key: null,
          },
        },
      ]),
    );
  });

  it("places the core's refusal of a required field on that field", async () => {
    const resolve = action("resolve", "Resolve", "done", { requires_fields: ["values.asset_tag"] });
    const o = order(25, { status: "in_progress", template_key: "general" });
    workflowCore(o, [resolve], {
      order_act: () => {
        throw coreError({ key: "workflow.field_required", field: "values.asset_tag", params: { field: "values.asset_tag", action: "resolve" } });
      },
    });
    const { user } = renderApp();
    await openFirstOrder(user);

    await user.click(await screen.findByTestId("action:resolve"));
    const item = await screen.findByTestId("template-item-asset_tag");
    await user.type(within(item).getByRole("textbox"), "PUMP-07");
    await user.click(screen.getByTestId("action-comment-ok"));
    await waitFor(() => expect(item.textContent).toContain('Fill in Asset tag before "resolve".'));
    expect(screen.queryByTestId("action-comment-error")).not.toBeInTheDocument();
  });

  it("sends a transfer request's department and reason to order_transfer", async () => {
    const o = order(24, { status: "in_progress", version: 3, department_id: "d-1" });
    const core = workflowCore(o, [requestTransfer], {
      directory: () => ({ ...directory, departments: [...directory.departments, { id: "d-2", parent_id: null, name: "Field service" }] }),
    });
    const { user } = renderApp();
    await openFirstOrder(user);

    await user.click(await screen.findByTestId("action:request_transfer"));
    await user.click(await screen.findByTestId("transfer-ok"));
    expect(await screen.findByText("Choose the department to transfer to.")).toBeInTheDocument();
    expect(screen.getByText("Give the reason for the transfer.")).toBeInTheDocument();

    await user.click(within(screen.getByTestId("transfer-department")).getByRole("combobox"));
    // The order's own department is not a transfer target.
    await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="Field service"]')).not.toBeNull());
    expect(document.querySelector('.ant-select-item-option[title="Service desk"]')).toBeNull();
    await user.click(document.querySelector<HTMLElement>('.ant-select-item-option[title="Field service"]')!);
    await user.type(screen.getByTestId("transfer-reason"), "Needs a field technician");
    await user.click(screen.getByTestId("transfer-ok"));

    await waitFor(() =>
      expect(core.callsOf("order_transfer")).toEqual([
        { id: "o-24", request: { version: 3, department_id: "d-2", template_key: null, reason: "Needs a field technician" } },
      ]),
    );
    expect(core.callsOf("order_act")).toEqual([]);
  });

  it("reviews a transfer: approve at once, reject only with a comment", async () => {
    const o = order(25, { status: "pending_transfer" });
    const core = workflowCore(o, [
      action("approve_transfer", "Approve transfer", "transferred"),
      action("reject_transfer", "Reject transfer", "todo", { comment_required: true }),
    ]);
    const { user } = renderApp();
    await openFirstOrder(user);

    await user.click(await screen.findByTestId("action:reject_transfer"));
    await user.type(await screen.findByTestId("action-comment"), "Not ours");
    await user.click(screen.getByTestId("action-comment-ok"));
    await waitFor(() => expect(core.callsOf("order_review")).toEqual([{ id: "o-25", approve: false, comment: "Not ours" }]));
    await waitFor(() => expect(screen.queryByTestId("action-comment")).not.toBeInTheDocument());

    await user.click(await screen.findByTestId("action:approve_transfer"));
    await waitFor(() =>
      expect(core.callsOf("order_review")).toEqual([
        { id: "o-25", approve: false, comment: "Not ours" },
        { id: "o-25", approve: true, comment: null },
      ]),
    );
    expect(core.callsOf("order_act")).toEqual([]);
  });
});
