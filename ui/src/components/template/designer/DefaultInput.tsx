// A field's default value, in the shape the core stores for its type. Types whose values are
// picked at fill-in time (people, files, places, dates) have no default here.
import { Input, InputNumber, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FieldDef, Value } from "../../../api";
import { textIn } from "../names";

type Props = { field: FieldDef; onChange: (value: Value | null) => void; status?: "error" };

export default function DefaultInput({ field, onChange, status }: Props) {
  const { t, i18n } = useTranslation();
  const v = field.default ?? null;
  const common = { "data-testid": "prop-default", status, "aria-label": t("designer.field.default") };
  switch (field.type) {
    case "text":
    case "textarea":
      return <Input {...common} value={typeof v === "string" ? v : ""} onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)} />;
    case "number":
      return <InputNumber {...common} value={typeof v === "number" ? v : null} onChange={(n) => onChange(n ?? null)} />;
    case "money": {
      const amount = v && typeof v === "object" && !Array.isArray(v) && typeof v.amount === "string" ? v.amount : "";
      return (
        <Input
          {...common}
          value={amount}
          addonAfter={field.currency}
          onChange={(e) => onChange(e.target.value === "" ? null : { amount: e.target.value, currency: field.currency })}
        />
      );
    }
    case "checkbox":
      return (
        <Select
          {...common}
          allowClear
          value={typeof v === "boolean" ? String(v) : undefined}
          options={[
            { value: "true", label: t("common.yes") },
            { value: "false", label: t("common.no") },
          ]}
          onChange={(s?: string) => onChange(s === undefined ? null : s === "true")}
        />
      );
    case "select":
    case "multi_select": {
      const options = field.options.map((o) => ({ value: o.value, label: textIn(o.labels, i18n.language) || o.value }));
      if (field.type === "select") {
        return <Select {...common} allowClear value={typeof v === "string" ? v : undefined} options={options} onChange={(s?: string) => onChange(s ?? null)} />;
      }
      return (
        <Select
          {...common}
          mode="multiple"
          value={Array.isArray(v) ? (v as string[]) : []}
          options={options}
          onChange={(s: string[]) => onChange(s.length ? s : null)}
        />
      );
    }
    case "date":
    case "datetime":
    case "cascade":
    case "user":
    case "customer":
    case "attachment":
    case "location":
      return <Typography.Text type="secondary">{t("designer.field.noDefault")}</Typography.Text>;
  }
}
