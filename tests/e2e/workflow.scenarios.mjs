// The work-order lifecycle of issue #4 on the real app, in the Chinese UI, each step taken by the
// person whose job it is, signed in with their own account: an agent creates an order; a keyword
// trigger routes it to the repair department; that department's dispatcher assigns it; the
// technician starts it and requests a transfer to HVAC; HVAC's supervisor approves the review and
// assigns it in HVAC; HVAC's technician starts and resolves it; the agent closes it. The order's
// timeline then shows every move with the person who made it and the time.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chooseOption, clickAction, cli, cliText, closeDrawer, drawerSettled, locale, openDrawerTab, openOrder as openBy, repo, scenario } from "./harness.mjs";

const PASSWORD = "lifecycle 2026";
const ADMIN_PASSWORD = "correct horse battery";
const TITLE = "五楼茶水间水管漏水";

/** Signs the current person out and `login` in, through the app's own menu and sign-in form. */
async function signInAs(s, login, password = PASSWORD) {
  const id = (name) => s.byTestId(name);
  // An open order drawer covers the header's user menu.
  await closeDrawer(s);
  await (await s.visible(id("user-menu"), { timeoutMs: 20_000 })).click();
  await (await s.visible(id("sign-out"))).click();
  await (await s.visible(id("login-input"), { timeoutMs: 20_000 })).type(login);
  await (await s.visible(id("password-input"))).type(password);
  await (await s.visible(id("sign-in-submit"))).click();
  await s.visible(id("menu-orders"), { timeoutMs: 20_000 });
}

/** Opens this scenario's order, found by a word of its title. */
const openOrder = (s, number) => openBy(s, { search: "茶水间", title: TITLE, number });

/** Clicks the workflow's action button and waits until the core has made the move. */
async function takeAction(s, number, action, status) {
  await clickAction(s, action);
  const moved = await s
    .waitFor(`${number} to be ${status} after ${action}`, async () => {
      const o = cli("order", "show", number);
      return o.status === status ? o : null;
    })
    .catch(() => null);
  if (moved) return moved;
  const seen = [];
  for (const css of [".ant-message-notice", ".ant-drawer-open .ant-alert", ".ant-modal-wrap .ant-modal"]) {
    for (const el of await s.findAll(css)) seen.push(`${css}: ${await el.property("innerText")}`);
  }
  assert.fail(`${action} did not move ${number} to ${status}. On screen:\n${seen.join("\n")}\nStored:\n${cliText("order", "show", number)}`);
}

scenario("lifecycle in Chinese: routed by a keyword, assigned, transferred with review, completed, closed; the timeline shows it", async (s) => {
  const id = (name) => s.byTestId(name);
  const zh = locale("zh-CN");
  const repair = cli("department", "add", "维修部");
  const hvac = cli("department", "add", "暖通部");
  const people = [
    ["wang_kf", "王客服", "agent", null],
    ["liu_dd", "刘调度", "dispatcher", "维修部"],
    ["zhao_wx", "赵师傅", "technician", "维修部"],
    ["chen_nt", "陈主管", "supervisor", "暖通部"],
    ["sun_nt", "孙师傅", "technician", "暖通部"],
  ];
  for (const [login, name, role, department] of people) {
    const args = ["user", "add", login, "--name", name, "--role", role, "--password", PASSWORD];
    if (department) args.push("--department", department);
    cli(...args);
  }
  const triggers = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "orderly-e2e-trigger-")), "triggers.json");
  fs.writeFileSync(triggers, JSON.stringify([{
    key: "leak_to_repair",
    names: { en: "Leaks to repair", zh_cn: "漏水转维修部", es: "Fugas a reparaciones" },
    on: ["create"],
    conditions: [{ kind: "text_contains", words: ["漏水"] }],
    actions: [{ kind: "assign_department", department_id: repair.id }],
  }]));
  cli("trigger", "import", triggers);

  // The scenario before may leave an order open; its drawer covers the header.
  await closeDrawer(s);
  await (await s.visible(id("lang-zh-CN"), { timeoutMs: 20_000 })).click();

  // The agent opens the order; the keyword trigger routes it to the repair department.
  await signInAs(s, "wang_kf");
  await (await s.visible(id("new-order-button"), { timeoutMs: 20_000 })).click();
  await (await s.visible(id("new-order-title"))).type(TITLE);
  await (await s.visible(id("new-order-submit"))).click();
  const created = await s.waitFor("the order to be stored", async () => cli("order", "list", "--search", "茶水间").items[0]);
  assert.equal(created.department_id, repair.id, "the keyword trigger routed the order to 维修部");
  assert.equal(created.status, "unassigned");
  const number = created.number;
  // The app opens a new order's detail once it is stored: wait for it, then close it.
  await s.visible(`${id("order-detail")}[data-number="${number}"]`, { timeoutMs: 15_000 });
  await drawerSettled(s);
  await closeDrawer(s);

  // The repair department's dispatcher assigns it to a technician of the department.
  await signInAs(s, "liu_dd");
  await openOrder(s, number);
  await chooseOption(s, id("assign-select"), "赵师傅 (zhao_wx)");
  await s.waitFor("the order to be 赵师傅's, to do", async () => cli("order", "show", number).status === "todo");
  await closeDrawer(s);

  // The technician starts it, then asks for a transfer to HVAC with a reason.
  await signInAs(s, "zhao_wx");
  await openOrder(s, number);
  await takeAction(s, number, "start", "in_progress");
  await clickAction(s, "request_transfer");
  await chooseOption(s, id("transfer-department"), "暖通部");
  await (await s.visible(id("transfer-reason"))).type("水管在暖通机房内，需暖通部处理");
  await (await s.visible(id("transfer-ok"))).click();
  await s.waitFor("the order to be pending transfer", async () => cli("order", "show", number).status === "pending_transfer");
  await closeDrawer(s);

  // HVAC's supervisor reviews and approves; the order lands unassigned in HVAC's queue, and the
  // supervisor assigns it to HVAC's technician.
  await signInAs(s, "chen_nt");
  await openOrder(s, number);
  const approved = await takeAction(s, number, "approve_transfer", "transferred");
  assert.equal(approved.department_id, hvac.id, "approved into 暖通部");
  assert.equal(approved.assignee_id, null, "waiting in HVAC's queue");
  await chooseOption(s, id("assign-select"), "孙师傅 (sun_nt)");
  const sun = cli("user", "list").find((u) => u.login === "sun_nt");
  await s.waitFor("the order to be 孙师傅's", async () => cli("order", "show", number).assignee_id === sun.id);
  await closeDrawer(s);

  // HVAC's technician starts and resolves it.
  await signInAs(s, "sun_nt");
  await openOrder(s, number);
  await takeAction(s, number, "start", "in_progress");
  await takeAction(s, number, "resolve", "done");
  await closeDrawer(s);

  // The agent who opened it closes it and reads the timeline.
  await signInAs(s, "wang_kf");
  await openOrder(s, number);
  await takeAction(s, number, "close", "closed");
  await openDrawerTab(s, zh["detail.history"], id("history-event"));
  const moves = [
    ["刘调度", zh["status.unassigned"], zh["status.todo"]],
    ["赵师傅", zh["status.todo"], zh["status.in_progress"]],
    ["赵师傅", zh["status.in_progress"], zh["status.pending_transfer"]],
    ["陈主管", zh["status.pending_transfer"], zh["status.transferred"]],
    ["孙师傅", zh["status.transferred"], zh["status.in_progress"]],
    ["孙师傅", zh["status.in_progress"], zh["status.done"]],
    ["王客服", zh["status.done"], zh["status.closed"]],
  ];
  const shown = await s.waitFor("every move in the timeline", async () => {
    const events = [];
    // A workflow move is one entry with its status change folded in; an assignment's status
    // change (no workflow action) is an entry of its own.
    const moveEntries = `.ant-drawer-open ${id("history-event")}[data-field="workflow_action"], .ant-drawer-open ${id("history-event")}[data-kind="status_changed"]`;
    for (const el of await s.findAll(moveEntries)) {
      events.push(await el.property("innerText"));
    }
    return events.length >= moves.length ? events : null;
  });
  // The timeline lists the newest first or last; either way each move is there once, with its
  // actor, old -> new and a time.
  for (const [who, from, to] of moves) {
    const lines = shown.filter((text) => text.includes(`${from} → ${to}`));
    assert.equal(lines.length, 1, `the move ${from} → ${to} shows once:\n${shown.join("\n---\n")}`);
    const line = lines[0];
    assert.ok(line.includes(who), `the move ${from} → ${to} by ${who} is in the timeline:\n${shown.join("\n---\n")}`);
    assert.match(line, /\d{1,2}:\d{2}/, `the move ${from} → ${to} shows its time: ${line}`);
  }
  const all = [];
  for (const el of await s.findAll(`.ant-drawer-open ${id("history-event")}`)) all.push(await el.property("innerText"));
  const said = (pattern) => all.some((text) => pattern.test(text));
  assert.ok(said(/触发器「漏水转维修部」已执行[\s\S]*修改了部门/), `the routing names its trigger:\n${all.join("\n---\n")}`);
  assert.ok(said(/赵师傅：申请转单[\s\S]*转至暖通部[\s\S]*备注：水管在暖通机房内/), `the transfer request reads with its target and reason`);
  assert.ok(said(/陈主管：同意转单[\s\S]*待转 → 已转/), `the review's decision is one entry with its status change`);
  assert.ok(!said(/同意转单[\s\S]*同意转单/), `the decision is not said twice:\n${all.join("\n---\n")}`);
  // The picture shows the moves: the timeline scrolled to the transfer and its review.
  await s.execute(`const moves = document.querySelectorAll('.ant-drawer-open [data-field="workflow_action"]');
    if (moves.length > 1) moves[1].scrollIntoView({ block: "start" });`);
  await new Promise((r) => setTimeout(r, 300));
  fs.writeFileSync(path.join(repo, "docs", "screenshots", "e2e-lifecycle-zh.png"), await s.screenshot());

  // Back to the admin for any scenario after this one.
  await closeDrawer(s);
  await signInAs(s, "admin", ADMIN_PASSWORD);
});
