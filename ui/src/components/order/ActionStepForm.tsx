// What a workflow step asks for before it is taken: a comment (suspend, resume, reopen, cancel,
// reject a transfer) and the fields the transition requires (a resolution code before "resolve",
// say), prefilled with the order's values. The core decides whether the step may be taken; its
// refusal lands on the field or the comment it names.
import { Alert, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { appErrorOf, type FormState, type JsonValue, type TemplateDef, type WorkOrder } from "../../api";
import { clearCoreErrors, placeCoreError, type FieldPath } from "../../lib/coreErrors";
import { useDirectory } from "../../lib/directory";
import { PRIORITIES } from "../../lib/keys";
import { splitValues } from "../template/conversion";
import { templateFieldPath } from "../template/formErrors";
import { cleanValues, valuePath } from "../template/formValues";
import { textIn } from "../template/names";
import TemplateFields from "../template/TemplateFields";
import { useTemplate } from "../template/useTemplate";

/** The order's own columns a transition may require, edited here by name. */
const BUILT_INS = ["title", "description", "priority", "department_id", "assignee_id", "customer_id"] as const;
type BuiltIn = (typeof BUILT_INS)[number];
const isBuiltIn = (field: string): field is BuiltIn => (BUILT_INS as readonly string[]).includes(field);

type Values = { comment?: string; values?: Record<string, unknown> } & Partial<Record<BuiltIn, string | null>>;

/** What the step sends: the comment, and the required fields as the core's `set` names them. */
export type StepInput = { comment: string | null; values: Record<string, JsonValue> };

type Props = {
  /** The action's name in the UI language. */
  actionName: string;
  order: WorkOrder;
  commentRequired: boolean;
  /** The transition's required fields: columns by name, template fields as `values.KEY` or KEY. */
  requiredFields: string[];
  /** Takes the step. */
  submit: (input: StepInput) => Promise<WorkOrder>;
  onClose: () => void;
  onDone: (order: WorkOrder) => void;
  onConflict: (e: unknown) => void;
};

/** The required template fields' keys among `fields`, for the order's template. */
function templateKeys(fields: string[], definition: TemplateDef | undefined): string[] {
  const keys = new Set(definition?.fields.map((f) => f.key) ?? []);
  return fields
    .filter((f) => !isBuiltIn(f))
    .map((f) => (f.startsWith("values.") ? f.slice("values.".length) : f))
    .filter((k) => keys.has(k));
}

function BuiltInInput({ field }: { field: BuiltIn }) {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  const pick = (options: { value: string; label: string }[]) => (
    <Select showSearch optionFilterProp="label" allowClear options={options} data-testid={`step-field-${field}`} />
  );
  switch (field) {
    case "description":
      return <Input.TextArea rows={3} data-testid={`step-field-${field}`} />;
    case "priority":
      return pick(PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })));
    case "department_id":
      return pick(directory.departments.map((d) => ({ value: d.id, label: d.name })));
    case "assignee_id":
      return pick(directory.users.filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.display_name} (${u.login})` })));
    case "customer_id":
      return pick(directory.customers.map((c) => ({ value: c.id, label: c.name })));
    default:
      return <Input data-testid={`step-field-${field}`} />;
  }
}

export default function ActionStepForm(props: Props) {
  const { actionName, order, commentRequired, requiredFields, submit, onClose, onDone, onConflict } = props;
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const needsTemplate = requiredFields.some((f) => !isBuiltIn(f));
  const { template } = useTemplate(needsTemplate ? order.template_key : null, order.template_version);
  const keys = templateKeys(requiredFields, template?.definition);
  const builtIns = requiredFields.filter(isBuiltIn);
  const own = splitValues(order.values).own;
  const initial: Values = { values: own };
  for (const f of builtIns) initial[f] = order[f] ?? null;
  const toPath = (field: string): FieldPath | null =>
    field === "comment" || isBuiltIn(field) ? field : templateFieldPath(keys)(field);

  async function send(v: Values) {
    setFailure(null);
    clearCoreErrors(form);
    const filled = cleanValues(v.values);
    // A required field left empty is asked for here rather than sent for the core to refuse.
    const empty = keys.filter((k) => filled[k] === undefined);
    if (empty.length > 0) {
      const label = (k: string) => textIn(template?.definition.fields.find((f) => f.key === k)?.labels, i18n.language);
      form.setFields(empty.map((k) => ({ name: valuePath(k), errors: [t("workflow.fields.required", { field: label(k) })] })));
      return;
    }
    setBusy(true);
    const values: Record<string, JsonValue> = {};
    for (const f of builtIns) values[f] = v[f] ?? null;
    for (const k of keys) values[`values.${k}`] = filled[k];
    try {
      onDone(await submit({ comment: (v.comment ?? "").trim() || null, values }));
    } catch (e) {
      if (appErrorOf(e).code === "conflict") {
        onConflict(e);
        return;
      }
      setFailure(placeCoreError(form, t, e, toPath));
    } finally {
      setBusy(false);
    }
  }

  const shownTemplate =
    template && keys.length > 0
      ? { ...template.definition, fields: template.definition.fields.filter((f) => keys.includes(f.key)) }
      : null;
  // The step requires them, whatever the template says of them elsewhere.
  const shownState: FormState | null = shownTemplate && {
    key: shownTemplate.key,
    version: order.template_version,
    fields: keys.map((key) => ({ key, visible: true, required: true, read_only: false, error: null })),
    valid: false,
  };

  return (
    <Modal
      open
      title={t("workflow.comment.title", { action: actionName, number: order.number })}
      okText={t("workflow.comment.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ "data-testid": "action-comment-ok" }}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="action-comment-error" />}
      <Form form={form} layout="vertical" preserve={false} onFinish={send} initialValues={initial}>
        {requiredFields.length > 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("workflow.fields.hint")} data-testid="step-fields-hint" />
        )}
        {builtIns.map((f) => (
          <Form.Item
            key={f}
            name={f}
            label={t(`fields.${f}`)}
            rules={[{ required: true, whitespace: true, message: t("workflow.fields.required", { field: t(`fields.${f}`) }) }]}
          >
            <BuiltInInput field={f} />
          </Form.Item>
        ))}
        {shownTemplate && <TemplateFields definition={shownTemplate} state={shownState} lang={i18n.language} />}
        {commentRequired || requiredFields.length === 0 ? (
          <Form.Item
            name="comment"
            label={t("workflow.comment.label")}
            rules={[{ required: true, whitespace: true, message: t("workflow.comment.required") }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount autoFocus placeholder={t("workflow.comment.placeholder")} data-testid="action-comment" />
          </Form.Item>
        ) : (
          <Form.Item name="comment" label={t("workflow.comment.optional")}>
            <Input.TextArea rows={2} maxLength={2000} showCount data-testid="action-comment" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
