// The comment a workflow step asks for (suspend, resume, reopen, cancel, reject a transfer):
// the core refuses those moves without one, so the modal asks first and the core's own refusal
// still lands on the comment field when it names it.
import { Alert, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { appErrorOf, type WorkOrder } from "../../api";
import { clearCoreErrors, placeCoreError, sameNames } from "../../lib/coreErrors";

type Values = { comment?: string };

type Props = {
  /** The action's name in the UI language. */
  actionName: string;
  order: WorkOrder;
  /** Takes the step with the comment typed. */
  submit: (comment: string) => Promise<WorkOrder>;
  onClose: () => void;
  onDone: (order: WorkOrder) => void;
  onConflict: (e: unknown) => void;
};

export default function ActionCommentForm({ actionName, order, submit, onClose, onDone, onConflict }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function send(v: Values) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      onDone(await submit((v.comment ?? "").trim()));
    } catch (e) {
      if (appErrorOf(e).code === "conflict") {
        onConflict(e);
        return;
      }
      setFailure(placeCoreError(form, t, e, sameNames(["comment"])));
    } finally {
      setBusy(false);
    }
  }

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
      <Form form={form} layout="vertical" preserve={false} onFinish={send}>
        <Form.Item
          name="comment"
          label={t("workflow.comment.label")}
          rules={[{ required: true, whitespace: true, message: t("workflow.comment.required") }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            autoFocus
            placeholder={t("workflow.comment.placeholder")}
            data-testid="action-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
