// Editing title, description and priority. Only changed fields are sent, with the version read.
import { Alert, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type JsonValue, type WorkOrder } from "../../api";
import { placeCoreError, sameNames } from "../../lib/coreErrors";
import { PRIORITIES } from "../../lib/keys";

type EditValues = { title: string; description: string; priority: string };
const EDITABLE = ["title", "description", "priority"] as const;

type Props = {
  order: WorkOrder;
  open: boolean;
  onCancel: () => void;
  onSaved: (order: WorkOrder) => void;
  onConflict: (e: unknown) => void;
};

export default function OrderEditForm({ order, open, onCancel, onSaved, onConflict }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(values: EditValues) {
    const set: Record<string, JsonValue> = {};
    for (const key of EDITABLE) {
      if (values[key] !== order[key]) set[key] = values[key];
    }
    if (Object.keys(set).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      onSaved(await api.orderUpdate(order.id, { version: order.version, set }));
    } catch (e) {
      if (appErrorOf(e).code === "conflict") onConflict(e);
      else setFailure(placeCoreError(form, t, e, sameNames(EDITABLE)));
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
      okButtonProps={{ "data-testid": "order-edit-submit" }}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ title: order.title, description: order.description, priority: order.priority }}
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
      </Form>
    </Modal>
  );
}
