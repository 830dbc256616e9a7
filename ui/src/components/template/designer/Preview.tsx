// The form as agents will see it, in each of the three languages, from the unsaved definition:
// the core checks the definition and answers the form state for the preview values, so a
// refused definition shows at its field or rule while the admin types.
import { Alert, Card, Form, Tabs } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type FormState, type JsonValue, type TemplateDef } from "../../../api";
import { LANGUAGES, normaliseLanguage } from "../../../i18n";
import { useDebounced } from "../../../lib/useDebounced";
import { cleanValues, type TemplateValues } from "../formValues";
import TemplateFields from "../TemplateFields";

/** How long edits must rest before the core is asked again. */
const SETTLE_MS = 200;

type Props = {
  definition: TemplateDef;
  /** Told the core's verdict on the definition: null when it passes, else the refusal. */
  onVerdict: (refusal: unknown) => void;
};

function LanguagePane({ definition, state, lang, values, onValues }: {
  definition: TemplateDef;
  state: FormState | null;
  lang: string;
  values: TemplateValues;
  onValues: (values: TemplateValues) => void;
}) {
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ values }}
      data-testid={`preview-form-${lang}`}
      onValuesChange={(_, all: { values?: Record<string, unknown> }) => onValues(cleanValues(all.values))}
    >
      <TemplateFields definition={definition} state={state} lang={lang} />
    </Form>
  );
}

export default function Preview({ definition, onVerdict }: Props) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<string>(normaliseLanguage(i18n.language));
  const [values, setValues] = useState<TemplateValues>({});
  const [state, setState] = useState<FormState | null>(null);
  const [refused, setRefused] = useState(false);
  // Values of fields since removed or renamed are not the core's business: it would refuse them.
  const current = Object.fromEntries(Object.entries(values).filter(([key]) => definition.fields.some((f) => f.key === key)));
  const request = useDebounced(JSON.stringify({ definition, values: current }), SETTLE_MS);
  // The form shows the definition the core was last asked about, so fields and their state agree.
  const shown = useMemo(() => (JSON.parse(request) as { definition: TemplateDef }).definition, [request]);
  const latest = useRef(request);
  const verdict = useRef(onVerdict);
  useEffect(() => {
    verdict.current = onVerdict;
  });

  useEffect(() => {
    latest.current = request;
    const asked = JSON.parse(request) as { definition: TemplateDef; values: TemplateValues };
    api.templatePreviewState(asked.definition, asked.values as JsonValue).then(
      (answer) => {
        if (latest.current !== request) return;
        setState(answer);
        setRefused(false);
        verdict.current(null);
      },
      (e: unknown) => {
        if (latest.current !== request) return;
        setRefused(true);
        verdict.current(e);
      },
    );
  }, [request]);

  return (
    <Card size="small" title={t("designer.preview.title")} data-testid="designer-preview" style={{ width: 380, flex: "none", overflow: "auto" }}>
      {refused && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t("designer.preview.refused")} data-testid="preview-refused" />}
      <Tabs
        size="small"
        activeKey={lang}
        onChange={setLang}
        destroyOnHidden
        items={LANGUAGES.map((l) => ({
          key: l,
          label: <span data-testid={`preview-tab-${l}`}>{t(`language.${l}`)}</span>,
          children: <LanguagePane definition={shown} state={state} lang={l} values={values} onValues={setValues} />,
        }))}
      />
    </Card>
  );
}
