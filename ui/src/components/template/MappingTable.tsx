// The mapping a conversion will apply, one row per value the order holds: source field and
// value -> target field and value, or "kept aside" when the target has no place for it.
import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CarriedValue, FieldDef, FormState, TemplateDef } from "../../api";
import { errorMessage } from "../../i18n/errors";
import { textIn } from "./names";
import { bareValueText, useLookups, valueText } from "./valueText";

type Props = { carried: CarriedValue[]; source: TemplateDef | undefined; target: TemplateDef; state: FormState | null };

type Row = CarriedValue & { fromField: FieldDef | undefined; toField: FieldDef | undefined };

export default function MappingTable({ carried, source, target, state }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const lookups = useLookups();
  const rows: Row[] = carried.map((c) => ({
    ...c,
    fromField: source?.fields.find((f) => f.key === c.from),
    toField: c.to === null ? undefined : target.fields.find((f) => f.key === c.to),
  }));
  const text = (p: Row, side: "from" | "to") => {
    const field = side === "from" ? p.fromField : p.toField;
    const value = side === "from" ? p.value : p.mapped;
    return field ? valueText(field, value, lang, t, lookups) : bareValueText(value);
  };
  const errorOf = (p: Row) => {
    const view = p.to ? state?.fields.find((f) => f.key === p.to) : undefined;
    return view?.error ? errorMessage(t, view.error) : null;
  };
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey="from"
      data-testid="conversion-mapping"
      dataSource={rows}
      locale={{ emptyText: t("templateForm.convert.nothingToMap") }}
      columns={[
        {
          key: "from",
          title: t("templateForm.convert.fromColumn"),
          render: (_, p) => (
            <>
              <Typography.Text strong>{p.fromField ? textIn(p.fromField.labels, lang) : p.from}</Typography.Text>
              <div>{text(p, "from")}</div>
            </>
          ),
        },
        {
          key: "to",
          title: t("templateForm.convert.toColumn"),
          render: (_, p) => {
            if (!p.to || !p.toField) return <Tag data-testid="mapping-kept">{t("templateForm.convert.kept")}</Tag>;
            const error = errorOf(p);
            return (
              <>
                <Typography.Text strong>{textIn(p.toField.labels, lang)}</Typography.Text>
                <div>{text(p, "to")}</div>
                {error && <Typography.Text type="danger">{error}</Typography.Text>}
              </>
            );
          },
        },
      ]}
    />
  );
}
