// A chart drawn by the core: its SVG shown as an image (a data URL, so nothing in it can run),
// with a transparent layer on top that maps the pointer to the nearest period and shows a
// read-out of every series there, from the figures the core returned with the chart.
import { theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TileData, TileChartImage } from "../../api";
import { useFormat } from "../../i18n/format";
import { formatValue, nearestIndex } from "./values";

export default function ChartView({ data, chart }: { data: TileData; chart: TileChartImage }) {
  const { t } = useTranslation();
  const { lng } = useFormat();
  const { token } = theme.useToken();
  const [hover, setHover] = useState<{ index: number; left: number; top: number } | null>(null);
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`;

  function onMove(e: React.MouseEvent<HTMLDivElement>) {
    const box = e.currentTarget.getBoundingClientRect();
    // The image scales with its box; a box not laid out (tests) counts as drawn at full size.
    const scale = box.width > 0 ? chart.width / box.width : 1;
    const x = (e.clientX - box.left) * scale;
    const left = chart.plot_area.x ?? 0;
    const right = left + (chart.plot_area.width ?? 0);
    const positions = chart.x_positions.map((p) => p ?? 0);
    const slot = positions.length > 1 ? positions[1] - positions[0] : right - left;
    if (positions.length === 0 || x < left - slot / 2 || x > right + slot / 2) {
      setHover(null);
      return;
    }
    const index = nearestIndex(positions, x);
    setHover({ index, left: positions[index] / scale, top: e.clientY - box.top });
  }

  return (
    <div style={{ position: "relative" }}>
      <img
        src={src}
        alt={t("statistics.tile.chartLabel", { title: data.title })}
        data-testid="tile-chart"
        style={{ width: "100%", height: "auto", display: "block" }}
        draggable={false}
      />
      <div
        data-testid="tile-hover-layer"
        style={{ position: "absolute", inset: 0 }}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      />
      {hover && (
        <div
          data-testid="tile-hover"
          role="tooltip"
          style={{
            position: "absolute",
            left: hover.left + 12,
            top: Math.max(0, hover.top - 12),
            pointerEvents: "none",
            background: token.colorBgElevated,
            boxShadow: token.boxShadowSecondary,
            borderRadius: token.borderRadius,
            padding: "4px 8px",
            fontSize: 12,
            whiteSpace: "nowrap",
            zIndex: 2,
          }}
        >
          <div style={{ fontWeight: 600 }}>{data.period_labels[hover.index]}</div>
          {data.series.map((s) => (
            <div key={s.group ?? "-"}>
              {s.name}: {formatValue(s.values[hover.index], data.unit, lng)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
