// The template as a whole: key, names in three languages, department, category, default
// priority, and its sections (customer information, service request, completion, closing …).
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { Section, TemplateDef } from "../../../api";
import { useDirectory } from "../../../lib/directory";
import KeyInput from "./KeyInput";
import { emptyNames, freshKey } from "./model";
import NamesInput from "./NamesInput";
import type { Refusal } from "./refusal";
import { scoped } from "./refusal";

const PRIORITIES = ["P1", "P2", "P3", "P4", "P5"];

type Props = {
  definition: TemplateDef;
  /** Whether the key may still change (a template not yet saved). */
  keyEditable: boolean;
  refusal: Refusal | null;
  onChange: (def: TemplateDef) => void;
};

function SectionsEditor({ definition, refusal, onChange }: Omit<Props, "keyEditable">) {
  const { t } = useTranslation();
  const sections = definition.sections;
  const setSections = (next: Section[]) => onChange({ ...definition, sections: next });
  const renameSection = (i: number, key: string) => {
    const from = sections[i].key;
    const next = sections.map((s, j) => (j === i ? { ...s, key } : s));
    // Fields follow their section, unless another section still has the old key.
    const fields = next.some((s) => s.key === from) ? definition.fields : definition.fields.map((f) => (f.section === from ? { ...f, section: key } : f));
    onChange({ ...definition, sections: next, fields });
  };
  const swap = (i: number, j: number) => {
    const next = [...sections];
    [next[i], next[j]] = [next[j], next[i]];
    setSections(next);
  };
  const listError = scoped(refusal, "template", null)("sections");
  return (
    <Flex vertical gap={8} data-testid="sections-editor">
      {listError && <Alert type="error" showIcon message={listError} />}
      {sections.map((s, i) => {
        const error = scoped(refusal, "section", i);
        const used = definition.fields.some((f) => f.section === s.key);
        return (
          <Card
            key={i}
            size="small"
            data-testid={`section-${i}`}
            extra={
              <Flex gap={4}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t("designer.canvas.up")} onClick={() => swap(i, i - 1)} />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === sections.length - 1} aria-label={t("designer.canvas.down")} onClick={() => swap(i, i + 1)} />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={used || sections.length === 1}
                  title={used ? t("designer.section.inUse") : undefined}
                  aria-label={t("common.remove")}
                  onClick={() => setSections(sections.filter((_, j) => j !== i))}
                />
              </Flex>
            }
          >
            <KeyInput label={t("designer.section.key")} testId={`section-${i}-key`} value={s.key} error={error("key")} onCommit={(key) => renameSection(i, key)} />
            <NamesInput
              label={t("designer.section.names")}
              value={s.names}
              testId={`section-${i}-name`}
              errorOf={(l) => error(`names.${l}`)}
              onChange={(names) => setSections(sections.map((o, j) => (j === i ? { ...o, names } : o)))}
            />
          </Card>
        );
      })}
      <div>
        <Button
          icon={<PlusOutlined />}
          data-testid="section-add"
          onClick={() => setSections([...sections, { key: freshKey("section", sections.map((s) => s.key)), names: emptyNames() }])}
        >
          {t("designer.section.add")}
        </Button>
      </div>
    </Flex>
  );
}

export default function TemplateSettings({ definition, keyEditable, refusal, onChange }: Props) {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  const error = scoped(refusal, "template", null);
  const priorityError = error("default_priority");
  return (
    <Form layout="vertical" size="small" component="div" data-testid="template-settings">
      <KeyInput
        label={t("designer.template.key")}
        testId="template-key"
        value={definition.key}
        disabled={!keyEditable}
        error={error("key")}
        onCommit={(key) => onChange({ ...definition, key })}
      />
      <NamesInput label={t("designer.template.names")} value={definition.names} testId="template-name" errorOf={(l) => error(`names.${l}`)} onChange={(names) => onChange({ ...definition, names })} />
      <Flex gap={12} wrap>
        <Form.Item label={t("designer.template.department")} style={{ width: 220 }}>
          <Select
            allowClear
            value={definition.department_id ?? undefined}
            data-testid="template-department"
            placeholder={t("designer.template.anyDepartment")}
            options={directory.departments.map((d) => ({ value: d.id, label: d.name }))}
            onChange={(id?: string) => onChange({ ...definition, department_id: id ?? null })}
          />
        </Form.Item>
        <Form.Item label={t("designer.template.category")} style={{ width: 200 }}>
          <Input value={definition.category ?? ""} data-testid="template-category" onChange={(e) => onChange({ ...definition, category: e.target.value })} />
        </Form.Item>
        <Form.Item label={t("designer.template.priority")} style={{ width: 200 }} validateStatus={priorityError ? "error" : undefined} help={priorityError}>
          <Select
            allowClear
            value={definition.default_priority ?? undefined}
            data-testid="template-priority"
            options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            onChange={(p?: string) => onChange({ ...definition, default_priority: p ?? null })}
          />
        </Form.Item>
      </Flex>
      <SectionsEditor definition={definition} refusal={refusal} onChange={onChange} />
    </Form>
  );
}
