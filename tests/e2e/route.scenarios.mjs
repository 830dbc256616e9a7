// "Optimise day" end to end: a technician with a van base and five orders with appointment
// windows (seeded through the CLI on the app's store), the dispatch page's "Optimise day", the
// proposal as dashed ghosts on the board, Accept, and the saved times read back with the CLI:
// every visit inside its window. The UI is in Spanish by now.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { cli, repo, scenario } from "./harness.mjs";

const MADRID = [40.4168, -3.7038];
const MIN = 60_000;

/** Today's `hh:mm` in UTC (the app under test runs in UTC), epoch ms and RFC 3339. */
function today(hh, mm = 0) {
  const d = new Date();
  d.setUTCHours(hh, mm, 0, 0);
  return { ms: d.getTime(), text: d.toISOString() };
}

scenario("optimise day: five visits with windows get a feasible plan, shown as ghosts, accepted and saved", async (s) => {
  const id = (name) => s.byTestId(name);
  cli("user", "add", "rui", "--name", "Rui", "--role", "technician", "--skill", "hvac:3");
  cli("dispatch", "van", "rui", "--base", MADRID.join(","), "--capacity", "20");
  // The earlier scenario's technician is booked today too; give him a base so his day plans.
  cli("dispatch", "van", "li", "--base", MADRID.join(","));
  const spots = [[0.03, 0.02], [-0.02, 0.04], [0.01, -0.03], [0.04, -0.01], [-0.03, -0.02]];
  const windows = [[9, 12], [8, 11], [13, 17], [10, 14], [11, 16]];
  const orders = [];
  for (const [i, [dlat, dlon]] of spots.entries()) {
    const [from, to] = windows[i];
    const at = `${MADRID[0] + dlat},${MADRID[1] + dlon}`;
    const order = cli("order", "create", "--title", `Visita ${i + 1}`, "--at", at);
    cli("dispatch", "needs", order.number, "--minutes", "45");
    cli("dispatch", "visit", order.number, "--window-start", today(from).text, "--window-end", today(to).text);
    // Booked at the window's opening (none overlaps), so the order is on Rui's day.
    cli("dispatch", "schedule", order.number, "rui", "--start", today(from).text, "--end", new Date(today(from).ms + 45 * MIN).toISOString());
    orders.push({ number: order.number, window: [today(from).ms, today(to).ms] });
  }

  await (await s.visible(id("nav-dispatch"), { timeoutMs: 20_000 })).click();
  await (await s.visible(id("dispatch-today"))).click();
  await (await s.visible(id("dispatch-reload"))).click();
  await s.visible('[data-testid="dispatch-row"][data-login="rui"]', { timeoutMs: 20_000 });
  await (await s.visible(id("dispatch-optimise-day"))).click();

  const panel = await s.visible(id("dispatch-day-plan"), { timeoutMs: 30_000 });
  const text = await panel.property("innerText");
  for (const o of orders) assert.ok(text.includes(o.number), `the plan lists ${o.number}: ${text}`);
  await s.waitFor("five ghosts on the board", async () => (await s.findAll(".vis-item.dispatch-ghost")).length >= 5);
  await s.visible(id("dispatch-route-map"));
  fs.writeFileSync(path.join(repo, "docs", "screenshots", "e2e-route.png"), await s.screenshot());

  // Accept opens once the search has given its final answer.
  const accept = await s.visible(id("dispatch-day-accept"));
  await s.waitFor("the search to finish", async () => (await accept.property("disabled")) === false, { timeoutMs: 20_000 });
  await accept.click();
  await s.visible(id("dispatch-day-accepted"), { timeoutMs: 20_000 });
  await s.waitFor("the ghosts to go", async () => (await s.findAll(".vis-item.dispatch-ghost")).length === 0);

  for (const o of orders) {
    const info = cli("dispatch", "info", o.number);
    assert.ok(info.scheduled_start >= o.window[0] && info.scheduled_end <= o.window[1], `${o.number} inside its window: ${JSON.stringify(info)}`);
    assert.equal(info.scheduled_end - info.scheduled_start, 45 * MIN);
  }
});
