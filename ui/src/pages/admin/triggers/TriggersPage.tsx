// Admin: the triggers, in the order they run. Each row can be switched on or off, moved up or
// down, edited or deleted; below, a dry run against an existing order.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { api, type Trigger } from "../../../api";
import { messageOf } from "../../../i18n/errors";
import { useDirectory } from "../../../lib/directory";
import { localName } from "../workflows/workflowGraph";
import DryRunPanel from "./DryRunPanel";
import TriggerEditor from "./TriggerEditor";
import { actionText, conditionText, newTrigger, type Lookup } from "./triggerText";

type Editing = { trigger: Trigger; isNew: boolean } | null;

export default function TriggersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const directory = useDirectory();
  const [list, setList] = useState<Trigger[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Editing>(null);

  const lookup: Lookup = useMemo(
    () => ({
      user: (id) => directory.user(id)?.display_name ?? id,
      department: (id) => directory.department(id)?.name ?? id,
    }),
    [directory],
  );

  const load = useCallback(
    () =>
      api.triggersList().then(
        (answer) => {
          setList(answer);
          setError(null);
        },
        (e: unknown) => setError(e),
      ),
    [],
  );

  useEffect(() => {
    void load();
  }, [load]);

  async function change(call: () => Promise<Trigger[]>) {
    try {
      setList(await call());
    } catch (e) {
      message.error(messageOf(t, e));
    }
  }

  function move(index: number, by: number) {
    if (!list) return;
    const keys = list.map((x) => x.key);
    const [key] = keys.splice(index, 1);
    keys.splice(index + by, 0, key);
    void change(() => api.triggersReorder(keys));
  }

  const columns: TableColumnsType<Trigger> = [
    {
      key: "order",
      width: 90,
      render: (_, tr, i) => (
        <Space size={2}>
          <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("triggers.up")} data-testid={`trigger-up-${tr.key}`} />
          <Button size="small" icon={<ArrowDownOutlined />} disabled={i === (list?.length ?? 0) - 1} onClick={() => move(i, 1)} aria-label={t("triggers.down")} data-testid={`trigger-down-${tr.key}`} />
        </Space>
      ),
    },
    {
      key: "active",
      title: t("triggers.active"),
      width: 80,
      render: (_, tr) => (
        <Switch size="small" checked={tr.active ?? true} onChange={(active) => void change(() => api.triggerSetActive(tr.key, active))} data-testid={`trigger-active-${tr.key}`} />
      ),
    },
    {
      key: "name",
      title: t("triggers.name"),
      render: (_, tr) => (
        <Flex vertical>
          <Typography.Text strong data-testid={`trigger-name-${tr.key}`}>
            {localName(tr.names, i18n.language)}
          </Typography.Text>
          <Space size={4} wrap>
            {tr.on.map((e) => (
              <Tag key={e}>{t(`triggers.event.${e}`)}</Tag>
            ))}
          </Space>
        </Flex>
      ),
    },
    {
      key: "rule",
      title: t("triggers.rule"),
      render: (_, tr) => (
        <Typography.Text type="secondary">
          {((tr.conditions ?? []).length === 0 ? [t("triggers.always")] : (tr.conditions ?? []).map((c) => conditionText(t, lookup, c))).join(t("triggers.and"))}
          {" → "}
          {tr.actions.map((a) => actionText(t, lookup, a)).join("; ")}
        </Typography.Text>
      ),
    },
    {
      key: "edit",
      width: 110,
      render: (_, tr) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ trigger: tr, isNew: false })} aria-label={t("common.edit")} data-testid={`trigger-edit-${tr.key}`} />
          <Popconfirm title={t("triggers.deleteConfirm")} onConfirm={() => void change(() => api.triggerDelete(tr.key))} okButtonProps={{ "data-testid": "trigger-delete-ok" }}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("triggers.delete")} data-testid={`trigger-delete-${tr.key}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  if (error) return <Alert type="error" showIcon message={messageOf(t, error)} />;

  return (
    <Flex vertical gap={16} data-testid="triggers-page" style={{ overflow: "auto" }}>
      <Flex align="center" gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("triggers.title")}
        </Typography.Title>
        <Flex flex={1} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ trigger: newTrigger(), isNew: true })} data-testid="trigger-new">
          {t("triggers.new")}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("triggers.hint")}
      </Typography.Paragraph>
      <Table<Trigger>
        rowKey="key"
        size="small"
        loading={list === null}
        dataSource={list ?? []}
        columns={columns}
        pagination={false}
        onRow={(tr) => ({ "data-testid": `trigger-row-${tr.key}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t("triggers.empty") }}
      />
      <DryRunPanel triggers={list ?? []} lookup={lookup} />
      {editing && (
        <TriggerEditor
          trigger={editing.trigger}
          isNew={editing.isNew}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setList(saved);
            setEditing(null);
            message.success(t("triggers.saved"));
          }}
        />
      )}
    </Flex>
  );
}
