// The settings particular to a field's type: text length and pattern, number range and
// decimals, money currency, select options, cascade tree, attachment limits.
import { Form, Input, InputNumber, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { FieldDef } from "../../../api";
import CascadeEditor from "./CascadeEditor";
import ChoicesEditor from "./ChoicesEditor";

type Props = { field: FieldDef; onChange: (field: FieldDef) => void; errorAt: (path: string) => string | undefined };

const MIB = 1024 * 1024;

export default function KindProperties({ field, onChange, errorAt }: Props) {
  const { t } = useTranslation();
  const patch = (p: Partial<FieldDef>) => onChange({ ...field, ...p } as FieldDef);
  const item = (name: string, label: string, control: React.ReactNode) => {
    const error = errorAt(name);
    return (
      <Form.Item key={name} label={label} validateStatus={error ? "error" : undefined} help={error} style={{ marginBottom: 8 }}>
        {control}
      </Form.Item>
    );
  };
  const num = (name: string, value: number | null | undefined, label: string, extra: object = {}) =>
    item(
      name,
      label,
      <InputNumber
        value={value ?? null}
        data-testid={`prop-${name}`}
        aria-label={label}
        style={{ width: 160 }}
        onChange={(v) => patch({ [name]: v ?? null } as Partial<FieldDef>)}
        {...extra}
      />,
    );

  switch (field.type) {
    case "text":
      return (
        <>
          {num("max_chars", field.max_chars, t("designer.field.maxChars"), { min: 1, precision: 0 })}
          {item(
            "pattern",
            t("designer.field.pattern"),
            <Input
              value={field.pattern ?? ""}
              data-testid="prop-pattern"
              placeholder="[A-Z]{2}-\d+"
              onChange={(e) => patch({ pattern: e.target.value === "" ? null : e.target.value })}
            />,
          )}
        </>
      );
    case "textarea":
      return num("max_chars", field.max_chars, t("designer.field.maxChars"), { min: 1, precision: 0 });
    case "number":
      return (
        <>
          {num("min", field.min, t("designer.field.min"))}
          {num("max", field.max, t("designer.field.max"))}
          {num("decimals", field.decimals, t("designer.field.decimals"), { min: 0, precision: 0 })}
        </>
      );
    case "money":
      return (
        <>
          {item(
            "currency",
            t("designer.field.currency"),
            <Input
              value={field.currency}
              maxLength={3}
              style={{ width: 100 }}
              data-testid="prop-currency"
              onChange={(e) => patch({ currency: e.target.value.toUpperCase() })}
            />,
          )}
          {num("min", field.min, t("designer.field.min"))}
          {num("max", field.max, t("designer.field.max"))}
        </>
      );
    case "select":
      return <ChoicesEditor options={field.options} errorAt={errorAt} onChange={(options) => patch({ options })} />;
    case "multi_select":
      return (
        <>
          <ChoicesEditor options={field.options} errorAt={errorAt} onChange={(options) => patch({ options })} />
          {num("max_choices", field.max_choices, t("designer.field.maxChoices"), { min: 1, precision: 0 })}
        </>
      );
    case "cascade":
      return <CascadeEditor cascade={field} errorAt={errorAt} onChange={(c) => patch(c)} />;
    case "attachment":
      return (
        <>
          {item(
            "max_bytes",
            t("designer.field.maxMegabytes"),
            <InputNumber
              value={field.max_bytes ? field.max_bytes / MIB : null}
              min={0.01}
              data-testid="prop-max_bytes"
              style={{ width: 160 }}
              onChange={(v) => patch({ max_bytes: v ? Math.round(v * MIB) : null })}
            />,
          )}
          {item(
            "types",
            t("designer.field.fileTypes"),
            <Select
              mode="tags"
              value={field.types ?? []}
              data-testid="prop-types"
              placeholder="image/*, .pdf"
              tokenSeparators={[",", " "]}
              onChange={(types: string[]) => patch({ types })}
            />,
          )}
          {num("max_files", field.max_files, t("designer.field.maxFiles"), { min: 1, precision: 0 })}
        </>
      );
    case "date":
    case "datetime":
    case "checkbox":
    case "user":
    case "customer":
    case "location":
      return null;
  }
}
