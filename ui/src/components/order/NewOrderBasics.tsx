// The fixed fields every new order has, whatever its template: title, description, priority,
// department, customer and address.
import { Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useDirectory } from "../../lib/directory";
import { PRIORITIES } from "../../lib/keys";

export default function NewOrderBasics() {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  return (
    <>
      <Form.Item name="title" label={t("fields.title")}>
        <Input data-testid="new-order-title" autoFocus />
      </Form.Item>
      <Form.Item name="description" label={t("fields.description")}>
        <Input.TextArea rows={4} data-testid="new-order-description" />
      </Form.Item>
      <Form.Item name="priority" label={t("fields.priority")}>
        <Select data-testid="new-order-priority" options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
      </Form.Item>
      <Form.Item name="department_id" label={t("fields.department_id")}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          options={directory.departments.map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Form.Item name="customer_id" label={t("newOrder.customer")}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          options={directory.customers.map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
      <Form.Item name="address" label={t("fields.address")}>
        <Input data-testid="new-order-address" />
      </Form.Item>
    </>
  );
}
