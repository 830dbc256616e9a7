// Admin: SLA business calendars and policies, as sla_setup returns them, each with its editor.
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Table, Tabs, Tag, Typography, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type SlaSetup, type StoredCalendar, type StoredPolicy } from "../../api";
import { messageOf } from "../../i18n/errors";
import { useFormat } from "../../i18n/format";
import { useDirectory } from "../../lib/directory";
import CalendarEditor from "./sla/CalendarEditor";
import PolicyEditor from "./sla/PolicyEditor";
import { WEEKDAYS } from "./sla/slaForms";

type Editing<T> = { item: T | null; open: boolean };
const CLOSED = { item: null, open: false };

export default function SlaPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const directory = useDirectory();
  const [setup, setSetup] = useState<SlaSetup | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [calendar, setCalendar] = useState<Editing<StoredCalendar>>(CLOSED);
  const [policy, setPolicy] = useState<Editing<StoredPolicy>>(CLOSED);

  const load = useCallback(
    () =>
      api.slaSetup().then(
        (answer) => {
          setSetup(answer);
          setError(null);
        },
        (e: unknown) => setError(e),
      ),
    [],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const calendars = setup?.calendars ?? [];
  const calendarName = (id: string) => calendars.find((c) => c.id === id)?.name ?? id;

  const editButton = (onClick: () => void) => (
    <Button size="small" icon={<EditOutlined />} onClick={onClick}>
      {t("common.edit")}
    </Button>
  );

  const calendarColumns: TableColumnsType<StoredCalendar> = [
    { key: "name", title: t("slaAdmin.calendar.name"), dataIndex: "name" },
    { key: "zone", title: t("slaAdmin.calendar.timeZone"), render: (_, c) => c.calendar.time_zone },
    {
      key: "hours",
      title: t("slaAdmin.calendar.hours"),
      render: (_, c) =>
        c.calendar.always ? (
          <Tag color="blue">{t("slaAdmin.calendar.always")}</Tag>
        ) : (
          WEEKDAYS.filter((d) => (c.calendar.hours?.[d] ?? []).length > 0).map((d) => (
            <Tag key={d} title={(c.calendar.hours?.[d] ?? []).map((p) => p.join("–")).join(", ")}>
              {t(`weekdayShort.${d}`)}
            </Tag>
          ))
        ),
    },
    { key: "holidays", title: t("slaAdmin.calendar.holidays"), render: (_, c) => format.number(c.calendar.holidays?.length ?? 0) },
    { key: "edit", width: 100, render: (_, c) => editButton(() => setCalendar({ item: c, open: true })) },
  ];

  const policyColumns: TableColumnsType<StoredPolicy> = [
    { key: "name", title: t("slaAdmin.policy.name"), dataIndex: "name" },
    {
      key: "group",
      title: t("slaAdmin.policy.customerGroup"),
      render: (_, p) =>
        p.customer_group_id
          ? (directory.directory.customer_groups.find((g) => g.id === p.customer_group_id)?.name ?? p.customer_group_id)
          : t("slaAdmin.policy.anyGroup"),
    },
    {
      key: "item",
      title: t("slaAdmin.policy.catalogItem"),
      render: (_, p) =>
        p.catalog_item_id
          ? (directory.directory.catalog.find((c) => c.id === p.catalog_item_id)?.name ?? p.catalog_item_id)
          : t("slaAdmin.policy.anyItem"),
    },
    { key: "calendar", title: t("slaAdmin.policy.calendar"), render: (_, p) => calendarName(p.calendar_id) },
    {
      key: "p1",
      title: t("slaAdmin.policy.p1Targets"),
      render: (_, p) => {
        const target = p.rules.targets.P1;
        return target ? `${format.duration(target.response_minutes)} / ${format.duration(target.resolution_minutes)}` : t("common.none");
      },
    },
    { key: "edit", width: 100, render: (_, p) => editButton(() => setPolicy({ item: p, open: true })) },
  ];

  function saved(name: string) {
    void message.success(t("slaAdmin.saved", { name }));
    void load();
  }

  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0, overflow: "auto" }} data-testid="sla-admin">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t("slaAdmin.title")}
      </Typography.Title>
      {error !== null && <Alert type="error" showIcon message={messageOf(t, error)} />}
      <Tabs
        items={[
          {
            key: "policies",
            label: <span data-testid="sla-tab-policies">{t("slaAdmin.policies")}</span>,
            children: (
              <Flex vertical gap={12}>
                <div>
                  <Button type="primary" icon={<PlusOutlined />} data-testid="new-policy" onClick={() => setPolicy({ item: null, open: true })}>
                    {t("slaAdmin.newPolicy")}
                  </Button>
                </div>
                <Table<StoredPolicy>
                  data-testid="policy-table"
                  size="small"
                  rowKey={(p) => p.id ?? p.name}
                  columns={policyColumns}
                  dataSource={setup?.policies ?? []}
                  pagination={false}
                  loading={setup === null && error === null}
                />
              </Flex>
            ),
          },
          {
            key: "calendars",
            label: <span data-testid="sla-tab-calendars">{t("slaAdmin.calendars")}</span>,
            children: (
              <Flex vertical gap={12}>
                <div>
                  <Button type="primary" icon={<PlusOutlined />} data-testid="new-calendar" onClick={() => setCalendar({ item: null, open: true })}>
                    {t("slaAdmin.newCalendar")}
                  </Button>
                </div>
                <Table<StoredCalendar>
                  data-testid="calendar-table"
                  size="small"
                  rowKey={(c) => c.id ?? c.name}
                  columns={calendarColumns}
                  dataSource={calendars}
                  pagination={false}
                  loading={setup === null && error === null}
                />
              </Flex>
            ),
          },
        ]}
      />
      <CalendarEditor
        key={`calendar:${calendar.item?.id ?? "new"}`}
        calendar={calendar.item}
        open={calendar.open}
        onClose={() => setCalendar(CLOSED)}
        onSaved={(c) => {
          setCalendar(CLOSED);
          saved(c.name);
        }}
      />
      <PolicyEditor
        key={`policy:${policy.item?.id ?? "new"}:${calendars.length}`}
        policy={policy.item}
        calendars={calendars}
        open={policy.open}
        onClose={() => setPolicy(CLOSED)}
        onSaved={(p) => {
          setPolicy(CLOSED);
          saved(p.name);
        }}
      />
    </Flex>
  );
}
