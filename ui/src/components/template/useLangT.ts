// Texts in the language a template form is shown in, which the designer's preview may set apart
// from the UI's own language.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { normaliseLanguage } from "../../i18n";

export function useLangT(lang: string | undefined): TFunction {
  const { t, i18n } = useTranslation();
  return lang ? i18n.getFixedT(normaliseLanguage(lang)) : t;
}
