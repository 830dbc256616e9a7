// The template designer end to end (issue #3), after orders.test.mjs (Spanish UI, admin signed
// in): an admin designs a template with a three-level cascade (imported from pasted lines) and
// a field the rules require once the cascade is filled, publishes it, and the store holds it.
// WebDriver cannot start a native drag, so fields come from the palette's add buttons (the same
// path keyboard users take).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { chooseOption, cli, closeDrawer, convertOrder, locale, openDrawerTab, repo, scenario } from "./harness.mjs";

const screenshot = path.join(repo, "docs", "screenshots", "e2e-template-designer.png");

const LINES = [
  "China | 中国 | China / Guangdong | 广东 | Cantón / Shenzhen | 深圳 | Shenzhen",
  "China | 中国 | China / Guangdong | 广东 | Cantón / Guangzhou | 广州 | Cantón ciudad",
  "China | 中国 | China / Zhejiang | 浙江 | Zhejiang / Hangzhou | 杭州 | Hangzhou",
].join("\n");

scenario("template designer: a three-level cascade and a conditionally required field, published", async (s) => {
  const id = (name) => s.byTestId(name);
  // The designer's panels scroll on their own; WebDriver scrolls only the page, so a control
  // below a panel's fold is brought into view first, as a person scrolls to it.
  const reveal = async (testId) => {
    const el = await s.visible(id(testId), { timeoutMs: 15_000 });
    await s.execute(`document.querySelector('[data-testid="${testId}"]').scrollIntoView({ block: "center" })`);
    return el;
  };
  const press = async (testId) => (await reveal(testId)).click();
  const typeInto = async (testId, text) => (await reveal(testId)).type(text);
  /** Gives the selected field its key (applied when the input is left) and three labels. */
  async function nameField(key, labels) {
    await typeInto("prop-key", key);
    await press("prop-label-en");
    await s.visible(id(`canvas-field-${key}`));
    for (const [lang, text] of Object.entries(labels)) await typeInto(`prop-label-${lang}`, text);
  }

  await (await s.visible(id("menu-templates"), { timeoutMs: 20_000 })).click();
  await (await s.visible(id("template-new"), { timeoutMs: 20_000 })).click();
  await typeInto("new-template-key", "shop_visit");
  await typeInto("new-template-name-en", "Shop visit");
  await typeInto("new-template-name-zh_cn", "门店巡访");
  await typeInto("new-template-name-es", "Visita a tienda");
  await press("new-template-ok");
  await s.visible(id("template-designer"), { timeoutMs: 15_000 });

  // The cascade: import the tree from path lines, then name its three levels.
  await press("palette-add-cascade");
  await s.visible(id("canvas-field-cascade_1"));
  await nameField("region", { en: "Region", zh_cn: "地区", es: "Región" });
  await press("cascade-import");
  await typeInto("cascade-import-text", LINES);
  await press("cascade-import-ok");
  await s.visible(id("node-0-0-1-value"));
  const levels = [["Country", "国家", "País"], ["Province", "省份", "Provincia"], ["City", "城市", "Ciudad"]];
  for (const [i, [en, zh, es]] of levels.entries()) {
    await typeInto(`level-${i}-en`, en);
    await typeInto(`level-${i}-zh_cn`, zh);
    await typeInto(`level-${i}-es`, es);
  }

  // The field the rule requires.
  await press("palette-add-text");
  await s.visible(id("canvas-field-text_1"));
  await nameField("shop", { en: "Shop name", zh_cn: "门店名称", es: "Nombre de la tienda" });

  // Rule: when the region is filled in, the shop name is required.
  await press("designer-tab-rules");
  await press("rule-add");
  await (await s.visible(`${id("rule-0-targets")} .ant-select-selector`)).click();
  await (await s.visible('.ant-select-item-option[title="Nombre de la tienda (shop)"]')).click();

  // The preview in Chinese shows the form as agents will see it.
  await (await s.visible(id("preview-tab-zh-CN"))).click();
  await s.waitFor("the Chinese preview", async () => {
    const fields = await s.findAll(`${id("designer-preview")} ${id("template-fields")}`);
    const text = fields.length ? await fields[0].property("innerText") : "";
    return text.includes("地区") && text.includes("门店名称");
  });

  await press("designer-save");
  await s.waitFor("the draft to be saved", async () => (await s.findAll(id("designer-dirty"))).length === 0, { timeoutMs: 15_000 });
  await press("designer-publish");
  await press("designer-publish-ok");

  const stored = await s.waitFor("the template to be published", async () => {
    const t = cli("template", "show", "shop_visit");
    return t.status === "published" ? t : null;
  });
  const region = stored.definition.fields.find((f) => f.key === "region");
  assert.equal(region.type, "cascade");
  assert.deepEqual(region.levels.map((l) => l.zh_cn), ["国家", "省份", "城市"]);
  const guangdong = region.tree[0].children.find((n) => n.labels.zh_cn === "广东");
  assert.deepEqual(guangdong.children.map((n) => n.labels.zh_cn), ["深圳", "广州"]);
  assert.deepEqual(stored.definition.rules, [{ when: [{ op: "not_empty", field: "region" }], effect: "require", targets: ["shop"] }]);

  await new Promise((r) => setTimeout(r, 400));
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  fs.writeFileSync(screenshot, await s.screenshot());
});

// The template just designed, in use: an agent in the Chinese UI creates an order with it, is
// stopped by its rule (the shop name is required once the region is filled), completes it, and
// converts the order to the general template; the history shows the conversion.
scenario("the designed template in use: a Chinese agent is stopped by its rule, completes the order, converts it", async (s) => {
  const id = (name) => s.byTestId(name);
  const zh = locale("zh-CN");
  const textOf = async (css) => (await s.visible(css)).property("innerText");
  const choose = (itemCss, title, kind) => chooseOption(s, itemCss, title, kind);

  await (await s.visible(id("lang-zh-CN"), { timeoutMs: 20_000 })).click();
  await (await s.visible(id("menu-orders"))).click();
  await (await s.visible(id("new-order-button"), { timeoutMs: 20_000 })).click();
  await choose(id("new-order-template"), "门店巡访");
  await s.waitFor("the designed fields", async () => (await textOf(id("template-fields"))).includes("地区"));
  await (await s.visible(id("new-order-title"))).type("门店巡访 深圳");
  await choose(id("template-item-region"), "中国", "cascade");
  await (await s.visible('.ant-cascader-menu-item[title="广东"]')).click();
  await (await s.visible('.ant-cascader-menu-item[title="深圳"]')).click();

  // The rule requires the shop name once the region is filled: the save is stopped on that field.
  await (await s.visible(id("new-order-submit"))).click();
  const required = zh["errors.template.field_required"];
  await s.waitFor(`"${required}" on the shop name`, async () => (await textOf(id("template-item-shop"))).includes(required));
  assert.equal(cli("order", "list", "--template", "shop_visit").items.length, 0, "nothing was stored");

  await (await s.visible(`${id("template-item-shop")} input`)).type("华强北店");
  await (await s.visible(id("new-order-submit"))).click();
  const created = await s.waitFor("the order to be stored", async () => cli("order", "list", "--template", "shop_visit").items[0]);
  assert.equal(created.values.shop, "华强北店");
  assert.equal(created.values.region.length, 3, `a three-level region: ${JSON.stringify(created.values)}`);

  // Converted to the general template: nothing maps, so both values are kept aside and shown.
  await s.visible(`${id("order-detail")}[data-number="${created.number}"]`, { timeoutMs: 15_000 });
  const converted = await convertOrder(s, created.number, "通用", "general");
  assert.equal(converted.number, created.number, "the order keeps its number");
  assert.equal(converted.values._unmapped.shop, "华强北店");
  await openDrawerTab(s, zh["detail.history"], '[data-kind="converted"]');
  await s.waitFor("the conversion in the history", async () => {
    const text = await textOf('.ant-drawer-open [data-kind="converted"]');
    return text.includes("门店巡访 v1") && text.includes("通用 v1") && text.includes("华强北店");
  });

  // Back to the list for the scenarios after this one.
  await closeDrawer(s);
});
