// The rows of the trigger editor: one condition or one action, its kind and what it needs, with
// pickers for people, departments, priorities and statuses. A core refusal naming the row
// (`actions.0.department_id`) shows under it.
import { DeleteOutlined } from "@ant-design/icons";
import { AutoComplete, Button, Card, Flex, Form, Input, Select, Switch } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Condition, NotifyTarget, TriggerAction } from "../../../api";
import { fieldLabel } from "../../../i18n/errors";
import { useDirectory } from "../../../lib/directory";
import { ACTION_KINDS, blankAction, blankCondition, CONDITION_FIELDS, CONDITION_KINDS, SETTABLE_FIELDS } from "./triggerText";

const PRIORITIES = ["P1", "P2", "P3", "P4", "P5"];
const STATUSES = ["unassigned", "todo", "in_progress", "pending_transfer", "transferred", "awaiting_customer", "done", "closed", "suspended", "cancelled"];

export type RowError = string | null;

function usePickers() {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  return {
    users: directory.users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.display_name })),
    departments: directory.departments.map((d) => ({ value: d.id, label: d.name })),
    priorities: PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })),
    statuses: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
  };
}

function FieldPicker({ value, onChange, fields, testid }: { value: string; onChange: (f: string) => void; fields: string[]; testid: string }) {
  const { t } = useTranslation();
  return (
    <AutoComplete
      data-testid={testid}
      style={{ minWidth: 180 }}
      value={value}
      options={fields.map((f) => ({ value: f, label: fieldLabel(t, f) }))}
      onChange={(f: string) => onChange(f)}
      placeholder={t("triggers.fieldPlaceholder")}
    />
  );
}

/** A value for `field`: a picker where the field has known values, else free text. */
function ValueInput({ field, value, onChange, testid }: { field: string; value: string; onChange: (v: string) => void; testid: string }) {
  const { t } = useTranslation();
  const pickers = usePickers();
  const options =
    field === "priority" ? pickers.priorities : field === "status" ? pickers.statuses : field === "department_id" ? pickers.departments : field === "assignee_id" ? pickers.users : null;
  if (options) {
    return <Select data-testid={testid} style={{ minWidth: 180 }} value={value || undefined} options={options} onChange={onChange} showSearch optionFilterProp="label" />;
  }
  return <Input data-testid={testid} style={{ minWidth: 180 }} value={value} onChange={(e) => onChange(e.target.value)} placeholder={t("triggers.valuePlaceholder")} />;
}

function Row({ children, error, onRemove, testid }: { children: ReactNode; error: RowError; onRemove: () => void; testid: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={testid} style={error ? { borderColor: "#ff4d4f" } : undefined}>
      <Form.Item style={{ marginBottom: 0 }} validateStatus={error ? "error" : undefined} help={error ?? undefined}>
        <Flex gap={8} wrap align="center">
          {children}
          <Flex flex={1} />
          <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t("triggers.removeRow")} data-testid={`${testid}-remove`} />
        </Flex>
      </Form.Item>
    </Card>
  );
}

export function ConditionRow({ index, condition, error, onChange, onRemove }: { index: number; condition: Condition; error: RowError; onChange: (c: Condition) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const id = (part: string) => `condition-${part}-${index}`;
  return (
    <Row error={error} onRemove={onRemove} testid={`condition-${index}`}>
      <Select
        data-testid={id("kind")}
        style={{ minWidth: 170 }}
        value={condition.kind}
        options={CONDITION_KINDS.map((k) => ({ value: k, label: t(`triggers.condition.${k}`) }))}
        onChange={(kind: Condition["kind"]) => onChange(blankCondition(kind))}
      />
      {condition.kind === "text_contains" ? (
        <Input
          data-testid={id("words")}
          style={{ minWidth: 240, flex: 1 }}
          placeholder={t("triggers.wordsPlaceholder")}
          value={condition.words.join(" ")}
          onChange={(e) => onChange({ kind: "text_contains", words: e.target.value.split(/[\s,，、]+/).filter((w, i, all) => w !== "" || i === all.length - 1) })}
        />
      ) : (
        <>
          <FieldPicker testid={id("field")} value={condition.field} fields={CONDITION_FIELDS} onChange={(field) => onChange({ ...condition, field } as Condition)} />
          {condition.kind !== "field_empty" && (
            <ValueInput testid={id("value")} field={condition.field} value={condition.value} onChange={(value) => onChange({ ...condition, value })} />
          )}
        </>
      )}
    </Row>
  );
}

function NotifyTargetPicker({ to, onChange, testid }: { to: NotifyTarget; onChange: (to: NotifyTarget) => void; testid: string }) {
  const { t } = useTranslation();
  const pickers = usePickers();
  const kinds: NotifyTarget["kind"][] = ["assignee", "requester", "department_supervisors", "user"];
  return (
    <>
      <Select
        data-testid={`${testid}-to`}
        style={{ minWidth: 160 }}
        value={to.kind}
        options={kinds.map((k) => ({ value: k, label: t(`triggers.notifyTarget.${k}`) }))}
        onChange={(kind: NotifyTarget["kind"]) => onChange(kind === "user" ? { kind, user_id: "" } : { kind })}
      />
      {to.kind === "user" && (
        <Select data-testid={`${testid}-user`} style={{ minWidth: 160 }} value={to.user_id || undefined} options={pickers.users} onChange={(user_id: string) => onChange({ kind: "user", user_id })} showSearch optionFilterProp="label" />
      )}
    </>
  );
}

function ActionInputs({ action, onChange, id }: { action: TriggerAction; onChange: (a: TriggerAction) => void; id: (part: string) => string }) {
  const { t } = useTranslation();
  const pickers = usePickers();
  const pick = (part: string, value: string, options: { value: string; label: string }[], set: (v: string) => void) => (
    <Select data-testid={id(part)} style={{ minWidth: 200 }} value={value || undefined} options={options} onChange={set} showSearch optionFilterProp="label" placeholder={t(`triggers.pick.${part}`)} />
  );
  switch (action.kind) {
    case "set_field":
      return (
        <>
          <FieldPicker testid={id("field")} value={action.field} fields={SETTABLE_FIELDS} onChange={(field) => onChange({ ...action, field })} />
          <ValueInput testid={id("value")} field={action.field} value={action.value} onChange={(value) => onChange({ ...action, value })} />
        </>
      );
    case "set_priority":
      return pick("priority", action.priority, pickers.priorities, (priority) => onChange({ ...action, priority }));
    case "assign_person":
    case "add_collaborator":
      return pick("user", action.user_id, pickers.users, (user_id) => onChange({ ...action, user_id }));
    case "assign_department":
      return pick("department", action.department_id, pickers.departments, (department_id) => onChange({ ...action, department_id }));
    case "notify":
      return (
        <>
          <NotifyTargetPicker testid={id("notify")} to={action.to} onChange={(to) => onChange({ ...action, to })} />
          <Input data-testid={id("message")} style={{ minWidth: 200, flex: 1 }} value={action.message} placeholder={t("triggers.messagePlaceholder")} onChange={(e) => onChange({ ...action, message: e.target.value })} />
        </>
      );
    case "comment":
      return (
        <>
          <Input data-testid={id("text")} style={{ minWidth: 200, flex: 1 }} value={action.text} placeholder={t("triggers.commentPlaceholder")} onChange={(e) => onChange({ ...action, text: e.target.value })} />
          <Switch data-testid={id("public")} checked={action.public} onChange={(pub) => onChange({ ...action, public: pub })} />
          {t("triggers.public")}
        </>
      );
  }
}

export function ActionRow({ index, action, error, onChange, onRemove }: { index: number; action: TriggerAction; error: RowError; onChange: (a: TriggerAction) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const id = (part: string) => `action-${part}-${index}`;
  return (
    <Row error={error} onRemove={onRemove} testid={`action-${index}`}>
      <Select
        data-testid={id("kind")}
        style={{ minWidth: 170 }}
        value={action.kind}
        options={ACTION_KINDS.map((k) => ({ value: k, label: t(`triggers.action.${k}`) }))}
        onChange={(kind: TriggerAction["kind"]) => onChange(blankAction(kind))}
      />
      <ActionInputs action={action} onChange={onChange} id={id} />
    </Row>
  );
}
