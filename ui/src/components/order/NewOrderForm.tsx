// A new order: the fixed fields plus the chosen template's fields (default `general`). The core
// decides which template fields show and what is wrong; a save it would refuse is not sent, and
// its refusal lands on the field it names or above the form.
import { Alert, Form, Input, Modal, Select, Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type NewOrder, type WorkOrder } from "../../api";
import { messageOf } from "../../i18n/errors";
import { clearCoreErrors, placeCoreError, type FieldPath } from "../../lib/coreErrors";
import { useDirectory } from "../../lib/directory";
import { PRIORITIES } from "../../lib/keys";
import { placeFormState, templateFieldPath } from "../template/formErrors";
import { cleanValues } from "../template/formValues";
import { textIn } from "../template/names";
import TemplateFields from "../template/TemplateFields";
import { useFormState } from "../template/useFormState";
import { useTemplate, useTemplateList } from "../template/useTemplate";

export const TEMPLATE_KEY = "general";
const SOURCE = "desktop";

type NewOrderValues = {
  title?: string;
  description?: string;
  priority?: string;
  department_id?: string;
  customer_id?: string;
  address?: string;
  values?: Record<string, unknown>;
};

const PLAIN_FIELDS = ["title", "description", "priority", "department_id", "customer_id"];

/** Where the core's `error.field` shows in this form. */
function fieldPath(templateKeys: readonly string[]) {
  const ofTemplate = templateFieldPath(templateKeys);
  return (field: string): FieldPath | null => {
    if (PLAIN_FIELDS.includes(field)) return field;
    if (field === "address" || field === "location") return "address";
    return field.startsWith("values.") ? ofTemplate(field) : null;
  };
}

function orderInput(v: NewOrderValues, templateKey: string): NewOrder {
  return {
    title: v.title ?? "",
    description: v.description ? v.description : null,
    priority: v.priority ?? null,
    template_key: templateKey,
    values: cleanValues(v.values),
    department_id: v.department_id ?? null,
    customer_id: v.customer_id ?? null,
    catalog_item_id: null,
    location: v.address ? { address: v.address, lat: null, lon: null } : null,
    source: SOURCE,
  };
}

type Props = { open: boolean; onCancel: () => void; onCreated: (order: WorkOrder) => void };

export default function NewOrderForm({ open, onCancel, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const { directory } = useDirectory();
  const [form] = Form.useForm<NewOrderValues>();
  const [templateKey, setTemplateKey] = useState(TEMPLATE_KEY);
  const { list, error: listError } = useTemplateList(open);
  const { template, error: templateError } = useTemplate(open ? templateKey : null, null);
  const watched = Form.useWatch("values", form);
  const state = useFormState(template ? template.key : null, template?.version ?? null, watched);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const loadError = listError ?? templateError;

  // A newly chosen template starts from its defaults and its default priority.
  useEffect(() => {
    if (!template) return;
    const defaults: Record<string, unknown> = {};
    for (const f of template.definition.fields) if (f.default !== undefined && f.default !== null) defaults[f.key] = f.default;
    form.setFieldValue("values", defaults);
    if (template.definition.default_priority && !form.isFieldTouched("priority")) {
      form.setFieldValue("priority", template.definition.default_priority);
    }
  }, [template, form]);

  async function submit(v: NewOrderValues) {
    if (!template) return;
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    const input = orderInput(v, template.key);
    try {
      // Asked afresh: the debounced state may lag the last keystroke.
      const verdict = await api.templateFormState(template.key, template.version, input.values ?? {});
      if (placeFormState(form, t, verdict) > 0) return;
      const order = await api.orderCreate(input);
      form.resetFields();
      setTemplateKey(TEMPLATE_KEY);
      onCreated(order);
    } catch (e) {
      setFailure(placeCoreError(form, t, e, fieldPath(template.definition.fields.map((f) => f.key))));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t("newOrder.title")}
      okText={t("newOrder.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => {
        setFailure(null);
        onCancel();
      }}
      width={720}
      forceRender
      okButtonProps={{ "data-testid": "new-order-submit", disabled: !template }}
    >
      {(failure || loadError !== null) && (
        <Alert
          type="error"
          showIcon
          message={failure ?? messageOf(t, loadError)}
          style={{ marginBottom: 16 }}
          data-testid="new-order-error"
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ priority: "P3" }} onFinish={submit}>
        <Form.Item label={t("templateForm.template")}>
          <Select
            data-testid="new-order-template"
            value={templateKey}
            loading={list === null && listError === null}
            showSearch
            optionFilterProp="label"
            onChange={(key: string) => {
              clearCoreErrors(form);
              setTemplateKey(key);
            }}
            options={(list ?? []).map((s) => ({ value: s.key, label: textIn(s.names, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t("fields.title")}>
          <Input data-testid="new-order-title" autoFocus />
        </Form.Item>
        <Form.Item name="description" label={t("fields.description")}>
          <Input.TextArea rows={4} data-testid="new-order-description" />
        </Form.Item>
        <Form.Item name="priority" label={t("fields.priority")}>
          <Select
            data-testid="new-order-priority"
            options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="department_id" label={t("fields.department_id")}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={directory.departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="customer_id" label={t("newOrder.customer")}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={directory.customers.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="address" label={t("fields.address")}>
          <Input data-testid="new-order-address" />
        </Form.Item>
        {open && !template && loadError === null && <Spin />}
        {template && <TemplateFields definition={template.definition} state={state} lang={i18n.language} />}
      </Form>
    </Modal>
  );
}
