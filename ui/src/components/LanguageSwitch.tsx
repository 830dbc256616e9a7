// Language choice, always visible (also before sign-in). Option labels are the languages' own names.
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language } from "../i18n";
import { usePreferences } from "../lib/preferences";

export default function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = usePreferences();
  return (
    <div data-testid="language-select" title={t("language.label")} aria-label={t("language.label")}>
      <Segmented<Language>
        size="small"
        value={language}
        onChange={(value) => setLanguage(value)}
        options={LANGUAGES.map((lng) => ({
          value: lng,
          // The names stay in their own language so anyone can find theirs.
          label: <span data-testid={`lang-${lng}`}>{t(`language.${lng}`)}</span>,
        }))}
      />
    </div>
  );
}
