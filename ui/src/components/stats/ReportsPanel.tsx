// Reports (issue #8): the list of named reports with their schedule and last outcome, an editor
// (name, tiles taken from a dashboard, schedule, folder, recipients), Run now (shows where the
// file went), Print (a preview of the report, then a PDF file or the system's print dialog) and, for
// admins, the SMTP settings. The core checks every definition; the UI shows its refusals.
import { DeleteOutlined, EditOutlined, PlayCircleOutlined, PlusOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Dashboard, type Every, type Report, type ReportDef } from "../../api";
import { errorMessage, messageOf } from "../../i18n/errors";
import ReportPrintPreview from "./ReportPrintPreview";
import SmtpSettingsForm from "./SmtpSettingsForm";

type Draft = { previous: string | null; def: ReportDef; dashboard: string | null };

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const EMPTY: ReportDef = { name: "", tiles: [], schedule: null, folder: null, recipients: [] };

function when(t: (k: string, o?: Record<string, unknown>) => string, at: number | null, lang: string): string {
  return at === null ? t("reports.never") : new Date(at).toLocaleString(lang);
}

export default function ReportsPanel({ dashboards, admin }: { dashboards: Dashboard[]; admin: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [list, setList] = useState<Report[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  const [printing, setPrinting] = useState<{ name: string; html: string } | null>(null);

  const load = useCallback(
    () => api.reportsList().then(setList, (e: unknown) => setError(messageOf(t, e))),
    [t],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function save() {
    if (!draft) return;
    try {
      await api.reportsSave(draft.previous, draft.def);
      void message.success(t("reports.saved"));
      setDraft(null);
      setError(null);
      await load();
    } catch (e) {
      setError(messageOf(t, e));
    }
  }

  async function act(action: () => Promise<void>) {
    try {
      await action();
      setError(null);
    } catch (e) {
      setError(messageOf(t, e));
    }
  }

  const runNow = (name: string) =>
    act(async () => {
      setWritten(await api.reportsRun(name, i18n.language));
      await load();
    });
  const print = (name: string) => act(async () => setPrinting({ name, html: await api.reportsHtml(name, i18n.language) }));
  const remove = (name: string) =>
    act(async () => {
      await api.reportsDelete(name);
      await load();
    });

  const columns = [
    { title: t("reports.name"), key: "name", render: (_: unknown, r: Report) => r.definition.name },
    {
      title: t("reports.schedule"),
      key: "schedule",
      render: (_: unknown, r: Report) =>
        r.definition.schedule ? `${t(`reports.every.${r.definition.schedule.every}`)} ${r.definition.schedule.at}` : t("reports.manual"),
    },
    { title: t("reports.nextRun"), key: "next", render: (_: unknown, r: Report) => when(t, r.next_run_at, i18n.language) },
    {
      title: t("reports.lastRun"),
      key: "last",
      render: (_: unknown, r: Report) => (
        <Space direction="vertical" size={0}>
          <span>{when(t, r.last_run_at, i18n.language)}</span>
          {r.last_error && (
            <Tag color="red" data-testid="report-last-error">
              {errorMessage(t, { code: "invalid_input", key: r.last_error.key, params: r.last_error.params, field: null })}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: "",
      key: "actions",
      render: (_: unknown, r: Report) => (
        <Space>
          <Button size="small" icon={<PlayCircleOutlined />} data-testid="report-run" onClick={() => void runNow(r.definition.name)}>
            {t("reports.runNow")}
          </Button>
          <Button size="small" icon={<PrinterOutlined />} data-testid="report-print" onClick={() => void print(r.definition.name)}>
            {t("reports.print")}
          </Button>
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t("reports.edit")}
            onClick={() => setDraft({ previous: r.definition.name, def: r.definition, dashboard: null })}
          />
          <Popconfirm title={t("reports.deleteConfirm")} onConfirm={() => void remove(r.definition.name)}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("reports.delete")} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="reports-panel">
      <Flex gap={8} align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t("reports.title")}
        </Typography.Title>
        <Flex flex={1} />
        <Button icon={<PlusOutlined />} data-testid="report-new" onClick={() => setDraft({ previous: null, def: EMPTY, dashboard: null })}>
          {t("reports.new")}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon closable message={error} onClose={() => setError(null)} data-testid="reports-error" />}
      {written && (
        <Alert type="success" showIcon closable message={t("reports.written", { path: written })} onClose={() => setWritten(null)} data-testid="report-written" />
      )}
      <Table rowKey="id" size="small" pagination={false} loading={list === null} dataSource={list ?? []} columns={columns} />
      {admin && <SmtpSettingsForm />}
      <ReportEditor draft={draft} dashboards={dashboards} onChange={setDraft} onCancel={() => setDraft(null)} onSave={() => void save()} />
      <ReportPrintPreview report={printing} onClose={() => setPrinting(null)} onWritten={setWritten} />
    </Flex>
  );
}

function ReportEditor(props: {
  draft: Draft | null;
  dashboards: Dashboard[];
  onChange: (d: Draft) => void;
  onCancel: () => void;
  onSave: () => void;
}) {
  const { t } = useTranslation();
  const { draft, dashboards, onChange } = props;
  if (!draft) return null;
  const def = draft.def;
  const set = (patch: Partial<ReportDef>) => onChange({ ...draft, def: { ...def, ...patch } });
  const schedule = def.schedule;
  const every = (value: Every | "none") =>
    set({ schedule: value === "none" ? null : { every: value, at: schedule?.at ?? "08:00", weekday: value === "weekly" ? (schedule?.weekday ?? 1) : null, day: value === "monthly" ? (schedule?.day ?? 1) : null } });
  return (
    <Modal open title={t(draft.previous ? "reports.edit" : "reports.new")} okText={t("reports.save")} onOk={props.onSave} onCancel={props.onCancel} okButtonProps={{ "data-testid": "report-save" }}>
      <Flex vertical gap={8}>
        <Input placeholder={t("reports.name")} aria-label={t("reports.name")} data-testid="report-name" value={def.name} onChange={(e) => set({ name: e.target.value })} />
        <Select
          placeholder={t("reports.tilesFrom")}
          aria-label={t("reports.tilesFrom")}
          data-testid="report-dashboard"
          value={draft.dashboard ?? undefined}
          options={dashboards.map((d) => ({ value: d.id, label: d.default_kind ? t(`statistics.defaultName.${d.default_kind}`) : d.name }))}
          onChange={(id: string) => onChange({ ...draft, dashboard: id, def: { ...def, tiles: dashboards.find((d) => d.id === id)?.tiles ?? [] } })}
        />
        <Typography.Text type="secondary">{t("reports.tileCount", { count: def.tiles.length })}</Typography.Text>
        <Space wrap>
          <Select
            style={{ minWidth: 140 }}
            aria-label={t("reports.schedule")}
            data-testid="report-every"
            value={schedule?.every ?? "none"}
            onChange={every}
            options={(["none", "daily", "weekly", "monthly"] as const).map((v) => ({ value: v, label: v === "none" ? t("reports.manual") : t(`reports.every.${v}`) }))}
          />
          {schedule && (
            <Input style={{ width: 90 }} aria-label={t("reports.at")} data-testid="report-at" value={schedule.at} onChange={(e) => set({ schedule: { ...schedule, at: e.target.value } })} />
          )}
          {schedule?.every === "weekly" && (
            <Select
              style={{ minWidth: 120 }}
              aria-label={t("reports.weekday")}
              value={schedule.weekday ?? 1}
              onChange={(weekday: number) => set({ schedule: { ...schedule, weekday } })}
              options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`weekday.${WEEKDAYS[d - 1]}`) }))}
            />
          )}
          {schedule?.every === "monthly" && (
            <InputNumber min={1} max={31} aria-label={t("reports.day")} value={schedule.day ?? 1} onChange={(day) => set({ schedule: { ...schedule, day: day ?? 1 } })} />
          )}
        </Space>
        <Input placeholder={t("reports.folderDefault")} aria-label={t("reports.folder")} value={def.folder ?? ""} onChange={(e) => set({ folder: e.target.value === "" ? null : e.target.value })} />
        <Select
          mode="tags"
          placeholder={t("reports.recipients")}
          aria-label={t("reports.recipients")}
          data-testid="report-recipients"
          value={def.recipients}
          onChange={(recipients: string[]) => set({ recipients })}
          tokenSeparators={[",", " "]}
          open={false}
        />
      </Flex>
    </Modal>
  );
}
