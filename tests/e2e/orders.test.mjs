// End-to-end scenarios on the real built app (see harness.mjs for how it is started). They share
// one app and store and run in order: first run, then the dispatch board, then the scenarios of
// the other *.scenarios.mjs files imported at the end.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cli, closeDrawer, DRAG_ONTO_ROW, findOrderRow, locale, repo, scenario } from "./harness.mjs";

const screenshot = path.join(repo, "docs", "screenshots", "e2e-orders-es.png");

scenario("first run: set the admin password, create an order, find it, read it in Spanish", async (s) => {
  const id = (name) => s.byTestId(name);

  // First run: the store has no admin password yet.
  await (await s.visible(id("setup-password"), { timeoutMs: 30_000 })).type("correct horse battery");
  await (await s.visible(id("setup-confirm"))).type("correct horse battery");
  await (await s.visible(id("setup-submit"))).click();

  // A new order with a Chinese title.
  const title = "电梯漏水 三楼";
  const newOrder = await s.visible(id("new-order-button"), { timeoutMs: 20_000 });
  const englishLabel = (await newOrder.text()).trim();
  await newOrder.click();
  await (await s.visible(id("new-order-title"))).type(title);
  const description = await s.findAll(id("new-order-description"));
  if (description.length) await description[0].type("Water drips from the ceiling next to the lift on the third floor.");
  await (await s.visible(id("new-order-submit"))).click();
  await s.waitFor("the new-order form to close", async () => {
    for (const el of await s.findAll(id("new-order-submit"))) if (await el.displayed()) return false;
    return true;
  });
  // The app may open the new order's detail; a person closes it to get back to the list.
  const detail = await s.visible(id("order-detail"), { timeoutMs: 3_000 }).catch(() => null);
  if (detail) {
    // A click that lands while the drawer still slides in can be lost: click until it closes.
    await closeDrawer(s);
  }

  // Full-text search finds it by a word of its title.
  await findOrderRow(s, "漏水", title, { timeoutMs: 15_000 });

  // Switch the language to Spanish: the same button now reads in Spanish.
  const en = locale("en");
  const es = locale("es");
  const key = Object.keys(en).find((k) => en[k] === englishLabel);
  assert.ok(key, `the button text "${englishLabel}" is not a value of ui/src/locales/en.json`);
  const spanishLabel = es[key];
  assert.ok(spanishLabel && spanishLabel !== englishLabel, `es.json has no Spanish text for ${key}`);
  // A person moves the pointer off the "created" toast (hovering keeps it open) and waits for
  // it to go before reaching for what it covers.
  await s.cmd("POST", "/actions", {
    actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [{ type: "pointerMove", duration: 0, x: 20, y: 780 }] }],
  });
  await s.waitFor("toasts to disappear", async () => (await s.findAll(".ant-message-notice")).length === 0, { timeoutMs: 15_000 });
  await (await s.visible(id("lang-es"))).click();
  await s.waitFor(`the button to read "${spanishLabel}"`, async () => (await (await s.visible(id("new-order-button"))).text()).trim() === spanishLabel);
  // The order is still listed after the switch.
  const rows = await s.findAll(id("order-row"));
  assert.ok(rows.length >= 1, "the order list emptied after the language switch");

  // Let the language switch's sliding highlight finish before the picture.
  await new Promise((r) => setTimeout(r, 600));
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  fs.writeFileSync(screenshot, await s.screenshot());
});

scenario("dispatch board: a drop on a technician without the skill is refused; on one with it, assigned and scheduled", async (s) => {
  const id = (name) => s.byTestId(name);
  cli("user", "add", "li", "--name", "李工", "--role", "technician", "--skill", "hvac:3");
  cli("user", "add", "ana", "--name", "Ana", "--role", "technician", "--skill", "plumbing:3");
  const order = cli("order", "create", "--title", "空调不制冷 会议室", "--priority", "P2");
  cli("dispatch", "needs", order.number, "--skill", "hvac", "--level", "2", "--minutes", "60");

  await (await s.visible(id("nav-dispatch"), { timeoutMs: 20_000 })).click();
  const item = `[data-testid="dispatch-unassigned-item"][data-order-number="${order.number}"]`;
  await s.visible(item, { timeoutMs: 20_000 });
  await s.visible('[data-testid="dispatch-row"][data-login="li"]', { timeoutMs: 20_000 });

  // Onto Ana (plumbing only): refused, with the reason in the user's language.
  assert.equal(await s.execute(DRAG_ONTO_ROW, [order.number, "ana"]), "dropped");
  const refusal = await s.visible(id("dispatch-refusal"));
  const reason = await refusal.property("innerText");
  assert.ok(reason.includes("hvac") && !reason.includes("dispatch."), `the refusal names the missing skill: ${reason}`);
  assert.equal(cli("order", "show", order.number).assignee_id, null, "nothing was assigned");

  // Onto Li (HVAC level 3): assigned and scheduled, and it leaves the unassigned list.
  assert.equal(await s.execute(DRAG_ONTO_ROW, [order.number, "li"]), "dropped");
  await s.waitFor("the order to leave the unassigned list", async () => (await s.findAll(item)).length === 0, { timeoutMs: 15_000 });
  const li = cli("user", "list").find((u) => u.login === "li");
  assert.equal(cli("order", "show", order.number).assignee_id, li.id);
  const info = cli("dispatch", "info", order.number);
  assert.ok(info.scheduled_start && info.scheduled_end - info.scheduled_start === 3_600_000, `scheduled for its 60 minutes: ${JSON.stringify(info)}`);
  fs.writeFileSync(path.join(repo, "docs", "screenshots", "e2e-dispatch.png"), await s.screenshot());
});

// Scenarios of later features live in tests/e2e/*.scenarios.mjs; they run after these, in file
// name order, on the same app and store (the UI is in Spanish by then).
const here = path.dirname(fileURLToPath(import.meta.url));
for (const file of fs.readdirSync(here).filter((f) => f.endsWith(".scenarios.mjs")).sort()) {
  await import(`./${file}`);
}
