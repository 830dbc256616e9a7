// The order's fields as the core stored them, with names and times in the reader's language
// (its template values are shown by TemplateValues, as its template version describes them).
import { Descriptions, Typography, type DescriptionsProps } from "antd";
import { useTranslation } from "react-i18next";
import type { WorkOrder } from "../../api";
import { useFormat } from "../../i18n/format";
import { useDirectory } from "../../lib/directory";

const OPTIONAL_TIMES = ["response_due_at", "resolution_due_at", "first_response_at", "resolved_at", "closed_at"] as const;

export default function OrderFields({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const directory = useDirectory();
  const none = t("common.none");
  const who = (id: string) => directory.user(id)?.display_name ?? id;
  const customer = directory.customer(order.customer_id);

  const items: DescriptionsProps["items"] = [
    {
      key: "description",
      label: t("fields.description"),
      span: 2,
      children: <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{order.description || none}</Typography.Paragraph>,
    },
    { key: "customer", label: t("fields.customer_id"), children: customer ? customer.name : none },
    { key: "department", label: t("fields.department_id"), children: directory.department(order.department_id)?.name ?? none },
    {
      key: "assignee",
      label: t("fields.assignee_id"),
      children: order.assignee_id ? who(order.assignee_id) : t("orders.unassigned"),
    },
    { key: "location", label: t("fields.address"), children: order.location.address || none },
    { key: "source", label: t("fields.source"), children: t(`source.${order.source}`, { defaultValue: order.source }) },
    {
      key: "created",
      label: t("fields.created_by"),
      children: t("detail.by", { who: who(order.created_by), when: format.dateTime(order.created_at) }),
    },
    {
      key: "updated",
      label: t("fields.updated_by"),
      children: t("detail.by", { who: who(order.updated_by), when: format.dateTime(order.updated_at) }),
    },
    ...OPTIONAL_TIMES.filter((k) => order[k] !== null).map((k) => ({
      key: k,
      label: t(`fields.${k}`),
      children: format.dateTime(order[k]),
    })),
    { key: "urge", label: t("fields.urge_count"), children: format.number(order.urge_count) },
    { key: "version", label: t("fields.version"), children: format.number(order.version) },
  ];

  return <Descriptions size="small" bordered column={2} items={items} />;
}
