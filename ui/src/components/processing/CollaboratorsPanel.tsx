// An order's collaborators: people from any department who see the order and may comment. Those
// the core allows (can_manage_collaborators) add and remove them; a collaborator may leave.
import { Alert, Button, Empty, Flex, List, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type OrderProcessing } from "../../api";
import { messageOf } from "../../i18n/errors";
import { useDirectory } from "../../lib/directory";
import { useSession } from "../../lib/session";

type Props = {
  processing: OrderProcessing;
  onChanged: (processing: OrderProcessing) => void;
};

export default function CollaboratorsPanel({ processing, onChanged }: Props) {
  const { t } = useTranslation();
  const { directory, department } = useDirectory();
  const { state } = useSession();
  const me = state.kind === "ready" ? state.actor.user_id : null;
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const canManage = processing.can_manage_collaborators;
  const already = new Set(processing.collaborators.map((c) => c.user_id));

  async function run(change: () => Promise<OrderProcessing>) {
    setBusy(true);
    setFailure(null);
    try {
      onChanged(await change());
      setPicked(null);
    } catch (e) {
      setFailure(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={8} data-testid="collaborators-panel">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t("collaborators.title")}
      </Typography.Title>
      <Typography.Text type="secondary">{t("collaborators.help")}</Typography.Text>
      {failure && (
        <Alert type="error" showIcon message={failure} data-testid="collaborator-error" closable onClose={() => setFailure(null)} />
      )}
      {processing.collaborators.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("collaborators.empty")} />
      ) : (
        <List
          size="small"
          dataSource={processing.collaborators}
          rowKey="user_id"
          renderItem={(c) => {
            const leaving = c.user_id === me;
            return (
              <List.Item
                data-testid="collaborator"
                data-login={c.login}
                actions={
                  canManage || leaving
                    ? [
                        <Button
                          key="remove"
                          size="small"
                          type="link"
                          danger
                          disabled={busy}
                          data-testid="collaborator-remove"
                          onClick={() => void run(() => api.orderCollaboratorRemove(processing.order_id, c.user_id))}
                        >
                          {t(leaving ? "collaborators.leave" : "collaborators.remove")}
                        </Button>,
                      ]
                    : []
                }
              >
                <Typography.Text>{c.display_name}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  @{c.login} · {department(c.department_id)?.name ?? t("common.none")}
                </Typography.Text>
              </List.Item>
            );
          }}
        />
      )}
      {canManage && (
        <Flex gap={8}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ flex: 1 }}
            placeholder={t("collaborators.pick")}
            aria-label={t("collaborators.pick")}
            data-testid="collaborator-pick"
            value={picked}
            onChange={(v) => setPicked(v ?? null)}
            options={directory.users
              .filter((u) => u.active && !already.has(u.id))
              .map((u) => ({ value: u.id, label: `${u.display_name} (@${u.login})` }))}
          />
          <Button
            type="primary"
            disabled={picked === null}
            loading={busy}
            data-testid="collaborator-add"
            onClick={() => picked && void run(() => api.orderCollaboratorAdd(processing.order_id, picked))}
          >
            {t("collaborators.add")}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
