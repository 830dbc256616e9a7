// Admin: the template library (built-in and the organisation's own), and the designer for one
// template — opened from the list, cloned under a new key, or started blank.
import { CopyOutlined, EditOutlined, NodeIndexOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Names, type StoredTemplate, type TemplateDef, type TemplateSummary } from "../../../api";
import TemplateDesigner from "../../../components/template/designer/TemplateDesigner";
import { blankTemplate, emptyNames } from "../../../components/template/designer/model";
import MappingEditor from "../../../components/template/mapping/MappingEditor";
import { textIn } from "../../../components/template/names";
import i18n from "../../../i18n";
import { messageOf } from "../../../i18n/errors";
import { useFormat } from "../../../i18n/format";
import NewTemplateDialog, { type NewTemplate } from "./NewTemplateDialog";

type Open = { definition: TemplateDef; stored: StoredTemplate | null; latest: number | null; id: number };
type Creating = { from: TemplateSummary | null; names: Names };

function sectionNames(): Names {
  const text = (lng: string) => i18n.getFixedT(lng)("designer.section.main");
  return { en: text("en"), zh_cn: text("zh-CN"), es: text("es") };
}

/** The version an admin edits: the pending draft when there is one, else the latest published. */
const editedVersion = (s: TemplateSummary) => s.draft_version ?? s.version;

export default function TemplatesPage() {
  const { t, i18n: ui } = useTranslation();
  const format = useFormat();
  const [library, setLibrary] = useState<TemplateSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [creating, setCreating] = useState<Creating | null>(null);
  const [mapping, setMapping] = useState(false);

  const load = useCallback(
    () =>
      api.templatesList().then(
        (list) => {
          setLibrary(list);
          setError(null);
        },
        (e: unknown) => setError(e),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function openTemplate(s: TemplateSummary) {
    try {
      const stored = await api.templateVersionGet(s.key, editedVersion(s));
      setOpen({ definition: stored.definition, stored, latest: editedVersion(s), id: Date.now() });
    } catch (e) {
      setError(e);
    }
  }

  async function create({ key, names }: NewTemplate) {
    const from = creating?.from ?? null;
    setCreating(null);
    try {
      const base = from ? (await api.templateVersionGet(from.key, editedVersion(from))).definition : blankTemplate(key, names, sectionNames());
      setOpen({ definition: { ...base, key, names }, stored: null, latest: null, id: Date.now() });
    } catch (e) {
      setError(e);
    }
  }

  if (open) {
    return (
      <TemplateDesigner
        key={open.id}
        definition={open.definition}
        stored={open.stored}
        latest={open.latest}
        onChanged={() => void load()}
        onClose={() => {
          setOpen(null);
          void load();
        }}
      />
    );
  }

  if (mapping) return <MappingEditor library={library ?? []} onClose={() => setMapping(false)} />;

  const columns: TableColumnsType<TemplateSummary> = [
    { key: "key", title: t("designer.library.key"), render: (_, s) => <Typography.Text code>{s.key}</Typography.Text> },
    { key: "name", title: t("designer.library.name"), render: (_, s) => textIn(s.names, ui.language) },
    { key: "category", title: t("designer.library.category"), dataIndex: "category" },
    { key: "version", title: t("designer.library.version"), render: (_, s) => (s.version > 0 ? `v${s.version}` : t("common.none")) },
    { key: "fields", title: t("designer.library.fields"), render: (_, s) => format.number(s.fields) },
    {
      key: "draft",
      title: t("designer.library.draft"),
      render: (_, s) => (s.draft_version !== null ? <Tag color="orange">{t("designer.library.draftPending", { version: s.draft_version })}</Tag> : null),
    },
    {
      key: "actions",
      width: 200,
      render: (_, s) => (
        <Flex gap={4}>
          <Button size="small" icon={<EditOutlined />} data-testid={`template-open-${s.key}`} onClick={() => void openTemplate(s)}>
            {t("designer.library.open")}
          </Button>
          <Button
            size="small"
            icon={<CopyOutlined />}
            data-testid={`template-clone-${s.key}`}
            onClick={() => setCreating({ from: s, names: { ...s.names } })}
          >
            {t("designer.library.clone")}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0, overflow: "auto" }} data-testid="templates-admin">
      <Flex align="center" gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("designer.library.title")}
        </Typography.Title>
        <Flex flex={1} />
        <Button icon={<NodeIndexOutlined />} data-testid="mapping-open" onClick={() => setMapping(true)}>
          {t("mapping.open")}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} data-testid="template-new" onClick={() => setCreating({ from: null, names: emptyNames() })}>
          {t("designer.library.new")}
        </Button>
      </Flex>
      {error !== null && <Alert type="error" showIcon message={messageOf(t, error)} />}
      <Table<TemplateSummary>
        size="small"
        rowKey="key"
        data-testid="template-library"
        columns={columns}
        dataSource={library ?? []}
        loading={library === null && error === null}
        pagination={false}
      />
      <NewTemplateDialog
        open={creating !== null}
        cloning={creating?.from ? textIn(creating.from.names, ui.language) : null}
        initialNames={creating?.names ?? emptyNames()}
        takenKeys={(library ?? []).map((s) => s.key)}
        onCancel={() => setCreating(null)}
        onCreate={(c) => void create(c)}
      />
    </Flex>
  );
}
