// The main window: menu on the left (admin pages only for admins), header with the global search,
// the inbox bell, language, theme and the user menu, and the chosen page. The desktop shell may
// ask to open an order or the inbox (from a native notification or the tray).
import {
  ApartmentOutlined,
  BarChartOutlined,
  BranchesOutlined,
  DeploymentUnitOutlined,
  FieldTimeOutlined,
  FormOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  SendOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  ToolOutlined,
} from "@ant-design/icons";
import { Flex, Input, Layout, Menu, Space, Typography, theme, type MenuProps } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Actor } from "../api";
import InboxBell from "../components/inbox/InboxBell";
import InboxDrawer from "../components/inbox/InboxDrawer";
import LanguageSwitch from "../components/LanguageSwitch";
import ThemeToggle from "../components/ThemeToggle";
import UserMenu from "../components/UserMenu";
import { usePreferences } from "../lib/preferences";
import { isAdmin } from "../lib/session";
import { useShellEvent } from "../lib/shellEvents";
import { useInbox } from "../lib/useInbox";
import DepartmentsPage from "./admin/DepartmentsPage";
import SlaPage from "./admin/SlaPage";
import UsersPage from "./admin/UsersPage";
import TechniciansPage from "./admin/TechniciansPage";
import TemplatesPage from "./admin/templates/TemplatesPage";
import TriggersPage from "./admin/triggers/TriggersPage";
import WorkflowsPage from "./admin/workflows/WorkflowsPage";
import DispatchAdminPage from "./admin/DispatchAdminPage";
import DispatchPage from "./DispatchPage";
import OrdersPage from "./OrdersPage";
import PoolPage from "./PoolPage";
import StatsPage from "./stats/StatsPage";

type Page = "orders" | "users" | "departments" | "sla" | "dispatch" | "pool" | "technicians" | "dispatchAdmin" | "stats" | "templates" | "workflows" | "triggers";

// Typing a whole order number jumps straight to that order.
const ORDER_NUMBER = /^WO-\d{4}-\d+$/i;

export default function MainWindow({ actor }: { actor: Actor }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [page, setPage] = useState<Page>("orders");
  const [search, setSearch] = useState("");
  const [openOrder, setOpenOrder] = useState<string | null>(null);
  const [inboxOpen, setInboxOpen] = useState(false);
  const inbox = useInbox();
  const { language } = usePreferences();
  const admin = isAdmin(actor);
  const dispatcher = actor.roles.some((r) => r === "dispatcher" || r === "supervisor" || r === "admin");
  const technician = actor.roles.includes("technician");

  // Native notifications and the tray speak the UI's language: told at sign-in and on each switch.
  useEffect(() => {
    api.setLanguage(language).catch((e: unknown) => console.warn("orderly: set_language", e));
  }, [language, actor.user_id]);

  function showOrder(id: string) {
    setPage("orders");
    setOpenOrder(id);
  }

  useShellEvent<string>("open-order", (id) => {
    if (typeof id === "string" && id !== "") showOrder(id);
  });
  useShellEvent<unknown>("open-inbox", () => setInboxOpen(true));

  const items: MenuProps["items"] = [
    { key: "orders", icon: <ProfileOutlined />, label: <span data-testid="menu-orders">{t("nav.orders")}</span> },
    ...(dispatcher
      ? [{ key: "dispatch", icon: <ScheduleOutlined />, label: <span data-testid="nav-dispatch">{t("dispatch.nav")}</span> }]
      : []),
    // Supervisors and dispatchers see the technicians' loads and grabs too (admins under Admin).
    ...(dispatcher && !admin
      ? [{ key: "technicians", icon: <ToolOutlined />, label: <span data-testid="menu-technicians">{t("dispatchAdmin.nav.technicians")}</span> }]
      : []),
    ...(technician
      ? [{ key: "pool", icon: <ThunderboltOutlined />, label: <span data-testid="nav-pool">{t("pool.nav")}</span> }]
      : []),
    ...(dispatcher
      ? [{ key: "stats", icon: <BarChartOutlined />, label: <span data-testid="nav-stats">{t("statistics.nav")}</span> }]
      : []),
    ...(admin
      ? [
          { key: "users", icon: <TeamOutlined />, label: <span data-testid="menu-users">{t("nav.users")}</span> },
          {
            key: "departments",
            icon: <ApartmentOutlined />,
            label: <span data-testid="menu-departments">{t("nav.departments")}</span>,
          },
          { key: "sla", icon: <FieldTimeOutlined />, label: <span data-testid="menu-sla">{t("nav.sla")}</span> },
          {
            key: "technicians",
            icon: <ToolOutlined />,
            label: <span data-testid="menu-technicians">{t("dispatchAdmin.nav.technicians")}</span>,
          },
          {
            key: "dispatchAdmin",
            icon: <DeploymentUnitOutlined />,
            label: <span data-testid="menu-dispatch-admin">{t("dispatchAdmin.nav.dispatch")}</span>,
          },
          { key: "templates", icon: <FormOutlined />, label: <span data-testid="menu-templates">{t("designer.nav")}</span> },
          { key: "workflows", icon: <BranchesOutlined />, label: <span data-testid="menu-workflows">{t("workflowEditor.nav")}</span> },
          { key: "triggers", icon: <SendOutlined />, label: <span data-testid="menu-triggers">{t("triggers.nav")}</span> },
        ]
      : []),
  ];

  const current: Page =
    admin || ((page === "dispatch" || page === "technicians" || page === "stats") && dispatcher) || (page === "pool" && technician) || page === "orders"
      ? page
      : "orders";

  return (
    <Layout style={{ height: "100vh" }}>
      <Layout.Header
        style={{
          display: "flex",
          alignItems: "center",
          gap: 16,
          paddingInline: 16,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: "nowrap" }}>
          {t("app.name")}
        </Typography.Title>
        <Input.Search
          allowClear
          value={search}
          placeholder={t("search.placeholder")}
          aria-label={t("search.placeholder")}
          data-testid="order-search"
          style={{ maxWidth: 420 }}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage("orders");
          }}
          onSearch={(value) => {
            const text = value.trim();
            if (ORDER_NUMBER.test(text)) setOpenOrder(text.toUpperCase());
          }}
        />
        <Flex flex={1} />
        <Space size="middle">
          <InboxBell unread={inbox.unread} onOpen={() => setInboxOpen(true)} />
          <LanguageSwitch />
          <ThemeToggle />
          <UserMenu actor={actor} />
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
          <Menu
            mode="inline"
            selectedKeys={[current]}
            items={items}
            onClick={({ key }) => setPage(key as Page)}
            style={{ borderInlineEnd: "none" }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, display: "flex", flexDirection: "column", minHeight: 0 }}>
          {current === "orders" && (
            <OrdersPage actor={actor} search={search} openOrder={openOrder} onOpenOrder={setOpenOrder} onSearch={setSearch} />
          )}
          {current === "users" && <UsersPage />}
          {current === "departments" && <DepartmentsPage />}
          {current === "sla" && <SlaPage />}
          {current === "dispatch" && <DispatchPage />}
          {current === "pool" && <PoolPage />}
          {current === "technicians" && <TechniciansPage />}
          {current === "dispatchAdmin" && <DispatchAdminPage />}
          {current === "stats" && <StatsPage admin={admin} />}
          {current === "templates" && <TemplatesPage />}
          {current === "workflows" && <WorkflowsPage />}
          {current === "triggers" && <TriggersPage />}
        </Layout.Content>
      </Layout>
      <InboxDrawer open={inboxOpen} onClose={() => setInboxOpen(false)} inbox={inbox} onOpenOrder={showOrder} />
    </Layout>
  );
}
