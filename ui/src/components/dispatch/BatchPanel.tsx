// A batch plan from the core: proposed assignments, orders nobody can take, how close to the
// optimum the plan is; Accept applies it and reports what was applied and what changed meanwhile.
import { Alert, Button, Card, Flex, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { BatchOutcome, BatchPlan } from "../../api";
import { useFormat } from "../../i18n/format";

type Props = {
  plan: BatchPlan;
  names: (technicianId: string) => string;
  outcome: BatchOutcome | null;
  applying: boolean;
  onAccept: () => void;
  onClose: () => void;
};

export default function BatchPanel({ plan, names, outcome, applying, onAccept, onClose }: Props) {
  const { t } = useTranslation();
  const { lng } = useFormat();
  const quality =
    plan.within === null
      ? t("dispatch.batch.withinUnknown")
      : plan.within <= 0
        ? t("dispatch.batch.optimal")
        : t("dispatch.batch.within", {
            pct: new Intl.NumberFormat(lng, { style: "percent", maximumFractionDigits: 1 }).format(plan.within),
          });
  return (
    <Card
      size="small"
      title={t("dispatch.batch.title")}
      data-testid="dispatch-batch"
      extra={<Typography.Link onClick={onClose}>{t("dispatch.close")}</Typography.Link>}
    >
      <Typography.Paragraph data-testid="dispatch-batch-within">{quality}</Typography.Paragraph>
      <List
        size="small"
        dataSource={plan.proposals}
        rowKey="order_id"
        locale={{ emptyText: t("dispatch.batch.noProposals") }}
        renderItem={(p) => (
          <List.Item data-testid="dispatch-proposal" className="dispatch-proposal">
            {t("dispatch.batch.proposal", { number: p.number, name: names(p.technician_id) })}
          </List.Item>
        )}
      />
      {plan.unassigned.length > 0 && (
        <Typography.Paragraph type="warning" data-testid="dispatch-batch-unassigned" style={{ marginTop: 8 }}>
          {t("dispatch.batch.unassigned", { numbers: plan.unassigned.join(", ") })}
        </Typography.Paragraph>
      )}
      {outcome ? (
        <Alert
          type={outcome.conflicts.length > 0 ? "warning" : "success"}
          showIcon
          data-testid="dispatch-batch-outcome"
          message={t("dispatch.batch.applied", { n: outcome.applied.length, numbers: outcome.applied.join(", ") })}
          description={
            outcome.conflicts.length > 0
              ? t("dispatch.batch.conflicts", { numbers: outcome.conflicts.join(", ") })
              : undefined
          }
        />
      ) : (
        <Flex justify="flex-end">
          <Button
            type="primary"
            loading={applying}
            disabled={plan.proposals.length === 0}
            onClick={onAccept}
            data-testid="dispatch-accept"
          >
            {t("dispatch.batch.accept")}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
