// End-to-end: the real built app (debug, ui/dist embedded) driven through tauri-driver and
// WebKitWebDriver. Run it under a display and a session bus, as scripts/e2e.sh does:
//   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node --test tests/e2e/
// The app binary is $ORDERLY_APP, else $CARGO_TARGET_DIR/debug/orderly-desktop.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "./webdriver.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, "target");
const app = path.resolve(process.env.ORDERLY_APP ?? path.join(targetDir, "debug", "orderly-desktop"));
const driverUrl = "http://127.0.0.1:4444";
const screenshot = path.join(repo, "docs", "screenshots", "e2e-orders-es.png");

let home;
let driver;
let driverLog = "";
let session;

/** Flattens a nested locale file to {"a.b.c": "text"}. */
function flatten(object, prefix = "", out = {}) {
  for (const [key, value] of Object.entries(object)) {
    if (value && typeof value === "object") flatten(value, `${prefix}${key}.`, out);
    else out[`${prefix}${key}`] = value;
  }
  return out;
}

function locale(lang) {
  return flatten(JSON.parse(fs.readFileSync(path.join(repo, "ui", "src", "locales", `${lang}.json`), "utf8")));
}

async function driverAnswers() {
  try {
    return (await fetch(`${driverUrl}/status`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

before(async () => {
  assert.ok(fs.existsSync(app), `no app binary at ${app}: build it with \`cargo build -p orderly-desktop --features custom-protocol\``);
  assert.ok(process.env.DISPLAY, "no DISPLAY: run under xvfb-run (see scripts/e2e.sh)");
  assert.ok(!(await driverAnswers()), "something already listens on 127.0.0.1:4444; only one e2e run at a time");

  // A fresh data, config and cache home: the app's store and remembered sessions go here.
  home = fs.mkdtempSync(path.join(os.tmpdir(), "orderly-e2e-"));
  const env = { ...process.env };
  delete env.ORDERLY_DB;
  for (const name of ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TMPDIR"]) {
    env[name] = path.join(home, name.toLowerCase());
    fs.mkdirSync(env[name], { recursive: true });
  }

  // Its own process group, so the WebKitWebDriver and the app it starts go down with it.
  driver = spawn("tauri-driver", ["--port", "4444", "--native-port", "4445"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  driver.stdout.on("data", (d) => (driverLog += d));
  driver.stderr.on("data", (d) => (driverLog += d));
  const spawned = await new Promise((resolve) => {
    driver.once("spawn", () => resolve(null));
    driver.once("error", (e) => resolve(e));
  });
  assert.equal(spawned, null, `tauri-driver did not start (cargo install tauri-driver --locked): ${spawned?.message}`);

  const deadline = Date.now() + 10_000;
  while (!(await driverAnswers())) {
    assert.ok(Date.now() < deadline, `tauri-driver did not answer on ${driverUrl}:\n${driverLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // Without a display the app panics and the session request hangs: bound it.
  session = await Session.create(driverUrl, { "tauri:options": { application: app } }, { timeoutMs: 30_000 });
});

after(async () => {
  await session?.delete();
  if (driver?.pid) {
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
    driver.stdout.destroy();
    driver.stderr.destroy();
  }
  if (process.exitCode && driverLog) console.error(`--- tauri-driver log ---\n${driverLog}`);
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/** Runs a scenario; when it fails, keeps a screenshot of what the window showed. */
function scenario(name, body) {
  test(name, { timeout: 120_000 }, async () => {
    try {
      await body(session);
    } catch (e) {
      const shot = path.join(os.tmpdir(), `orderly-e2e-failure-${process.pid}.png`);
      try {
        fs.writeFileSync(shot, await session.screenshot());
        e.message += `\n(screenshot of the window: ${shot})`;
      } catch {
        // The window is gone; the error says enough.
      }
      throw e;
    }
  });
}

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
    await s.waitFor("the order detail to close", async () => {
      const open = await s.findAll(".ant-drawer-open .ant-drawer-close");
      if (open.length === 0) return true;
      await open[0].click({ timeoutMs: 1_000 }).catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
      return (await s.findAll(".ant-drawer-open")).length === 0;
    });
  }

  // Full-text search finds it by a word of its title.
  await (await s.visible(id("order-search"))).type("漏水");
  await s.waitFor(`an order row titled "${title}"`, async () => {
    for (const row of await s.findAll(id("order-row"))) {
      // innerText: what is rendered. WebDriver's own text skips the table's ellipsis cells.
      if ((await row.displayed()) && (await row.property("innerText")).includes(title)) return row;
    }
    return null;
  });

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

/** Runs the `orderly` CLI on the app's own store (WAL lets it write while the app runs). */
function cli(...args) {
  const bin = path.join(targetDir, "debug", "orderly");
  const db = path.join(home, "xdg_data_home", "com.orderly.desktop", "orderly.db");
  const run = spawnSync(bin, ["--db", db, "--json", ...args], { encoding: "utf8" });
  assert.equal(run.status, 0, `orderly ${args.join(" ")} failed: ${run.stderr}`);
  return run.stdout.trim() ? JSON.parse(run.stdout) : null;
}

/** Drags an unassigned order onto a technician's row, as HTML5 drag and drop does it: the same
 *  DataTransfer from dragstart on the list item to drop on the board at that row's height. */
const DRAG_ONTO_ROW = `
  const [number, login] = arguments;
  const item = document.querySelector('[data-testid="dispatch-unassigned-item"][data-order-number="' + number + '"]');
  const row = document.querySelector('[data-testid="dispatch-row"][data-login="' + login + '"]');
  const centre = document.querySelector('.vis-panel.vis-center');
  if (!item || !row || !centre) return "missing " + [!item && "item", !row && "row", !centre && "board"].filter(Boolean).join(", ");
  const r = row.getBoundingClientRect(), c = centre.getBoundingClientRect();
  const x = c.left + c.width * 0.55, y = r.top + r.height / 2;
  const data = new DataTransfer();
  const fire = (target, type, at) => target.dispatchEvent(new DragEvent(type, {
    bubbles: true, cancelable: true, dataTransfer: data, clientX: at ? x : 0, clientY: at ? y : 0 }));
  fire(item, "dragstart", false);
  const target = document.elementFromPoint(x, y) || centre;
  fire(target, "dragenter", true);
  fire(target, "dragover", true);
  fire(target, "drop", true);
  fire(item, "dragend", false);
  return "dropped";
`;

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
