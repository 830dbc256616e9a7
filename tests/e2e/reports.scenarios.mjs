// A scheduled report on the real app (issue #8): the admin sets the mail server (a real aiosmtpd
// server this test starts, tests/smtp/sink.py) and a daily report due in the coming minute; the
// app's own background tick — nothing in the test runs it — renders the report and mails it,
// and the message is read back from the server: subject, recipient and the HTML attachment.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { cli, documentsDir, repo, scenario } from "./harness.mjs";

/** A port nothing listens on now. */
async function freePort() {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the SMTP sink; resolves once it prints "ready". */
async function startSink(port, folder) {
  const sink = spawn("python3", [path.join(repo, "tests", "smtp", "sink.py"), String(port), folder], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let said = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the SMTP sink did not start: ${said}`)), 15_000);
    sink.stdout.on("data", (d) => {
      said += d;
      if (said.includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    sink.stderr.on("data", (d) => (said += d));
    sink.once("exit", (code) => reject(new Error(`the SMTP sink exited (${code}): ${said}`)));
  });
  return sink;
}

/** HH:MM (UTC) of the next whole minute at least 20 s away, so the schedule is still ahead. */
function comingMinute() {
  const at = new Date(Date.now() + 80_000);
  return `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
}

async function firstMessage(folder, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
    if (files.length > 0) return JSON.parse(fs.readFileSync(path.join(folder, files[0]), "utf8"));
    await new Promise((r) => setTimeout(r, 1000));
  }
  return null;
}

scenario("reports: a scheduled report arrives at the SMTP server, sent by the app's own tick", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orderly-e2e-smtp-"));
  const saved = fs.mkdtempSync(path.join(os.tmpdir(), "orderly-e2e-reports-"));
  const port = await freePort();
  const sink = await startSink(port, folder);
  try {
    cli("settings", "set", "org.time_zone", "UTC");
    cli("settings", "smtp", "--host", "127.0.0.1", "--port", String(port), "--security", "none", "--from", "orderly@example.com");
    const at = comingMinute();
    const definition = {
      name: "Informe diario e2e",
      tiles: [{ id: "created", metric: "created", period: "day", last: 7, chart: "bar" }],
      schedule: { every: "daily", at },
      folder: saved,
      recipients: ["supervisora@example.com"],
    };
    const file = path.join(folder, "report.json.in");
    fs.writeFileSync(file, JSON.stringify(definition));
    cli("report", "add", file);

    // Due within 80 s; the app ticks every 30 s.
    const message = await firstMessage(folder, 180_000);
    assert.ok(message, `no message reached the SMTP server (report due at ${at} UTC)`);
    assert.deepEqual(message.rcpt_tos, ["supervisora@example.com"]);
    assert.ok(message.subject.includes("Informe diario e2e"), `subject: ${message.subject}`);
    const html = message.attachments.find((a) => a.content_type === "text/html");
    assert.ok(html, `an HTML attachment: ${JSON.stringify(message.attachments.map((a) => a.content_type))}`);
    assert.ok(html.content.includes("<svg"), "the attached report carries its chart");
    assert.ok(
      fs.readdirSync(saved).some((f) => f.endsWith(".html")),
      "the report was also saved to its folder",
    );
  } finally {
    sink.kill();
  }
});

/** The title of GTK's print dialog, in any of the app's languages. */
const PRINT_DIALOG = "^(Print|打印|Imprimir)$";

/** The ids of the X windows whose name matches `name` (xdotool), none when there are none. */
function windowsNamed(name) {
  const found = spawnSync("xdotool", ["search", "--onlyvisible", "--name", name], { encoding: "utf8" });
  return found.stdout.split("\n").filter(Boolean);
}

scenario("reports: the preview saves the report as a PDF and opens the system's print dialog", async (s) => {
  const id = (name) => s.byTestId(name);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "orderly-e2e-print-")), "report.json");
  const definition = { name: "Informe impreso e2e", tiles: [{ id: "created", metric: "created", period: "day", last: 7, chart: "bar" }] };
  fs.writeFileSync(file, JSON.stringify(definition));
  cli("report", "add", file);

  await (await s.visible(id("nav-stats"), { timeoutMs: 20_000 })).click();
  await (await s.visible(id("reports-tab"), { timeoutMs: 20_000 })).click();
  const row = await s.waitFor("the report's row", async () => {
    for (const r of await s.findAll(".ant-table-row")) if ((await r.property("innerText")).includes(definition.name)) return r;
    return null;
  }, { timeoutMs: 20_000 });
  await (await row.findAll(id("report-print")))[0].click();

  // The preview is the report itself: its name and its chart, drawn by the core.
  await s.visible(id("report-preview"), { timeoutMs: 20_000 });
  const html = await s.waitFor("the report in the preview", async () => {
    const doc = await s.execute(`return document.querySelector('[data-testid="report-preview"]').srcdoc;`);
    return doc && doc.includes("<svg") ? doc : null;
  });
  assert.ok(html.includes(definition.name), "the preview is the report");

  // The system's print dialog opens over the app; a cancel there closes it and nothing fails.
  await (await s.visible(id("report-print-ok"))).click();
  try {
    await s.waitFor("the system's print dialog", async () => windowsNamed(PRINT_DIALOG)[0] ?? null, { timeoutMs: 20_000, intervalMs: 300 });
  } catch (e) {
    const windows = spawnSync("xwininfo", ["-root", "-tree"], { encoding: "utf8" }).stdout;
    throw new Error(`${e.message}\nwindows:\n${windows}`);
  } finally {
    await new Promise((r) => setTimeout(r, 1_000));
    for (const w of windowsNamed(PRINT_DIALOG)) {
      spawnSync("xdotool", ["windowfocus", w]);
      spawnSync("xdotool", ["key", "Escape"]);
    }
  }
  await s.waitFor("the print dialog to close", async () => windowsNamed(PRINT_DIALOG).length === 0 || null, { intervalMs: 300 });
  assert.equal((await s.findAll(id("report-print-error"))).length, 0, "a cancelled print is not an error");

  // Save as PDF: the desktop prints the report into a PDF file and says where it went.
  await (await s.visible(id("report-pdf"))).click();
  const said = await (await s.visible(id("report-written"), { timeoutMs: 60_000 })).property("innerText");
  const pdfPath = said.slice(said.indexOf("/")).trim();
  assert.ok(pdfPath.endsWith(".pdf") && fs.existsSync(pdfPath), `the PDF's path is shown: ${said}`);
  assert.ok(pdfPath.startsWith(documentsDir()), `saved under the desktop's Documents folder: ${pdfPath}`);
  const pdf = fs.readFileSync(pdfPath);
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-", "a PDF file");
  assert.match(pdf.toString("latin1"), /\/Type\s*\/Page\b/, "with at least one page");
  assert.ok(pdf.length > 5_000, `a page with the chart on it (${pdf.length} bytes)`);
  await closePreview(s);
});

/** Closes the print preview if it is still open, so the scenarios after this one find the app free. */
async function closePreview(s) {
  await s.waitFor("the print preview to close", async () => {
    const close = await s.findAll(".ant-modal-wrap:not([style*='display: none']) .ant-modal-close");
    if (close.length === 0) return true;
    await close[0].click({ timeoutMs: 1_000 }).catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    return null;
  });
}
