// A day plan from the core beside the board: driving before → after, each technician's route
// map (SVG drawn by the core), the visits left out with the reason; Accept writes the times
// through the core, Discard drops the proposal. The ghosts on the board come from the same plan.
import { Alert, Button, Card, Flex, List, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type DayPlan } from "../../api";
import { formatNumber, useFormat } from "../../i18n/format";

type Props = {
  plan: DayPlan;
  accepting: boolean;
  /** The search is still improving the plan: it can be looked at, not accepted yet. */
  searching: boolean;
  /** Set after an accept: how many orders were rescheduled. */
  accepted: number | null;
  onAccept: () => void;
  onDiscard: () => void;
};

const MAP_SIZE = { width: 320, height: 220 };

function RouteMap({ plan, technicianId }: { plan: DayPlan; technicianId: string }) {
  const { t } = useTranslation();
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.routeMapSvg(plan, technicianId, MAP_SIZE.width, MAP_SIZE.height).then(
      (answer) => live && setSvg(answer),
      () => live && setSvg(null),
    );
    return () => {
      live = false;
    };
  }, [plan, technicianId]);
  if (svg === null) return null;
  return (
    <img
      className="dispatch-route-map"
      data-testid="dispatch-route-map"
      alt={t("routeDay.mapAlt")}
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
    />
  );
}

export default function DayPlanPanel({ plan, accepting, searching, accepted, onAccept, onDiscard }: Props) {
  const { t } = useTranslation();
  const { lng } = useFormat();
  const km = (v: number | null) => new Intl.NumberFormat(lng, { maximumFractionDigits: 1 }).format(v ?? 0);
  const time = new Intl.DateTimeFormat(lng, { hour: "numeric", minute: "2-digit" });
  const visits = plan.technicians.reduce((n, d) => n + d.visits.length, 0);
  return (
    <Card
      size="small"
      title={t("routeDay.title", { date: plan.date })}
      data-testid="dispatch-day-plan"
      extra={<Typography.Link onClick={onDiscard}>{t("routeDay.discard")}</Typography.Link>}
    >
      <Typography.Paragraph data-testid="dispatch-day-totals">
        {t("routeDay.totals", {
          beforeKm: km(plan.before.km),
          beforeMinutes: formatNumber(plan.before.minutes, lng),
          afterKm: km(plan.after.km),
          afterMinutes: formatNumber(plan.after.minutes, lng),
        })}
      </Typography.Paragraph>
      {plan.technicians
        .filter((d) => d.visits.length > 0)
        .map((day) => (
          <Flex key={day.technician_id} vertical gap={4} style={{ marginBottom: 8 }}>
            <Typography.Text strong>
              {t("routeDay.technician", {
                name: day.display_name,
                km: km(day.km),
                minutes: formatNumber(day.drive_minutes, lng),
              })}
            </Typography.Text>
            <RouteMap plan={plan} technicianId={day.technician_id} />
            <List
              size="small"
              dataSource={day.visits}
              rowKey="order_id"
              renderItem={(v, i) => (
                <List.Item data-testid="dispatch-day-visit" style={{ padding: "2px 0" }}>
                  {t("routeDay.visit", {
                    n: formatNumber(i + 1, lng),
                    from: time.format(new Date(v.start)),
                    to: time.format(new Date(v.end)),
                    number: v.number,
                  })}
                  {v.pinned ? ` · ${t("routeDay.pinned")}` : ""}
                </List.Item>
              )}
            />
          </Flex>
        ))}
      {plan.unplaced.length > 0 && (
        <List
          size="small"
          header={t("routeDay.unplaced")}
          dataSource={plan.unplaced}
          rowKey="order_id"
          renderItem={(u) => (
            <List.Item data-testid="dispatch-day-unplaced">
              {u.number}: {t(`routeDay.reason.${u.reason}`, { defaultValue: u.reason })}
            </List.Item>
          )}
        />
      )}
      {accepted !== null ? (
        <Alert type="success" showIcon data-testid="dispatch-day-accepted" message={t("routeDay.accepted", { n: accepted })} />
      ) : (
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onDiscard} data-testid="dispatch-day-discard">
            {t("routeDay.discard")}
          </Button>
          <Button
            type="primary"
            loading={accepting || searching}
            disabled={visits === 0 || searching}
            onClick={onAccept}
            data-testid="dispatch-day-accept"
          >
            {searching ? t("routeDay.searching") : t("routeDay.accept")}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
