// Admin: the people who use Orderly, their roles, department and skills.
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Flex, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../../api";
import { useDirectory } from "../../lib/directory";
import UserForm from "./UserForm";

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const directory = useDirectory();
  const [editing, setEditing] = useState<User | null>(null);
  const [open, setOpen] = useState(false);

  const columns: TableColumnsType<User> = [
    { key: "login", title: t("fields.login"), dataIndex: "login" },
    { key: "name", title: t("fields.display_name"), dataIndex: "display_name" },
    {
      key: "roles",
      title: t("fields.roles"),
      render: (_, u) => u.roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>),
    },
    { key: "department", title: t("fields.department_id"), render: (_, u) => directory.department(u.department_id)?.name ?? t("common.none") },
    {
      key: "skills",
      title: t("fields.skills"),
      render: (_, u) => u.skills.map((s) => <Tag key={s.skill}>{`${s.skill} · ${s.level}`}</Tag>),
    },
    {
      key: "active",
      title: t("fields.active"),
      render: (_, u) => (u.active ? <Tag color="green">{t("common.yes")}</Tag> : <Tag>{t("users.inactive")}</Tag>),
    },
    {
      key: "edit",
      width: 100,
      render: (_, u) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => {
            setEditing(u);
            setOpen(true);
          }}
        >
          {t("common.edit")}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0, overflow: "auto" }}>
      <Flex gap={12} align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("users.title")}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="new-user-button"
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          {t("users.new")}
        </Button>
      </Flex>
      <Table<User> data-testid="user-table" size="small" rowKey="id" columns={columns} dataSource={directory.directory.users} pagination={false} />
      <UserForm
        key={editing?.id ?? "new"}
        user={editing}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={(user, created) => {
          setOpen(false);
          void message.success(t(created ? "users.created" : "users.updated", { login: user.login }));
          void directory.reload();
        }}
      />
    </Flex>
  );
}
