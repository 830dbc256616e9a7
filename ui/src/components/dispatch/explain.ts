// Sentences from the core's suggestion terms. The core computes every number (skill level,
// travel, load, SLA slack, fairness); this only puts them into words in the reader's language.
import type { TFunction } from "i18next";
import type { Value } from "../../api";
import { formatDuration, formatNumber } from "../../i18n/format";
import type { Language } from "../../i18n";

type Detail = { [key: string]: Value };
export type Term = { kind: string; cost: number | null; detail: Detail };

function isObject(value: Value | undefined): value is { [key: string]: Value } {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function num(detail: Detail, key: string): number | null {
  const value = detail[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The terms of a candidate, tolerating a malformed value (nothing is shown for it). */
export function termsOf(value: Value): Term[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((term) => ({
    kind: typeof term.kind === "string" ? term.kind : "",
    cost: typeof term.cost === "number" ? term.cost : null,
    detail: isObject(term.detail) ? term.detail : {},
  }));
}

function decimal(value: number, lng: Language): string {
  return new Intl.NumberFormat(lng, { maximumFractionDigits: 1 }).format(value);
}

/** A percentage given as 0–100 (the core's `load_pct_*`), e.g. "55%" or "55 %". */
export function percent(value: number, lng: Language): string {
  return new Intl.NumberFormat(lng, { style: "percent", maximumFractionDigits: 0 }).format(value / 100);
}

/** One phrase per term, or null when the term has nothing to tell. */
function phrase(t: TFunction, term: Term, skill: string | null, lng: Language): string | null {
  const d = term.detail;
  switch (term.kind) {
    case "skill": {
      const level = num(d, "level");
      if (skill === null || level === null) return null;
      return t("dispatch.explain.skill", { skill, level: formatNumber(level, lng) });
    }
    case "travel": {
      const km = num(d, "km");
      const minutes = num(d, "minutes");
      if (km === null || minutes === null) return null;
      return t("dispatch.explain.travel", { km: decimal(km, lng), minutes: formatNumber(Math.round(minutes), lng) });
    }
    case "load": {
      const after = num(d, "load_pct_after");
      return after === null ? null : t("dispatch.explain.load", { pct: percent(after, lng) });
    }
    case "status": {
      const status = typeof d.status === "string" ? d.status : null;
      if (status === null || status === "available") return null;
      return t("dispatch.explain.status", { status: t(`dispatch.status.${status}`, { defaultValue: status }) });
    }
    case "sla_risk": {
      const slack = num(d, "slack_minutes");
      if (slack === null) return null;
      const span = formatDuration(Math.abs(slack), lng);
      return t(slack >= 0 ? "dispatch.explain.beforeDue" : "dispatch.explain.afterDue", { span });
    }
    case "fairness": {
      const done = num(d, "completed_today");
      const average = num(d, "team_average");
      if (done === null || average === null) return null;
      return t("dispatch.explain.fairness", { done: formatNumber(done, lng), average: decimal(average, lng) });
    }
    default:
      return null;
  }
}

/** "HVAC level 3 · 4.2 km, 9 min away · 55% loaded · done 2 hr before due". */
export function explainCandidate(t: TFunction, terms: Value, skill: string | null, lng: Language): string {
  return termsOf(terms)
    .map((term) => phrase(t, term, skill, lng))
    .filter((p): p is string => p !== null)
    .join(t("dispatch.explain.separator"));
}

const REASONS = ["missing_skill", "level_too_low", "off", "over_capacity", "outside_working_hours", "cannot_meet_due"];

/** Why a technician was not offered, e.g. "HVAC level 1, needs 3". */
export function explainReason(t: TFunction, reason: Value, skill: string | null, lng: Language): string {
  const d: Detail = isObject(reason) ? reason : {};
  const type = typeof d.type === "string" ? d.type : "";
  if (!REASONS.includes(type)) return t("dispatch.reason.other", { type: type || "?" });
  const level = num(d, "level");
  const required = num(d, "required");
  return t(`dispatch.reason.${type}`, {
    skill: skill ?? "",
    level: level === null ? "?" : formatNumber(level, lng),
    required: required === null ? "?" : formatNumber(required, lng),
  });
}
