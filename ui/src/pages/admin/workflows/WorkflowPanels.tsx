// The side panel of the workflow editor: the selected status (names; its category is the
// built-in status's own) or the selected transition (action, names, from/to, who may take it,
// required fields, review, comment). A core refusal naming a part of it shows on that part.
import { DeleteOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Form, Input, Select, Space, Switch, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Names, Party, StatusDef, TransitionDef, WorkflowDef } from "../../../api";
import { CATEGORY_COLOURS, localName } from "./workflowGraph";

const PARTIES: Party[] = ["admin", "supervisor", "dispatcher", "agent", "technician", "assignee", "requester"];
const LANGUAGES: (keyof Names)[] = ["en", "zh_cn", "es"];

/** A refusal placed in the panel: `field` is the path inside the status or transition. */
export type PanelError = { field: string; message: string } | null;

function fieldErrorOf(error: PanelError) {
  return (name: string) =>
    error && (error.field === name || error.field.startsWith(`${name}.`))
      ? { validateStatus: "error" as const, help: error.message }
      : {};
}

function NamesInputs({ names, onChange, error, testid }: { names: Names; onChange: (n: Names) => void; error: PanelError; testid: string }) {
  const { t } = useTranslation();
  const fieldError = fieldErrorOf(error);
  return (
    <>
      {LANGUAGES.map((lang) => (
        <Form.Item key={lang} label={t(`workflowEditor.name.${lang}`)} {...fieldError(`names.${lang}`)}>
          <Input data-testid={`${testid}-name-${lang}`} value={names[lang]} onChange={(e) => onChange({ ...names, [lang]: e.target.value })} />
        </Form.Item>
      ))}
    </>
  );
}

export function StatusPanel({
  status,
  initial,
  error,
  onChange,
  onRemove,
}: {
  status: StatusDef;
  initial: boolean;
  error: PanelError;
  onChange: (s: StatusDef) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const fieldError = fieldErrorOf(error);
  return (
    <Form layout="vertical" component="div" data-testid="wf-status-panel">
      <Typography.Title level={5}>{t("workflowEditor.status")}</Typography.Title>
      {error && !error.field.startsWith("names") && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} data-testid="wf-panel-error" />}
      <Form.Item label={t("workflowEditor.key")}>
        <Typography.Text code>{status.key}</Typography.Text>
      </Form.Item>
      <Form.Item label={t("workflowEditor.categoryLabel")} extra={t("workflowEditor.categoryFixed")} {...fieldError("category")}>
        <Tag color={CATEGORY_COLOURS[status.category].tag} data-testid="wf-status-category">
          {t(`workflowEditor.category.${status.category}`)}
        </Tag>
      </Form.Item>
      <NamesInputs names={status.names} onChange={(names) => onChange({ ...status, names })} error={error} testid="wf-status" />
      <Button danger icon={<DeleteOutlined />} disabled={initial} onClick={onRemove} data-testid="wf-status-remove" title={initial ? t("workflowEditor.initialStays") : undefined}>
        {t("workflowEditor.removeStatus")}
      </Button>
    </Form>
  );
}

export function TransitionPanel({
  def,
  transition,
  error,
  onChange,
  onRemove,
}: {
  def: WorkflowDef;
  transition: TransitionDef;
  error: PanelError;
  onChange: (t: TransitionDef) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const fieldError = fieldErrorOf(error);
  const statusOptions = def.statuses.map((s) => ({ value: s.key, label: localName(s.names, i18n.language) }));
  const placed = ["action", "names", "from", "to", "parties", "requires_fields"];
  return (
    <Form layout="vertical" component="div" data-testid="wf-transition-panel">
      <Typography.Title level={5}>{t("workflowEditor.transition")}</Typography.Title>
      {error && !placed.some((p) => error.field.startsWith(p)) && (
        <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} data-testid="wf-panel-error" />
      )}
      <Form.Item label={t("workflowEditor.action")} extra={t("workflowEditor.actionHint")} {...fieldError("action")}>
        <Input data-testid="wf-transition-action" value={transition.action} onChange={(e) => onChange({ ...transition, action: e.target.value.trim() })} />
      </Form.Item>
      <NamesInputs names={transition.names} onChange={(names) => onChange({ ...transition, names })} error={error} testid="wf-transition" />
      <Form.Item label={t("workflowEditor.from")} {...fieldError("from")}>
        <Select mode="multiple" data-testid="wf-transition-from" options={statusOptions} value={transition.from} onChange={(from: string[]) => onChange({ ...transition, from })} />
      </Form.Item>
      <Form.Item label={t("workflowEditor.to")} {...fieldError("to")}>
        <Select data-testid="wf-transition-to" options={statusOptions} value={transition.to} onChange={(to: string) => onChange({ ...transition, to })} />
      </Form.Item>
      <Form.Item label={t("workflowEditor.parties")} {...fieldError("parties")}>
        <Checkbox.Group
          data-testid="wf-transition-parties"
          value={transition.parties}
          onChange={(parties) => onChange({ ...transition, parties: parties as Party[] })}
          options={PARTIES.map((p) => ({ value: p, label: t(`workflowEditor.party.${p}`) }))}
        />
      </Form.Item>
      <Form.Item label={t("workflowEditor.requiresFields")} extra={t("workflowEditor.requiresFieldsHint")} {...fieldError("requires_fields")}>
        <Select
          mode="tags"
          data-testid="wf-transition-fields"
          value={transition.requires_fields}
          onChange={(requires_fields: string[]) => onChange({ ...transition, requires_fields })}
          tokenSeparators={[",", " "]}
          open={false}
        />
      </Form.Item>
      <Space direction="vertical" style={{ marginBottom: 16 }}>
        <Space>
          <Switch data-testid="wf-transition-review" checked={transition.review} onChange={(review) => onChange({ ...transition, review })} />
          {t("workflowEditor.review")}
        </Space>
        <Space>
          <Switch data-testid="wf-transition-comment" checked={transition.comment_required} onChange={(comment_required) => onChange({ ...transition, comment_required })} />
          {t("workflowEditor.commentRequired")}
        </Space>
      </Space>
      <div>
        <Button danger icon={<DeleteOutlined />} onClick={onRemove} data-testid="wf-transition-remove">
          {t("workflowEditor.removeTransition")}
        </Button>
      </div>
    </Form>
  );
}

/** With nothing selected: the workflow's own key and names. */
export function WorkflowPanel({ def, error, onChange }: { def: WorkflowDef; error: PanelError; onChange: (names: Names) => void }) {
  const { t } = useTranslation();
  return (
    <Form layout="vertical" component="div" data-testid="wf-workflow-panel">
      <Typography.Title level={5}>{t("workflowEditor.workflow")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("workflowEditor.selectHint")}</Typography.Paragraph>
      <Form.Item label={t("workflowEditor.key")}>
        <Typography.Text code>{def.key}</Typography.Text>
      </Form.Item>
      <NamesInputs names={def.names} onChange={onChange} error={error} testid="wf" />
    </Form>
  );
}
