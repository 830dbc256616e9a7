// The providers every screen needs, then the screen that follows from the session.
import { App as AntApp, Button, ConfigProvider, Result, Spin, theme as antTheme } from "antd";
import enUS from "antd/locale/en_US";
import esES from "antd/locale/es_ES";
import zhCN from "antd/locale/zh_CN";
import { I18nextProvider, useTranslation } from "react-i18next";
import i18n, { type Language } from "./i18n";
import { messageOf } from "./i18n/errors";
import { DirectoryProvider } from "./lib/directory";
import { PreferencesProvider, usePreferences } from "./lib/preferences";
import { SessionProvider, useSession } from "./lib/session";
import MainWindow from "./pages/MainWindow";
import SetupAdmin from "./pages/SetupAdmin";
import SignIn from "./pages/SignIn";

const ANTD_LOCALES = { en: enUS, "zh-CN": zhCN, es: esES } satisfies Record<Language, unknown>;

function SessionGate() {
  const { t } = useTranslation();
  const { state } = useSession();
  switch (state.kind) {
    case "loading":
      return <Spin fullscreen tip={t("app.loading")} />;
    case "failed":
      return (
        <Result
          status="error"
          title={messageOf(t, state.error)}
          extra={<Button onClick={() => window.location.reload()}>{t("common.reload")}</Button>}
        />
      );
    case "setup":
      return <SetupAdmin store={state.store} />;
    case "signIn":
      return <SignIn store={state.store} remembered={state.remembered} />;
    case "ready":
      return (
        <DirectoryProvider key={state.actor.user_id}>
          <MainWindow actor={state.actor} />
        </DirectoryProvider>
      );
  }
}

function ThemedApp() {
  const { language, theme } = usePreferences();
  return (
    <ConfigProvider
      locale={ANTD_LOCALES[language]}
      theme={{ algorithm: theme === "dark" ? antTheme.darkAlgorithm : antTheme.defaultAlgorithm }}
    >
      <AntApp style={{ height: "100%" }}>
        <SessionProvider>
          <SessionGate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <PreferencesProvider>
        <ThemedApp />
      </PreferencesProvider>
    </I18nextProvider>
  );
}
