// The core's closed sets of keys the UI offers in selects (labels come from the locales).
import type { OrderSort, Priority, Role, Status } from "../api";

export const STATUSES: Status[] = [
  "unassigned",
  "todo",
  "in_progress",
  "pending_transfer",
  "transferred",
  "awaiting_customer",
  "done",
  "closed",
  "suspended",
  "cancelled",
];
export const PRIORITIES: Priority[] = ["P1", "P2", "P3", "P4", "P5"];
export const ROLES: Role[] = ["admin", "supervisor", "dispatcher", "agent", "technician"];
export const SORTS: OrderSort[] = ["created_desc", "created_asc", "updated_desc", "priority_asc"];

export type FilterValues = {
  status: string[];
  priority: string[];
  assignee_id: string | null;
  department_id: string | null;
  sort: OrderSort;
};

export const NO_FILTERS: FilterValues = {
  status: [],
  priority: [],
  assignee_id: null,
  department_id: null,
  sort: "created_desc",
};
