// Per-desktop preferences: the UI language and the light/dark theme, both remembered.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { normaliseLanguage, setLanguage, type Language } from "../i18n";

export type ThemeMode = "light" | "dark";
const THEME_KEY = "orderly.theme";

function storedTheme(): ThemeMode {
  try {
    const value = localStorage.getItem(THEME_KEY);
    if (value === "dark" || value === "light") return value;
  } catch {
    // no storage: follow the system below
  }
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches
    ? "dark"
    : "light";
}

type Preferences = {
  language: Language;
  setLanguage: (lng: Language) => void;
  theme: ThemeMode;
  toggleTheme: () => void;
};

const PreferencesContext = createContext<Preferences | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = normaliseLanguage(i18n.language);
  const [theme, setTheme] = useState<ThemeMode>(storedTheme);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const toggleTheme = useCallback(() => {
    setTheme((current) => {
      const next = current === "dark" ? "light" : "dark";
      try {
        localStorage.setItem(THEME_KEY, next);
      } catch {
        // not remembered, still applied
      }
      return next;
    });
  }, []);

  const changeLanguage = useCallback((lng: Language) => {
    void setLanguage(lng);
  }, []);

  return (
    <PreferencesContext.Provider value={{ language, setLanguage: changeLanguage, theme, toggleTheme }}>
      {children}
    </PreferencesContext.Provider>
  );
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error("usePreferences outside PreferencesProvider");
  return value;
}
