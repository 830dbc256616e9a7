// Converting an order to another template: choose the target, see the mapping that will apply,
// fill in what the target needs and the mapping leaves empty, then the core converts (keeping
// the number, history and comments, and every value without a place under "kept aside").
import { Alert, Form, Modal, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type CarriedValue, type FormState, type JsonValue, type TemplateDef, type WorkOrder } from "../../api";
import { messageOf } from "../../i18n/errors";
import { clearCoreErrors, placeCoreError } from "../../lib/coreErrors";
import { placeFormState, templateFieldPath } from "./formErrors";
import { cleanValues } from "./formValues";
import MappingTable from "./MappingTable";
import TemplateFields from "./TemplateFields";
import TemplatePicker from "./TemplatePicker";
import { useFormState } from "./useFormState";
import { useConversionPreview, useTemplate, useTemplateList } from "./useTemplate";

type Props = {
  order: WorkOrder;
  open: boolean;
  onClose: () => void;
  onConverted: (order: WorkOrder) => void;
  onConflict: (e: unknown) => void;
};

type Entered = { values?: Record<string, unknown> };

/** Only the fields the agent fills take the verdict's errors; mapped ones show theirs in the table. */
function onlyFields(state: FormState, keys: string[]): FormState {
  return { ...state, fields: state.fields.filter((f) => keys.includes(f.key)) };
}

/** The target's values the core says the mapping fills, by target key. */
function filledBy(carried: CarriedValue[]): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const c of carried) if (c.to !== null && c.mapped !== null) out[c.to] = c.mapped;
  return out;
}

type PlanProps = {
  carried: CarriedValue[];
  source: TemplateDef | undefined;
  target: TemplateDef;
  state: FormState | null;
  toFill: TemplateDef;
  lang: string;
};

/** The mapping that will apply, then the target's fields the mapping leaves to the agent. */
function ConversionPlan({ carried, source, target, state, toFill, lang }: PlanProps) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={5}>{t("templateForm.convert.mapping")}</Typography.Title>
      <MappingTable carried={carried} source={source} target={target} state={state} />
      <Typography.Title level={5}>{t("templateForm.convert.fill")}</Typography.Title>
      {toFill.fields.length === 0 ? (
        <Typography.Text type="secondary">{t("templateForm.convert.nothingToFill")}</Typography.Text>
      ) : (
        <TemplateFields definition={toFill} state={state} lang={lang} />
      )}
    </>
  );
}

export default function ConvertOrderForm({ order, open, onClose, onConverted, onConflict }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form] = Form.useForm<Entered>();
  const [toKey, setToKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { list, error: listError } = useTemplateList(open);
  const { template: source } = useTemplate(open ? order.template_key : null, order.template_version);
  const { template: target, error: targetError } = useTemplate(toKey, null);
  const { preview, error: previewError } = useConversionPreview(open ? order.id : null, order.version, toKey);
  const entered = Form.useWatch("values", form);
  const filled = filledBy(preview?.carried ?? []);
  const state = useFormState(target?.key ?? null, target?.version ?? null, { ...filled, ...cleanValues(entered) });
  // What is left to enter: the target's fields the mapping does not fill.
  const toFill = target ? { ...target.definition, fields: target.definition.fields.filter((f) => filled[f.key] === undefined) } : null;
  const fillKeys = toFill?.fields.map((f) => f.key) ?? [];
  const loadError = listError ?? targetError ?? previewError;

  async function convert(v: Entered) {
    if (!target) return;
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      const own = cleanValues(v.values);
      const verdict = await api.templateFormState(target.key, target.version, { ...filled, ...own });
      if (placeFormState(form, t, onlyFields(verdict, fillKeys)) > 0) return;
      // A hidden field's value would be kept aside as unmapped; only what shows is sent.
      const shown = new Set(verdict.fields.filter((f) => f.visible).map((f) => f.key));
      const values = Object.fromEntries(Object.entries(own).filter(([key]) => shown.has(key)));
      onConverted(
        await api.orderConvert(order.id, { to_key: target.key, template_version: target.version, version: order.version, values }),
      );
    } catch (e) {
      if (appErrorOf(e).code === "conflict") onConflict(e);
      else setFailure(placeCoreError(form, t, e, templateFieldPath(fillKeys)));
    } finally {
      setBusy(false);
    }
  }

  const choices = (list ?? []).filter((s) => !(s.key === order.template_key && s.version === order.template_version));
  return (
    <Modal
      open={open}
      title={t("templateForm.convert.title", { number: order.number })}
      okText={t("templateForm.convert.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={760}
      okButtonProps={{ "data-testid": "convert-submit", disabled: !target || !preview }}
    >
      {(failure || loadError !== null) && (
        <Alert type="error" showIcon message={failure ?? messageOf(t, loadError)} style={{ marginBottom: 16 }} data-testid="convert-error" />
      )}
      <Form form={form} layout="vertical" preserve={false} onFinish={convert}>
        <Form.Item label={t("templateForm.convert.target")}>
          <TemplatePicker
            testId="convert-target"
            templates={list && choices}
            value={toKey}
            placeholder={t("templateForm.convert.choose")}
            onChange={(key) => {
              form.resetFields();
              setFailure(null);
              setToKey(key);
            }}
          />
        </Form.Item>
        {toKey && (!target || !preview) && loadError === null && <Spin />}
        {target && preview && toFill && (
          <ConversionPlan
            carried={preview.carried}
            source={source?.definition}
            target={target.definition}
            state={state}
            toFill={toFill}
            lang={lang}
          />
        )}
      </Form>
    </Modal>
  );
}
