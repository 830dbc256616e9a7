// Editing an SLA policy: its scope (customer group and service, each "any" when empty), the
// calendar, P1–P5 targets, warnings and the escalation chain. The core validates everything; a
// refusal is shown next to the input it names and the editor stays open.
import { Alert, Button, Divider, Drawer, Flex, Form, Input, InputNumber, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type StoredCalendar, type StoredPolicy } from "../../../api";
import { clearCoreErrors, placeCoreError } from "../../../lib/coreErrors";
import { useDirectory } from "../../../lib/directory";
import { RecipientChain, RecipientInput } from "./RecipientInput";
import { ANY, policyFieldPath, policyValues, toStoredPolicy, type PolicyValues } from "./slaForms";
import TargetsTable from "./TargetsTable";

type Props = {
  /** The policy to edit, or null for a new one. */
  policy: StoredPolicy | null;
  calendars: StoredCalendar[];
  open: boolean;
  onClose: () => void;
  onSaved: (saved: StoredPolicy) => void;
};

export default function PolicyEditor({ policy, calendars, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  const [form] = Form.useForm<PolicyValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(values: PolicyValues) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      onSaved(await api.slaPolicySave(toStoredPolicy(policy?.id ?? "", values)));
    } catch (e) {
      setFailure(placeCoreError(form, t, e, policyFieldPath));
    } finally {
      setBusy(false);
    }
  }

  const number = (name: keyof PolicyValues, label: string, testId: string, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra}>
      <InputNumber min={0} precision={0} style={{ width: 140 }} data-testid={testId} />
    </Form.Item>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={760}
      destroyOnHidden
      title={policy ? t("slaAdmin.editPolicy", { name: policy.name }) : t("slaAdmin.newPolicy")}
      extra={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="policy-save">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      <div data-testid="policy-editor">
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="policy-error" />}
        <Form form={form} layout="vertical" initialValues={policyValues(policy, calendars[0]?.id)} onFinish={submit}>
          <Form.Item name="name" label={t("slaAdmin.policy.name")}>
            <Input data-testid="policy-name" />
          </Form.Item>
          <Flex gap={16} wrap="wrap">
            <Form.Item name="customer_group_id" label={t("slaAdmin.policy.customerGroup")} style={{ minWidth: 220 }}>
              <Select
                data-testid="policy-customer-group"
                options={[
                  { value: ANY, label: t("slaAdmin.policy.anyGroup") },
                  ...directory.customer_groups.map((g) => ({ value: g.id, label: g.name })),
                ]}
              />
            </Form.Item>
            <Form.Item name="catalog_item_id" label={t("slaAdmin.policy.catalogItem")} style={{ minWidth: 220 }}>
              <Select
                data-testid="policy-catalog-item"
                showSearch
                optionFilterProp="label"
                options={[
                  { value: ANY, label: t("slaAdmin.policy.anyItem") },
                  ...directory.catalog.map((c) => ({ value: c.id, label: c.name })),
                ]}
              />
            </Form.Item>
            <Form.Item name="calendar_id" label={t("slaAdmin.policy.calendar")} style={{ minWidth: 220 }}>
              <Select data-testid="policy-calendar" options={calendars.map((c) => ({ value: c.id ?? "", label: c.name }))} />
            </Form.Item>
          </Flex>
          <Divider orientation="left" plain>
            {t("slaAdmin.policy.targets")}
          </Divider>
          <TargetsTable />
          <Divider orientation="left" plain>
            {t("slaAdmin.policy.escalation")}
          </Divider>
          <Flex gap={16} wrap="wrap">
            {number("warn_percent", t("slaAdmin.policy.warnPercent"), "policy-warn-percent")}
            {number("alert_interval_minutes", t("slaAdmin.policy.alertInterval"), "policy-alert-interval")}
            {number("max_alerts", t("slaAdmin.policy.maxAlerts"), "policy-max-alerts")}
          </Flex>
          <Form.Item name="chain" label={t("slaAdmin.policy.chain")} extra={t("slaAdmin.policy.chainHelp")}>
            <RecipientChain />
          </Form.Item>
          <Form.Item name="control_centre" label={t("slaAdmin.policy.controlCentre")} extra={t("slaAdmin.policy.controlCentreHelp")}>
            <RecipientInput testId="policy-control-centre" />
          </Form.Item>
        </Form>
      </div>
    </Drawer>
  );
}
