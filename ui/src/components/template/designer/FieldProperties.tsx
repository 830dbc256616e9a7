// The property panel of the selected field: key, labels and help in three languages, section,
// required, default, and its type's own settings. A core refusal shows on the input it names.
import { Card, Empty, Form, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import type { FieldDef, Section } from "../../../api";
import DefaultInput from "./DefaultInput";
import KeyInput from "./KeyInput";
import KindProperties from "./KindProperties";
import { emptyNames } from "./model";
import { textIn } from "../names";
import NamesInput from "./NamesInput";

type Props = {
  field: FieldDef | null;
  sections: Section[];
  onChange: (field: FieldDef) => void;
  /** The refusal at a path inside this field (`labels.es`, `options.1.value`), if any. */
  errorAt: (path: string) => string | undefined;
};

export default function FieldProperties({ field, sections, onChange, errorAt }: Props) {
  const { t, i18n } = useTranslation();
  if (!field) {
    return (
      <Card size="small" title={t("designer.field.title")} style={{ width: 420, flex: "none" }} data-testid="field-properties">
        <Empty description={t("designer.field.none")} />
      </Card>
    );
  }
  const patch = (p: Partial<FieldDef>) => onChange({ ...field, ...p } as FieldDef);
  const defaultError = errorAt("default");
  const sectionError = errorAt("section");
  return (
    <Card
      size="small"
      title={`${t("designer.field.title")} · ${t(`designer.type.${field.type}`)}`}
      style={{ width: 420, flex: "none", overflow: "auto" }}
      data-testid="field-properties"
    >
      <Form layout="vertical" size="small" component="div">
        <KeyInput label={t("designer.field.key")} testId="prop-key" value={field.key} error={errorAt("key")} onCommit={(key) => patch({ key })} />
        <NamesInput label={t("designer.field.labels")} value={field.labels} testId="prop-label" errorOf={(l) => errorAt(`labels.${l}`)} onChange={(labels) => patch({ labels })} />
        <NamesInput
          label={t("designer.field.help")}
          value={field.help ?? emptyNames()}
          testId="prop-help"
          multiline
          errorOf={(l) => errorAt(`help.${l}`)}
          onChange={(help) => patch({ help: help.en || help.zh_cn || help.es ? help : null })}
        />
        <Form.Item label={t("designer.field.section")} validateStatus={sectionError ? "error" : undefined} help={sectionError} style={{ marginBottom: 8 }}>
          <Select
            value={field.section}
            data-testid="prop-section"
            options={sections.map((s) => ({ value: s.key, label: textIn(s.names, i18n.language) || s.key }))}
            onChange={(section: string) => patch({ section })}
          />
        </Form.Item>
        <Form.Item label={t("designer.field.required")} style={{ marginBottom: 8 }}>
          <Switch checked={field.required ?? false} data-testid="prop-required" onChange={(required) => patch({ required })} />
        </Form.Item>
        <Form.Item label={t("designer.field.default")} validateStatus={defaultError ? "error" : undefined} help={defaultError} style={{ marginBottom: 8 }}>
          <DefaultInput field={field} status={defaultError ? "error" : undefined} onChange={(v) => patch({ default: v })} />
        </Form.Item>
        <KindProperties field={field} errorAt={errorAt} onChange={onChange} />
      </Form>
    </Card>
  );
}
