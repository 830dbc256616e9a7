// The order list as a virtual table: thousands of rows stay smooth; the next page loads as the
// end comes into view.
import { Empty, Table, type CheckboxProps, type TableColumnsType } from "antd";
import { type HTMLAttributes, type MouseEvent, type UIEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WorkOrder } from "../../api";
import { useFormat } from "../../i18n/format";
import { useDirectory } from "../../lib/directory";
import type { MarkKey } from "../../lib/processing";
import type { MarkBook } from "../../lib/useMarks";
import MarkToggles from "../processing/MarkToggles";
import { PriorityTag, StatusTag } from "./tags";

type Props = {
  orders: WorkOrder[];
  loading: boolean;
  height: number;
  selectedId: string | null;
  onOpen: (order: WorkOrder) => void;
  onNearEnd: () => void;
  /** Rows ticked for a bulk change. */
  checkedIds: string[];
  onCheck: (ids: string[]) => void;
  marks: MarkBook;
  onToggleMark: (orderId: string, mark: MarkKey, on: boolean) => void;
};

/** A row's marks, as the list returned them or as the reader changed them since. */
function RowMarks({ id, marks, onToggle }: { id: string; marks: MarkBook; onToggle: Props["onToggleMark"] }) {
  return <MarkToggles marks={marks.of(id)} onToggle={(mark, on) => onToggle(id, mark, on)} />;
}

// Clicks on a row's checkbox or marks must not open the order.
const onRowControl = (e: MouseEvent<HTMLElement>) =>
  (e.target as HTMLElement).closest(".ant-table-selection-column, [data-row-control]") !== null;

// Start fetching the next page this many pixels before the last row shows.
const PREFETCH_PX = 600;

export default function OrderTable(props: Props) {
  const { orders, loading, height, selectedId, onOpen, onNearEnd, checkedIds, onCheck, marks, onToggleMark } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const directory = useDirectory();

  const columns: TableColumnsType<WorkOrder> = [
    { key: "marks", width: 76, render: (_, o) => <RowMarks id={o.id} marks={marks} onToggle={onToggleMark} /> },
    { key: "number", title: t("fields.number"), dataIndex: "number", width: 150 },
    { key: "title", title: t("fields.title"), dataIndex: "title", width: 220, ellipsis: true },
    { key: "status", title: t("fields.status"), width: 110, render: (_, o) => <StatusTag status={o.status} /> },
    { key: "priority", title: t("fields.priority"), width: 110, render: (_, o) => <PriorityTag priority={o.priority} /> },
    {
      key: "assignee",
      title: t("fields.assignee_id"),
      width: 120,
      ellipsis: true,
      render: (_, o) => directory.user(o.assignee_id)?.display_name ?? (o.assignee_id ? o.assignee_id : t("orders.unassigned")),
    },
    {
      key: "department",
      title: t("fields.department_id"),
      width: 140,
      ellipsis: true,
      render: (_, o) => directory.department(o.department_id)?.name ?? t("common.none"),
    },
    { key: "created", title: t("fields.created_at"), width: 150, render: (_, o) => format.dateTime(o.created_at) },
  ];

  function onScroll(e: UIEvent<HTMLElement>) {
    const el = e.currentTarget;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < PREFETCH_PX) onNearEnd();
  }

  return (
    <div data-testid="order-table">
    <Table<WorkOrder>
      virtual
      size="small"
      rowKey="id"
      rowSelection={{
        columnWidth: 40,
        selectedRowKeys: checkedIds,
        onChange: (keys) => onCheck(keys.map(String)),
        getCheckboxProps: (o) => ({ "aria-label": t("bulk.selectRow", { number: o.number }) }) as CheckboxProps,
        renderCell: (_checked, o, _i, node) => (
          <span data-testid="order-check" data-number={o.number}>
            {node}
          </span>
        ),
      }}
      columns={columns}
      dataSource={orders}
      loading={loading && orders.length === 0}
      pagination={false}
      scroll={{ x: 1120, y: height }}
      onScroll={onScroll}
      rowClassName={(o) => (o.id === selectedId ? "ant-table-row-selected" : "")}
      locale={{ emptyText: (
          <div data-testid="orders-empty">
            <Empty description={t("orders.empty")} />
          </div>
        ) }}
      onRow={(o) =>
        ({
          onClick: (e: MouseEvent<HTMLElement>) => {
            if (!onRowControl(e)) onOpen(o);
          },
          style: { cursor: "pointer" },
          "data-testid": "order-row",
          "data-number": o.number,
        }) as HTMLAttributes<HTMLElement>
      }
    />
    </div>
  );
}
