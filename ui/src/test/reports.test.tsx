// The Reports tab of Statistics: a report made from a dashboard's tiles with a schedule and
// recipients, Run now saying where the file went, a failed send shown translated, the core's
// refusal of a bad time shown, and the SMTP settings saved by an admin.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Dashboard, Report, ReportDef, Tile } from "../api";
import i18n from "../i18n";
import { coreError, mockCore } from "./fixtures";
import { renderApp } from "./renderApp";

const TILE: Tile = { id: "c", title: null, metric: "created", statistic: "mean", group_by: null, period: "week", last: 4, chart: "bar" };

const MINE: Dashboard = {
  id: "d-mine",
  name: "Mi panel",
  default_kind: null,
  owner_id: "u-admin",
  owner_name: "Ada Admin",
  mine: true,
  shared: false,
  tiles: [TILE],
  created_at: 1767225600000,
  updated_at: 1767225600000,
};

function report(def: ReportDef, patch: Partial<Report> = {}): Report {
  return {
    id: `r-${def.name}`,
    owner_name: "Ada Admin",
    definition: def,
    next_run_at: 1767254400000,
    last_run_at: null,
    last_file: null,
    last_error: null,
    created_at: 1767225600000,
    updated_at: 1767225600000,
    ...patch,
  };
}

const FAILED = report(
  { name: "Atrasos", tiles: [TILE], schedule: { every: "daily", at: "06:30", weekday: null, day: null }, folder: null, recipients: ["jefa@example.com"] },
  { last_run_at: 1767245400000, last_error: { key: "report.send_failed", params: { detail: "permanent error (550): mailbox unavailable" } } },
);

async function openReports(user: ReturnType<typeof renderApp>["user"]) {
  await user.click(await screen.findByTestId("nav-stats"));
  await user.click(await screen.findByTestId("reports-tab"));
  return screen.findByTestId("reports-panel");
}

describe("reports", () => {
  it("makes a weekly report from a dashboard's tiles and runs it, showing the file's path", async () => {
    await i18n.changeLanguage("es");
    const saved: ReportDef[] = [];
    const path = "/home/ana/Documentos/Orderly exports/Semanal-20260105-0800.html";
    const core = mockCore({
      dashboards_list: () => [MINE],
      tile_data: () => {
        throw coreError({ key: "internal" });
      },
      reports_list: () => saved.map((d) => report(d)).concat([FAILED]),
      reports_save: ({ report: def }) => {
        saved.push(def as ReportDef);
        return report(def as ReportDef);
      },
      reports_run: () => path,
      smtp_get: () => null,
    });
    const { user } = renderApp();
    const panel = await openReports(user);
    expect(await within(panel).findByTestId("report-last-error")).toHaveTextContent(
      "No se pudo enviar el informe por correo: permanent error (550): mailbox unavailable",
    );

    await user.click(within(panel).getByTestId("report-new"));
    await user.type(await screen.findByTestId("report-name"), "Semanal");
    await user.click(within(screen.getByTestId("report-dashboard")).getByRole("combobox"));
    await user.click(await screen.findByText("Mi panel", { selector: ".ant-select-item-option-content" }));
    expect(screen.getByText("1 mosaicos")).toBeInTheDocument();
    await user.click(within(screen.getByTestId("report-every")).getByRole("combobox"));
    await user.click(await screen.findByText("Semanal", { selector: ".ant-select-item-option-content" }));
    const recipients = within(screen.getByTestId("report-recipients")).getByRole("combobox");
    await user.type(recipients, "jefa@example.com,");
    await user.click(screen.getByTestId("report-save"));
    await waitFor(() => expect(core.callsOf("reports_save")).toHaveLength(1));
    expect(core.callsOf("reports_save")[0]).toEqual({
      previous: null,
      report: {
        name: "Semanal",
        tiles: [TILE],
        schedule: { every: "weekly", at: "08:00", weekday: 1, day: null },
        folder: null,
        recipients: ["jefa@example.com"],
      },
    });

    const rows = await within(panel).findAllByTestId("report-run");
    await user.click(rows[0]);
    expect(await within(panel).findByTestId("report-written")).toHaveTextContent(`Guardado en ${path}`);
    expect(core.callsOf("reports_run")).toEqual([{ name: "Semanal", lang: "es" }]);
  });

  it("shows the core's refusal of a bad time and saves the SMTP settings", async () => {
    await i18n.changeLanguage("zh-CN");
    const core = mockCore({
      dashboards_list: () => [MINE],
      tile_data: () => {
        throw coreError({ key: "internal" });
      },
      reports_list: () => [],
      reports_save: () => {
        throw coreError({ key: "report.time_invalid", field: "schedule.at", params: { value: "7h30", field: "schedule.at" } });
      },
      smtp_get: () => ({ host: "smtp.example.com", port: 587, security: "starttls", username: "informes", password_set: true, from: "informes@example.com" }),
      smtp_save: ({ settings }) => ({ ...(settings as object), password_set: true }),
    });
    const { user } = renderApp();
    const panel = await openReports(user);
    await user.click(within(panel).getByTestId("report-new"));
    await user.type(await screen.findByTestId("report-name"), "日报");
    await user.click(screen.getByTestId("report-save"));
    expect(await screen.findByTestId("reports-error")).toHaveTextContent("“7h30”不是有效时间，请写成 HH:MM（24 小时制）。");

    await user.click(screen.getByRole("button", { name: /取\s*消/ }));
    const smtp = within(panel).getByTestId("smtp-settings");
    expect(within(smtp).getByTestId("smtp-host")).toHaveValue("smtp.example.com");
    expect(within(smtp).getByPlaceholderText("已保存密码（留空则保留）")).toBeInTheDocument();
    const from = within(smtp).getByTestId("smtp-from");
    await user.clear(from);
    await user.type(from, "reportes@example.com");
    await user.click(within(smtp).getByTestId("smtp-save"));
    await waitFor(() => expect(core.callsOf("smtp_save")).toHaveLength(1));
    expect(core.callsOf("smtp_save")[0]).toEqual({
      settings: { host: "smtp.example.com", port: 587, security: "starttls", username: "informes", password: null, from: "reportes@example.com" },
    });
  });

  it("previews a report, saves it as a PDF saying where, and shows a failed print translated", async () => {
    await i18n.changeLanguage("zh-CN");
    const path = "/home/ana/Documentos/Atrasos-20260107-0830.pdf";
    let printRefused = true;
    const core = mockCore({
      dashboards_list: () => [MINE],
      reports_list: () => [FAILED],
      reports_html: () => "<html><body><h1>Atrasos</h1><svg></svg></body></html>",
      reports_pdf: () => path,
      reports_print: () => {
        if (printRefused) throw coreError({ code: "internal", key: "report.print_failed", params: { reason: "no printer" } });
        return null;
      },
    });
    const { user } = renderApp();
    const panel = await openReports(user);

    await user.click(await within(panel).findByTestId("report-print"));
    const preview = await screen.findByTestId("report-preview");
    expect(preview.getAttribute("srcdoc")).toContain("<h1>Atrasos</h1>");
    expect(core.callsOf("reports_html")).toEqual([{ name: "Atrasos", lang: "zh-CN" }]);

    await user.click(screen.getByTestId("report-print-ok"));
    expect(await screen.findByTestId("report-print-error")).toHaveTextContent("报表未能打印：no printer");
    printRefused = false;
    await user.click(screen.getByTestId("report-print-ok"));
    await waitFor(() => expect(core.callsOf("reports_print")).toHaveLength(2));
    await waitFor(() => expect(screen.queryByTestId("report-print-error")).not.toBeInTheDocument());

    await user.click(screen.getByTestId("report-pdf"));
    expect(await within(panel).findByTestId("report-written")).toHaveTextContent(path);
    expect(core.callsOf("reports_pdf")).toEqual([{ name: "Atrasos", lang: "zh-CN" }]);
  });
});
