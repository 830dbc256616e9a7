// The template designer (admins): the form board, the template's settings and sections, the
// rules and the versions, with a live preview beside them. Save keeps a draft; publish makes
// it the version new orders use. The core checks the definition; its refusal shows at the
// field, rule or setting it names.
import { ArrowLeftOutlined, CloudUploadOutlined, SaveOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Popconfirm, Space, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { StoredTemplate, TemplateDef } from "../../../api";
import { textIn } from "../names";
import FormBoard from "./FormBoard";
import Preview from "./Preview";
import type { Refusal } from "./refusal";
import RuleEditor from "./RuleEditor";
import { messageAt } from "./refusal";
import TemplateSettings from "./TemplateSettings";
import { useDraft } from "./useDraft";
import VersionsPanel from "./VersionsPanel";

type Tab = "form" | "template" | "rules" | "versions";

type Props = {
  /** The definition to start from: a stored version, or a new or cloned template. */
  definition: TemplateDef;
  /** The stored version it came from; null for a template never saved. */
  stored: StoredTemplate | null;
  /** The highest version stored so far (a pending draft counts). */
  latest: number | null;
  onClose: () => void;
  /** Told after each save or publish, so the library refreshes. */
  onChanged: () => void;
};

export default function TemplateDesigner({ definition: initial, stored: initialStored, latest: initialLatest, onClose, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("form");
  const draft = useDraft({ definition: initial, stored: initialStored, latest: initialLatest, onChanged, onRefused: bringIntoView });
  const { definition, stored, latest, dirty, refusal, busy, edit } = draft;

  /** Shows where a save or publish refusal is: its field selected, or the tab of its rule or setting. */
  function bringIntoView(r: Refusal) {
    if (r.place.at === "field") {
      setTab("form");
      setSelected(draft.definition.fields[r.place.index]?.key ?? null);
    } else if (r.place.at === "rule") {
      setTab("rules");
    } else if (r.place.at === "section" || r.place.path !== "") {
      setTab("template");
    }
  }

  // Every refusal is also summed up above the tabs, naming where it is: the input it concerns
  // may be on another tab or on a field not selected.
  const where = (r: Refusal): string => {
    switch (r.place.at) {
      case "field": {
        const f = definition.fields[r.place.index];
        return t("designer.where.field", { name: f ? textIn(f.labels, i18n.language) || f.key : r.place.index + 1 });
      }
      case "rule":
        return t("designer.where.rule", { n: r.place.index + 1 });
      case "section":
        return t("designer.where.section", { name: definition.sections[r.place.index]?.key ?? r.place.index + 1 });
      case "template":
        return t("designer.where.template");
    }
  };
  const ruleErrorAt = (i: number, path: string) => messageAt(refusal, "rule", i, path);
  const marker = (at: Refusal["place"]["at"] | "settings") =>
    refusal && (refusal.place.at === at || (at === "settings" && (refusal.place.at === "section" || (refusal.place.at === "template" && refusal.place.path !== ""))))
      ? <Tag color="error" style={{ marginInlineStart: 4 }}>!</Tag>
      : null;

  return (
    <Flex vertical gap={8} style={{ flex: 1, minHeight: 0 }} data-testid="template-designer">
      <Flex align="center" gap={8} wrap>
        {dirty ? (
          <Popconfirm title={t("designer.leaveUnsaved")} okButtonProps={{ "data-testid": "designer-leave-ok" }} onConfirm={onClose}>
            <Button icon={<ArrowLeftOutlined />} data-testid="designer-back">
              {t("designer.back")}
            </Button>
          </Popconfirm>
        ) : (
          <Button icon={<ArrowLeftOutlined />} data-testid="designer-back" onClick={onClose}>
            {t("designer.back")}
          </Button>
        )}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {textIn(definition.names, i18n.language) || definition.key}
        </Typography.Title>
        <Typography.Text code>{definition.key}</Typography.Text>
        {stored && <Tag color={stored.status === "draft" ? "orange" : "green"}>{`v${stored.version} · ${t(`designer.status.${stored.status}`)}`}</Tag>}
        {dirty && <Tag data-testid="designer-dirty">{t("designer.unsaved")}</Tag>}
        <Flex flex={1} />
        <Space>
          <Button icon={<SaveOutlined />} loading={busy} data-testid="designer-save" onClick={() => void draft.save()}>
            {t("designer.saveDraft")}
          </Button>
          <Popconfirm title={t("designer.publishConfirm")} okButtonProps={{ "data-testid": "designer-publish-ok" }} onConfirm={() => void draft.publish()}>
            <Button type="primary" icon={<CloudUploadOutlined />} loading={busy} data-testid="designer-publish">
              {t("designer.publish")}
            </Button>
          </Popconfirm>
        </Space>
      </Flex>
      {refusal && <Alert type="error" showIcon message={`${where(refusal)}: ${refusal.message}`} data-testid="designer-error" />}
      <Flex gap={12} style={{ flex: 1, minHeight: 0 }}>
        <div style={{ flex: 1, minWidth: 0, overflow: "auto" }}>
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as Tab)}
            items={[
              {
                key: "form",
                label: <span data-testid="designer-tab-form">{t("designer.tab.form")}{marker("field")}</span>,
                children: <FormBoard definition={definition} onChange={edit} selected={selected} onSelect={setSelected} refusal={refusal} />,
              },
              {
                key: "template",
                label: <span data-testid="designer-tab-template">{t("designer.tab.template")}{marker("settings")}</span>,
                children: <TemplateSettings definition={definition} keyEditable={latest === null} refusal={refusal} onChange={edit} />,
              },
              {
                key: "rules",
                label: <span data-testid="designer-tab-rules">{t("designer.tab.rules")}{marker("rule")}</span>,
                children: <RuleEditor fields={definition.fields} rules={definition.rules ?? []} errorAt={ruleErrorAt} onChange={(rules) => edit({ ...definition, rules })} />,
              },
              {
                key: "versions",
                label: <span data-testid="designer-tab-versions">{t("designer.tab.versions")}</span>,
                children: (
                  <VersionsPanel
                    templateKey={definition.key}
                    latest={latest}
                    revision={draft.revision}
                    onOpen={(s) => {
                      edit({ ...s.definition, key: definition.key });
                      setTab("form");
                      void message.info(t("designer.versions.opened", { version: s.version }));
                    }}
                  />
                ),
              },
            ]}
          />
        </div>
        <Preview definition={definition} onVerdict={draft.previewVerdict} />
      </Flex>
    </Flex>
  );
}
