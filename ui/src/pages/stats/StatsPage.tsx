// Statistics: pick a dashboard (one's own, shared by others, built-in), see its tiles, and on
// one's own dashboard add, edit, reorder and remove tiles, save, share or delete it. Built-in
// and shared dashboards are read-only and can be cloned into one's own. A second tab holds the
// reports (named sets of tiles rendered to a file, on demand or on a schedule).
import { CopyOutlined, DeleteOutlined, PlusOutlined, SaveOutlined, ShareAltOutlined } from "@ant-design/icons";
import { Alert, App, Button, Col, Empty, Flex, Input, Popconfirm, Row, Select, Space, Tabs, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Dashboard, type Tile } from "../../api";
import ReportsPanel from "../../components/stats/ReportsPanel";
import TileCard from "../../components/stats/TileCard";
import TileEditor from "../../components/stats/TileEditor";
import { newTile } from "../../components/stats/values";
import { messageOf } from "../../i18n/errors";

function dashboardName(t: (k: string) => string, d: Dashboard): string {
  return d.default_kind ? t(`statistics.defaultName.${d.default_kind}`) : d.name;
}

function freshId(tiles: Tile[]): string {
  let n = tiles.length + 1;
  while (tiles.some((x) => x.id === `t${n}`)) n += 1;
  return `t${n}`;
}

export default function StatsPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const [dashboards, setDashboards] = useState<Dashboard[]>([]);
  return (
    <Tabs
      style={{ minHeight: 0 }}
      items={[
        { key: "dashboards", label: t("reports.dashboardsTab"), children: <DashboardsView onList={setDashboards} /> },
        { key: "reports", label: <span data-testid="reports-tab">{t("reports.tab")}</span>, children: <ReportsPanel dashboards={dashboards} admin={admin} /> },
      ]}
    />
  );
}

function DashboardsView({ onList }: { onList: (list: Dashboard[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [list, setList] = useState<Dashboard[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ id: string | null; name: string; tiles: Tile[] } | null>(null);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<{ tile: Tile; index: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (pick?: string) =>
      api.dashboardsList().then(
        (answer) => {
          setList(answer);
          onList(answer);
          const chosen = answer.find((d) => d.id === pick) ?? answer.find((d) => d.mine) ?? answer[0];
          if (chosen) {
            setSelected(chosen.id);
            setDraft({ id: chosen.id, name: chosen.name, tiles: chosen.tiles });
            setDirty(false);
          }
          setError(null);
        },
        (e: unknown) => setError(messageOf(t, e)),
      ),
    [t, onList],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const current = useMemo(() => list?.find((d) => d.id === selected) ?? null, [list, selected]);
  const editable = draft !== null && (draft.id === null || current?.mine === true);

  function choose(id: string) {
    const d = list?.find((x) => x.id === id);
    if (!d) return;
    setSelected(id);
    setDraft({ id: d.id, name: d.name, tiles: d.tiles });
    setDirty(false);
  }

  function changeTiles(tiles: Tile[]) {
    setDraft((d) => (d ? { ...d, tiles } : d));
    setDirty(true);
  }

  async function run(action: () => Promise<Dashboard | null>, done: string) {
    try {
      const saved = await action();
      void message.success(t(done));
      await load(saved?.id);
    } catch (e) {
      setError(messageOf(t, e));
    }
  }

  const save = () => run(() => api.dashboardsSave({ id: draft?.id ?? null, name: draft?.name ?? "", tiles: draft?.tiles ?? [] }), "statistics.saved");
  const share = (on: boolean) =>
    current && run(() => api.dashboardsShare(current.id, on), on ? "statistics.sharedOn" : "statistics.sharedOff");
  const clone = () =>
    current &&
    run(() => api.dashboardsClone(current.id, t("statistics.copyName", { name: dashboardName(t, current) })), "statistics.cloned");
  const remove = () => current && run(async () => (await api.dashboardsDelete(current.id), null), "statistics.deleted");

  function startNew() {
    setSelected(null);
    setDraft({ id: null, name: t("statistics.newDashboard"), tiles: [] });
    setDirty(true);
  }

  const groups = list
    ? [
        { label: t("statistics.mine"), options: list.filter((d) => d.mine) },
        { label: t("statistics.sharedWithMe"), options: list.filter((d) => !d.mine && !d.default_kind) },
        { label: t("statistics.builtIn"), options: list.filter((d) => d.default_kind) },
      ]
        .filter((g) => g.options.length > 0)
        .map((g) => ({ label: g.label, options: g.options.map((d) => ({ value: d.id, label: dashboardName(t, d) })) }))
    : [];

  const tiles = draft?.tiles ?? [];
  return (
    <Flex vertical gap={12} style={{ minHeight: 0, overflowY: "auto", overflowX: "hidden" }} data-testid="stats-page">
      <Flex gap={8} wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("statistics.nav")}
        </Typography.Title>
        <Select
          style={{ minWidth: 240 }}
          value={selected ?? undefined}
          placeholder={t("statistics.dashboard")}
          options={groups}
          onChange={choose}
          data-testid="dashboard-picker"
          aria-label={t("statistics.dashboard")}
        />
        {editable && (
          <Input
            style={{ maxWidth: 240 }}
            value={draft?.name ?? ""}
            aria-label={t("statistics.name")}
            data-testid="dashboard-name"
            onChange={(e) => {
              const name = e.target.value;
              setDraft((d) => (d ? { ...d, name } : d));
              setDirty(true);
            }}
          />
        )}
        {current && !current.mine && current.owner_name && <Tag>{t("statistics.sharedBy", { name: current.owner_name })}</Tag>}
        {dirty && <Tag color="orange">{t("statistics.unsaved")}</Tag>}
        <Flex flex={1} />
        <Space wrap>
          {editable && (
            <>
              <Button icon={<PlusOutlined />} data-testid="tile-add" onClick={() => setEditing({ tile: newTile(freshId(tiles)), index: null })}>
                {t("statistics.addTile")}
              </Button>
              <Button type="primary" icon={<SaveOutlined />} data-testid="dashboard-save" onClick={() => void save()}>
                {t("statistics.save")}
              </Button>
            </>
          )}
          {editable && current && (
            <>
              <Button icon={<ShareAltOutlined />} data-testid="dashboard-share" onClick={() => void share(!current.shared)}>
                {t(current.shared ? "statistics.unshare" : "statistics.share")}
              </Button>
              <Popconfirm title={t("statistics.deleteConfirm")} onConfirm={() => void remove()}>
                <Button danger icon={<DeleteOutlined />} data-testid="dashboard-delete">
                  {t("statistics.delete")}
                </Button>
              </Popconfirm>
            </>
          )}
          {current && !current.mine && (
            <Button icon={<CopyOutlined />} data-testid="dashboard-clone" onClick={() => void clone()}>
              {t("statistics.clone")}
            </Button>
          )}
          <Button data-testid="dashboard-new" onClick={startNew}>
            {t("statistics.newDashboard")}
          </Button>
        </Space>
      </Flex>
      {error && <Alert type="error" showIcon closable message={error} onClose={() => setError(null)} data-testid="stats-error" />}
      {draft && !editable && <Alert type="info" showIcon message={t("statistics.readOnly")} />}
      {draft && tiles.length === 0 && <Empty description={t("statistics.empty")} />}
      <Row gutter={[12, 12]}>
        {tiles.map((tile, index) => (
          <Col key={tile.id} xs={24} lg={12} xxl={8}>
            <TileCard
              tile={tile}
              actions={
                editable
                  ? {
                      first: index === 0,
                      last: index === tiles.length - 1,
                      onEdit: () => setEditing({ tile, index }),
                      onRemove: () => changeTiles(tiles.filter((_, i) => i !== index)),
                      onMove: (by) => {
                        const next = [...tiles];
                        const [moved] = next.splice(index, 1);
                        next.splice(index + by, 0, moved);
                        changeTiles(next);
                      },
                    }
                  : undefined
              }
            />
          </Col>
        ))}
      </Row>
      <TileEditor
        tile={editing?.tile ?? null}
        adding={editing?.index === null}
        onCancel={() => setEditing(null)}
        onDone={(tile) => {
          if (editing?.index === null || editing?.index === undefined) changeTiles([...tiles, tile]);
          else changeTiles(tiles.map((x, i) => (i === editing.index ? tile : x)));
          setEditing(null);
        }}
      />
    </Flex>
  );
}
