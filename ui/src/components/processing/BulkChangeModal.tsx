// A bulk assign or bulk status change: the form, then a progress bar fed by the desktop's
// `bulk-progress` events while the core works through the orders one by one, then the result:
// how many were done and, for each refused order, the core's reason in the reader's language.
import { Alert, Button, Form, Input, List, Modal, Progress, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type BulkChange, type BulkReport } from "../../api";
import { errorMessage, messageOf } from "../../i18n/errors";
import { useDirectory } from "../../lib/directory";
import { useShellEvent } from "../../lib/shellEvents";
import { textIn } from "../template/names";
import { useBulkActions } from "./useBulkActions";

export type BulkMode = "assign" | "act";
type Progressed = { done: number; total: number };
type Values = { assignee?: string; action?: string; comment?: string };

const NOBODY = "none";

type Props = {
  mode: BulkMode;
  /** The selected orders' ids, with their numbers to name refused ones. */
  ids: string[];
  numberOf: (id: string) => string;
  /** `changed` when at least one order was changed. */
  onClose: (changed: boolean) => void;
};

export default function BulkChangeModal({ mode, ids, numberOf, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { directory } = useDirectory();
  const [form] = Form.useForm<Values>();
  const actions = useBulkActions(ids, mode === "act");
  const [progress, setProgress] = useState<Progressed | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const chosen = Form.useWatch("action", form);
  const needsComment = actions?.find((a) => a.action === chosen)?.comment_required ?? false;

  useShellEvent<Progressed>("bulk-progress", (p) => setProgress((now) => (now === null ? now : p)));

  async function run(v: Values) {
    const change: BulkChange =
      mode === "assign"
        ? { type: "assign", assignee_id: v.assignee && v.assignee !== NOBODY ? v.assignee : null }
        : { type: "act", action: v.action ?? "", comment: v.comment?.trim() ? v.comment.trim() : null };
    setFailure(null);
    setProgress({ done: 0, total: ids.length });
    try {
      setReport(await api.orderBulk(ids, change));
    } catch (e) {
      setFailure(messageOf(t, e));
    } finally {
      setProgress(null);
    }
  }

  const running = progress !== null;
  const title = t(mode === "assign" ? "bulk.assignTitle" : "bulk.actTitle", { n: ids.length });
  const footer = report ? (
    <Button type="primary" data-testid="bulk-close" onClick={() => onClose(report.done > 0)}>
      {t("bulk.close")}
    </Button>
  ) : (
    <Button type="primary" data-testid="bulk-run" loading={running} onClick={() => form.submit()}>
      {t("bulk.run")}
    </Button>
  );

  return (
    <Modal open title={title} footer={footer} onCancel={() => !running && onClose((report?.done ?? 0) > 0)} maskClosable={false}>
      {failure && <Alert type="error" showIcon message={failure} data-testid="bulk-error" style={{ marginBottom: 12 }} />}
      {running && (
        <div data-testid="bulk-progress" data-done={progress.done} data-total={progress.total}>
          <Progress percent={progress.total ? Math.round((progress.done * 100) / progress.total) : 0} />
          <Typography.Text type="secondary">{t("bulk.running", { done: progress.done, total: progress.total })}</Typography.Text>
        </div>
      )}
      {report && <BulkResult report={report} numberOf={numberOf} />}
      {!report && !running && (
        <Form form={form} layout="vertical" onFinish={(v) => void run(v)} initialValues={{ assignee: undefined }}>
          {mode === "assign" ? (
            <Form.Item name="assignee" label={t("bulk.assignee")} rules={[{ required: true, message: t("common.required") }]}>
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="bulk-assignee"
                options={[
                  { value: NOBODY, label: t("bulk.unassign") },
                  ...directory.users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.display_name })),
                ]}
              />
            </Form.Item>
          ) : (
            <>
              {actions?.length === 0 && <Alert type="info" showIcon message={t("bulk.noActions")} style={{ marginBottom: 12 }} />}
              <Form.Item name="action" label={t("bulk.action")} rules={[{ required: true, message: t("common.required") }]}>
                <Select
                  loading={actions === null}
                  data-testid="bulk-action"
                  options={(actions ?? []).map((a) => {
                    const name = textIn(a.names, i18n.language);
                    // An action only some of the orders offer says how many; the rest will refuse it.
                    const label = a.orders < ids.length ? t("bulk.offeredBy", { action: name, n: a.orders, total: ids.length }) : name;
                    return { value: a.action, label };
                  })}
                />
              </Form.Item>
              <Form.Item
                name="comment"
                label={t("bulk.comment")}
                rules={needsComment ? [{ required: true, whitespace: true, message: t("bulk.commentRequired") }] : []}
              >
                <Input.TextArea rows={3} data-testid="bulk-comment" />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}

function BulkResult({ report, numberOf }: { report: BulkReport; numberOf: (id: string) => string }) {
  const { t } = useTranslation();
  const refused = report.outcomes.filter((o) => o.error);
  return (
    <div data-testid="bulk-result" data-done={report.done} data-refused={report.refused}>
      <Alert
        type={report.refused === 0 ? "success" : "warning"}
        showIcon
        data-testid="bulk-summary"
        message={t("bulk.summary", { done: report.done, refused: report.refused })}
      />
      {refused.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t("bulk.refused")}</Typography.Text>}
          dataSource={refused}
          renderItem={(o) => (
            <List.Item data-testid="bulk-refused" data-order={o.order}>
              <Typography.Text code>{numberOf(o.order)}</Typography.Text>
              <Typography.Text>{o.error ? errorMessage(t, o.error) : ""}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
