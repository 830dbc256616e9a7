// Where the order pool (抢单) is on: per template and/or department, with the radius and load
// limit of who may see the pooled orders; and how long an order waits there before automatic
// dispatch takes it. Each part saves on its own; a refusal lands on the input it names.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, AutoComplete, Button, Card, Empty, Flex, Form, InputNumber, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type PoolRule } from "../../../api";
import { messageOf } from "../../../i18n/errors";
import { clearCoreErrors, placeCoreError } from "../../../lib/coreErrors";
import { useDirectory } from "../../../lib/directory";
import { ruleFieldPath, TEMPLATE_OPTIONS, textOrNull } from "./ruleErrors";

type RuleValues = {
  template_key?: string | null;
  department_id?: string | null;
  radius_km?: number | null;
  max_load_percent?: number | null;
};

const INPUTS = ["template_key", "department_id", "radius_km", "max_load_percent"] as const;
const orNull = (v: number | null | undefined) => (v === undefined || v === null ? null : v);

function toRule(v: RuleValues): PoolRule {
  return {
    template_key: textOrNull(v.template_key),
    department_id: v.department_id ?? null,
    radius_km: orNull(v.radius_km),
    max_load_percent: orNull(v.max_load_percent),
  };
}

function PoolFallback() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ minutes?: number | null }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    api.poolFallbackMinutes().then(
      (minutes) => form.setFieldsValue({ minutes }),
      (e: unknown) => setFailure(messageOf(t, e)),
    );
  }, [form, t]);

  async function submit(v: { minutes?: number | null }) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      const minutes = await api.poolFallbackMinutesSave(v.minutes ?? 0);
      form.setFieldsValue({ minutes });
      void message.success(t("dispatchAdmin.fallback.saved", { minutes }));
    } catch (e) {
      setFailure(placeCoreError(form, t, e, (field) => (field === "pool.fallback_minutes" ? "minutes" : null)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="inline" onFinish={submit} data-testid="pool-fallback-form">
      <Form.Item name="minutes" label={t("dispatchAdmin.fallback.label")}>
        <InputNumber precision={0} style={{ width: 120 }} data-testid="pool-fallback-minutes" addonAfter={t("dispatchAdmin.fallback.unit")} />
      </Form.Item>
      <Button htmlType="submit" loading={busy} data-testid="pool-fallback-save">
        {t("common.save")}
      </Button>
      {failure && <Alert type="error" showIcon message={failure} data-testid="pool-fallback-error" />}
    </Form>
  );
}

export default function PoolRulesEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { directory } = useDirectory();
  const [form] = Form.useForm<{ rules: RuleValues[] }>();
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    api.poolRules().then(
      (rules) => {
        form.setFieldsValue({ rules });
        setLoaded(true);
      },
      (e: unknown) => setFailure(messageOf(t, e)),
    );
  }, [form, t]);

  async function submit(v: { rules?: RuleValues[] }) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      const saved = await api.poolRulesSave((v.rules ?? []).map(toRule));
      form.setFieldsValue({ rules: saved });
      void message.success(t("dispatchAdmin.pool.saved", { n: saved.length }));
    } catch (e) {
      setFailure(placeCoreError(form, t, e, ruleFieldPath(INPUTS)));
    } finally {
      setBusy(false);
    }
  }

  const departments = directory.departments.map((d) => ({ value: d.id, label: d.name }));

  return (
    <Card title={t("dispatchAdmin.pool.title")} data-testid="pool-rules-editor">
      <Typography.Paragraph type="secondary">{t("dispatchAdmin.pool.hint")}</Typography.Paragraph>
      <PoolFallback />
      {failure && <Alert type="error" showIcon message={failure} style={{ margin: "16px 0" }} data-testid="pool-rules-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ rules: [] }} style={{ marginTop: 16 }}>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {loaded && fields.length === 0 && <Empty description={t("dispatchAdmin.pool.empty")} />}
              {fields.map(({ key, name }, index) => (
                <Space key={key} wrap align="start" data-testid={`pool-rule-${index}`}>
                  <Form.Item name={[name, "template_key"]} label={t("fields.template_key")}>
                    <AutoComplete allowClear style={{ width: 160 }} options={TEMPLATE_OPTIONS} placeholder={t("dispatchAdmin.any")} />
                  </Form.Item>
                  <Form.Item name={[name, "department_id"]} label={t("fields.department_id")}>
                    <Select allowClear style={{ width: 200 }} options={departments} placeholder={t("dispatchAdmin.any")} data-testid={`pool-department-${index}`} />
                  </Form.Item>
                  <Form.Item name={[name, "radius_km"]} label={t("fields.radius_km")}>
                    <InputNumber style={{ width: 130 }} placeholder={t("dispatchAdmin.noLimit")} data-testid={`pool-radius-${index}`} />
                  </Form.Item>
                  <Form.Item name={[name, "max_load_percent"]} label={t("fields.max_load_percent")}>
                    <InputNumber style={{ width: 130 }} placeholder={t("dispatchAdmin.noLimit")} data-testid={`pool-load-${index}`} />
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button danger icon={<DeleteOutlined />} aria-label={t("common.remove")} onClick={() => remove(name)} />
                  </Form.Item>
                </Space>
              ))}
              <Space>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="pool-rule-add">
                  {t("dispatchAdmin.pool.add")}
                </Button>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="pool-rules-save">
                  {t("common.save")}
                </Button>
              </Space>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
