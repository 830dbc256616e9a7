// Dispatch administration end to end (after orders.test.mjs: Spanish UI, admin signed in, the
// technicians li and ana exist): an order is reassigned (改派) from its detail with a reason,
// which the history shows; the technicians page shows li's load.
import assert from "node:assert/strict";
import { clickUntil, cli, closeDrawer, drawerSettled, findOrderRow, locale, openDrawerTab, scenario } from "./harness.mjs";

scenario("reassign with a reason from the order detail; the technicians page shows the load", async (s) => {
  const id = (name) => s.byTestId(name);
  const es = locale("es");
  const title = "Caldera sin presión planta 2";
  const order = cli("order", "create", "--title", title, "--priority", "P3");
  cli("order", "assign", order.number, "ana");
  const li = cli("user", "list").find((u) => u.login === "li");

  await (await s.visible(id("menu-orders"), { timeoutMs: 20_000 })).click();
  await (await findOrderRow(s, "Caldera", title, { timeoutMs: 15_000 })).click();
  await s.visible(`${id("order-detail")}[data-number="${order.number}"]`, { timeoutMs: 15_000 });
  await drawerSettled(s);
  await (await clickUntil(s, id("handover-open"), `${id("handover-assignee")} .ant-select-selector`)).click();
  await (await s.visible('.ant-select-item-option[title="李工 (li)"]')).click();
  await (await s.visible(id("handover-reason"))).type("Ana está de baja");
  await (await s.visible(id("handover-submit"))).click();
  await s.waitFor("the order to be li's", async () => cli("order", "show", order.number).assignee_id === li.id);

  const detail = await openDrawerTab(s, es["detail.history"], id("handover-detail"));
  const text = await detail.property("innerText");
  assert.ok(text.includes("Motivo: Ana está de baja") && text.includes("李工"), `the history shows the reason: ${text}`);

  await closeDrawer(s);
  await (await s.visible(id("menu-technicians"))).click();
  const load = await s.visible(id("tech-load-li"), { timeoutMs: 15_000 });
  assert.match(await load.property("innerText"), /\d+ abiertas/);
});
