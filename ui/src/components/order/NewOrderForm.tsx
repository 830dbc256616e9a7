// A new order: the fixed fields plus the custom fields of the `general` template. The core checks
// everything; its refusal lands on the field it names or above the form.
import { Alert, Divider, Form, Input, Modal, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type NewOrder, type TemplateInfo, type WorkOrder } from "../../api";
import { fieldLabel, messageOf } from "../../i18n/errors";
import { clearCoreErrors, placeCoreError, type FieldPath } from "../../lib/coreErrors";
import { useDirectory } from "../../lib/directory";
import { PRIORITIES } from "../../lib/keys";

export const TEMPLATE_KEY = "general";
const SOURCE = "desktop";

type NewOrderValues = {
  title?: string;
  description?: string;
  priority?: string;
  department_id?: string;
  customer_id?: string;
  address?: string;
  values?: Record<string, string | undefined>;
};

const PLAIN_FIELDS = ["title", "description", "priority", "department_id", "customer_id"];

/** Where the core's `error.field` shows in this form. */
function fieldPath(template: TemplateInfo | null) {
  return (field: string): FieldPath | null => {
    if (PLAIN_FIELDS.includes(field)) return field;
    if (field === "address" || field === "location") return "address";
    const key = field.startsWith("values.") ? field.slice("values.".length) : field;
    return template?.fields.some((f) => f.key === key) ? ["values", key] : null;
  };
}

type Props = { open: boolean; onCancel: () => void; onCreated: (order: WorkOrder) => void };

export default function NewOrderForm({ open, onCancel, onCreated }: Props) {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  const [form] = Form.useForm<NewOrderValues>();
  const [template, setTemplate] = useState<TemplateInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!open || template) return;
    api.templateGet(TEMPLATE_KEY).then(setTemplate, (e: unknown) => setFailure(messageOf(t, e)));
  }, [open, template, t]);

  async function submit(v: NewOrderValues) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(v.values ?? {})) {
      if (value !== undefined && value !== "") values[key] = value;
    }
    const input: NewOrder = {
      title: v.title ?? "",
      description: v.description ? v.description : null,
      priority: v.priority ?? null,
      template_key: TEMPLATE_KEY,
      values,
      department_id: v.department_id ?? null,
      customer_id: v.customer_id ?? null,
      catalog_item_id: null,
      location: v.address ? { address: v.address, lat: null, lon: null } : null,
      source: SOURCE,
    };
    try {
      const order = await api.orderCreate(input);
      form.resetFields();
      onCreated(order);
    } catch (e) {
      setFailure(placeCoreError(form, t, e, fieldPath(template)));
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
      width={640}
      forceRender
      okButtonProps={{ "data-testid": "new-order-submit" }}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="new-order-error" />}
      <Form form={form} layout="vertical" initialValues={{ priority: "P3" }} onFinish={submit}>
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
        {template && template.fields.length > 0 && (
          <>
            <Divider plain orientation="left">
              {t("newOrder.templateFields")}
            </Divider>
            {template.fields.map((field) => (
              <Form.Item key={field.key} name={["values", field.key]} label={fieldLabel(t, `values.${field.key}`)}>
                <Input maxLength={field.max_length} data-testid={`new-order-value-${field.key}`} />
              </Form.Item>
            ))}
          </>
        )}
      </Form>
    </Modal>
  );
}
