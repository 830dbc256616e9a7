// The built-in workflow in the core's shape (a shortened action table), and triggers.
import type { Names, Party, StatusCategory, TransitionDef, Trigger, WorkflowDef } from "../api";

const names = (en: string, zh_cn: string, es: string): Names => ({ en, zh_cn, es });

const STATUSES: [string, StatusCategory, Names][] = [
  ["unassigned", "new", names("Unassigned", "待分配", "Sin asignar")],
  ["todo", "open", names("To do", "待办", "Pendiente")],
  ["in_progress", "open", names("In progress", "处理中", "En curso")],
  ["pending_transfer", "open", names("Pending transfer", "待转", "Traslado pendiente")],
  ["transferred", "open", names("Transferred", "已转", "Trasladada")],
  ["awaiting_customer", "pending", names("Awaiting customer", "待客户反馈", "Esperando al cliente")],
  ["done", "resolved", names("Done", "已办", "Resuelta")],
  ["closed", "closed", names("Closed", "已关闭", "Cerrada")],
  ["suspended", "suspended", names("Suspended", "已挂起", "Suspendida")],
  ["cancelled", "cancelled", names("Cancelled", "已取消", "Cancelada")],
];

function move(action: string, en: string, zh: string, from: string[], to: string, parties: Party[] = ["admin", "supervisor"]): TransitionDef {
  return { action, names: names(en, zh, en), from, to, parties, requires_fields: [], review: false, comment_required: false };
}

export const builtinWorkflow: WorkflowDef = {
  key: "default",
  names: names("Default", "默认流程", "Predeterminado"),
  initial: "unassigned",
  statuses: STATUSES.map(([key, category, n]) => ({ key, category, names: n })),
  transitions: [
    move("assign", "Assign", "分配", ["unassigned"], "todo", ["admin", "supervisor", "dispatcher"]),
    move("start", "Start", "开始处理", ["todo", "transferred"], "in_progress", ["admin", "supervisor", "assignee"]),
    { ...move("request_transfer", "Request transfer", "申请转单", ["todo", "in_progress"], "pending_transfer"), review: true, comment_required: true },
    move("approve_transfer", "Approve transfer", "同意转单", ["pending_transfer"], "transferred"),
    move("await_customer", "Ask the customer", "等待客户", ["in_progress"], "awaiting_customer"),
    move("customer_replied", "Customer replied", "客户已回复", ["awaiting_customer"], "in_progress"),
    move("resolve", "Resolve", "办结", ["in_progress", "awaiting_customer"], "done"),
    { ...move("suspend", "Suspend", "挂起", ["todo", "in_progress"], "suspended"), comment_required: true },
    move("resume", "Resume", "恢复处理", ["suspended"], "in_progress"),
    move("close", "Close", "关闭", ["done"], "closed", ["admin", "agent", "requester"]),
    move("reopen", "Reopen", "重新打开", ["done", "closed"], "in_progress"),
    move("cancel", "Cancel", "取消", ["unassigned", "todo", "in_progress", "pending_transfer", "transferred", "awaiting_customer", "suspended"], "cancelled"),
  ],
};

export const leakTrigger: Trigger = {
  key: "leak",
  names: names("Leaks to plumbing", "漏水转水电组", "Fugas a fontanería"),
  on: ["create"],
  active: true,
  conditions: [{ kind: "text_contains", words: ["漏水"] }],
  actions: [{ kind: "assign_department", department_id: "d-2" }],
};

export const urgentTrigger: Trigger = {
  key: "urgent",
  names: names("Plumbing is urgent", "水电组加急", "Fontanería urgente"),
  on: ["create", "update"],
  active: false,
  conditions: [{ kind: "changed_to", field: "department_id", value: "d-2" }],
  actions: [{ kind: "set_priority", priority: "P2" }],
};
