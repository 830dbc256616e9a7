// Statistics on the real app (issue #8): with a few orders seeded through the CLI, the admin
// (who may see statistics, as a supervisor does) opens Statistics, adds a tile, sees its chart
// labelled in Spanish, exports it to PNG and the file is looked at.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { cli, locale, repo, scenario } from "./harness.mjs";

const screenshot = path.join(repo, "docs", "screenshots", "e2e-stats-es.png");

scenario("statistics: add a tile, read its chart in Spanish, export it to PNG", async (s) => {
  const id = (name) => s.byTestId(name);
  const es = locale("es");
  for (const [title, priority] of [["打印机卡纸", "P2"], ["Fuga en el baño", "P1"], ["Luz fundida", "P3"]]) {
    cli("order", "create", "--title", title, "--priority", priority);
  }

  await (await s.visible(id("nav-stats"), { timeoutMs: 20_000 })).click();
  await s.visible(id("stats-page"), { timeoutMs: 20_000 });
  await (await s.visible(id("dashboard-new"))).click();
  await (await s.visible(id("tile-add"))).click();
  await (await s.visible(id("tile-editor-ok"))).click();

  // The chart the core drew, in Spanish: the metric's name, the value axis, ISO weeks as "2026-S48".
  const chart = await s.visible(id("tile-chart"), { timeoutMs: 20_000 });
  assert.equal(await chart.property("alt"), es["statistics.tile.chartLabel"].replace("{{title}}", "Creadas"));
  const svg = decodeURIComponent((await chart.property("src")).replace(/^data:image\/svg\+xml;charset=utf-8,/, ""));
  assert.ok(svg.includes(">Creadas<") && svg.includes(">Órdenes<"), "the chart is labelled in Spanish");
  assert.match(svg, />\d{4}-S\d{2}</, "weeks are labelled the Spanish way");

  // Hovering the middle of the plot reads that week's count. The tile may still settle after
  // its chart shows, so the pointer is moved to the layer as it is now, a little further each
  // time, until the read-out shows (a person moves the mouse until it does).
  await s.visible(id("tile-hover-layer"));
  let nudge = 0;
  const hover = await s.waitFor("the hover read-out", async () => {
    const box = await s.execute(
      "const r = document.querySelector('[data-testid=\"tile-hover-layer\"]').getBoundingClientRect(); return [r.x, r.y, r.width, r.height];",
    );
    nudge = (nudge + 1) % 5;
    await s.cmd("POST", "/actions", {
      actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [
        { type: "pointerMove", duration: 0, x: Math.round(box[0] + box[2] * (0.4 + nudge * 0.05)), y: Math.round(box[1] + box[3] / 2) },
      ] }],
    });
    await new Promise((r) => setTimeout(r, 300));
    for (const el of await s.findAll(id("tile-hover"))) if (await el.displayed()) return el;
    return null;
  }, { timeoutMs: 20_000 });
  assert.match(await hover.property("innerText"), /Creadas: \d+/);

  // Export to PNG: the tile says where the file went, and the file is a real PNG of the chart.
  await (await s.visible(id("tile-export"))).click();
  await (await s.visible(id("tile-export-png"))).click();
  const said = await (await s.visible(id("tile-exported"), { timeoutMs: 20_000 })).property("innerText");
  const prefix = es["statistics.tile.exported"].replace("{{path}}", "");
  assert.ok(said.startsWith(prefix), `the export path is shown: ${said}`);
  const file = said.slice(prefix.length).trim();
  assert.ok(path.isAbsolute(file) && file.endsWith(".png"), file);
  const png = fs.readFileSync(file);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.equal(png.subarray(12, 16).toString("ascii"), "IHDR");
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1280, 720], "width and height");

  await new Promise((r) => setTimeout(r, 400));
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  fs.writeFileSync(screenshot, await s.screenshot());
});
