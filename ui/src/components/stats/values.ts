// A tile's values in the reader's language: counts as numbers, durations (minutes) as hours and
// minutes, shares (0–1) as percent; a period with nothing to measure as a dash.
import type { ExportFormat, Metric, Tile, Unit } from "../../api";
import { formatDuration, formatNumber } from "../../i18n/format";
import type { Language } from "../../i18n";

export function formatValue(value: number | null | undefined, unit: Unit, lng: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "share":
      return new Intl.NumberFormat(lng, { style: "percent", maximumFractionDigits: 1 }).format(value);
    case "minutes":
      return formatDuration(value, lng);
    case "count":
      return formatNumber(value, lng);
  }
}

/** The index of the x position nearest to `x`. */
export function nearestIndex(positions: number[], x: number): number {
  let best = 0;
  positions.forEach((p, i) => {
    if (Math.abs(p - x) < Math.abs(positions[best] - x)) best = i;
  });
  return best;
}

export const EXPORT_FORMATS: ExportFormat[] = ["png", "svg", "csv", "xlsx"];

export const METRICS: Metric[] = [
  "created",
  "resolved",
  "closed",
  "backlog",
  "first_response_time",
  "resolution_time",
  "sla_response",
  "sla_resolution",
  "urges",
  "reopen_rate",
];

/** A new tile's starting point: orders created per week over the last twelve weeks. */
export function newTile(id: string): Tile {
  return { id, title: null, metric: "created", statistic: "mean", group_by: null, period: "week", last: 12, chart: "line" };
}
