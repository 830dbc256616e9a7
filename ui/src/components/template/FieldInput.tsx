// One input per field type, speaking the value shapes the core checks: text, numbers, decimal
// money text, `YYYY-MM-DD` dates, RFC 3339 date-times, stored-file lists and places; choices
// (options, cascade paths, people, customers) are ChoiceInput's.
import { Checkbox, DatePicker, Input, InputNumber } from "antd";
import type { Dayjs } from "dayjs";
import type { FieldDef } from "../../api";
import AttachmentInput from "./AttachmentInput";
import ChoiceInput from "./ChoiceInput";
import LocationInput from "./LocationInput";
import MoneyInput from "./MoneyInput";
import { decimalSeparator } from "./formValues";

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
    case "multi_select":
    case "cascade":
    case "user":
    case "customer":
      return <ChoiceInput field={field} lang={lang} disabled={disabled} value={value} onChange={onChange} />;
    case "checkbox":
      return <Checkbox disabled={disabled} data-testid={testId} checked={value === true} onChange={(e) => onChange?.(e.target.checked)} />;
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
