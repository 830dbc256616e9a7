// The signed-in person: notification preferences, switch to a remembered account, another
// account, or sign out.
import { BellOutlined, LogoutOutlined, SwapOutlined, UserAddOutlined, UserOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, type MenuProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Actor } from "../api";
import { messageOf } from "../i18n/errors";
import { useSession } from "../lib/session";
import NotificationPrefsForm from "./NotificationPrefsForm";

export default function UserMenu({ actor }: { actor: Actor }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const [prefsOpen, setPrefsOpen] = useState(false);
  const remembered = session.state.kind === "ready" ? session.state.remembered : [];

  function attempt(action: () => Promise<void>) {
    action().catch((e: unknown) => void message.error(messageOf(t, e)));
  }

  const others = remembered.filter((a) => a.login !== actor.login);
  const items: MenuProps["items"] = [
    { key: "who", label: t("userMenu.signedInAs", { login: actor.login }), disabled: true },
    { type: "divider" },
    {
      key: "prefs",
      icon: <BellOutlined />,
      label: <span data-testid="notification-prefs">{t("prefs.menu")}</span>,
      onClick: () => setPrefsOpen(true),
    },
    {
      key: "switch",
      icon: <SwapOutlined />,
      label: t("userMenu.switchUser"),
      children: [
        ...others.map((a) => ({
          key: `switch:${a.login}`,
          icon: <UserOutlined />,
          label: <span data-testid={`switch-${a.login}`}>{`${a.display_name} (${a.login})`}</span>,
          onClick: () => attempt(() => session.switchUser(a.login)),
        })),
        {
          key: "another",
          icon: <UserAddOutlined />,
          label: <span data-testid="another-account">{t("userMenu.anotherAccount")}</span>,
          onClick: () => session.anotherAccount(),
        },
      ],
    },
    {
      key: "signOut",
      icon: <LogoutOutlined />,
      label: <span data-testid="sign-out">{t("userMenu.signOut")}</span>,
      onClick: () => attempt(session.signOut),
    },
  ];

  return (
    <>
      <Dropdown menu={{ items }} trigger={["click"]} placement="bottomRight">
        <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
          {actor.display_name}
        </Button>
      </Dropdown>
      {prefsOpen && <NotificationPrefsForm open onClose={() => setPrefsOpen(false)} />}
    </>
  );
}
