// A template's fields as antd Form.Items under `["values", key]`, grouped by section, in the
// language asked for. Which fields show, which are required or read-only and what is wrong
// with each come from the core's FormState; this component only renders them.
import { ConfigProvider, Divider, Form } from "antd";
import enUS from "antd/locale/en_US";
import esES from "antd/locale/es_ES";
import zhCN from "antd/locale/zh_CN";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { FieldDef, FieldView, FormState, TemplateDef } from "../../api";
import { normaliseLanguage, type Language } from "../../i18n";
import { errorMessage } from "../../i18n/errors";
import FieldInput from "./FieldInput";
import { valuePath, valueProps } from "./formValues";
import { textIn } from "./names";

// antd's own texts (date picker, empty lists) in the form's language, which may not be the UI's.
const ANTD_LOCALES = { en: enUS, "zh-CN": zhCN, es: esES } satisfies Record<Language, unknown>;

type Props = { definition: TemplateDef; state: FormState | null; lang: string; readOnly?: boolean };

/** Before the core's first answer every field shows, marked as the definition says. */
function viewOf(field: FieldDef, state: FormState | null): FieldView {
  return (
    state?.fields.find((f) => f.key === field.key) ?? {
      key: field.key,
      visible: true,
      required: field.required ?? false,
      read_only: false,
      error: null,
    }
  );
}

type Group = { key: string; title: string; fields: FieldDef[] };

/** Sections in the definition's order; a field naming no known section comes last, untitled. */
function groups(definition: TemplateDef, lang: string): Group[] {
  const known = definition.sections.map((s) => ({ key: s.key, title: textIn(s.names, lang), fields: [] as FieldDef[] }));
  const rest: Group = { key: "", title: "", fields: [] };
  for (const field of definition.fields) {
    (known.find((g) => g.key === field.section) ?? rest).fields.push(field);
  }
  return [...known, rest];
}

function TemplateField({ field, view, templateKey, lang, t, disabled }: {
  field: FieldDef;
  view: FieldView;
  templateKey: string;
  lang: string;
  t: TFunction;
  disabled: boolean;
}) {
  const form = Form.useFormInstance();
  const path = valuePath(field.key);
  // The core reports every empty required field at once; shouting at fields nobody has reached
  // yet helps no one. Untouched fields show errors only when a save placed them (form.setFields).
  const shown = view.error && form.isFieldTouched(path) ? errorMessage(t, view.error) : undefined;
  return (
    <Form.Item
      name={path}
      label={textIn(field.labels, lang)}
      extra={field.help ? textIn(field.help, lang) : undefined}
      required={view.required}
      validateStatus={shown ? "error" : undefined}
      help={shown}
      data-testid={`template-item-${field.key}`}
      {...valueProps(field)}
    >
      <FieldInput field={field} templateKey={templateKey} lang={lang} disabled={disabled || view.read_only} />
    </Form.Item>
  );
}

export default function TemplateFields({ definition, state, lang, readOnly = false }: Props) {
  const { i18n } = useTranslation();
  // The designer previews a language other than the UI's; messages follow the preview.
  const lng = normaliseLanguage(lang);
  const t = i18n.getFixedT(lng);
  // Re-render as values change, so touched fields show the core's latest verdict.
  Form.useWatch("values");
  return (
    <ConfigProvider locale={ANTD_LOCALES[lng]}>
      <div data-testid="template-fields" data-template={definition.key}>
        {groups(definition, lang).map((group) => {
          const shown = group.fields
            .map((field) => ({ field, view: viewOf(field, state) }))
            .filter(({ view }) => view.visible);
          if (shown.length === 0) return null;
          return (
            <section key={group.key || "_"} data-testid={`template-section-${group.key}`}>
              {group.title && (
                <Divider plain orientation="left">
                  {group.title}
                </Divider>
              )}
              {shown.map(({ field, view }) => (
                <TemplateField
                  key={field.key}
                  field={field}
                  view={view}
                  templateKey={definition.key}
                  lang={lang}
                  t={t}
                  disabled={readOnly}
                />
              ))}
            </section>
          );
        })}
      </div>
    </ConfigProvider>
  );
}
