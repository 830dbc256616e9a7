// What a tile shows besides a chart: a number (the latest period, beside the one before) or a
// table (one row per group, one column per period).
import { Statistic, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TileData } from "../../api";
import { useFormat } from "../../i18n/format";
import { formatValue } from "./values";

/** The latest period's value: the sum over groups for counts, else the single series' value. */
function latest(data: TileData, back: number): number | null {
  const at = data.periods.length - 1 - back;
  if (at < 0) return null;
  const values = data.series.map((s) => s.values[at]).filter((v): v is number => v !== null && v !== undefined);
  if (values.length === 0) return null;
  return data.unit === "count" ? values.reduce((a, b) => a + b, 0) : values[0];
}

export function NumberTile({ data }: { data: TileData }) {
  const { t } = useTranslation();
  const { lng } = useFormat();
  const previous = latest(data, 1);
  return (
    <div data-testid="tile-number">
      <Statistic
        title={data.period_labels[data.period_labels.length - 1]}
        value={formatValue(latest(data, 0), data.unit, lng)}
      />
      {data.periods.length > 1 && (
        <Typography.Text type="secondary">
          {t("statistics.tile.previous", { value: formatValue(previous, data.unit, lng) })}
        </Typography.Text>
      )}
    </div>
  );
}

type Row = { key: string; name: string; values: (number | null)[] };

export function TableTile({ data }: { data: TileData }) {
  const { t } = useTranslation();
  const { lng } = useFormat();
  const rows: Row[] = data.series.map((s, i) => ({ key: `${i}-${s.group ?? ""}`, name: s.name, values: s.values }));
  const columns = [
    { title: t("statistics.tile.group"), dataIndex: "name", key: "name", fixed: "left" as const },
    ...data.period_labels.map((label, i) => ({
      title: label,
      key: `p${i}`,
      align: "right" as const,
      render: (_: unknown, row: Row) => formatValue(row.values[i], data.unit, lng),
    })),
  ];
  return (
    <Table<Row>
      data-testid="tile-table"
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: "small" } : false}
      scroll={{ x: "max-content" }}
    />
  );
}
