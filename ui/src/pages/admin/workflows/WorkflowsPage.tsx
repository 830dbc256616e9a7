// Admin: the workflows. Pick one to edit (or start a new one from the built-in workflow), and
// choose which templates use it; every other template follows the default workflow.
import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Space, Spin, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type TemplateSummary, type WorkflowDef, type WorkflowSummary } from "../../../api";
import { messageOf } from "../../../i18n/errors";
import WorkflowEditor from "./WorkflowEditor";
import { localName } from "./workflowGraph";

function NewWorkflowDialog({ open, onClose, onCreate }: { open: boolean; onClose: () => void; onCreate: (key: string, name: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ key: string; name: string }>();
  return (
    <Modal
      open={open}
      title={t("workflowEditor.newTitle")}
      onCancel={onClose}
      okText={t("workflowEditor.create")}
      okButtonProps={{ "data-testid": "wf-new-ok" }}
      onOk={() => void form.validateFields().then((v) => onCreate(v.key.trim(), v.name.trim()))}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("workflowEditor.newHint")}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="key" label={t("workflowEditor.key")} extra={t("workflowEditor.actionHint")} rules={[{ required: true, message: t("workflowEditor.keyRequired") }]}>
          <Input data-testid="wf-new-key" />
        </Form.Item>
        <Form.Item name="name" label={t("workflowEditor.nameLabel")} rules={[{ required: true, message: t("workflowEditor.nameRequired") }]}>
          <Input data-testid="wf-new-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function WorkflowsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [list, setList] = useState<WorkflowSummary[] | null>(null);
  const [builtin, setBuiltin] = useState<WorkflowDef | null>(null);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [current, setCurrent] = useState<WorkflowDef | null>(null);
  const [assigned, setAssigned] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [generation, setGeneration] = useState(0);

  const load = useCallback(
    (select?: string) =>
      Promise.all([api.workflowsList(), api.workflowBuiltin(), api.templatesList()]).then(
        ([workflows, base, tpl]) => {
          setList(workflows);
          setBuiltin(base);
          setTemplates(tpl);
          setError(null);
          const chosen = workflows.find((w) => w.key === select) ?? workflows.find((w) => w.key === "default") ?? workflows[0];
          if (chosen) {
            setCurrent(chosen.definition);
            setAssigned(chosen.templates);
            setGeneration((g) => g + 1);
          }
        },
        (e: unknown) => setError(e),
      ),
    [],
  );

  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <Alert type="error" showIcon message={messageOf(t, error)} />;
  if (!list || !builtin) return <Spin />;

  const stored = list.some((w) => w.key === current?.key);

  async function assign() {
    if (!current) return;
    try {
      const answer = await api.workflowAssign(current.key, assigned);
      setList(answer);
      message.success(t("workflowEditor.assigned"));
    } catch (e) {
      message.error(messageOf(t, e));
    }
  }

  return (
    <Flex vertical gap={12} style={{ minHeight: 0 }} data-testid="workflows-page">
      <Flex gap={8} wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("workflowEditor.title")}
        </Typography.Title>
        <Select
          data-testid="wf-select"
          style={{ minWidth: 220 }}
          value={current?.key}
          options={[
            ...list.map((w) => ({ value: w.key, label: `${localName(w.definition.names, i18n.language)} (v${w.version})` })),
            ...(current && !stored ? [{ value: current.key, label: localName(current.names, i18n.language) }] : []),
          ]}
          onChange={(key: string) => {
            const w = list.find((x) => x.key === key);
            if (!w) return;
            setCurrent(w.definition);
            setAssigned(w.templates);
            setGeneration((g) => g + 1);
          }}
        />
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="wf-new">
          {t("workflowEditor.new")}
        </Button>
        <Flex flex={1} />
        <Space>
          <span>{t("workflowEditor.templates")}</span>
          <Select
            mode="multiple"
            data-testid="wf-templates"
            style={{ minWidth: 260 }}
            disabled={!stored}
            placeholder={current?.key === "default" ? t("workflowEditor.defaultTemplates") : undefined}
            value={assigned}
            onChange={setAssigned}
            options={templates.map((tpl) => ({ value: tpl.key, label: localName(tpl.names, i18n.language) }))}
          />
          <Button onClick={() => void assign()} disabled={!stored} data-testid="wf-assign">
            {t("workflowEditor.assign")}
          </Button>
        </Space>
      </Flex>
      {current && <WorkflowEditor key={`${current.key}-${generation}`} initial={current} builtin={builtin} onSaved={(key) => void load(key)} />}
      <NewWorkflowDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreate={(key, name) => {
          setCreating(false);
          setCurrent({ ...builtin, key, names: { en: name, zh_cn: name, es: name } });
          setAssigned([]);
          setGeneration((g) => g + 1);
        }}
      />
    </Flex>
  );
}
