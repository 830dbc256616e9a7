// The chosen unassigned order: what it needs (skill, level, duration — saved through the core)
// and its dispatch actions: suggest technicians, publish to the pool, open the order.
import { AutoComplete, Button, Card, Flex, Form, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type DispatchInfo, type WorkOrder } from "../../api";
import { useFormat } from "../../i18n/format";
import { clearCoreErrors, placeCoreError, sameNames } from "../../lib/coreErrors";

type Needs = { required_skill: string; required_level: number; duration_minutes: number };
const FIELDS = ["required_skill", "required_level", "duration_minutes"] as const;

type Props = {
  order: WorkOrder;
  info: DispatchInfo | null;
  skills: string[];
  busy: "suggest" | "publish" | null;
  onSaved: (info: DispatchInfo) => void;
  onSuggest: () => void;
  onPublish: () => void;
  onOpen: () => void;
  onRefused: (message: string) => void;
};

export default function OrderNeedsPanel({ order, info, skills, busy, onSaved, onSuggest, onPublish, onOpen, onRefused }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [form] = Form.useForm<Needs>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!info) return;
    form.setFieldsValue({
      required_skill: info.required_skill ?? "",
      required_level: info.required_level,
      duration_minutes: info.duration_minutes,
    });
  }, [form, info]);

  async function save(values: Needs) {
    if (!info) return;
    clearCoreErrors(form);
    setSaving(true);
    try {
      const skill = values.required_skill.trim();
      const saved = await api.orderNeedsSave(order.id, {
        ...info,
        required_skill: skill === "" ? null : skill,
        required_level: values.required_level,
        duration_minutes: values.duration_minutes,
      });
      onSaved(saved);
    } catch (e) {
      const rest = placeCoreError(form, t, e, sameNames(FIELDS));
      if (rest !== null) onRefused(rest);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={order.number} data-testid="dispatch-selected" extra={<Typography.Link onClick={onOpen}>{t("dispatch.open")}</Typography.Link>}>
      <Typography.Paragraph ellipsis={{ rows: 2 }}>{order.title}</Typography.Paragraph>
      {info?.pooled_at != null && (
        <Tag color="purple" data-testid="dispatch-pooled">
          {t("dispatch.pooledSince", { at: format.dateTime(info.pooled_at) })}
        </Tag>
      )}
      <Form form={form} layout="vertical" size="small" onFinish={(v) => void save(v)} disabled={!info} data-testid="dispatch-needs">
        <Form.Item name="required_skill" label={t("dispatch.needs.skill")}>
          <AutoComplete
            allowClear
            options={skills.map((s) => ({ value: s }))}
            placeholder={t("dispatch.needs.skillAny")}
            data-testid="dispatch-needs-skill"
          />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="required_level" label={t("dispatch.needs.level")} style={{ flex: 1 }}>
            <Select
              data-testid="dispatch-needs-level"
              options={[1, 2, 3].map((level) => ({ value: level, label: t(`dispatch.level.${level}`) }))}
            />
          </Form.Item>
          <Form.Item name="duration_minutes" label={t("dispatch.needs.duration")} style={{ flex: 1 }}>
            <InputNumber min={1} step={15} style={{ width: "100%" }} data-testid="dispatch-needs-duration" />
          </Form.Item>
        </Flex>
        <Button htmlType="submit" loading={saving} data-testid="dispatch-needs-save">
          {t("dispatch.needs.save")}
        </Button>
      </Form>
      <Space wrap style={{ marginTop: 12 }}>
        <Button type="primary" onClick={onSuggest} loading={busy === "suggest"} data-testid="dispatch-suggest">
          {t("dispatch.suggest.button")}
        </Button>
        <Button onClick={onPublish} loading={busy === "publish"} disabled={info?.pooled_at != null} data-testid="dispatch-publish">
          {t("dispatch.publish")}
        </Button>
      </Space>
    </Card>
  );
}
