// Status and priority as coloured tags; the colours are presentation only.
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Priority, Status } from "../../api";

const STATUS_COLOURS: Record<Status, string> = {
  unassigned: "default",
  todo: "blue",
  in_progress: "processing",
  pending_transfer: "orange",
  transferred: "purple",
  awaiting_customer: "gold",
  done: "green",
  closed: "default",
  suspended: "magenta",
  cancelled: "red",
};

const PRIORITY_COLOURS: Record<Priority, string> = {
  P1: "red",
  P2: "volcano",
  P3: "gold",
  P4: "blue",
  P5: "default",
};

export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status] ?? "default"} data-status={status}>
      {t(`status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLOURS[priority] ?? "default"} data-priority={priority}>
      {t(`priority.${priority}`, { defaultValue: priority })}
    </Tag>
  );
}
