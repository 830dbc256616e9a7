// Admin: the department tree and adding a department under any node.
import { ApartmentOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Select, Tree, Typography, type TreeDataNode } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Department } from "../../api";
import { placeCoreError, sameNames } from "../../lib/coreErrors";
import { useDirectory } from "../../lib/directory";

type NodeValues = { name?: string; parent_id?: string };

function toTree(departments: Department[]): TreeDataNode[] {
  const children = new Map<string | null, Department[]>();
  const known = new Set(departments.map((d) => d.id));
  for (const d of departments) {
    // A parent outside the list (not visible to us) puts the node at the top.
    const parent = d.parent_id && known.has(d.parent_id) ? d.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const build = (parent: string | null, seen: Set<string>): TreeDataNode[] =>
    (children.get(parent) ?? [])
      .filter((d) => !seen.has(d.id))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => ({ key: d.id, title: d.name, icon: <ApartmentOutlined />, children: build(d.id, new Set([...seen, d.id])) }));
  return build(null, new Set());
}

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const directory = useDirectory();
  const [form] = Form.useForm<NodeValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const departments = directory.directory.departments;
  const tree = useMemo(() => toTree(departments), [departments]);

  async function submit(v: NodeValues) {
    setBusy(true);
    setFailure(null);
    try {
      const created = await api.departmentCreate({ name: (v.name ?? "").trim(), parent_id: v.parent_id ?? null });
      form.resetFields();
      void message.success(t("departments.created", { name: created.name }));
      await directory.reload();
    } catch (e) {
      setFailure(placeCoreError(form, t, e, sameNames(["name", "parent_id"])));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex gap={16} align="flex-start" wrap="wrap" style={{ overflow: "auto" }}>
      <Card title={t("departments.title")} style={{ minWidth: 360, flex: 1 }}>
        {tree.length === 0 ? (
          <Empty description={t("departments.empty")} />
        ) : (
          <Tree showIcon defaultExpandAll treeData={tree} data-testid="department-tree" />
        )}
      </Card>
      <Card title={t("departments.new")} style={{ width: 360 }}>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="name" label={t("fields.name")}>
            <Input data-testid="department-name" />
          </Form.Item>
          <Form.Item name="parent_id" label={t("fields.parent_id")}>
            <Select
              allowClear
              placeholder={t("departments.root")}
              options={departments.map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="department-submit">
            {t("common.add")}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t("departments.root")}
          </Typography.Paragraph>
        </Form>
      </Card>
    </Flex>
  );
}
