// First run: the built-in "admin" account gets its password.
import { Alert, Button, Checkbox, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import AuthFrame from "../components/AuthFrame";
import { placeCoreError } from "../lib/coreErrors";
import { useSession } from "../lib/session";

type SetupValues = { password: string; confirm: string; remember: boolean };
const MIN_PASSWORD = 8;

export default function SetupAdmin({ store }: { store: string }) {
  const { t } = useTranslation();
  const { setupAdmin } = useSession();
  const [form] = Form.useForm<SetupValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(values: SetupValues) {
    setBusy(true);
    setFailure(null);
    try {
      await setupAdmin(values.password, values.remember);
    } catch (e) {
      setFailure(placeCoreError(form, t, e, (field) => (field === "password" ? "password" : null)));
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={t("setup.title")} store={store}>
      <Alert type="info" showIcon message={t("setup.intro")} style={{ marginBottom: 16 }} />
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ remember: true }} onFinish={submit} requiredMark={false}>
        <Form.Item label={t("setup.login")}>
          <Input value="admin" disabled />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("setup.password")}
          rules={[
            { required: true, message: t("common.required") },
            { min: MIN_PASSWORD, message: t("setup.tooShort") },
          ]}
        >
          <Input.Password data-testid="setup-password" autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("setup.confirm")}
          dependencies={["password"]}
          rules={[
            { required: true, message: t("common.required") },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue("password") === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("setup.mismatch"))),
            }),
          ]}
        >
          <Input.Password data-testid="setup-confirm" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="remember" valuePropName="checked">
          <Checkbox>{t("setup.remember")}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
          {t("setup.submit")}
        </Button>
      </Form>
    </AuthFrame>
  );
}
