import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FormState, JsonValue, NewOrder, TemplateDef } from "../api";
import i18n from "../i18n";
import { chooseCascade, chooseOption } from "./antdInputs";
import { coreError, detailOf, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";
import { formState, general, sales, stored, summary } from "./templateFixtures";

// The app's first render in a file is slow under jsdom (antd styles), more so on a busy machine.
const FIRST_RENDER = { timeout: 20_000 };
// A whole user flow through the app; the default limit is for one screen's test.
const LONG_FLOW = 60_000;

const required = (key: string) => coreError({ key: "template.field_required", field: `values.${key}` });

/** The core's verdict on sales values, as the library's rules make it (purchased = yes shows and requires the reference). */
function salesState(values: Record<string, JsonValue>): FormState {
  const bought = values.purchased === "yes";
  const region = values.region as string[] | undefined;
  return formState(sales, {
    region: {
      required: true,
      error: !region ? required("region") : region.length < 3 ? coreError({ key: "template.value_path_incomplete", field: "values.region" }) : null,
    },
    purchased: { required: true, error: values.purchased ? null : required("purchased") },
    order_reference: {
      visible: bought,
      required: bought,
      error: bought && !values.order_reference ? required("order_reference") : null,
    },
  });
}

function core() {
  const templates: Record<string, TemplateDef> = { general, sales };
  return mockCore({
    templates_list: () => [summary(general), summary(sales)],
    template_version_get: ({ key }) => stored(templates[key as string]),
    template_form_state: ({ key, values }) =>
      key === "sales" ? salesState(values as Record<string, JsonValue>) : formState(general),
    order_create: ({ input }) => order(77, { template_key: (input as NewOrder).template_key ?? "general" }),
    order_get: () => detailOf(order(77, { template_key: "sales" })),
  });
}

const item = (key: string) => screen.getByTestId(`template-item-${key}`);

describe("new order with a template", () => {
  it("is stopped by a rule-required field with the core's message on it, then saves the template's values", async () => {
    await i18n.changeLanguage("zh-CN");
    const mock = core();
    const { user } = renderApp();

    await user.click(await screen.findByTestId("new-order-button", {}, FIRST_RENDER));
    await screen.findByTestId("template-item-contact_name");
    await chooseOption(user, screen.getByTestId("new-order-template"), "销售");
    await user.type(screen.getByTestId("new-order-title"), "空调采购");
    await chooseCascade(user, await screen.findByTestId("template-item-region"), ["中国", "广东", "深圳"]);
    expect(screen.queryByTestId("template-item-order_reference")).not.toBeInTheDocument();
    await chooseOption(user, item("purchased"), "是");

    // The core now shows and requires the sales order number.
    const reference = await screen.findByTestId("template-item-order_reference");
    expect(within(reference).getByText("销售订单号")).toBeInTheDocument();
    await waitFor(() => expect(reference.querySelector(".ant-form-item-required")).not.toBeNull());
    await user.click(screen.getByTestId("new-order-submit"));
    await waitFor(() => expect(within(item("order_reference")).getByText("此字段为必填项。")).toBeInTheDocument());
    expect(mock.callsOf("order_create")).toHaveLength(0);

    await user.type(within(item("order_reference")).getByRole("textbox"), "SO-2026-88");
    await user.click(screen.getByTestId("new-order-submit"));
    await waitFor(() => expect(mock.callsOf("order_create")).toHaveLength(1));
    expect(mock.callsOf("order_create")[0].input).toMatchObject({
      title: "空调采购",
      template_key: "sales",
      values: { region: ["cn", "gd", "sz"], purchased: "yes", order_reference: "SO-2026-88" },
    });
  }, LONG_FLOW);
});
