// Reassign (改派) to another person, or transfer (转单) to another department's queue, always
// with a reason: the core keeps the reason in the history and tells the new assignee. Its
// refusal lands on the field it names.
import { Alert, Form, Input, Modal, Radio, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type WorkOrder } from "../../api";
import { clearCoreErrors, placeCoreError, sameNames } from "../../lib/coreErrors";
import { useDirectory } from "../../lib/directory";

type Mode = "reassign" | "transfer";
type Values = { mode?: Mode; assignee_id?: string | null; department_id?: string | null; reason?: string };

type Props = {
  order: WorkOrder;
  open: boolean;
  onClose: () => void;
  onSaved: (order: WorkOrder) => void;
  onConflict: (e: unknown) => void;
};

export default function HandoverForm({ order, open, onClose, onSaved, onConflict }: Props) {
  const { t } = useTranslation();
  const { directory, reload } = useDirectory();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch("mode", form) ?? "reassign";
  const department = Form.useWatch("department_id", form);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // People and departments added since sign-in (by another desktop or the CLI) are offered too.
  useEffect(() => {
    if (open) void reload();
  }, [open, reload]);

  async function submit(v: Values) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      const saved = await api.orderHandOver({
        order_id: order.id,
        version: order.version,
        assignee_id: v.assignee_id ?? null,
        department_id: v.mode === "transfer" ? (v.department_id ?? null) : null,
        reason: v.reason ?? "",
      });
      onSaved(saved);
    } catch (e) {
      if (appErrorOf(e).code === "conflict") {
        onConflict(e);
        return;
      }
      setFailure(placeCoreError(form, t, e, sameNames(["assignee_id", "department_id", "reason"])));
    } finally {
      setBusy(false);
    }
  }

  // A transfer offers the people of the chosen department; a reassignment anyone active.
  const people = directory.users
    .filter((u) => u.active && u.id !== order.assignee_id)
    .filter((u) => mode !== "transfer" || !department || u.department_id === department)
    .map((u) => ({ value: u.id, label: `${u.display_name} (${u.login})` }));

  return (
    <Modal
      open={open}
      title={t("handover.title", { number: order.number })}
      okText={t(`handover.submit.${mode}`)}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ "data-testid": "handover-submit" }}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="handover-error" />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ mode: "reassign" }} onFinish={submit}>
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            data-testid="handover-mode"
            options={[
              { value: "reassign", label: t("handover.mode.reassign") },
              { value: "transfer", label: t("handover.mode.transfer") },
            ]}
          />
        </Form.Item>
        {mode === "transfer" && (
          <Form.Item name="department_id" label={t("handover.toDepartment")}>
            <Select
              data-testid="handover-department"
              options={directory.departments.filter((d) => d.id !== order.department_id).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="assignee_id"
          label={mode === "transfer" ? t("handover.toPersonOptional") : t("handover.toPerson")}
        >
          <Select allowClear showSearch optionFilterProp="label" data-testid="handover-assignee" options={people} />
        </Form.Item>
        <Form.Item name="reason" label={t("fields.reason")}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="handover-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
