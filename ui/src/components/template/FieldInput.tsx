// One input per field type, speaking the value shapes the core checks: text, numbers, decimal
// money text, `YYYY-MM-DD` dates, RFC 3339 date-times, option values, cascade paths, user and
// customer ids, stored-file lists and places.
import { Cascader, Checkbox, DatePicker, Input, InputNumber, Select } from "antd";
import type { Dayjs } from "dayjs";
import type { FieldDef } from "../../api";
import { useDirectory } from "../../lib/directory";
import AttachmentInput from "./AttachmentInput";
import LocationInput from "./LocationInput";
import MoneyInput from "./MoneyInput";
import { decimalSeparator } from "./formValues";
import { cascadeOptions, choiceOptions } from "./names";

export type FieldInputProps = {
  field: FieldDef;
  templateKey: string;
  lang: string;
  disabled: boolean;
  /** Set by the Form.Item around the input. */
  value?: unknown;
  onChange?: (value: unknown) => void;
};

export default function FieldInput({ field, templateKey, lang, disabled, value, onChange }: FieldInputProps) {
  const { directory } = useDirectory();
  const testId = `template-field-${field.key}`;
  const common = { disabled, "data-testid": testId, value, onChange } as const;
  switch (field.type) {
    case "text":
      return <Input {...common} value={(value as string | undefined) ?? ""} onChange={(e) => onChange?.(e.target.value)} />;
    case "textarea":
      return (
        <Input.TextArea
          {...common}
          rows={4}
          value={(value as string | undefined) ?? ""}
          onChange={(e) => onChange?.(e.target.value)}
        />
      );
    case "number":
      return (
        <InputNumber
          {...common}
          style={{ width: "100%" }}
          decimalSeparator={decimalSeparator(lang)}
          value={typeof value === "number" ? value : null}
          onChange={(n) => onChange?.(typeof n === "number" ? n : null)}
        />
      );
    case "money":
      return <MoneyInput lang={lang} currency={field.currency} disabled={disabled} testId={testId} value={value as never} onChange={onChange} />;
    case "date":
      return <DatePicker {...common} value={value as Dayjs | null} style={{ width: "100%" }} />;
    case "datetime":
      return <DatePicker {...common} value={value as Dayjs | null} showTime={{ format: "HH:mm" }} style={{ width: "100%" }} />;
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
    case "checkbox":
      return <Checkbox disabled={disabled} data-testid={testId} checked={value === true} onChange={(e) => onChange?.(e.target.checked)} />;
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
    case "attachment":
      return (
        <AttachmentInput
          lang={lang}
          templateKey={templateKey}
          fieldKey={field.key}
          accept={field.types ?? []}
          disabled={disabled}
          testId={testId}
          value={value as never}
          onChange={onChange}
        />
      );
    case "location":
      return (
        <LocationInput
          lang={lang}
          disabled={disabled}
          decimalSeparator={decimalSeparator(lang)}
          testId={testId}
          value={value as never}
          onChange={onChange}
        />
      );
  }
}
