// A new order: the fixed fields plus the chosen template's fields (default `general`). The core
// decides which template fields show and what is wrong; a save it would refuse is not sent, and
// its refusal lands on the field it names or above the form.
import { Alert, Form, Modal, Spin } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type NewOrder, type WorkOrder } from "../../api";
import { messageOf } from "../../i18n/errors";
import { clearCoreErrors, placeCoreError, type FieldPath } from "../../lib/coreErrors";
import { placeFormState, templateFieldPath } from "../template/formErrors";
import { cleanValues } from "../template/formValues";
import TemplateFields from "../template/TemplateFields";
import TemplatePicker from "../template/TemplatePicker";
import { useFormState } from "../template/useFormState";
import { useTemplate, useTemplateDefaults, useTemplateList } from "../template/useTemplate";
import NewOrderBasics from "./NewOrderBasics";

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
  const [form] = Form.useForm<NewOrderValues>();
  const [templateKey, setTemplateKey] = useState(TEMPLATE_KEY);
  const { list, error: listError } = useTemplateList(open);
  const { template, error: templateError } = useTemplate(open ? templateKey : null, null);
  const watched = Form.useWatch("values", form);
  const state = useFormState(template ? template.key : null, template?.version ?? null, watched);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const loadError = listError ?? templateError;

  useTemplateDefaults(form, template);

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
          <TemplatePicker
            testId="new-order-template"
            templates={list}
            value={templateKey}
            onChange={(key) => {
              clearCoreErrors(form);
              setTemplateKey(key);
            }}
          />
        </Form.Item>
        <NewOrderBasics />
        {open && !template && loadError === null && <Spin />}
        {template && <TemplateFields definition={template.definition} state={state} lang={i18n.language} />}
      </Form>
    </Modal>
  );
}
