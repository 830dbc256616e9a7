// i18next set-up: three languages, chosen from the stored preference or the system language.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "../locales/en.json";
import zhCN from "../locales/zh-CN.json";
import es from "../locales/es.json";

export const LANGUAGES = ["en", "zh-CN", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "orderly.language";

/** `zh`, `zh-Hans-CN`, `zh_TW` -> zh-CN; `es-MX` -> es; anything else -> en (as the core does). */
export function normaliseLanguage(tag: string | null | undefined): Language {
  const lower = (tag ?? "").toLowerCase();
  if (lower.startsWith("zh")) return "zh-CN";
  if (lower.startsWith("es")) return "es";
  return "en";
}

function isLanguage(value: string | null): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? "");
}

export function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  return isLanguage(stored) ? stored : normaliseLanguage(navigator.language);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, "zh-CN": { translation: zhCN }, es: { translation: es } },
  lng: initialLanguage(),
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export function currentLanguage(): Language {
  return normaliseLanguage(i18n.language);
}

/** Switch the UI language and remember the choice for the next start. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Storage can be unavailable (private mode); the switch still applies for this session.
  }
  await i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
}

export default i18n;
