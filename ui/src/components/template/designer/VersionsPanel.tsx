// A template's versions (published ones and the pending draft), what changed between any two
// of them as the core computes it, and opening an older version as the base of a new draft.
import { DiffOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Select, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type StoredTemplate, type TemplateChange, type TemplateDiff } from "../../../api";
import { messageOf } from "../../../i18n/errors";
import { useFormat } from "../../../i18n/format";

type Props = {
  templateKey: string;
  /** The highest version stored (draft or published); null for a template never saved. */
  latest: number | null;
  /** Bumped after each save or publish, so the list is read again. */
  revision: number;
  onOpen: (stored: StoredTemplate) => void;
};

const KIND_COLOURS: Record<TemplateChange["kind"], string> = { added: "green", removed: "red", changed: "blue" };

export default function VersionsPanel({ templateKey, latest, revision, onOpen }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [versions, setVersions] = useState<StoredTemplate[]>([]);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<TemplateDiff | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (latest === null) return;
    let live = true;
    const numbers = Array.from({ length: latest }, (_, i) => latest - i);
    Promise.all(numbers.map((v) => api.templateVersionGet(templateKey, v))).then(
      (stored) => {
        if (!live) return;
        setVersions(stored);
        setTo(stored[0]?.version ?? null);
        setFrom(stored[1]?.version ?? null);
        setError(null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [templateKey, latest, revision]);

  function compare() {
    if (from === null || to === null) return;
    api.templateDiff(templateKey, from, to).then(
      (answer) => {
        setDiff(answer);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }

  const versionColumns: TableColumnsType<StoredTemplate> = [
    { key: "version", title: t("designer.versions.version"), render: (_, s) => `v${s.version}` },
    {
      key: "status",
      title: t("designer.versions.status"),
      render: (_, s) => <Tag color={s.status === "draft" ? "orange" : "green"}>{t(`designer.status.${s.status}`)}</Tag>,
    },
    { key: "at", title: t("designer.versions.savedAt"), render: (_, s) => format.dateTime(s.created_at) },
    { key: "fields", title: t("designer.versions.fields"), render: (_, s) => format.number(s.definition.fields.length) },
    {
      key: "open",
      render: (_, s) => (
        <Button size="small" data-testid={`version-open-${s.version}`} onClick={() => onOpen(s)}>
          {t("designer.versions.open")}
        </Button>
      ),
    },
  ];
  const changeColumns: TableColumnsType<TemplateChange> = [
    { key: "kind", title: t("designer.diff.kind"), render: (_, c) => <Tag color={KIND_COLOURS[c.kind]}>{t(`designer.diff.${c.kind}`)}</Tag> },
    { key: "target", title: t("designer.diff.target"), render: (_, c) => t(`designer.diff.targets.${c.target}`) },
    { key: "key", title: t("designer.diff.key"), render: (_, c) => <Typography.Text code>{c.key}</Typography.Text> },
    { key: "detail", title: t("designer.diff.detail"), render: (_, c) => c.detail.join(", ") },
  ];
  const choices = versions.map((s) => ({ value: s.version, label: `v${s.version} · ${t(`designer.status.${s.status}`)}` }));

  if (latest === null) return <Alert type="info" showIcon message={t("designer.versions.unsaved")} />;
  return (
    <Flex vertical gap={12} data-testid="versions-panel">
      {error !== null && <Alert type="error" showIcon message={messageOf(t, error)} />}
      <Table<StoredTemplate> size="small" rowKey="version" columns={versionColumns} dataSource={versions} pagination={false} />
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t("designer.diff.from")}</Typography.Text>
        <Select style={{ width: 160 }} value={from ?? undefined} options={choices} data-testid="diff-from" onChange={setFrom} />
        <Typography.Text>{t("designer.diff.to")}</Typography.Text>
        <Select style={{ width: 160 }} value={to ?? undefined} options={choices} data-testid="diff-to" onChange={setTo} />
        <Button icon={<DiffOutlined />} disabled={from === null || to === null || from === to} data-testid="diff-compare" onClick={compare}>
          {t("designer.diff.compare")}
        </Button>
      </Flex>
      {diff && (
        <Table<TemplateChange>
          size="small"
          data-testid="diff-table"
          rowKey={(c) => `${c.kind}:${c.target}:${c.key}`}
          columns={changeColumns}
          dataSource={diff.changes}
          pagination={false}
          locale={{ emptyText: t("designer.diff.none") }}
        />
      )}
    </Flex>
  );
}
