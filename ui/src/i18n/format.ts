// Dates and numbers in the reader's language through Intl; the core sends UTC epoch milliseconds.
import { useTranslation } from "react-i18next";
import { normaliseLanguage, type Language } from "./index";

export function formatDateTime(ms: number | null | undefined, lng: Language): string {
  if (ms === null || ms === undefined) return "";
  return new Intl.DateTimeFormat(lng, { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
}

export function formatNumber(value: number, lng: Language): string {
  return new Intl.NumberFormat(lng).format(value);
}

/** Formatters bound to the current UI language (re-render on language change). */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = normaliseLanguage(i18n.language);
  return {
    lng,
    dateTime: (ms: number | null | undefined) => formatDateTime(ms, lng),
    number: (value: number) => formatNumber(value, lng),
  };
}
