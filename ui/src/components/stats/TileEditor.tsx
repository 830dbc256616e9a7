// Adding or changing a tile: metric, statistic (for durations), grouping, period, how many
// periods, how it is shown and an optional title. The core checks the tile before it is taken
// (its refusal lands on the field it names, translated).
import { Alert, Form, Input, InputNumber, Modal, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type GroupBy, type Metric, type Period, type Statistic, type Tile, type TileChart } from "../../api";
import { clearCoreErrors, placeCoreError } from "../../lib/coreErrors";
import { useFormat } from "../../i18n/format";
import { METRICS } from "./values";

const STATISTICS: Statistic[] = ["mean", "median", "p90"];
const GROUPS: GroupBy[] = ["status_category", "template", "department", "assignee", "priority", "customer_group"];
const PERIODS: Period[] = ["day", "week", "month"];
const CHARTS: TileChart[] = ["line", "bar", "stacked_bar", "number", "table"];
const NO_GROUP = "none";

type Values = {
  title: string;
  metric: Metric;
  statistic: Statistic;
  group_by: GroupBy | typeof NO_GROUP;
  period: Period;
  last: number | null;
  chart: TileChart;
};

const FIELDS: Record<string, keyof Values> = {
  "tile.title": "title",
  "tile.last": "last",
  "tile.id": "title",
};

function toValues(tile: Tile): Values {
  return {
    title: tile.title ?? "",
    metric: tile.metric,
    statistic: tile.statistic ?? "mean",
    group_by: tile.group_by ?? NO_GROUP,
    period: tile.period,
    last: tile.last,
    chart: tile.chart,
  };
}

export default function TileEditor({
  tile,
  adding,
  onDone,
  onCancel,
}: {
  tile: Tile | null;
  adding: boolean;
  onDone: (tile: Tile) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { lng } = useFormat();
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const metric = Form.useWatch("metric", form);

  useEffect(() => {
    if (tile) form.setFieldsValue(toValues(tile));
  }, [tile, form]);

  async function apply(values: Values) {
    if (!tile) return;
    const next: Tile = {
      id: tile.id,
      title: values.title === "" ? null : values.title,
      metric: values.metric,
      statistic: values.statistic,
      group_by: values.group_by === NO_GROUP ? null : values.group_by,
      period: values.period,
      last: values.last ?? 0,
      chart: values.chart,
    };
    clearCoreErrors(form);
    setRefusal(null);
    setChecking(true);
    try {
      await api.tileData(next, lng);
      setRefusal(null);
      onDone(next);
    } catch (e) {
      setRefusal(placeCoreError(form, t, e, (field) => FIELDS[field] ?? null));
    } finally {
      setChecking(false);
    }
  }

  const options = <T extends string>(keys: T[], prefix: string) => keys.map((k) => ({ value: k, label: t(`statistics.${prefix}.${k}`) }));
  const duration = metric === "first_response_time" || metric === "resolution_time";

  return (
    <Modal
      open={tile !== null}
      title={t(adding ? "statistics.editor.addTitle" : "statistics.editor.editTitle")}
      okText={t("statistics.editor.apply")}
      cancelText={t("statistics.editor.cancel")}
      okButtonProps={{ loading: checking, "data-testid": "tile-editor-ok" }}
      onOk={() => form.submit()}
      onCancel={() => {
        setRefusal(null);
        onCancel();
      }}
      forceRender
    >
      {refusal && <Alert type="error" showIcon message={refusal} data-testid="tile-editor-refusal" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void apply(v)} data-testid="tile-editor">
        <Form.Item name="metric" label={t("statistics.editor.metric")}>
          <Select options={options(METRICS, "metric")} data-testid="tile-editor-metric" />
        </Form.Item>
        {duration && (
          <Form.Item name="statistic" label={t("statistics.editor.statistic")}>
            <Select options={options(STATISTICS, "statistic")} data-testid="tile-editor-statistic" />
          </Form.Item>
        )}
        <Form.Item name="group_by" label={t("statistics.editor.groupBy")}>
          <Select
            options={[{ value: NO_GROUP, label: t("statistics.editor.noGrouping") }, ...options(GROUPS, "groupBy")]}
            data-testid="tile-editor-group"
          />
        </Form.Item>
        <Form.Item name="period" label={t("statistics.editor.period")}>
          <Select options={options(PERIODS, "period")} data-testid="tile-editor-period" />
        </Form.Item>
        <Form.Item name="last" label={t("statistics.editor.last")}>
          <InputNumber style={{ width: "100%" }} data-testid="tile-editor-last" />
        </Form.Item>
        <Form.Item name="chart" label={t("statistics.editor.chart")}>
          <Select options={options(CHARTS, "chart")} data-testid="tile-editor-chart" />
        </Form.Item>
        <Form.Item name="title" label={t("statistics.editor.title")}>
          <Input placeholder={t("statistics.editor.titlePlaceholder")} data-testid="tile-editor-title" maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
