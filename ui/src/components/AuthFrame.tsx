// The frame of the screens before sign-in: a centred card, with language and theme at hand.
import { Card, Flex, Layout, Space, Typography, theme } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import LanguageSwitch from "./LanguageSwitch";
import ThemeToggle from "./ThemeToggle";

export default function AuthFrame({ title, store, children }: { title: string; store: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      <Flex justify="flex-end" style={{ padding: 12 }}>
        <Space>
          <LanguageSwitch />
          <ThemeToggle />
        </Space>
      </Flex>
      <Flex justify="center" align="center" style={{ flex: 1, paddingBottom: 64 }}>
        <Card style={{ width: 420 }}>
          <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 0 }}>
            {t("app.name")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("app.tagline")}</Typography.Text>
          <Typography.Title level={4}>{title}</Typography.Title>
          {children}
          {store && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }} ellipsis>
              {t("app.store", { store })}
            </Typography.Paragraph>
          )}
        </Card>
      </Flex>
    </Layout>
  );
}
