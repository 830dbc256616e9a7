// The choice fields: option values, multi-select lists, cascade paths (one value per level),
// and user or customer ids from the directory.
import { Cascader, Select } from "antd";
import type { FieldDef } from "../../api";
import { useDirectory } from "../../lib/directory";
import { cascadeOptions, choiceOptions } from "./names";

type Props = {
  field: FieldDef;
  lang: string;
  disabled: boolean;
  value?: unknown;
  onChange?: (value: unknown) => void;
};

export default function ChoiceInput({ field, lang, disabled, value, onChange }: Props) {
  const { directory } = useDirectory();
  const testId = `template-field-${field.key}`;
  const common = { disabled, "data-testid": testId, value, onChange } as const;
  switch (field.type) {
    case "select":
      return <Select {...common} allowClear showSearch optionFilterProp="label" options={choiceOptions(field.options, lang)} />;
    case "multi_select":
      return (
        <Select
          {...common}
          mode="multiple"
          allowClear
          optionFilterProp="label"
          options={choiceOptions(field.options, lang)}
        />
      );
    case "cascade":
      return (
        <Cascader
          {...common}
          value={value as string[] | undefined}
          options={cascadeOptions(field.tree, lang)}
          changeOnSelect={field.allow_partial ?? false}
          showSearch
          style={{ width: "100%" }}
        />
      );
    case "user":
      return (
        <Select
          {...common}
          allowClear
          showSearch
          optionFilterProp="label"
          options={directory.users
            .filter((u) => u.active || u.id === value)
            .map((u) => ({ value: u.id, label: `${u.display_name} (${u.login})` }))}
        />
      );
    case "customer":
      return (
        <Select
          {...common}
          allowClear
          showSearch
          optionFilterProp="label"
          options={directory.customers.map((c) => ({ value: c.id, label: c.name }))}
        />
      );
    default:
      return null;
  }
}
