// The workflow's actions the signed-in person may take on the order now, one button each, named
// by the workflow in the UI language. The core decides what is offered and refuses what is not
// allowed; the UI only asks first for what a step needs (a comment, a transfer's target).
import { Alert, Button, Space, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type AvailableAction, type WorkOrder } from "../../api";
import { messageOf } from "../../i18n/errors";
import { textIn } from "../template/names";
import ActionStepForm, { type StepInput } from "./ActionStepForm";
import TransferRequestForm from "./TransferRequestForm";

// The default workflow's review decisions on a pending transfer (the core's transfer.rs).
const APPROVE = "approve_transfer";
const REJECT = "reject_transfer";

type Props = {
  order: WorkOrder;
  onChanged: (order: WorkOrder) => void;
  onFailed: (e: unknown) => void;
};

type Loaded = { of: string; actions: AvailableAction[] | null; error: unknown };

/** The actions for this version of the order, read again whenever the order changes. */
function useAvailableActions(order: WorkOrder): Loaded {
  const of = `${order.id}@${order.version}`;
  const [loaded, setLoaded] = useState<Loaded>({ of: "", actions: null, error: null });
  useEffect(() => {
    let current = true;
    api.orderActions(order.id).then(
      (actions) => current && setLoaded({ of, actions, error: null }),
      (error: unknown) => current && setLoaded({ of, actions: null, error }),
    );
    return () => {
      current = false;
    };
  }, [order.id, of]);
  // Until the answer for this version arrives, the previous order's buttons are not offered.
  return loaded.of === of ? loaded : { of, actions: null, error: null };
}

const isReview = (a: AvailableAction) => a.action === APPROVE || a.action === REJECT;
// A step with a review is a transfer request: the core wants a target department with it.
const isTransferRequest = (a: AvailableAction) => a.review;
const needsComment = (a: AvailableAction) => a.comment_required || a.action === REJECT;
// A step that requires fields asks for them (prefilled) before it is sent.
const asksFirst = (a: AvailableAction) => needsComment(a) || a.requires_fields.length > 0;

export default function WorkflowActions({ order, onChanged, onFailed }: Props) {
  const { t, i18n } = useTranslation();
  const { actions, error } = useAvailableActions(order);
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<AvailableAction | null>(null);

  /** Takes the step with what was asked for (nothing when the step needs nothing). */
  function take(a: AvailableAction, step: StepInput | null): Promise<WorkOrder> {
    const comment = step?.comment ?? null;
    if (isReview(a)) return api.orderReview(order.id, a.action === APPROVE, comment);
    const input = { comment, values: step?.values ?? {}, reason: null, department_id: null, template_key: null };
    return api.orderAct(order.id, order.version, a.action, input);
  }

  async function click(a: AvailableAction) {
    if (isTransferRequest(a) || asksFirst(a)) {
      setAsking(a);
      return;
    }
    setBusy(a.action);
    try {
      onChanged(await take(a, null));
    } catch (e) {
      onFailed(e);
    } finally {
      setBusy(null);
    }
  }

  function finished(changed: WorkOrder) {
    setAsking(null);
    onChanged(changed);
  }

  function conflicted(e: unknown) {
    setAsking(null);
    onFailed(e);
  }

  return (
    <>
      <Space wrap data-testid="status-actions">
        <Typography.Text strong>{t("detail.changeStatus")}</Typography.Text>
        {actions === null && error === null && <Spin size="small" />}
        {error !== null && (
          <Alert type="warning" showIcon message={t("workflow.loadFailed", { message: messageOf(t, error) })} data-testid="actions-error" />
        )}
        {actions?.length === 0 && <Typography.Text type="secondary">{t("workflow.noActions")}</Typography.Text>}
        {actions?.map((a) => (
          <Button
            key={a.action}
            size="small"
            data-testid={`action:${a.action}`}
            data-to={a.to}
            loading={busy === a.action}
            disabled={busy !== null}
            onClick={() => void click(a)}
          >
            {textIn(a.names, i18n.language)}
          </Button>
        ))}
      </Space>
      {asking && isTransferRequest(asking) && (
        <TransferRequestForm order={order} onClose={() => setAsking(null)} onDone={finished} onConflict={conflicted} />
      )}
      {asking && !isTransferRequest(asking) && (
        <ActionStepForm
          actionName={textIn(asking.names, i18n.language)}
          order={order}
          commentRequired={needsComment(asking)}
          requiredFields={asking.requires_fields}
          submit={(step) => take(asking, step)}
          onClose={() => setAsking(null)}
          onDone={finished}
          onConflict={conflicted}
        />
      )}
    </>
  );
}
