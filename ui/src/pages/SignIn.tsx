// Sign-in: remembered accounts in one click, or login and password.
import { UserOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Divider, Flex, Form, Input } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Actor } from "../api";
import AuthFrame from "../components/AuthFrame";
import { messageOf } from "../i18n/errors";
import { placeCoreError } from "../lib/coreErrors";
import { useSession } from "../lib/session";

type SignInValues = { login: string; password: string; remember: boolean };

export default function SignIn({ store, remembered }: { store: string; remembered: Actor[] }) {
  const { t } = useTranslation();
  const { signIn, switchUser } = useSession();
  const [form] = Form.useForm<SignInValues>();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(values: SignInValues) {
    setBusy("form");
    setFailure(null);
    try {
      await signIn(values.login.trim(), values.password, values.remember);
    } catch (e) {
      setFailure(placeCoreError(form, t, e, (field) => (field === "login" || field === "password" ? field : null)));
      setBusy(null);
    }
  }

  async function resume(login: string) {
    setBusy(login);
    setFailure(null);
    try {
      await switchUser(login);
    } catch (e) {
      setFailure(messageOf(t, e));
      setBusy(null);
    }
  }

  return (
    <AuthFrame title={t("signIn.title")} store={store}>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
      {remembered.length > 0 && (
        <>
          <Divider plain orientation="left" style={{ marginTop: 0 }}>
            {t("signIn.remembered")}
          </Divider>
          <Flex vertical gap={8}>
            {remembered.map((actor) => (
              <Button
                key={actor.login}
                icon={<UserOutlined />}
                block
                loading={busy === actor.login}
                data-testid={`remembered-${actor.login}`}
                onClick={() => void resume(actor.login)}
              >
                {t("signIn.continueAs", { name: `${actor.display_name} (${actor.login})` })}
              </Button>
            ))}
          </Flex>
          <Divider />
        </>
      )}
      <Form form={form} layout="vertical" initialValues={{ remember: true }} onFinish={submit} requiredMark={false}>
        <Form.Item name="login" label={t("signIn.login")} rules={[{ required: true, message: t("common.required") }]}>
          <Input data-testid="login-input" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t("signIn.password")} rules={[{ required: true, message: t("common.required") }]}>
          <Input.Password data-testid="password-input" autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="remember" valuePropName="checked">
          <Checkbox>{t("signIn.remember")}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy === "form"} data-testid="sign-in-submit">
          {t("signIn.submit")}
        </Button>
      </Form>
    </AuthFrame>
  );
}
