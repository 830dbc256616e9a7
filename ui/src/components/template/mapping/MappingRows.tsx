// One row per target field: its label, the source field that fills it, and for choice fields
// fed by a choice field, what each source option becomes. A core refusal shows on its row.
import { Flex, Select, Table, Typography, type TableColumnsType } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { FieldDef, FieldMapping, TemplateDef } from "../../../api";
import { textIn } from "../names";
import { choicesOf, isSameKey, namesakeAlsoFills, optionTarget, setOption, setSource, sourceFor } from "./model";

const NONE = "";
// A Select value for "kept aside", which no option value can be (values are keys, never blank).
const ASIDE = "";

type Props = {
  from: TemplateDef;
  to: TemplateDef;
  mapping: FieldMapping;
  refusal: { target: string; message: string } | null;
  onChange: (mapping: FieldMapping) => void;
};

export default function MappingRows({ from, to, mapping, refusal, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = (f: FieldDef) => textIn(f.labels, lang);

  function sourceSelect(target: FieldDef) {
    const current = sourceFor(mapping, from, target.key);
    const sameKey = isSameKey(mapping, from, target.key);
    const options = [
      // The core cannot stop a same-key field from filling its namesake, so "none" is not offered then.
      { value: NONE, label: t("mapping.none"), disabled: sameKey },
      ...from.fields.map((f) => ({
        value: f.key,
        label: f.key === target.key && sameKey ? t("mapping.sameKey", { label: label(f) }) : `${label(f)} (${f.key})`,
      })),
    ];
    return (
      <div data-testid={`mapping-source-${target.key}`}>
        <Select<string>
          style={{ width: "100%" }}
          value={current ?? NONE}
          options={options}
          onChange={(v) => onChange(setSource(mapping, target.key, v === NONE ? null : v))}
        />
      </div>
    );
  }

  function valueMap(target: FieldDef) {
    const source = sourceFor(mapping, from, target.key);
    const sourceField = from.fields.find((f) => f.key === source);
    const sourceChoices = choicesOf(sourceField);
    const targetChoices = choicesOf(target);
    if (!source || !sourceChoices || !targetChoices) return null;
    const options = [
      { value: ASIDE, label: t("mapping.keepAside") },
      ...targetChoices.map((o) => ({ value: o.value, label: textIn(o.labels, lang) })),
    ];
    return (
      <Flex vertical gap={4}>
        {sourceChoices.map((o) => (
          <Flex key={o.value} gap={8} align="center" data-testid={`mapping-option-${target.key}-${o.value}`}>
            <Typography.Text style={{ minWidth: 120 }}>{textIn(o.labels, lang)} →</Typography.Text>
            <Select<string>
              style={{ flex: 1 }}
              value={optionTarget(mapping, source, o.value, target) ?? ASIDE}
              options={options}
              onChange={(v) => onChange(setOption(mapping, source, o.value, v === ASIDE ? null : v))}
            />
          </Flex>
        ))}
      </Flex>
    );
  }

  const columns: TableColumnsType<FieldDef> = [
    {
      key: "target",
      title: t("mapping.target"),
      width: "30%",
      render: (_, f) => (
        <Flex vertical>
          <Typography.Text>{label(f)}</Typography.Text>
          <Typography.Text type="secondary" code>
            {f.key}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: "source",
      title: t("mapping.source"),
      width: "30%",
      render: (_, f) => (
        <Flex vertical gap={4}>
          {sourceSelect(f)}
          {namesakeAlsoFills(mapping, from, f.key) && (
            <Typography.Text type="warning" data-testid={`mapping-namesake-${f.key}`}>
              {t("mapping.namesakeAlso")}
            </Typography.Text>
          )}
          {refusal?.target === f.key && (
            <Typography.Text type="danger" data-testid={`mapping-error-${f.key}`}>
              {refusal.message}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: "values", title: t("mapping.values"), render: (_, f) => valueMap(f) },
  ];

  return (
    <Table<FieldDef>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={to.fields}
      pagination={false}
      onRow={(f) => ({ "data-testid": `mapping-row-${f.key}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
