// The mail server scheduled reports go through (admins only; the core refuses anyone else).
// The password is never shown: a blank one keeps what is stored for the same username.
import { Alert, App, Button, Card, Flex, Input, InputNumber, Select, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type SmtpSecurity, type SmtpSettings } from "../../api";
import { messageOf } from "../../i18n/errors";

const BLANK: SmtpSettings = { host: "", port: 587, security: "starttls", username: null, password: null, from: "" };

export default function SmtpSettingsForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form, setForm] = useState<SmtpSettings>(BLANK);
  const [passwordSet, setPasswordSet] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.smtpGet().then(
      (view) => {
        if (!view) return;
        setForm({ host: view.host, port: view.port, security: view.security, username: view.username, password: null, from: view.from });
        setPasswordSet(view.password_set);
      },
      (e: unknown) => setError(messageOf(t, e)),
    );
  }, [t]);

  const set = (patch: Partial<SmtpSettings>) => setForm((f) => ({ ...f, ...patch }));
  async function save() {
    try {
      const view = await api.smtpSave(form);
      setPasswordSet(view.password_set);
      setError(null);
      void message.success(t("reports.smtp.saved"));
    } catch (e) {
      setError(messageOf(t, e));
    }
  }

  return (
    <Card size="small" title={t("reports.smtp.title")} data-testid="smtp-settings">
      <Flex vertical gap={8}>
        {error && <Alert type="error" showIcon message={error} data-testid="smtp-error" />}
        <Space wrap>
          <Input aria-label={t("reports.smtp.host")} placeholder={t("reports.smtp.host")} data-testid="smtp-host" value={form.host} onChange={(e) => set({ host: e.target.value })} />
          <InputNumber aria-label={t("reports.smtp.port")} min={1} max={65535} value={form.port} onChange={(port) => set({ port: port ?? 0 })} />
          <Select<SmtpSecurity>
            style={{ minWidth: 130 }}
            aria-label={t("reports.smtp.security")}
            value={form.security}
            onChange={(security) => set({ security })}
            options={(["none", "starttls", "tls"] as const).map((v) => ({ value: v, label: t(`reports.smtp.securityKind.${v}`) }))}
          />
        </Space>
        <Space wrap>
          <Input aria-label={t("reports.smtp.username")} placeholder={t("reports.smtp.username")} value={form.username ?? ""} onChange={(e) => set({ username: e.target.value || null })} />
          <Input.Password
            aria-label={t("reports.smtp.password")}
            placeholder={passwordSet ? t("reports.smtp.passwordKept") : t("reports.smtp.password")}
            value={form.password ?? ""}
            onChange={(e) => set({ password: e.target.value || null })}
          />
          <Input aria-label={t("reports.smtp.from")} placeholder={t("reports.smtp.from")} data-testid="smtp-from" value={form.from} onChange={(e) => set({ from: e.target.value })} />
        </Space>
        <Button type="primary" style={{ alignSelf: "flex-start" }} data-testid="smtp-save" onClick={() => void save()}>
          {t("reports.save")}
        </Button>
      </Flex>
    </Card>
  );
}
