// A batch plan from the core: proposed assignments, orders nobody can take, how close to the
// optimum the plan is. The dispatcher may give a proposal to someone else or drop it; the core
// holds an edit to the orders' skills. Accept applies it and reports what was applied and what
// changed meanwhile.
import { CloseOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, List, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { BatchOutcome, BatchPlan, Proposal } from "../../api";
import { useFormat } from "../../i18n/format";

type Props = {
  plan: BatchPlan;
  names: (technicianId: string) => string;
  /** Whom a proposal may be given to instead (the core checks the choice on Accept). */
  technicians: { id: string; name: string }[];
  /** Whether the dispatcher changed the proposals since the core made them. */
  edited: boolean;
  onEdit: (proposals: Proposal[]) => void;
  outcome: BatchOutcome | null;
  applying: boolean;
  onAccept: () => void;
  onClose: () => void;
};

export default function BatchPanel(props: Props) {
  const { plan, names, technicians, edited, onEdit, outcome, applying, onAccept, onClose } = props;
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
      {edited && (
        <Typography.Paragraph type="secondary" data-testid="dispatch-batch-edited">
          {t("dispatch.batch.edited")}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={plan.proposals}
        rowKey="order_id"
        locale={{ emptyText: t("dispatch.batch.noProposals") }}
        renderItem={(p) => (
          <List.Item data-testid="dispatch-proposal" className="dispatch-proposal">
            <ProposalRow
              proposal={p}
              name={names(p.technician_id)}
              technicians={technicians}
              locked={outcome !== null || applying}
              onChange={(technicianId) =>
                onEdit(plan.proposals.map((q) => (q.order_id === p.order_id ? { ...q, technician_id: technicianId } : q)))
              }
              onDrop={() => onEdit(plan.proposals.filter((q) => q.order_id !== p.order_id))}
            />
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

type RowProps = {
  proposal: Proposal;
  name: string;
  technicians: { id: string; name: string }[];
  locked: boolean;
  onChange: (technicianId: string) => void;
  onDrop: () => void;
};

/** One proposal: the order, whom it goes to (changeable), and a button to leave it out. */
function ProposalRow({ proposal, name, technicians, locked, onChange, onDrop }: RowProps) {
  const { t } = useTranslation();
  if (locked) return <span>{t("dispatch.batch.proposal", { number: proposal.number, name })}</span>;
  return (
    <Flex align="center" gap={6} style={{ width: "100%" }}>
      <span>{proposal.number} →</span>
      <Select
        size="small"
        style={{ flex: 1, minWidth: 0 }}
        value={proposal.technician_id}
        aria-label={t("dispatch.batch.technicianFor", { number: proposal.number })}
        data-testid="dispatch-proposal-technician"
        options={technicians.map((c) => ({ value: c.id, label: c.name }))}
        onChange={onChange}
      />
      <Button
        size="small"
        type="text"
        icon={<CloseOutlined />}
        aria-label={t("dispatch.batch.drop", { number: proposal.number })}
        onClick={onDrop}
      />
    </Flex>
  );
}
