import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import type { NewOrder } from "../api";
import { coreError, detailOf, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

const badPriority = coreError({
  code: "invalid_input",
  key: "order.priority_invalid",
  params: { value: "P9", field: "priority" },
  field: "priority",
});

/** The antd Form.Item (label, control and its error) that holds the element with this test id. */
function formItemOf(testId: string): HTMLElement {
  const item = screen.getByTestId(testId).closest<HTMLElement>(".ant-form-item");
  if (!item) throw new Error(`no form item around ${testId}`);
  return item;
}

describe("new order", () => {
  it("sends the form to the core with the default priority and template values", async () => {
    const created = order(42, { title: "Boiler pressure low" });
    const core = mockCore({ order_create: () => created, order_get: () => detailOf(created) });
    const { user } = renderApp();

    await user.click(await screen.findByTestId("new-order-button"));
    await user.type(await screen.findByTestId("new-order-title"), "Boiler pressure low");
    await user.type(screen.getByTestId("new-order-description"), "Gauge shows 0.4 bar");
    await user.type(await screen.findByTestId("template-field-contact_phone"), "+34 600 000 000");
    await user.click(screen.getByTestId("new-order-submit"));

    await waitFor(() => expect(core.callsOf("order_create")).toHaveLength(1));
    const input = core.callsOf("order_create")[0].input as NewOrder;
    expect(input).toMatchObject({
      title: "Boiler pressure low",
      description: "Gauge shows 0.4 bar",
      priority: "P3",
      template_key: "general",
      values: { contact_phone: "+34 600 000 000" },
    });
    expect(await screen.findByText("Order WO-2026-000042 created.")).toBeInTheDocument();
    // The new order opens in the detail.
    await waitFor(() => expect(screen.getByTestId("order-detail")).toHaveAttribute("data-number", "WO-2026-000042"));
  });

  it("shows the core's refusal on the priority field, in Chinese", async () => {
    await i18n.changeLanguage("zh-CN");
    mockCore({
      order_create: () => {
        throw badPriority;
      },
    });
    const { user } = renderApp();

    await user.click(await screen.findByTestId("new-order-button"));
    await user.type(await screen.findByTestId("new-order-title"), "水泵漏水");
    await user.click(screen.getByTestId("new-order-submit"));

    const message = "优先级“P9”无效，请使用 P1 到 P5。";
    await waitFor(() => expect(within(formItemOf("new-order-priority")).getByText(message)).toBeInTheDocument());
    expect(screen.queryByTestId("new-order-error")).not.toBeInTheDocument();
  });

  it("puts a template field's error on that field and an unknown field's error above the form", async () => {
    let refusal = coreError({
      key: "input.too_long",
      params: { field: "values.asset_tag", max: "100" },
      field: "values.asset_tag",
    });
    mockCore({
      order_create: () => {
        throw refusal;
      },
    });
    const { user } = renderApp();

    await user.click(await screen.findByTestId("new-order-button"));
    await user.type(await screen.findByTestId("new-order-title"), "Printer jam");
    await user.click(screen.getByTestId("new-order-submit"));
    await waitFor(() =>
      expect(within(formItemOf("template-field-asset_tag")).getByText("Asset tag is too long (at most 100 characters).")).toBeInTheDocument(),
    );

    refusal = coreError({ code: "forbidden", key: "perm.create_order", params: { login: "li" } });
    await user.click(screen.getByTestId("new-order-submit"));
    expect(await screen.findByTestId("new-order-error")).toHaveTextContent("li may not create orders.");
  });
});
