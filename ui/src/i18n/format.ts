// Dates, numbers and durations in the reader's language through Intl; the core sends UTC epoch
// milliseconds and durations in minutes.
import { useTranslation } from "react-i18next";
import { normaliseLanguage, type Language } from "./index";

export function formatDateTime(ms: number | null | undefined, lng: Language): string {
  if (ms === null || ms === undefined) return "";
  return new Intl.DateTimeFormat(lng, { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
}

export function formatNumber(value: number, lng: Language): string {
  return new Intl.NumberFormat(lng).format(value);
}

function unit(value: number, name: "hour" | "minute", lng: Language): string {
  return new Intl.NumberFormat(lng, { style: "unit", unit: name, unitDisplay: "short" }).format(value);
}

/** Minutes as hours and minutes, e.g. "26 hr 5 min", "26小时5分钟", "26 h 5 min". */
export function formatDuration(minutes: number, lng: Language): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return unit(rest, "minute", lng);
  if (rest === 0) return unit(hours, "hour", lng);
  return `${unit(hours, "hour", lng)} ${unit(rest, "minute", lng)}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "5 minutes ago", "hace 2 horas"; older than a day: the locale's date and time. */
export function formatRelative(ms: number, lng: Language, now: number = Date.now()): string {
  const diff = ms - now;
  const distance = Math.abs(diff);
  if (distance >= DAY) return formatDateTime(ms, lng);
  const rtf = new Intl.RelativeTimeFormat(lng, { numeric: "auto" });
  if (distance < HOUR) return rtf.format(Math.round(diff / MINUTE), "minute");
  return rtf.format(Math.round(diff / HOUR), "hour");
}

/** Formatters bound to the current UI language (re-render on language change). */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = normaliseLanguage(i18n.language);
  return {
    lng,
    dateTime: (ms: number | null | undefined) => formatDateTime(ms, lng),
    number: (value: number) => formatNumber(value, lng),
    duration: (minutes: number) => formatDuration(minutes, lng),
    relative: (ms: number) => formatRelative(ms, lng),
  };
}
