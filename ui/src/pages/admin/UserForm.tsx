// Creating a user, or editing one (roles, department, skills, active, password). The core checks
// logins, roles, skills and password length; its refusal lands on the field it names.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Form, Input, Modal, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Skill, type User } from "../../api";
import { ROLES } from "../../lib/keys";
import { placeCoreError, sameNames } from "../../lib/coreErrors";
import { useDirectory } from "../../lib/directory";

const LEVELS = [1, 2, 3];
const FIELDS = ["login", "display_name", "roles", "department_id", "password", "active"] as const;

type UserValues = {
  login?: string;
  display_name?: string;
  roles?: string[];
  department_id?: string;
  skills?: Partial<Skill>[];
  active?: boolean;
  password?: string;
};

type Props = { user: User | null; open: boolean; onClose: () => void; onSaved: (user: User, created: boolean) => void };

export default function UserForm({ user, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  const [form] = Form.useForm<UserValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const editing = user !== null;

  async function submit(v: UserValues) {
    setBusy(true);
    setFailure(null);
    const skills: Skill[] = (v.skills ?? [])
      .filter((s) => s.skill && s.skill.trim() !== "")
      .map((s) => ({ skill: (s.skill ?? "").trim(), level: s.level ?? 1 }));
    try {
      const saved = editing
        ? await api.userUpdate(user.id, {
            display_name: v.display_name ?? null,
            roles: v.roles ?? [],
            // An empty string clears the department.
            department_id: v.department_id ?? "",
            skills,
            active: v.active ?? true,
            password: v.password ? v.password : null,
          })
        : await api.userCreate({
            login: (v.login ?? "").trim(),
            display_name: v.display_name ?? "",
            roles: v.roles ?? [],
            department_id: v.department_id ?? null,
            skills,
            home_lat: null,
            home_lon: null,
            password: v.password ? v.password : null,
          });
      onSaved(saved, !editing);
    } catch (e) {
      setFailure(placeCoreError(form, t, e, sameNames(FIELDS)));
    } finally {
      setBusy(false);
    }
  }

  const initial: UserValues = user
    ? {
        login: user.login,
        display_name: user.display_name,
        roles: user.roles,
        department_id: user.department_id ?? undefined,
        skills: user.skills,
        active: user.active,
      }
    : { roles: ["agent"], skills: [], active: true };

  return (
    <Modal
      open={open}
      title={editing ? t("users.edit", { login: user.login }) : t("users.new")}
      okText={editing ? t("common.save") : t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ "data-testid": "user-form-submit" }}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={submit}>
        <Form.Item name="login" label={t("fields.login")}>
          <Input disabled={editing} data-testid="user-form-login" autoComplete="off" />
        </Form.Item>
        <Form.Item name="display_name" label={t("fields.display_name")}>
          <Input data-testid="user-form-name" />
        </Form.Item>
        <Form.Item name="roles" label={t("fields.roles")}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="department_id" label={t("fields.department_id")}>
          <Select allowClear options={directory.departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item label={t("fields.skills")}>
          <Form.List name="skills">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <Space key={key} align="baseline">
                    <Form.Item name={[name, "skill"]}>
                      <Input placeholder={t("fields.skill")} aria-label={t("fields.skill")} />
                    </Form.Item>
                    <Form.Item name={[name, "level"]} initialValue={1}>
                      <Select
                        style={{ width: 110 }}
                        aria-label={t("fields.level")}
                        options={LEVELS.map((l) => ({ value: l, label: `${t("fields.level")} ${l}` }))}
                      />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("common.remove")} onClick={() => remove(name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ skill: "", level: 1 })}>
                  {t("users.addSkill")}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        {editing && (
          <Form.Item name="active" valuePropName="checked">
            <Checkbox>{t("fields.active")}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="password" label={editing ? t("users.newPassword") : t("fields.password")}>
          <Input.Password autoComplete="new-password" data-testid="user-form-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
