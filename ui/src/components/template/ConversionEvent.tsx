// A conversion in the order's history: from which template and version to which, and the
// values the order held before (labelled as that template named them), and what was kept aside.
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Event, TemplateDef } from "../../api";
import { useFormat } from "../../i18n/format";
import { conversionOf, type TemplateAt } from "./conversion";
import { textIn } from "./names";
import { useTemplate } from "./useTemplate";
import { bareValueText, useLookups, valueText } from "./valueText";

function templateName(at: TemplateAt, def: TemplateDef | undefined, lang: string): string {
  const name = def ? textIn(def.names, lang) : at.key;
  return at.version === null ? name : `${name} v${at.version}`;
}

export default function ConversionEvent({ event, who }: { event: Event; who: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language;
  const conversion = conversionOf(event);
  const { template: from } = useTemplate(conversion.from.key || null, conversion.from.version);
  const { template: to } = useTemplate(conversion.to.key || null, conversion.to.version);
  const lookups = useLookups();
  // In the order the earlier template lays its fields out; unknown keys last.
  const position = (key: string) => {
    const at = from?.definition.fields.findIndex((f) => f.key === key) ?? -1;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const entries = Object.entries(conversion.from.values).sort(([a], [b]) => position(a) - position(b));
  const before = entries.map(([key, value]) => {
    const field = from?.definition.fields.find((f) => f.key === key);
    return {
      key,
      label: field ? textIn(field.labels, lang) : key,
      text: field ? valueText(field, value, lang, t, lookups) : bareValueText(value),
    };
  });
  const kept = Object.keys(conversion.unmapped).map(
    (key) => textIn(from?.definition.fields.find((f) => f.key === key)?.labels, lang) || key,
  );

  return (
    <div data-testid="history-event" data-kind="converted">
      <Typography.Text strong>
        {t("templateForm.history.converted", {
          who,
          from: templateName(conversion.from, from?.definition, lang),
          to: templateName(conversion.to, to?.definition, lang),
        })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
        {format.dateTime(event.at)}
      </Typography.Text>
      {before.length > 0 && (
        <div data-testid="conversion-old-values">
          <Typography.Text type="secondary">{t("templateForm.history.oldValues")}</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {before.map((v) => (
              <li key={v.key}>
                <Typography.Text>
                  {v.label}: {v.text}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      {kept.length > 0 && (
        <div data-testid="conversion-kept">
          <Typography.Text type="secondary">
            {t("templateForm.history.kept", { fields: new Intl.ListFormat(format.lng).format(kept) })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
