// The dry run: every active trigger, in order, against an existing order (by its number), as if
// it were created or updated now. Shows which triggers fire, what each would do and change, and
// a loop the core stopped — nothing is written.
import { ExperimentOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Flex, Input, Segmented, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Trigger, type TriggerEvent, type TriggerPlan } from "../../../api";
import { fieldLabel, messageOf } from "../../../i18n/errors";
import { localName } from "../workflows/workflowGraph";
import { actionText, valueText, type Lookup } from "./triggerText";

type Props = { triggers: Trigger[]; lookup: Lookup };

export default function DryRunPanel({ triggers, lookup }: Props) {
  const { t, i18n } = useTranslation();
  const [order, setOrder] = useState("");
  const [event, setEvent] = useState<TriggerEvent>("create");
  const [plan, setPlan] = useState<TriggerPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const nameOf = (key: string) => {
    const found = triggers.find((x) => x.key === key);
    return found ? localName(found.names, i18n.language) : key;
  };
  const shown = (field: string) => {
    const value = plan?.result[field];
    if (value === null || value === undefined || value === "") return "—";
    if (Array.isArray(value)) return value.map((v) => lookup.user(String(v))).join(", ");
    return valueText(t, lookup, field, String(value));
  };

  async function run() {
    const number = order.trim();
    if (number === "") {
      setError(t("triggers.dryRun.orderRequired"));
      return;
    }
    setRunning(true);
    try {
      setPlan(await api.triggersDryRun(number, event));
      setError(null);
    } catch (e) {
      setPlan(null);
      setError(messageOf(t, e));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Card size="small" title={t("triggers.dryRun.title")} data-testid="dryrun">
      <Typography.Paragraph type="secondary">{t("triggers.dryRun.hint")}</Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <Input
          data-testid="dryrun-order"
          style={{ width: 220 }}
          placeholder="WO-2026-000123"
          aria-label={t("triggers.dryRun.order")}
          value={order}
          onChange={(e) => setOrder(e.target.value)}
          onPressEnter={() => void run()}
        />
        <Segmented<TriggerEvent>
          data-testid="dryrun-event"
          value={event}
          onChange={setEvent}
          options={(["create", "update"] as const).map((e) => ({ value: e, label: t(`triggers.event.${e}`) }))}
        />
        <Button type="primary" icon={<ExperimentOutlined />} loading={running} onClick={() => void run()} data-testid="dryrun-run">
          {t("triggers.dryRun.run")}
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="dryrun-error" />}
      {plan && (
        <div data-testid="dryrun-plan" style={{ marginTop: 16 }}>
          {plan.firings.length === 0 ? (
            <Empty description={t("triggers.dryRun.nothing")} />
          ) : (
            <Timeline
              items={plan.firings.map((f, i) => ({
                key: `${f.trigger}-${i}`,
                children: (
                  <div data-testid={`dryrun-firing-${f.trigger}`}>
                    <Typography.Text strong>{t("triggers.dryRun.fires", { name: nameOf(f.trigger) })}</Typography.Text>
                    <ul style={{ margin: "4px 0", paddingInlineStart: 20 }}>
                      {f.actions.map((a, k) => (
                        <li key={k}>{actionText(t, lookup, a)}</li>
                      ))}
                    </ul>
                    {f.changed.length > 0 && (
                      <Space size={4} wrap>
                        {t("triggers.dryRun.changes")}
                        {f.changed.map((field) => (
                          <Tag key={field}>
                            {fieldLabel(t, field)} → {shown(field)}
                          </Tag>
                        ))}
                      </Space>
                    )}
                  </div>
                ),
              }))}
            />
          )}
          {plan.loop_stopped && (
            <Alert type="warning" showIcon data-testid="dryrun-loop" message={t("triggers.dryRun.loop", { name: nameOf(plan.loop_stopped) })} />
          )}
        </div>
      )}
    </Card>
  );
}
