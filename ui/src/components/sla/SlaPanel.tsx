// The order's SLA, explained: which policy and calendar apply, when response and resolution are
// due and whether they were met, how much business time has counted, and the clock's timeline.
// The Urge (催单) button lives here because urging is about the promised times.
import { BellOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Flex, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type OrderSla, type WorkOrder } from "../../api";
import { messageOf } from "../../i18n/errors";
import { useFormat } from "../../i18n/format";
import { useOrderSla } from "../../lib/useOrderSla";
import SlaTimeline from "./SlaTimeline";

type TargetState = "met" | "breached" | "running" | "paused";

const STATE_COLOURS: Record<TargetState, string> = { met: "green", breached: "red", running: "processing", paused: "gold" };

/** Only what the core said: breached, met (done before due), no due time (clock stopped), else running. */
function targetState(breached: boolean, done: boolean, due: number | null): TargetState {
  if (breached) return "breached";
  if (done) return "met";
  if (due === null) return "paused";
  return "running";
}

function DueCell({ target, state, due, minutes }: { target: string; state: TargetState; due: number | null; minutes: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Space wrap size={4} data-testid={`sla-${target}`} data-state={state}>
      <Tag color={STATE_COLOURS[state]}>{t(`sla.state.${state}`)}</Tag>
      <Typography.Text>{due === null ? t("sla.noDue") : format.dateTime(due)}</Typography.Text>
      <Typography.Text type="secondary">{t("sla.targetOf", { duration: format.duration(minutes) })}</Typography.Text>
    </Space>
  );
}

function SlaFacts({ sla, order }: { sla: OrderSla; order: WorkOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const response = targetState(sla.response_breached, sla.first_response_at !== null, sla.response_due);
  const resolution = targetState(sla.resolution_breached, order.resolved_at !== null, sla.resolution_due);
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t("sla.policy")}>
          <span data-testid="sla-policy">{sla.policy_name}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("sla.calendar")}>
          <span data-testid="sla-calendar">{sla.calendar_name}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("sla.response")} span={2}>
          <DueCell target="response" state={response} due={sla.response_due} minutes={sla.response_target_minutes} />
        </Descriptions.Item>
        <Descriptions.Item label={t("sla.resolution")} span={2}>
          <DueCell target="resolution" state={resolution} due={sla.resolution_due} minutes={sla.resolution_target_minutes} />
        </Descriptions.Item>
        <Descriptions.Item label={t("sla.counted")}>
          <span data-testid="sla-counted">{format.duration(sla.counted_minutes)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("sla.alertsSent")}>{format.number(sla.alerts_sent)}</Descriptions.Item>
      </Descriptions>
      <SlaTimeline spans={sla.timeline} />
    </Flex>
  );
}

type Props = { order: WorkOrder; onUrged: (order: WorkOrder) => void; onFailed: (e: unknown) => void };

export default function SlaPanel({ order, onUrged, onFailed }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { sla, error, loaded } = useOrderSla(order);
  const [urging, setUrging] = useState(false);

  async function urge() {
    setUrging(true);
    try {
      onUrged(await api.orderUrge(order.id));
    } catch (e) {
      onFailed(e);
    } finally {
      setUrging(false);
    }
  }

  return (
    <Card
      size="small"
      title={t("sla.title")}
      data-testid="sla-panel"
      extra={
        <Button size="small" icon={<BellOutlined />} loading={urging} onClick={() => void urge()} data-testid="order-urge">
          {t("sla.urge", { n: format.number(order.urge_count) })}
        </Button>
      }
    >
      {!loaded && <Spin size="small" />}
      {loaded && error !== null && <Alert type="warning" showIcon message={messageOf(t, error)} />}
      {loaded && error === null && sla === null && <Typography.Text type="secondary">{t("sla.none")}</Typography.Text>}
      {sla && <SlaFacts sla={sla} order={order} />}
    </Card>
  );
}
