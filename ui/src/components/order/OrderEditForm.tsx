// Editing title, description, priority and the order's template values, rendered from its own
// template version. Only changed fields are sent, with the version read; a save the core's form
// state refuses is not sent.
import { Alert, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type JsonValue, type StoredTemplate, type WorkOrder } from "../../api";
import { clearCoreErrors, placeCoreError, type FieldPath } from "../../lib/coreErrors";
import { PRIORITIES } from "../../lib/keys";
import { splitValues } from "../template/conversion";
import { placeFormState, templateFieldPath } from "../template/formErrors";
import { cleanValues } from "../template/formValues";
import TemplateFields from "../template/TemplateFields";
import { useFormState } from "../template/useFormState";
import { useTemplate } from "../template/useTemplate";

type EditValues = { title: string; description: string; priority: string; values?: Record<string, unknown> };
const EDITABLE = ["title", "description", "priority"] as const;

/** The update's `set`: changed columns, and changed template values as `values.KEY` (null clears). */
function changes(order: WorkOrder, edited: EditValues, template: StoredTemplate | null): Record<string, JsonValue> {
  const set: Record<string, JsonValue> = {};
  for (const key of EDITABLE) {
    if (edited[key] !== order[key]) set[key] = edited[key];
  }
  if (!template) return set;
  const before = splitValues(order.values).own;
  const after = cleanValues(edited.values);
  for (const { key } of template.definition.fields) {
    const next = after[key] ?? null;
    if (JSON.stringify(next) !== JSON.stringify(before[key] ?? null)) set[`values.${key}`] = next;
  }
  return set;
}

type Props = {
  order: WorkOrder;
  open: boolean;
  onCancel: () => void;
  onSaved: (order: WorkOrder) => void;
  onConflict: (e: unknown) => void;
};

export default function OrderEditForm({ order, open, onCancel, onSaved, onConflict }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { template } = useTemplate(open ? order.template_key : null, order.template_version);
  const watched = Form.useWatch("values", form);
  const state = useFormState(template ? order.template_key : null, order.template_version, watched);
  const templateKeys = template?.definition.fields.map((f) => f.key) ?? [];
  const toPath = (field: string): FieldPath | null =>
    (EDITABLE as readonly string[]).includes(field) ? field : templateFieldPath(templateKeys)(field);

  async function submit(values: EditValues) {
    const set = changes(order, values, template);
    if (Object.keys(set).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      if (template) {
        const verdict = await api.templateFormState(order.template_key, order.template_version, cleanValues(values.values));
        if (placeFormState(form, t, verdict) > 0) return;
      }
      onSaved(await api.orderUpdate(order.id, { version: order.version, set }));
    } catch (e) {
      if (appErrorOf(e).code === "conflict") onConflict(e);
      else setFailure(placeCoreError(form, t, e, toPath));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t("detail.editOrder")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      width={720}
      okButtonProps={{ "data-testid": "order-edit-submit" }}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          title: order.title,
          description: order.description,
          priority: order.priority,
          values: splitValues(order.values).own,
        }}
        onFinish={submit}
      >
        <Form.Item name="title" label={t("fields.title")}>
          <Input data-testid="order-edit-title" />
        </Form.Item>
        <Form.Item name="description" label={t("fields.description")}>
          <Input.TextArea rows={5} data-testid="order-edit-description" />
        </Form.Item>
        <Form.Item name="priority" label={t("fields.priority")}>
          <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
        </Form.Item>
        {template && <TemplateFields definition={template.definition} state={state} lang={i18n.language} />}
      </Form>
    </Modal>
  );
}
