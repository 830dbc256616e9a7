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

scenario("reports: Print shows the report and prints it through the system's dialog to a PDF", async (s) => {
  const id = (name) => s.byTestId(name);
  await (await s.visible(id("nav-stats"), { timeoutMs: 20_000 })).click();
  await (await s.visible(id("reports-tab"), { timeoutMs: 20_000 })).click();
  await (await s.visible(id("report-print"), { timeoutMs: 20_000 })).click();

  // The preview is the report itself: its name and its chart, drawn by the core.
  await s.visible(id("report-preview"), { timeoutMs: 20_000 });
  const html = await s.waitFor("the report in the preview", async () => {
    const doc = await s.execute(`return document.querySelector('[data-testid="report-preview"]').srcdoc;`);
    return doc && doc.includes("<svg") ? doc : null;
  });
  assert.ok(html.includes("Informe diario e2e"), "the preview is the report");

  // Print: window.print() holds the page until the dialog closes, so the click is made from a
  // timer and the test reads the dialog from outside, as the X server shows it.
  await s.execute(`setTimeout(() => document.querySelector('[data-testid="report-print-ok"]').click(), 100); return true;`);
  const dialog = await s.waitFor("the system's print dialog", async () => windowsNamed(PRINT_DIALOG)[0] ?? null, {
    timeoutMs: 20_000,
    intervalMs: 300,
  });
  try {
    // GTK's dialog picks "Print to File" when the machine has no printer; Return prints.
    await new Promise((r) => setTimeout(r, 1_500));
    // No window manager runs under Xvfb: focus the dialog directly, then press the key as a
    // keyboard would (XTEST), not as a synthetic event some toolkits ignore.
    spawnSync("xdotool", ["windowfocus", dialog]);
    spawnSync("xdotool", ["key", "Return"]);
    const pdf = await s.waitFor(
      "a PDF in the Documents folder",
      async () => {
        const files = fs.readdirSync(documentsDir()).filter((f) => f.endsWith(".pdf"));
        if (files.length === 0) return null;
        const bytes = fs.readFileSync(path.join(documentsDir(), files[0]));
        return bytes.length > 1_000 && bytes.subarray(bytes.length - 8).toString("latin1").includes("%%EOF") ? bytes : null;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-", "a PDF file");
    assert.match(pdf.toString("latin1"), /\/Type\s*\/Page\b/, "with at least one page");
    await s.waitFor("the print dialog to close", async () => windowsNamed(PRINT_DIALOG).length === 0 || null, { intervalMs: 300 });
  } finally {
    // Whatever happened, the dialog must not stay over the app for the scenarios after this one.
    for (const w of windowsNamed(PRINT_DIALOG)) {
      spawnSync("xdotool", ["windowfocus", w]);
      spawnSync("xdotool", ["key", "Escape"]);
    }
  }

  // The app answers again; the preview closes.
  await (await s.visible(".ant-modal-wrap:not([style*='display: none']) .ant-modal-close")).click();
});
