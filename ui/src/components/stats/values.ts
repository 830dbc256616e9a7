// A tile's values in the reader's language: counts as numbers, durations (minutes) as hours and
// minutes, shares (0–1) as percent; a period with nothing to measure as a dash.
import type { Unit } from "../../api";
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
