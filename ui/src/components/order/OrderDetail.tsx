// The detail drawer of one order: header with the reader's marks, actions, fields, history,
// comments, collaborators and links. Every change goes to the core, then the order is read again
// so history and next statuses are the core's.
import { Alert, App, Button, Drawer, Flex, Result, Space, Spin, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type OrderProcessing, type WorkOrder } from "../../api";
import { errorMessage, messageOf } from "../../i18n/errors";
import type { MarkKey } from "../../lib/processing";
import { useOrderDetail } from "../../lib/useOrderDetail";
import { useOrderProcessing } from "../../lib/useOrderProcessing";
import MarkToggles from "../processing/MarkToggles";
import ProcessingPanel from "../processing/ProcessingPanel";
import SlaPanel from "../sla/SlaPanel";
import TemplateValues from "../template/TemplateValues";
import { useTemplate } from "../template/useTemplate";
import OrderActions from "./OrderActions";
import OrderComments from "./OrderComments";
import OrderFields from "./OrderFields";
import OrderHistory from "./OrderHistory";
import { PriorityTag, StatusTag } from "./tags";

type Props = {
  idOrNumber: string | null;
  onClose: () => void;
  onChanged: (order: WorkOrder) => void;
  /** Opens another order (a linked one) in this drawer. */
  onOpenOrder?: (idOrNumber: string) => void;
  /** Told the reader's marks and the order's collaborators and links whenever they are read. */
  onProcessing?: (processing: OrderProcessing) => void;
};

export default function OrderDetail({ idOrNumber, onClose, onChanged, onOpenOrder, onProcessing }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { detail, error, loading, reload } = useOrderDetail(idOrNumber);
  const { template } = useTemplate(detail?.order.template_key ?? null, detail?.order.template_version ?? null);
  const [failure, setFailure] = useState<unknown>(null);
  const processing = useOrderProcessing(detail, onProcessing);

  function changed(order: WorkOrder, note?: string) {
    setFailure(null);
    onChanged(order);
    reload();
    if (note) void message.success(note);
  }

  function failed(e: unknown) {
    setFailure(e);
  }

  async function toggleMark(mark: MarkKey, on: boolean) {
    const now = processing.processing;
    if (!now) return;
    // Shown at once; the core's answer (or its refusal) decides.
    processing.set(mark === "star" ? { ...now, starred: on } : { ...now, important: on });
    try {
      processing.set(await api.orderMark(now.order_id, mark, on));
    } catch (e) {
      processing.set(now);
      setFailure(e);
    }
  }

  function processingChanged(p: OrderProcessing) {
    processing.set(p);
    reload();
  }

  function reloadAfterConflict() {
    setFailure(null);
    reload();
  }

  const refusal = failure === null ? null : appErrorOf(failure);
  const order = detail?.order;

  return (
    <Drawer
      open={idOrNumber !== null}
      onClose={() => {
        setFailure(null);
        onClose();
      }}
      width={720}
      destroyOnHidden
      title={order ? t("detail.title", { number: order.number }) : t("app.loading")}
      extra={
        <Button onClick={reload} loading={loading}>
          {t("common.reload")}
        </Button>
      }
    >
      <div data-testid="order-detail" data-number={order?.number ?? ""}>
        {!detail && loading && <Spin />}
        {error !== null && !detail && <Result status="warning" title={t("detail.notFound")} subTitle={messageOf(t, error)} />}
        {detail && order && (
          <Flex vertical gap={16}>
            <div>
              <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="order-detail-title">
                {order.title}
              </Typography.Title>
              <Space>
                <span data-testid="detail-marks">
                  <MarkToggles
                    marks={processing.processing}
                    size="middle"
                    onToggle={(mark, on) => void toggleMark(mark, on)}
                  />
                </span>
                <Typography.Text code>{order.number}</Typography.Text>
                <StatusTag status={order.status} />
                <PriorityTag priority={order.priority} />
              </Space>
            </div>
            {refusal && (
              <Alert
                type={refusal.code === "conflict" ? "warning" : "error"}
                showIcon
                data-testid="order-detail-error"
                message={errorMessage(t, refusal)}
                action={
                  refusal.code === "conflict" ? (
                    <Button size="small" onClick={reloadAfterConflict} data-testid="conflict-reload">
                      {t("detail.conflictReload")}
                    </Button>
                  ) : undefined
                }
                closable
                onClose={() => setFailure(null)}
              />
            )}
            <OrderActions detail={detail} onChanged={changed} onFailed={failed} />
            <SlaPanel
              order={order}
              onUrged={(urged) => changed(urged, t("sla.urged", { number: urged.number }))}
              onFailed={failed}
            />
            <Tabs
              items={[
                {
                  key: "fields",
                  label: t("detail.fields"),
                  children: (
                    <Flex vertical gap={16}>
                      <OrderFields order={order} />
                      <TemplateValues order={order} history={detail.history} />
                    </Flex>
                  ),
                },
                {
                  key: "history",
                  label: t("detail.history"),
                  children: <OrderHistory events={detail.history} template={template?.definition} />,
                },
                {
                  key: "comments",
                  label: `${t("detail.comments")} (${detail.comments.length})`,
                  children: (
                    <OrderComments
                      orderId={order.id}
                      comments={detail.comments}
                      onAdded={() => {
                        setFailure(null);
                        reload();
                      }}
                      onFailed={failed}
                    />
                  ),
                },
                {
                  key: "processing",
                  label: t("detail.processing"),
                  children: (
                    <ProcessingPanel
                      processing={processing.processing}
                      error={processing.error}
                      onChanged={processingChanged}
                      onOpenOrder={onOpenOrder}
                    />
                  ),
                },
              ]}
            />
          </Flex>
        )}
      </div>
    </Drawer>
  );
}
