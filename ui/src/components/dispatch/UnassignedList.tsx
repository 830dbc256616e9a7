// Orders waiting for a technician, most urgent first. Each can be dragged onto the board, chosen
// (for its needs, suggestions and the pool) and ticked for a batch optimisation.
import { Checkbox, Empty, Flex, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { WorkOrder } from "../../api";
import { useFormat } from "../../i18n/format";
import { PriorityTag } from "../order/tags";
import { startOrderDrag } from "./dragOrder";

type Props = {
  orders: WorkOrder[];
  selectedId: string | null;
  checked: ReadonlySet<string>;
  onSelect: (order: WorkOrder) => void;
  onCheck: (id: string, on: boolean) => void;
};

export default function UnassignedList({ orders, selectedId, checked, onSelect, onCheck }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  if (orders.length === 0) return <Empty description={t("dispatch.unassigned.empty")} />;
  return (
    <List
      size="small"
      dataSource={orders}
      rowKey="id"
      renderItem={(order) => (
        <List.Item
          className={`dispatch-unassigned-item${order.id === selectedId ? " dispatch-selected" : ""}`}
          data-testid="dispatch-unassigned-item"
          data-order-number={order.number}
          draggable
          onDragStart={(e) => startOrderDrag(e.dataTransfer, order.id)}
          onClick={() => onSelect(order)}
          aria-selected={order.id === selectedId}
        >
          <Flex gap={8} align="flex-start" style={{ width: "100%" }}>
            <Checkbox
              checked={checked.has(order.id)}
              aria-label={t("dispatch.unassigned.check", { number: order.number })}
              onClick={(e) => e.stopPropagation()}
              onChange={(e) => onCheck(order.id, e.target.checked)}
            />
            <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Flex gap={6} align="center" wrap="wrap">
                <Typography.Text strong>{order.number}</Typography.Text>
                <PriorityTag priority={order.priority} />
              </Flex>
              <Typography.Text ellipsis={{ tooltip: order.title }}>{order.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="dispatch-unassigned-due">
                {order.resolution_due_at === null
                  ? t("dispatch.unassigned.noDue")
                  : t("dispatch.unassigned.due", { at: format.dateTime(order.resolution_due_at) })}
              </Typography.Text>
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}
