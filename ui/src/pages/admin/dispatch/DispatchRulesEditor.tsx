// The dispatch rules, in order: the first rule whose conditions a new order meets (its template,
// a field's value, any of some keywords) routes it to a department and/or a person. Saving
// replaces the whole list; a refusal lands on the rule's input it names.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, AutoComplete, Button, Card, Empty, Flex, Form, Input, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type DispatchRule } from "../../../api";
import { messageOf } from "../../../i18n/errors";
import { clearCoreErrors, placeCoreError } from "../../../lib/coreErrors";
import { useDirectory } from "../../../lib/directory";
import { ruleFieldPath, TEMPLATE_OPTIONS, textOrNull } from "./ruleErrors";

type RuleValues = {
  name?: string;
  template_key?: string | null;
  keywords?: string[];
  field_key?: string | null;
  field_value?: string | null;
  department_id?: string | null;
  assignee_login?: string | null;
};

const INPUTS = ["name", "template_key", "keywords", "field_key", "field_value", "department_id", "assignee_login"] as const;

function toValues(rule: DispatchRule): RuleValues {
  return {
    name: rule.name,
    template_key: rule.template_key ?? null,
    keywords: rule.keywords ?? [],
    field_key: rule.field?.key ?? null,
    field_value: rule.field?.value ?? null,
    department_id: rule.department_id ?? null,
    assignee_login: rule.assignee_login ?? null,
  };
}

function toRule(v: RuleValues): DispatchRule {
  const key = textOrNull(v.field_key);
  return {
    name: (v.name ?? "").trim(),
    template_key: textOrNull(v.template_key),
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter((k) => k !== ""),
    field: key ? { key, value: (v.field_value ?? "").trim() } : null,
    department_id: v.department_id ?? null,
    assignee_login: v.assignee_login ?? null,
  };
}

export default function DispatchRulesEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { directory } = useDirectory();
  const [form] = Form.useForm<{ rules: RuleValues[] }>();
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    api.dispatchRules().then(
      (rules) => {
        form.setFieldsValue({ rules: rules.map(toValues) });
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
      const saved = await api.dispatchRulesSave((v.rules ?? []).map(toRule));
      form.setFieldsValue({ rules: saved.map(toValues) });
      void message.success(t("dispatchAdmin.rules.saved", { n: saved.length }));
    } catch (e) {
      setFailure(placeCoreError(form, t, e, ruleFieldPath(INPUTS)));
    } finally {
      setBusy(false);
    }
  }

  const people = directory.users.filter((u) => u.active).map((u) => ({ value: u.login, label: `${u.display_name} (${u.login})` }));
  const departments = directory.departments.map((d) => ({ value: d.id, label: d.name }));

  return (
    <Card title={t("dispatchAdmin.rules.title")} data-testid="dispatch-rules-editor">
      <Typography.Paragraph type="secondary">{t("dispatchAdmin.rules.hint")}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="dispatch-rules-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ rules: [] }}>
        <Form.List name="rules">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={12}>
              {loaded && fields.length === 0 && <Empty description={t("dispatchAdmin.rules.empty")} />}
              {fields.map(({ key, name }, index) => (
                <Card
                  key={key}
                  size="small"
                  data-testid={`dispatch-rule-${index}`}
                  title={t("dispatchAdmin.rules.number", { n: index + 1 })}
                  extra={
                    <Space>
                      <Button size="small" icon={<ArrowUpOutlined />} aria-label={t("dispatchAdmin.moveUp")} disabled={index === 0} onClick={() => move(index, index - 1)} />
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label={t("dispatchAdmin.moveDown")}
                        disabled={index === fields.length - 1}
                        onClick={() => move(index, index + 1)}
                      />
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("common.remove")} onClick={() => remove(name)} />
                    </Space>
                  }
                >
                  <Form.Item name={[name, "name"]} label={t("fields.name")}>
                    <Input data-testid={`rule-name-${index}`} />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item name={[name, "template_key"]} label={t("fields.template_key")}>
                      <AutoComplete allowClear style={{ width: 180 }} options={TEMPLATE_OPTIONS} placeholder={t("dispatchAdmin.any")} />
                    </Form.Item>
                    <Form.Item name={[name, "field_key"]} label={t("dispatchAdmin.rules.fieldKey")}>
                      <Input style={{ width: 160 }} placeholder="fault_type" data-testid={`rule-field-key-${index}`} />
                    </Form.Item>
                    <Form.Item name={[name, "field_value"]} label={t("dispatchAdmin.rules.fieldValue")}>
                      <Input style={{ width: 160 }} data-testid={`rule-field-value-${index}`} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[name, "keywords"]} label={t("dispatchAdmin.rules.keywords")}>
                    <Select mode="tags" tokenSeparators={[",", "，"]} open={false} data-testid={`rule-keywords-${index}`} />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item name={[name, "department_id"]} label={t("dispatchAdmin.rules.toDepartment")}>
                      <Select allowClear style={{ width: 220 }} options={departments} data-testid={`rule-department-${index}`} />
                    </Form.Item>
                    <Form.Item name={[name, "assignee_login"]} label={t("dispatchAdmin.rules.toPerson")}>
                      <Select
                        allowClear
                        showSearch
                        optionFilterProp="label"
                        style={{ width: 240 }}
                        options={people}
                        data-testid={`rule-person-${index}`}
                      />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Space>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: "", keywords: [] })} data-testid="dispatch-rule-add">
                  {t("dispatchAdmin.rules.add")}
                </Button>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="dispatch-rules-save">
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
