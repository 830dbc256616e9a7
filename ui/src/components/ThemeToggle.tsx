import { MoonOutlined, SunOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { usePreferences } from "../lib/preferences";

export default function ThemeToggle() {
  const { t } = useTranslation();
  const { theme, toggleTheme } = usePreferences();
  const label = `${t("theme.toggle")}: ${t(theme === "dark" ? "theme.light" : "theme.dark")}`;
  return (
    <Tooltip title={label}>
      <Button
        type="text"
        data-testid="theme-toggle"
        aria-label={label}
        icon={theme === "dark" ? <SunOutlined /> : <MoonOutlined />}
        onClick={toggleTheme}
      />
    </Tooltip>
  );
}
