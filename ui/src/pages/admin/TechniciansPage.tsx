// Admin: every technician with what dispatch weighs (skills, status, capacity, working hours) and
// what they carry now (open orders, booked hours, completed today), plus their pool grabs over
// 7 and 30 days so a supervisor sees cherry-picking. Each row opens the technician's editor.
import { EditOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type StoredCalendar, type TechnicianRow } from "../../api";
import { messageOf } from "../../i18n/errors";
import { useFormat } from "../../i18n/format";
import { useDirectory } from "../../lib/directory";
import TechnicianEditor from "./dispatch/TechnicianEditor";

const STATUS_COLOURS = { available: "green", busy: "orange", off: "default" } as const;

export default function TechniciansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const directory = useDirectory();
  const [rows, setRows] = useState<TechnicianRow[] | null>(null);
  const [calendars, setCalendars] = useState<StoredCalendar[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<TechnicianRow | null>(null);

  const load = useCallback(
    () =>
      api.technicianRoster().then(
        (answer) => {
          setRows(answer);
          setFailure(null);
        },
        (e: unknown) => setFailure(messageOf(t, e)),
      ),
    [t],
  );

  useEffect(() => {
    void load();
    api.slaSetup().then(
      (setup) => setCalendars(setup.calendars),
      (e: unknown) => setFailure(messageOf(t, e)),
    );
  }, [load, t]);

  const calendarName = (id: string | null) =>
    id === null ? t("dispatchAdmin.tech.always") : (calendars.find((c) => c.id === id)?.name ?? id);

  const columns: TableColumnsType<TechnicianRow> = [
    {
      key: "name",
      title: t("fields.name"),
      render: (_, r) => (
        <span>
          {r.card.user.display_name} <Typography.Text type="secondary">({r.card.user.login})</Typography.Text>
        </span>
      ),
    },
    {
      key: "department",
      title: t("fields.department_id"),
      render: (_, r) =>
        r.card.user.department_id
          ? (directory.department(r.card.user.department_id)?.name ?? r.card.user.department_id)
          : t("common.none"),
    },
    {
      key: "skills",
      title: t("fields.skills"),
      render: (_, r) =>
        r.card.user.skills.map((s) => (
          <Tag key={s.skill}>{t("dispatch.row.skill", { skill: s.skill, level: format.number(s.level) })}</Tag>
        )),
    },
    {
      key: "status",
      title: t("fields.status"),
      render: (_, r) => <Tag color={STATUS_COLOURS[r.card.profile.status]}>{t(`dispatch.status.${r.card.profile.status}`)}</Tag>,
    },
    { key: "hours", title: t("dispatchAdmin.tech.workingHours"), render: (_, r) => calendarName(r.card.profile.calendar_id) },
    {
      key: "load",
      title: t("dispatchAdmin.tech.load"),
      render: (_, r) => (
        <span data-testid={`tech-load-${r.card.user.login}`}>
          {t("dispatchAdmin.tech.loadText", {
            open: format.number(r.card.open_orders),
            booked: format.number(Math.round((r.card.booked_hours ?? 0) * 10) / 10),
            capacity: format.number(r.card.profile.capacity_hours ?? 0),
          })}
        </span>
      ),
    },
    {
      key: "today",
      title: t("dispatchAdmin.tech.completedToday"),
      render: (_, r) => <span data-testid={`tech-today-${r.card.user.login}`}>{format.number(r.completed_today)}</span>,
    },
    {
      key: "grabs",
      title: t("dispatchAdmin.tech.grabs"),
      render: (_, r) => (
        <span data-testid={`tech-grabs-${r.card.user.login}`}>
          {t("dispatchAdmin.tech.grabsText", {
            week: format.number(r.grabs_7d),
            month: format.number(r.grabs_30d),
            all: format.number(r.card.grabs),
            limit: format.number(r.card.profile.grab_limit),
          })}
        </span>
      ),
    },
    {
      key: "edit",
      width: 100,
      render: (_, r) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          data-testid={`tech-edit-${r.card.user.login}`}
          onClick={() => setEditing(r)}
        >
          {t("common.edit")}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16} style={{ overflow: "auto" }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t("dispatchAdmin.tech.title")}
      </Typography.Title>
      <Typography.Text type="secondary">{t("dispatchAdmin.tech.hint")}</Typography.Text>
      {failure && <Alert type="error" showIcon message={failure} data-testid="technicians-error" />}
      <Table
        rowKey={(r) => r.card.user.id}
        size="small"
        loading={rows === null && failure === null}
        dataSource={rows ?? []}
        columns={columns}
        pagination={false}
        data-testid="technician-table"
        locale={{ emptyText: t("dispatchAdmin.tech.empty") }}
      />
      <TechnicianEditor
        row={editing}
        calendars={calendars}
        onClose={() => setEditing(null)}
        onSaved={(card) => {
          setEditing(null);
          void message.success(t("dispatchAdmin.tech.saved", { name: card.user.display_name }));
          void load();
        }}
      />
    </Flex>
  );
}
