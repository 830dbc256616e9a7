// Editing one trigger in a drawer: names, when it runs, its conditions (all must hold) and its
// actions (in order). Saving sends it to the core; a refusal shows on the row or field it names
// and nothing is saved.
import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Drawer, Flex, Form, Input, Space, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, appErrorOf, type Condition, type Names, type Trigger, type TriggerEvent } from "../../../api";
import { errorMessage } from "../../../i18n/errors";
import { ActionRow, ConditionRow } from "./TriggerRules";
import { blankAction, blankCondition, filledNames } from "./triggerText";

type Refusal = { field: string; message: string };
/** A trigger with the parts the core defaults spelled out. */
type Draft = Trigger & { active: boolean; conditions: Condition[] };

/** What is sent: empty words dropped, empty names filled from the one given. */
function cleaned(trigger: Draft): Trigger {
  return {
    ...trigger,
    names: filledNames(trigger.names, trigger.key),
    conditions: trigger.conditions.map((c) => (c.kind === "text_contains" ? { ...c, words: c.words.filter((w) => w.trim() !== "") } : c)),
  };
}

type Props = {
  trigger: Trigger;
  isNew: boolean;
  onClose: () => void;
  onSaved: (list: Trigger[]) => void;
};

export default function TriggerEditor({ trigger: initial, isNew, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [trigger, setTrigger] = useState<Draft>({ ...initial, active: initial.active ?? true, conditions: initial.conditions ?? [] });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);

  const errorAt = (prefix: string) =>
    refusal && (refusal.field === prefix || refusal.field.startsWith(`${prefix}.`)) ? refusal.message : null;
  const placed = (field: string) => /^(key|names\.\w+|on|conditions\.\d+|actions\.\d+|actions|conditions)/.test(field);

  function edit(next: Draft) {
    setTrigger(next);
  }

  async function save() {
    setSaving(true);
    try {
      const list = await api.triggerSave(cleaned(trigger));
      setRefusal(null);
      onSaved(list);
    } catch (e) {
      const error = appErrorOf(e);
      setRefusal({ field: error.field ?? "", message: errorMessage(t, error) });
    } finally {
      setSaving(false);
    }
  }

  const setName = (lang: keyof Names, value: string) => edit({ ...trigger, names: { ...trigger.names, [lang]: value } });
  const itemError = (field: string) => (errorAt(field) ? { validateStatus: "error" as const, help: errorAt(field) } : {});

  return (
    <Drawer
      open
      width={760}
      title={isNew ? t("triggers.newTitle") : t("triggers.editTitle")}
      onClose={onClose}
      data-testid="trigger-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="trigger-save">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      {refusal && !placed(refusal.field) && <Alert type="error" showIcon message={refusal.message} style={{ marginBottom: 12 }} data-testid="trigger-error" />}
      <Form layout="vertical" component="div">
        <Form.Item label={t("triggers.key")} extra={isNew ? t("triggers.keyHint") : undefined} {...itemError("key")}>
          <Input data-testid="trigger-key" value={trigger.key} disabled={!isNew} onChange={(e) => edit({ ...trigger, key: e.target.value.trim() })} />
        </Form.Item>
        <Flex gap={8}>
          {(["zh_cn", "en", "es"] as const).map((lang) => (
            <Form.Item key={lang} style={{ flex: 1 }} label={t(`workflowEditor.name.${lang}`)} {...itemError(`names.${lang}`)}>
              <Input data-testid={`trigger-name-${lang}`} value={trigger.names[lang]} onChange={(e) => setName(lang, e.target.value)} />
            </Form.Item>
          ))}
        </Flex>
        <Typography.Paragraph type="secondary">{t("triggers.namesHint")}</Typography.Paragraph>
        <Flex gap={24}>
          <Form.Item label={t("triggers.on")} {...itemError("on")}>
            <Checkbox.Group
              data-testid="trigger-events"
              value={trigger.on}
              onChange={(on) => edit({ ...trigger, on: on as TriggerEvent[] })}
              options={(["create", "update"] as const).map((e) => ({ value: e, label: <span data-testid={`trigger-on-${e}`}>{t(`triggers.event.${e}`)}</span> }))}
            />
          </Form.Item>
          <Form.Item label={t("triggers.active")}>
            <Switch data-testid="trigger-editor-active" checked={trigger.active} onChange={(active) => edit({ ...trigger, active })} />
          </Form.Item>
        </Flex>
        <Form.Item label={t("triggers.conditions")} extra={t("triggers.conditionsHint")} {...(refusal?.field === "conditions" ? itemError("conditions") : {})}>
          <Flex vertical gap={8}>
            {trigger.conditions.map((c, i) => (
              <ConditionRow
                key={i}
                index={i}
                condition={c}
                error={errorAt(`conditions.${i}`)}
                onChange={(next) => edit({ ...trigger, conditions: trigger.conditions.map((o, k) => (k === i ? next : o)) })}
                onRemove={() => edit({ ...trigger, conditions: trigger.conditions.filter((_, k) => k !== i) })}
              />
            ))}
            <Button icon={<PlusOutlined />} onClick={() => edit({ ...trigger, conditions: [...trigger.conditions, blankCondition("text_contains")] })} data-testid="trigger-add-condition">
              {t("triggers.addCondition")}
            </Button>
          </Flex>
        </Form.Item>
        <Form.Item label={t("triggers.actions")} extra={t("triggers.actionsHint")} {...(refusal?.field === "actions" ? itemError("actions") : {})}>
          <Flex vertical gap={8}>
            {trigger.actions.map((a, i) => (
              <ActionRow
                key={i}
                index={i}
                action={a}
                error={errorAt(`actions.${i}`)}
                onChange={(next) => edit({ ...trigger, actions: trigger.actions.map((o, k) => (k === i ? next : o)) })}
                onRemove={() => edit({ ...trigger, actions: trigger.actions.filter((_, k) => k !== i) })}
              />
            ))}
            <Button icon={<PlusOutlined />} onClick={() => edit({ ...trigger, actions: [...trigger.actions, blankAction("assign_department")] })} data-testid="trigger-add-action">
              {t("triggers.addAction")}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
