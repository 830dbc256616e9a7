// Orders from a template end to end (issue #3), after the other scenarios (admin signed in):
// in the Chinese UI an agent creates an order with a template that has a three-level cascade
// and a field a rule requires, is stopped by that rule with its message on the field, completes
// it; the order is then converted to the built-in sales template and its history shows the
// conversion. The template is imported through the CLI here (the designer scenario builds one
// through the UI), so this scenario does not depend on the one before it.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chooseOption, cli, convertOrder, locale, openDrawerTab, repo, scenario } from "./harness.mjs";

const screenshot = path.join(repo, "docs", "screenshots", "e2e-template-order-zh.png");

const names = (en, zh_cn, es) => ({ en, zh_cn, es });
const node = (value, labels, children = []) => ({ value, labels, children });

// Cascade values follow the built-in sales template's tree, so the conversion carries the region.
const SURVEY = {
  key: "site_survey",
  names: names("Site survey", "现场勘察", "Inspección del sitio"),
  category: "sales",
  sections: [
    { key: "customer", names: names("Customer information", "客户信息", "Datos del cliente") },
    { key: "request", names: names("Service request", "服务请求", "Solicitud de servicio") },
  ],
  fields: [
    {
      key: "region",
      section: "customer",
      labels: names("Region", "地区", "Región"),
      type: "cascade",
      required: true,
      levels: [names("Country", "国家", "País"), names("Province", "省份", "Provincia"), names("City", "城市", "Ciudad")],
      tree: [
        node("cn", names("China", "中国", "China"), [
          node("gd", names("Guangdong", "广东", "Cantón"), [
            node("sz", names("Shenzhen", "深圳", "Shenzhen")),
            node("gz", names("Guangzhou", "广州", "Cantón ciudad")),
          ]),
        ]),
      ],
    },
    {
      key: "purchased",
      section: "customer",
      labels: names("Purchased", "是否已购买", "Comprado"),
      type: "select",
      required: true,
      options: [
        { value: "yes", labels: names("Yes", "是", "Sí") },
        { value: "no", labels: names("No", "否", "No") },
      ],
    },
    { key: "order_reference", section: "customer", labels: names("Sales order number", "销售订单号", "Número de pedido"), type: "text" },
    { key: "survey_notes", section: "request", labels: names("Survey notes", "勘察记录", "Notas de la inspección"), type: "textarea" },
  ],
  rules: [{ when: [{ op: "any_of", field: "purchased", values: ["yes"] }], effect: "require", targets: ["order_reference"] }],
};

scenario("template order in Chinese: stopped by a rule-required field, completed, converted, history shows it", async (s) => {
  const id = (name) => s.byTestId(name);
  const zh = locale("zh-CN");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "orderly-e2e-tpl-")), "site_survey.json");
  fs.writeFileSync(file, JSON.stringify(SURVEY));
  cli("template", "import", file);

  const textOf = async (css) => (await s.visible(css)).property("innerText");
  const choose = (itemCss, title, kind) => chooseOption(s, itemCss, title, kind);

  await (await s.visible(id("lang-zh-CN"), { timeoutMs: 20_000 })).click();
  await (await s.visible(id("menu-orders"))).click();
  await (await s.visible(id("new-order-button"), { timeoutMs: 20_000 })).click();
  await choose(id("new-order-template"), "现场勘察");
  await s.waitFor("the survey's fields", async () => (await textOf(id("template-fields"))).includes("勘察记录"));
  const title = "门店空调勘察 深圳";
  await (await s.visible(id("new-order-title"))).type(title);
  await choose(id("template-item-region"), "中国", "cascade");
  await (await s.visible('.ant-cascader-menu-item[title="广东"]')).click();
  await (await s.visible('.ant-cascader-menu-item[title="深圳"]')).click();
  await choose(id("template-item-purchased"), "是");
  await (await s.visible(`${id("template-item-survey_notes")} textarea`)).type("三台柜机，需要上门测量。");

  // The rule now requires the sales order number: the save is stopped with the core's message.
  await (await s.visible(id("new-order-submit"))).click();
  const required = zh["errors.template.field_required"];
  await s.waitFor(`"${required}" on the order number`, async () => (await textOf(id("template-item-order_reference"))).includes(required));
  assert.equal(cli("order", "list", "--template", "site_survey").items.length, 0, "nothing was stored");

  await (await s.visible(`${id("template-item-order_reference")} input`)).type("SO-2026-0042");
  await (await s.visible(id("new-order-submit"))).click();
  const created = await s.waitFor("the order to be stored", async () => cli("order", "list", "--template", "site_survey").items[0]);
  assert.equal(created.title, title);
  assert.deepEqual(created.values, {
    region: ["cn", "gd", "sz"],
    purchased: "yes",
    order_reference: "SO-2026-0042",
    survey_notes: "三台柜机，需要上门测量。",
  });

  // The new order opens in the detail; convert it to the built-in sales template.
  await s.visible(`${id("order-detail")}[data-number="${created.number}"]`, { timeoutMs: 15_000 });
  const converted = await convertOrder(s, created.number, "销售", "sales");
  assert.equal(converted.number, created.number, "the order keeps its number");
  assert.deepEqual(converted.values._unmapped, { survey_notes: "三台柜机，需要上门测量。" });

  // The kept-aside notes stay visible, and the history tells the conversion.
  await s.waitFor("the kept-aside notes", async () => (await textOf(id("unmapped-values"))).includes("三台柜机"));
  await openDrawerTab(s, zh["detail.history"], '[data-kind="converted"]');
  const event = await s.waitFor("the conversion in the history", async () => {
    const text = await textOf('[data-kind="converted"]');
    return text.includes("现场勘察 v1") && text.includes("销售 v1") ? text : null;
  });
  assert.ok(event.includes("SO-2026-0042") && event.includes("勘察记录"), `old values are listed: ${event}`);

  await new Promise((r) => setTimeout(r, 400));
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  fs.writeFileSync(screenshot, await s.screenshot());
});
