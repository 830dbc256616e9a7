// The inbox: notifications newest first, unread ones marked; a click marks one read and opens
// its order; "mark all read" clears the lot.
import { Alert, App, Badge, Button, Drawer, Empty, Flex, List, Segmented, Typography, theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Notification } from "../../api";
import { messageOf } from "../../i18n/errors";
import { useFormat } from "../../i18n/format";
import type { InboxState } from "../../lib/useInbox";
import { notificationDue, notificationText } from "./notificationText";

type Props = { open: boolean; onClose: () => void; inbox: InboxState; onOpenOrder: (orderId: string) => void };

export default function InboxDrawer({ open, onClose, inbox, onOpenOrder }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const { token } = theme.useToken();
  const [busy, setBusy] = useState(false);

  async function markAll() {
    setBusy(true);
    try {
      await inbox.markRead([]);
    } catch (e) {
      void message.error(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  }

  function openItem(n: Notification) {
    if (n.read_at === null) inbox.markRead([n.id]).catch((e: unknown) => void message.error(messageOf(t, e)));
    if (n.order_id) {
      onOpenOrder(n.order_id);
      onClose();
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={440}
      title={t("inbox.title")}
      extra={
        <Button size="small" onClick={() => void markAll()} loading={busy} disabled={inbox.unread === 0} data-testid="inbox-mark-all">
          {t("inbox.markAll")}
        </Button>
      }
    >
      <Flex vertical gap={12} data-testid="inbox">
        <Segmented<"all" | "unread">
          value={inbox.unreadOnly ? "unread" : "all"}
          onChange={(v) => inbox.setUnreadOnly(v === "unread")}
          options={[
            { value: "all", label: t("inbox.all") },
            { value: "unread", label: t("inbox.unreadOnly", { n: format.number(inbox.unread) }) },
          ]}
        />
        {inbox.error !== null && <Alert type="error" showIcon message={messageOf(t, inbox.error)} />}
        {inbox.items.length === 0 ? (
          <Empty description={t("inbox.empty")} />
        ) : (
          <List<Notification>
            dataSource={inbox.items}
            renderItem={(n) => {
              const unread = n.read_at === null;
              const due = notificationDue(n);
              return (
                <List.Item
                  key={n.id}
                  data-testid="inbox-item"
                  data-read={unread ? "false" : "true"}
                  onClick={() => openItem(n)}
                  style={{
                    cursor: n.order_id ? "pointer" : "default",
                    paddingInline: 8,
                    background: unread ? token.colorPrimaryBg : undefined,
                    borderRadius: token.borderRadius,
                  }}
                >
                  <Flex gap={8} align="baseline" style={{ width: "100%" }}>
                    <Badge status={unread ? "processing" : "default"} />
                    <Flex vertical style={{ flex: 1, minWidth: 0 }}>
                      <Typography.Text strong={unread}>{notificationText(t, n, format)}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} title={format.dateTime(n.created_at)}>
                        {format.relative(n.created_at)}
                        {due !== null && ` · ${t("inbox.due", { due: format.dateTime(due) })}`}
                      </Typography.Text>
                    </Flex>
                  </Flex>
                </List.Item>
              );
            }}
          />
        )}
      </Flex>
    </Drawer>
  );
}
