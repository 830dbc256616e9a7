// The main window: menu on the left (admin pages only for admins), header with the global search,
// language, theme and the user menu, and the chosen page.
import { ApartmentOutlined, ProfileOutlined, TeamOutlined } from "@ant-design/icons";
import { Flex, Input, Layout, Menu, Space, Typography, theme, type MenuProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Actor } from "../api";
import LanguageSwitch from "../components/LanguageSwitch";
import ThemeToggle from "../components/ThemeToggle";
import UserMenu from "../components/UserMenu";
import { isAdmin } from "../lib/session";
import DepartmentsPage from "./admin/DepartmentsPage";
import UsersPage from "./admin/UsersPage";
import OrdersPage from "./OrdersPage";

type Page = "orders" | "users" | "departments";

// Typing a whole order number jumps straight to that order.
const ORDER_NUMBER = /^WO-\d{4}-\d+$/i;

export default function MainWindow({ actor }: { actor: Actor }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [page, setPage] = useState<Page>("orders");
  const [search, setSearch] = useState("");
  const [openOrder, setOpenOrder] = useState<string | null>(null);
  const admin = isAdmin(actor);

  const items: MenuProps["items"] = [
    { key: "orders", icon: <ProfileOutlined />, label: <span data-testid="menu-orders">{t("nav.orders")}</span> },
    ...(admin
      ? [
          { key: "users", icon: <TeamOutlined />, label: <span data-testid="menu-users">{t("nav.users")}</span> },
          {
            key: "departments",
            icon: <ApartmentOutlined />,
            label: <span data-testid="menu-departments">{t("nav.departments")}</span>,
          },
        ]
      : []),
  ];

  const current: Page = admin ? page : "orders";

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
            <OrdersPage actor={actor} search={search} openOrder={openOrder} onOpenOrder={setOpenOrder} />
          )}
          {current === "users" && <UsersPage />}
          {current === "departments" && <DepartmentsPage />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
