// One dashboard tile: asks the core for its figures and chart in the UI's language, shows the
// chart (with hover read-outs), the number or the table, and offers export (the file goes to
// the user's export folder and its path is shown) and, on one's own dashboard, edit, move and
// remove.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownloadOutlined, EditOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Dropdown, Empty, Space, Spin, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type ExportFormat, type Tile, type TileData } from "../../api";
import { messageOf } from "../../i18n/errors";
import { useFormat } from "../../i18n/format";
import ChartView from "./ChartView";
import { NumberTile, TableTile } from "./TileBody";
import { EXPORT_FORMATS } from "./values";

export type TileActions = {
  onEdit: () => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
  first: boolean;
  last: boolean;
};

function hasData(data: TileData): boolean {
  return data.series.some((s) => s.values.some((v) => v !== null));
}

export default function TileCard({ tile, actions }: { tile: Tile; actions?: TileActions }) {
  const { t } = useTranslation();
  const { lng } = useFormat();
  const { message } = App.useApp();
  const [answer, setAnswer] = useState<{ asked: string; data: TileData | null; error: string | null } | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const key = JSON.stringify(tile);
  const asked = `${lng} ${key}`;

  useEffect(() => {
    let current = true;
    api.tileData(JSON.parse(key) as Tile, lng).then(
      (data) => current && setAnswer({ asked: `${lng} ${key}`, data, error: null }),
      (e: unknown) => current && setAnswer({ asked: `${lng} ${key}`, data: null, error: messageOf(t, e) }),
    );
    return () => {
      current = false;
    };
  }, [key, lng, t]);
  // Until the answer for this tile and language arrives, the previous one stays (no flicker).
  const data = answer?.data ?? null;
  const error = answer?.asked === asked ? answer.error : null;

  async function exportAs(format: ExportFormat) {
    try {
      const path = await api.tileExport(tile, format, lng);
      setExported(path);
    } catch (e) {
      void message.error(messageOf(t, e));
    }
  }

  const title = data?.title ?? tile.title ?? t(`statistics.metric.${tile.metric}`);
  const extra = (
    <Space size={0}>
      <Dropdown
        trigger={["click"]}
        menu={{
          items: EXPORT_FORMATS.map((f) => ({
            key: f,
            label: <span data-testid={`tile-export-${f}`}>{t(`statistics.exportFormat.${f}`)}</span>,
          })),
          onClick: ({ key: f }) => void exportAs(f as ExportFormat),
        }}
      >
        <Tooltip title={t("statistics.tile.export")}>
          <Button type="text" size="small" icon={<DownloadOutlined />} aria-label={t("statistics.tile.export")} data-testid="tile-export" />
        </Tooltip>
      </Dropdown>
      {actions && (
        <>
          <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={actions.first} aria-label={t("statistics.tile.moveUp")} data-testid="tile-up" onClick={() => actions.onMove(-1)} />
          <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={actions.last} aria-label={t("statistics.tile.moveDown")} data-testid="tile-down" onClick={() => actions.onMove(1)} />
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t("statistics.tile.edit")} data-testid="tile-edit" onClick={actions.onEdit} />
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("statistics.tile.remove")} data-testid="tile-remove" onClick={actions.onRemove} />
        </>
      )}
    </Space>
  );

  return (
    <Card size="small" title={<span data-testid="tile-title">{title}</span>} extra={extra} data-testid="tile" data-tile-id={tile.id}>
      {error && <Alert type="error" showIcon message={error} data-testid="tile-error" />}
      {!error && !data && <Spin />}
      {!error && data && !hasData(data) && tile.chart !== "number" && <Empty description={t("statistics.tile.noData")} />}
      {!error && data && (hasData(data) || tile.chart === "number") && (
        <>
          {data.chart && <ChartView data={data} chart={data.chart} />}
          {tile.chart === "number" && <NumberTile data={data} />}
          {tile.chart === "table" && <TableTile data={data} />}
        </>
      )}
      {exported && (
        <Typography.Paragraph type="secondary" copyable={{ text: exported }} style={{ marginTop: 8, marginBottom: 0 }} data-testid="tile-exported">
          {t("statistics.tile.exported", { path: exported })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
