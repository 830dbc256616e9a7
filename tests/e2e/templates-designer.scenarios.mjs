// The template designer end to end (issue #3), after orders.test.mjs (Spanish UI, admin signed
// in): an admin designs a template with a three-level cascade (imported from pasted lines) and
// a field the rules require once the cascade is filled, publishes it, and the store holds it.
// WebDriver cannot start a native drag, so fields come from the palette's add buttons (the same
// path keyboard users take).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { cli, repo, scenario } from "./harness.mjs";

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
