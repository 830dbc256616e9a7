// The bell in the header: the unread count from the core, a click opens the inbox.
import { BellOutlined } from "@ant-design/icons";
import { Button, theme } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";

export default function InboxBell({ unread, onOpen }: { unread: number; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { token } = theme.useToken();
  const label = t("inbox.open", { n: format.number(unread) });
  const count =
    unread > 0 ? (
      <span
        data-testid="inbox-count"
        style={{
          position: "absolute",
          top: -4,
          insetInlineEnd: -6,
          pointerEvents: "none",
          background: token.colorError,
          color: token.colorTextLightSolid,
          borderRadius: 10,
          minWidth: 20,
          height: 20,
          lineHeight: "20px",
          padding: "0 6px",
          fontSize: 12,
          textAlign: "center",
          boxShadow: `0 0 0 1px ${token.colorBgContainer}`,
        }}
      >
        {unread > 99 ? "99+" : format.number(unread)}
      </span>
    ) : null;
  return (
    <span style={{ position: "relative", display: "inline-flex" }}>
      <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={label} title={label} onClick={onOpen} data-testid="inbox-bell" />
      {count}
    </span>
  );
}
