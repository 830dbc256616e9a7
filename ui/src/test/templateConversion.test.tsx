import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Event, FormState, JsonValue, OrderDetail, TemplateDef, WorkOrder } from "../api";
import i18n from "../i18n";
import { chooseOption } from "./antdInputs";
import { agentActor, coreError, detailOf, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";
import { afterSales, customerService, formState, stored, summary } from "./templateFixtures";

// The app's first render in a file is slow under jsdom (antd styles), more so on a busy machine.
const FIRST_RENDER = { timeout: 20_000 };
// A whole user flow through the app; the default limit is for one screen's test.
const LONG_FLOW = 60_000;

const required = (key: string) => coreError({ key: "template.field_required", field: `values.${key}` });

/** After-sales needs a product and a fault description (as the library template says). */
function afterSalesState(values: Record<string, JsonValue>): FormState {
  const need = (key: string) => ({ required: true, error: values[key] ? null : required(key) });
  return formState(afterSales, { product: need("product"), fault: need("fault") });
}

const csValues = { contact_name: "王芳", channel: "wechat", product: "空调 KFR-35", answer: "已安排上门" };

function conversionEvent(o: WorkOrder, converted: WorkOrder): Event {
  return {
    id: "e-9",
    order_id: o.id,
    at: o.created_at + 60_000,
    actor_id: agentActor.user_id,
    kind: "field_changed",
    field: "template",
    // The core stores JSON objects with sorted keys.
    old_value: { key: "customer_service", version: 1, values: { answer: "已安排上门", channel: "wechat", contact_name: "王芳", product: "空调 KFR-35" } },
    new_value: { key: "after_sales", version: 1, values: converted.values, unmapped: { channel: "wechat" } },
  };
}

function core() {
  const o = order(12, { template_key: "customer_service", values: csValues, version: 3 });
  const templates: Record<string, TemplateDef> = { customer_service: customerService, after_sales: afterSales };
  let detail: OrderDetail = detailOf(o);
  const mock = mockCore({
    order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
    order_get: () => detail,
    templates_list: () => [summary(customerService), summary(afterSales)],
    template_version_get: ({ key }) => stored(templates[key as string]),
    // The core's preview by the stored mapping: answer -> solution, channel has no place.
    order_convert_preview: () => ({
      to_key: "after_sales",
      template_version: 1,
      carried: [
        { from: "answer", value: "已安排上门", to: "solution", mapped: "已安排上门" },
        { from: "channel", value: "wechat", to: null, mapped: null },
        { from: "contact_name", value: "王芳", to: "contact_name", mapped: "王芳" },
        { from: "product", value: "空调 KFR-35", to: "product", mapped: "空调 KFR-35" },
      ],
    }),
    template_form_state: ({ key, values }) =>
      key === "after_sales" ? afterSalesState(values as Record<string, JsonValue>) : formState(customerService),
    order_convert: ({ conversion }) => {
      const given = (conversion as { values: Record<string, JsonValue> }).values;
      const converted = order(12, {
        template_key: "after_sales",
        version: 4,
        values: { contact_name: "王芳", product: "空调 KFR-35", solution: "已安排上门", ...given, _unmapped: { channel: "wechat" } },
      });
      detail = detailOf(converted, { history: [...detail.history, conversionEvent(o, converted)] });
      return converted;
    },
  });
  return { mock, o };
}

describe("converting an order to another template", () => {
  it("shows the mapping, requires what the target lacks, converts, and keeps unmapped values visible", async () => {
    await i18n.changeLanguage("zh-CN");
    const { mock } = core();
    const { user } = renderApp();
    const [row] = await screen.findAllByTestId("order-row", {}, FIRST_RENDER);
    await user.click(within(row).getByText(/Pump/));

    // The order's own template values, read-only, labelled by its template.
    const values = await screen.findByTestId("template-values");
    expect(await within(values).findByText("客服工单（版本 1）")).toBeInTheDocument();
    expect(within(values).getByText("来源渠道")).toBeInTheDocument();
    expect(within(values).getByText("微信")).toBeInTheDocument();

    await user.click(screen.getByTestId("order-convert"));
    await chooseOption(user, await screen.findByTestId("convert-target"), "售后工单");
    const mapping = await screen.findByTestId("conversion-mapping");
    expect(within(mapping).getByText("答复内容")).toBeInTheDocument();
    expect(within(mapping).getByText("处理方案")).toBeInTheDocument();
    expect(within(mapping).getAllByTestId("mapping-kept")).toHaveLength(1);
    // Mapped fields are not asked again; the fault description is.
    expect(screen.queryByTestId("template-item-product")).not.toBeInTheDocument();
    const fault = await screen.findByTestId("template-item-fault");

    await user.click(screen.getByTestId("convert-submit"));
    await waitFor(() => expect(within(fault).getByText("此字段为必填项。")).toBeInTheDocument());
    expect(mock.callsOf("order_convert")).toHaveLength(0);

    await user.type(fault.querySelector("textarea")!, "不制冷");
    await user.click(screen.getByTestId("convert-submit"));
    await waitFor(() => expect(mock.callsOf("order_convert")).toHaveLength(1));
    expect(mock.callsOf("order_convert")[0]).toEqual({
      id: "o-12",
      conversion: { to_key: "after_sales", template_version: 1, version: 3, values: { fault: "不制冷" } },
    });

    // The detail now reads the after-sales values, with the channel kept aside under its old label.
    expect(await screen.findByText("售后工单（版本 1）")).toBeInTheDocument();
    const kept = await screen.findByTestId("unmapped-values");
    expect(within(kept).getByText("来源渠道")).toBeInTheDocument();
    expect(await within(kept).findByText("微信")).toBeInTheDocument();

    // The history says who converted from which template to which, and what the values were.
    await user.click(screen.getByRole("tab", { name: "历史记录" }));
    const event = await screen.findByText("李雷 将工单从 客服工单 v1 转换为 售后工单 v1");
    const item = event.closest<HTMLElement>("[data-kind=converted]")!;
    // Listed as the customer-service template lays them out.
    expect(within(item).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "联系人: 王芳",
      "来源渠道: 微信",
      "产品: 空调 KFR-35",
      "答复内容: 已安排上门",
    ]);
    expect(within(item).getByText("无对应字段而保留：来源渠道")).toBeInTheDocument();
  }, LONG_FLOW);
});
