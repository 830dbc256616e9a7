// Rules: when every condition on some fields holds, show / hide / require / make read-only other
// fields. The core checks them (missing fields, a rule acting on its own condition) on preview
// and save; its refusal shows on the condition or target it names.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Flex, Form, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CascadeNode, FieldDef, FieldRule, RuleCondition, RuleEffect } from "../../../api";
import { textIn } from "../names";

const EFFECTS: RuleEffect[] = ["show", "hide", "require", "read_only"];
const OPS: RuleCondition["op"][] = ["any_of", "is_empty", "not_empty"];

type Props = {
  fields: FieldDef[];
  rules: FieldRule[];
  onChange: (rules: FieldRule[]) => void;
  /** The refusal at `rules.<i>.<path>`, if any. */
  errorAt: (index: number, path: string) => string | undefined;
};

function cascadeChoices(nodes: CascadeNode[], lang: string, prefix = ""): { value: string; label: string }[] {
  return nodes.flatMap((n) => {
    const label = `${prefix}${textIn(n.labels, lang) || n.value}`;
    return [{ value: n.value, label }, ...cascadeChoices(n.children ?? [], lang, `${label} / `)];
  });
}

/** The values a condition on `field` can pick from (free text for other types). */
function valueChoices(field: FieldDef | undefined, lang: string): { value: string; label: string }[] {
  if (!field) return [];
  if (field.type === "select" || field.type === "multi_select") {
    return field.options.map((o) => ({ value: o.value, label: textIn(o.labels, lang) || o.value }));
  }
  if (field.type === "cascade") return cascadeChoices(field.tree, lang);
  return [];
}

function ConditionRow(props: {
  condition: RuleCondition;
  fields: FieldDef[];
  testId: string;
  error: (path: string) => string | undefined;
  onChange: (c: RuleCondition) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { condition: c, fields, testId, error, onChange, onRemove } = props;
  const fieldOptions = fields.map((f) => ({ value: f.key, label: `${textIn(f.labels, i18n.language) || f.key} (${f.key})` }));
  const choices = valueChoices(fields.find((f) => f.key === c.field), i18n.language);
  const fieldError = error("field");
  const valuesError = error("values");
  return (
    <Flex gap={4} align="start" wrap>
      <Form.Item style={{ marginBottom: 4, width: 200 }} validateStatus={fieldError ? "error" : undefined} help={fieldError}>
        <Select
          value={c.field || undefined}
          data-testid={`${testId}-field`}
          placeholder={t("designer.rule.field")}
          options={fieldOptions}
          onChange={(field: string) => onChange({ ...c, field })}
        />
      </Form.Item>
      <Select
        style={{ width: 140 }}
        value={c.op}
        data-testid={`${testId}-op`}
        options={OPS.map((op) => ({ value: op, label: t(`designer.rule.op.${op}`) }))}
        onChange={(op: RuleCondition["op"]) => onChange(op === "any_of" ? { op, field: c.field, values: [] } : { op, field: c.field })}
      />
      {c.op === "any_of" && (
        <Form.Item style={{ marginBottom: 4, flex: 1, minWidth: 160 }} validateStatus={valuesError ? "error" : undefined} help={valuesError}>
          <Select
            mode="tags"
            value={c.values}
            data-testid={`${testId}-values`}
            placeholder={t("designer.rule.values")}
            options={choices}
            onChange={(values: string[]) => onChange({ ...c, values })}
          />
        </Form.Item>
      )}
      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("common.remove")} onClick={onRemove} />
    </Flex>
  );
}

function RuleCard({ rule, index, fields, error, onChange, onRemove }: {
  rule: FieldRule;
  index: number;
  fields: FieldDef[];
  error: (path: string) => string | undefined;
  onChange: (r: FieldRule) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const targetError = error("targets");
  const whenError = error("when") && !rule.when.some((_, i) => error(`when.${i}`)) ? error("when") : undefined;
  const conditionFields = new Set(rule.when.map((c) => c.field));
  const targetOptions = fields
    .filter((f) => !conditionFields.has(f.key))
    .map((f) => ({ value: f.key, label: `${textIn(f.labels, i18n.language) || f.key} (${f.key})` }));
  return (
    <Card
      size="small"
      data-testid={`rule-${index}`}
      title={t("designer.rule.title", { n: index + 1 })}
      extra={<Button size="small" danger icon={<DeleteOutlined />} aria-label={t("common.remove")} data-testid={`rule-${index}-remove`} onClick={onRemove} />}
    >
      <Typography.Text strong>{t("designer.rule.when")}</Typography.Text>
      {whenError && <Alert type="error" showIcon message={whenError} style={{ marginBottom: 4 }} />}
      {rule.when.map((c, i) => (
        <ConditionRow
          key={i}
          condition={c}
          fields={fields}
          testId={`rule-${index}-when-${i}`}
          error={(path) => error(`when.${i}.${path}`)}
          onChange={(next) => onChange({ ...rule, when: rule.when.map((o, j) => (j === i ? next : o)) })}
          onRemove={() => onChange({ ...rule, when: rule.when.filter((_, j) => j !== i) })}
        />
      ))}
      <Button size="small" icon={<PlusOutlined />} data-testid={`rule-${index}-add-condition`} onClick={() => onChange({ ...rule, when: [...rule.when, { op: "not_empty", field: "" }] })}>
        {t("designer.rule.addCondition")}
      </Button>
      <Flex gap={8} align="start" style={{ marginTop: 8 }} wrap>
        <Typography.Text strong style={{ lineHeight: "32px" }}>{t("designer.rule.then")}</Typography.Text>
        <Select
          style={{ width: 160 }}
          value={rule.effect}
          data-testid={`rule-${index}-effect`}
          options={EFFECTS.map((e) => ({ value: e, label: t(`designer.rule.effect.${e}`) }))}
          onChange={(effect: RuleEffect) => onChange({ ...rule, effect })}
        />
        <Form.Item style={{ flex: 1, minWidth: 200, marginBottom: 0 }} validateStatus={targetError ? "error" : undefined} help={targetError}>
          <Select
            mode="multiple"
            value={rule.targets}
            data-testid={`rule-${index}-targets`}
            placeholder={t("designer.rule.targets")}
            options={targetOptions}
            onChange={(targets: string[]) => onChange({ ...rule, targets })}
          />
        </Form.Item>
      </Flex>
    </Card>
  );
}

export default function RuleEditor({ fields, rules, onChange, errorAt }: Props) {
  const { t } = useTranslation();
  return (
    <Form component="div" size="small">
      <Flex vertical gap={8} data-testid="rule-editor">
        {rules.length === 0 && <Empty description={t("designer.rule.none")} />}
        {rules.map((rule, i) => (
          <RuleCard
            key={i}
            rule={rule}
            index={i}
            fields={fields}
            error={(path) => errorAt(i, path)}
            onChange={(next) => onChange(rules.map((r, j) => (j === i ? next : r)))}
            onRemove={() => onChange(rules.filter((_, j) => j !== i))}
          />
        ))}
        <div>
          <Button
            icon={<PlusOutlined />}
            data-testid="rule-add"
            onClick={() => onChange([...rules, { when: [{ op: "not_empty", field: fields[0]?.key ?? "" }], effect: "require", targets: [] }])}
          >
            {t("designer.rule.add")}
          </Button>
        </div>
      </Flex>
    </Form>
  );
}
