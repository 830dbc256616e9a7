// An order's template values, read-only, as its own template version describes them; values a
// conversion found no field for stay visible beneath, under their earlier labels.
import { Descriptions, Empty, Flex, Spin, Typography, type DescriptionsProps } from "antd";
import { useTranslation } from "react-i18next";
import type { Event, FieldDef, JsonValue, WorkOrder } from "../../api";
import AttachmentInput from "./AttachmentInput";
import { asAttachments } from "./attachments";
import { lastConversion, splitValues } from "./conversion";
import { textIn } from "./names";
import { useTemplate } from "./useTemplate";
import { bareValueText, useLookups, valueText } from "./valueText";

/** The value of one field: attachments stay downloadable, the rest is text. */
function FieldValue({ field, value, templateKey }: { field: FieldDef; value: JsonValue; templateKey: string }) {
  const { t, i18n } = useTranslation();
  const lookups = useLookups();
  if (field.type === "attachment") {
    return <AttachmentInput templateKey={templateKey} fieldKey={field.key} accept={[]} value={asAttachments(value)} disabled />;
  }
  return <span style={{ whiteSpace: "pre-wrap" }}>{valueText(field, value, i18n.language, t, lookups)}</span>;
}

type Props = { order: WorkOrder; history: Event[] };

export default function TemplateValues({ order, history }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { template } = useTemplate(order.template_key, order.template_version);
  const { own, unmapped } = splitValues(order.values);
  const conversion = lastConversion(history);
  const { template: earlier } = useTemplate(
    Object.keys(unmapped).length > 0 && conversion ? conversion.from.key : null,
    conversion?.from.version ?? null,
  );

  if (!template) return <Spin />;
  const def = template.definition;
  const items: DescriptionsProps["items"] = def.fields
    .filter((f) => own[f.key] !== undefined && own[f.key] !== null)
    .map((f) => ({
      key: f.key,
      label: textIn(f.labels, lang),
      children: <FieldValue field={f} value={own[f.key]} templateKey={def.key} />,
    }));
  const kept: DescriptionsProps["items"] = Object.entries(unmapped).map(([key, value]) => {
    const field = earlier?.definition.fields.find((f) => f.key === key);
    return {
      key,
      label: field ? textIn(field.labels, lang) : key,
      children: field ? <FieldValue field={field} value={value} templateKey={earlier!.key} /> : bareValueText(value),
    };
  });

  return (
    <Flex vertical gap={16} data-testid="template-values">
      <Descriptions
        size="small"
        bordered
        column={1}
        title={t("templateForm.templateVersion", { name: textIn(def.names, lang), version: template.version })}
        items={items}
      />
      {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("templateForm.noValues")} />}
      {kept.length > 0 && (
        <div data-testid="unmapped-values">
          <Typography.Paragraph type="secondary">{t("templateForm.unmappedHint")}</Typography.Paragraph>
          <Descriptions size="small" bordered column={1} title={t("templateForm.unmapped")} items={kept} />
        </div>
      )}
    </Flex>
  );
}
