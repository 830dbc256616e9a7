// The end-to-end harness: starts tauri-driver on a fresh data home, opens one session on the
// real built app (debug, ui/dist embedded), and gives scenarios the CLI on the app's own store.
// Run under a display and a session bus, as scripts/e2e.sh does:
//   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node --test tests/e2e/
// The app binary is $ORDERLY_APP, else $CARGO_TARGET_DIR/debug/orderly-desktop.
// Scenarios run in the order they are registered, one app for all: tests/e2e/orders.test.mjs
// registers the first-run scenario and then imports the other *.scenarios.mjs files.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "./webdriver.mjs";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, "target");
const app = path.resolve(process.env.ORDERLY_APP ?? path.join(targetDir, "debug", "orderly-desktop"));
const driverUrl = "http://127.0.0.1:4444";

let home;
let documents;
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

export function locale(lang) {
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
  // The desktop's Documents folder (where GTK's "Print to File" writes), inside the fresh home.
  documents = path.join(home, "documents");
  fs.mkdirSync(documents);
  fs.writeFileSync(path.join(env.XDG_CONFIG_HOME, "user-dirs.dirs"), `XDG_DOCUMENTS_DIR="${documents}"\n`);

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

/** The app's Documents folder (XDG_DOCUMENTS_DIR), inside the run's fresh home. */
export function documentsDir() {
  return documents;
}

/** Runs a scenario; when it fails, keeps a screenshot of what the window showed. */
export function scenario(name, body) {
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

/** Opens the order drawer's tab labelled `label` and waits until `readyCss` shows in it. A click
 *  that lands while the drawer re-renders (after a change reloads the order) can be lost, so
 *  it clicks again until the tab is active and its content is there, as a person would. */
export async function openDrawerTab(s, label, readyCss) {
  return s.waitFor(`the "${label}" tab showing ${readyCss}`, async () => {
    for (const tab of await s.findAll(".ant-drawer-open .ant-tabs-tab")) {
      if (!(await tab.property("innerText")).includes(label)) continue;
      if (!(await tab.property("className")).includes("ant-tabs-tab-active")) await tab.click({ timeoutMs: 1_000 }).catch(() => {});
    }
    for (const el of await s.findAll(`.ant-drawer-open ${readyCss}`)) if (await el.displayed()) return el;
    await new Promise((r) => setTimeout(r, 300));
    return null;
  }, { timeoutMs: 20_000 });
}

/** Waits until the open drawer has stopped sliding in: a click measured mid-slide lands on
 *  whatever ends up where the element was (the next button to the right), as it would for a
 *  person clicking too early. */
export async function drawerSettled(s) {
  const where = `const el = document.querySelector(".ant-drawer-open .ant-drawer-content-wrapper");
    if (!el) return null; const r = el.getBoundingClientRect(); return [r.left, r.top, r.width].join(",");`;
  let last = null;
  await s.waitFor("the drawer to stop sliding", async () => {
    const now = await s.execute(where);
    const still = now !== null && now === last;
    last = now;
    if (!still) await new Promise((r) => setTimeout(r, 150));
    return still;
  });
}

/** Closes the order drawer, if one is open. A click that lands while the drawer still slides in
 *  can be lost, so it clicks until the drawer is gone, as a person would. */
export async function closeDrawer(s) {
  let tries = 0;
  await s.waitFor("the order detail to close", async () => {
    const open = await s.findAll(".ant-drawer-open .ant-drawer-close");
    if (open.length === 0) return true;
    tries += 1;
    if (tries === 1) {
      await open[0].click({ timeoutMs: 1_000 }).catch(() => {});
    } else {
      // A toast ("WO-… updated") can lie over the close button, and a pointer resting on it keeps
      // it open: move the pointer away, as a person would, and press the button itself.
      await s.cmd("POST", "/actions", {
        actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [
          { type: "pointerMove", duration: 0, x: 5, y: 790 },
        ] }],
      }).catch(() => {});
      await s.execute(`document.querySelector(".ant-drawer-open .ant-drawer-close")?.click(); return true;`);
    }
    await new Promise((r) => setTimeout(r, 300));
    return (await s.findAll(".ant-drawer-open")).length === 0;
  });
}

/** Clicks the button `buttonCss` until `thenCss` shows, and returns that. A click that lands
 *  while a drawer still slides in is lost; a person whose click did nothing clicks again. */
export async function clickUntil(s, buttonCss, thenCss, { timeoutMs = 20_000 } = {}) {
  const shown = async () => {
    for (const el of await s.findAll(thenCss)) if (await el.displayed()) return el;
    return null;
  };
  return s.waitFor(`${thenCss} after a click on ${buttonCss}`, async () => {
    const already = await shown();
    if (already) return already;
    for (const button of await s.findAll(buttonCss)) {
      if (!(await button.displayed())) continue;
      await button.click({ timeoutMs: 1_000 }).catch(() => {});
      break;
    }
    await new Promise((r) => setTimeout(r, 700));
    return shown();
  }, { timeoutMs });
}

/** Picks `title` in the antd Select (or, with kind "cascade", the first column of the Cascader)
 *  inside `itemCss`, as a person opens it and clicks the option. */
export async function chooseOption(s, itemCss, title, kind = "select") {
  await (await s.visible(`${itemCss} .ant-select-selector`)).click();
  const option = kind === "cascade" ? `.ant-cascader-menu-item[title="${title}"]` : `.ant-select-item-option[title="${title}"]`;
  await (await s.visible(option)).click();
}

/** Converts the order open in the drawer to the template titled `title` (key `key`) through the
 *  Convert dialog, and returns the stored order. When the order changed since the drawer read it
 *  (the app's background tick may touch a new order), the core refuses with a conflict; a person
 *  reloads and converts again, and so does this, up to three times. */
export async function convertOrder(s, number, title, key) {
  const id = (name) => s.byTestId(name);
  const shown = async (css) => {
    for (const el of await s.findAll(css)) if (await el.displayed()) return el;
    return null;
  };
  for (let attempt = 1; ; attempt++) {
    const reload = await shown(id("conflict-reload"));
    if (reload) await reload.click().catch(() => {});
    if (!(await shown(id("convert-submit")))) {
      await drawerSettled(s);
      await clickUntil(s, id("order-convert"), `${id("convert-target")} .ant-select-selector`);
      await chooseOption(s, id("convert-target"), title);
    }
    await s.visible(id("conversion-mapping"), { timeoutMs: 15_000 });
    await (await s.visible(id("convert-submit"))).click();
    const done = await s
      .waitFor(`the conversion to ${key}`, async () => {
        const o = cli("order", "show", number);
        return o.template_key === key ? o : null;
      }, { timeoutMs: 8_000 })
      .catch(() => null);
    if (done) return done;
    assert.ok(attempt < 3, `the order ${number} was not converted to ${key} after 3 tries`);
  }
}

/** Types `search` into the order list's search box and waits for the visible row whose text
 *  includes `title` (innerText: what is rendered; WebDriver's own text skips ellipsis cells). */
export async function findOrderRow(s, search, title, { timeoutMs = 20_000 } = {}) {
  const id = (name) => s.byTestId(name);
  await (await s.visible(id("order-search"))).type(search);
  return s.waitFor(`the order row "${title}"`, async () => {
    for (const r of await s.findAll(id("order-row"))) {
      if ((await r.displayed()) && (await r.property("innerText")).includes(title)) return r;
    }
    return null;
  }, { timeoutMs });
}

/** Opens the Orders page, finds the order by a word of its title and opens its detail, waiting
 *  until the drawer shows that order and has stopped sliding. */
export async function openOrder(s, { search, title, number }) {
  await (await s.visible(s.byTestId("menu-orders"))).click();
  await (await findOrderRow(s, search, title)).click();
  await s.visible(`${s.byTestId("order-detail")}[data-number="${number}"]`, { timeoutMs: 15_000 });
  await drawerSettled(s);
}

/** Clicks the workflow's action button. After a move the buttons are drawn anew for the new
 *  version; one found just before that is gone, and a person simply clicks the new one. */
export async function clickAction(s, action) {
  await s.waitFor(`a click on ${action}`, async () => {
    const button = await s.visible(s.byTestId(`action:${action}`), { timeoutMs: 15_000 });
    try {
      await button.click();
      return true;
    } catch (e) {
      if (/stale element/.test(e.message)) return false;
      throw e;
    }
  }, { timeoutMs: 20_000 });
}

/** Runs the CLI on the app's own store and returns its JSON answer. */
export function cli(...args) {
  return JSON.parse(cliText("--json", ...args) || "null");
}

/** Runs the CLI on the app's own store and returns what it prints for a person. */
export function cliText(...args) {
  const bin = path.join(targetDir, "debug", "orderly");
  const db = path.join(home, "xdg_data_home", "com.orderly.desktop", "orderly.db");
  const run = spawnSync(bin, ["--db", db, ...args], { encoding: "utf8" });
  assert.equal(run.status, 0, `orderly ${args.join(" ")} failed: ${run.stderr}`);
  return run.stdout.trim();
}

/** Drags an unassigned order onto a technician's row, as HTML5 drag and drop does it: the same
 *  DataTransfer from dragstart on the list item to drop on the board at that row's height. */
export const DRAG_ONTO_ROW = `
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
