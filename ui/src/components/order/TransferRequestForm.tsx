// A cross-department transfer request (申请转单): target department, optionally a template to
// convert to, and the reason. The order then waits in pending transfer until a reviewer of the
// target department approves or rejects; the core's refusal lands on the field it names.
import { Alert, Form, Input, Modal, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type WorkOrder } from "../../api";
import { clearCoreErrors, placeCoreError, type FieldPath } from "../../lib/coreErrors";
import { useDirectory } from "../../lib/directory";
import { textIn } from "../template/names";
import { useTemplateList } from "../template/useTemplate";

type Values = { department_id?: string; template_key?: string | null; reason?: string };

type Props = {
  order: WorkOrder;
  onClose: () => void;
  onDone: (order: WorkOrder) => void;
  onConflict: (e: unknown) => void;
};

// The reason is the move's comment: a "comment required" refusal belongs on it.
function fieldOf(field: string): FieldPath | null {
  if (field === "comment") return "reason";
  return ["department_id", "template_key", "reason"].includes(field) ? field : null;
}

export default function TransferRequestForm({ order, onClose, onDone, onConflict }: Props) {
  const { t, i18n } = useTranslation();
  const { directory, reload } = useDirectory();
  const { list: templates } = useTemplateList(true);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // Departments added since sign-in (by another desktop or the CLI) are offered too.
  useEffect(() => {
    void reload();
  }, [reload]);

  async function send(v: Values) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      const saved = await api.orderTransfer(order.id, {
        version: order.version,
        department_id: v.department_id ?? "",
        template_key: v.template_key ?? null,
        reason: (v.reason ?? "").trim(),
      });
      onDone(saved);
    } catch (e) {
      if (appErrorOf(e).code === "conflict") {
        onConflict(e);
        return;
      }
      setFailure(placeCoreError(form, t, e, fieldOf));
    } finally {
      setBusy(false);
    }
  }

  const departments = directory.departments
    .filter((d) => d.id !== order.department_id)
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <Modal
      open
      title={t("workflow.transfer.title", { number: order.number })}
      okText={t("workflow.transfer.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ "data-testid": "transfer-ok" }}
    >
      <Typography.Paragraph type="secondary">{t("workflow.transfer.hint")}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="transfer-error" />}
      <Form form={form} layout="vertical" preserve={false} onFinish={send}>
        <Form.Item
          name="department_id"
          label={t("workflow.transfer.department")}
          rules={[{ required: true, message: t("workflow.transfer.departmentRequired") }]}
        >
          <Select showSearch optionFilterProp="label" data-testid="transfer-department" options={departments} />
        </Form.Item>
        <Form.Item name="template_key" label={t("workflow.transfer.template")}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={templates === null}
            data-testid="transfer-template"
            options={(templates ?? [])
              .filter((s) => s.key !== order.template_key)
              .map((s) => ({ value: s.key, label: textIn(s.names, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("workflow.transfer.reason")}
          rules={[{ required: true, whitespace: true, message: t("workflow.transfer.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="transfer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
