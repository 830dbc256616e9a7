// Test data in the core's shapes and a mock of the core's commands over mockIPC.
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  Actor,
  AppError,
  AvailableAction,
  Directory,
  OrderDetail,
  OrderPage,
  OrderProcessing,
  SetupStatus,
  User,
  WorkOrder,
} from "../api";
import { formState, general, stored, summary } from "./templateFixtures";

export const adminActor: Actor = { user_id: "u-admin", login: "admin", display_name: "Ada Admin", roles: ["admin"], department_id: null };
export const agentActor: Actor = { user_id: "u-agent", login: "li", display_name: "李雷", roles: ["agent"], department_id: "d-1" };

function user(actor: Actor): User {
  return {
    id: actor.user_id,
    login: actor.login,
    display_name: actor.display_name,
    roles: actor.roles,
    department_id: actor.department_id,
    skills: [],
    home_lat: null,
    home_lon: null,
    active: true,
    has_password: true,
    created_at: 1767225600000,
  };
}

export const directory: Directory = {
  users: [user(adminActor), user(agentActor)],
  departments: [{ id: "d-1", parent_id: null, name: "Service desk" }],
  customers: [{ id: "c-1", name: "ACME", group_id: null, phone: null, email: null, address: null }],
  customer_groups: [],
  catalog: [],
};

export function order(n: number, patch: Partial<WorkOrder> = {}): WorkOrder {
  const number = `WO-2026-${String(n).padStart(6, "0")}`;
  return {
    id: `o-${n}`,
    number,
    template_key: "general",
    template_version: 1,
    title: `Pump ${n} leaks`,
    description: "Water on the floor",
    values: { contact_name: "Zhang San" },
    status: "unassigned",
    priority: "P3",
    department_id: "d-1",
    assignee_id: null,
    collaborator_ids: [],
    customer_id: "c-1",
    catalog_item_id: null,
    location: { address: null, lat: null, lon: null },
    source: "desktop",
    external_id: null,
    created_by: "u-admin",
    created_at: 1767225600000 + n * 60000,
    updated_by: "u-admin",
    updated_at: 1767225600000 + n * 60000,
    response_due_at: null,
    resolution_due_at: null,
    first_response_at: null,
    resolved_at: null,
    closed_at: null,
    urge_count: 0,
    version: 1,
    ...patch,
  };
}

export function detailOf(o: WorkOrder, patch: Partial<OrderDetail> = {}): OrderDetail {
  return {
    order: o,
    history: [{ id: "e-1", order_id: o.id, at: o.created_at, actor_id: "u-admin", kind: "created", field: null, old_value: null, new_value: null }],
    comments: [],
    next_statuses: ["todo", "cancelled"],
    can_work: true,
    can_assign: true,
    ...patch,
  };
}

/** A workflow action as `order_actions` returns it; the names default to English marked per language. */
export function action(key: string, en: string, to: string, patch: Partial<AvailableAction> = {}): AvailableAction {
  return {
    action: key,
    names: { en, zh_cn: `${en} (zh)`, es: `${en} (es)` },
    to,
    review: false,
    comment_required: false,
    requires_fields: [],
    ...patch,
  };
}

/** An order's collaborators, links and the reader's marks, as order_processing returns them. */
export function processingOf(orderId: string, patch: Partial<OrderProcessing> = {}): OrderProcessing {
  return { order_id: orderId, collaborators: [], links: [], starred: false, important: false, can_manage_collaborators: true, ...patch };
}

export function coreError(error: Partial<AppError> & { key: string }): AppError {
  return { code: "invalid_input", params: {}, field: null, ...error };
}

type Handler = (payload: Record<string, unknown>) => unknown;
export type Call = { cmd: string; payload: Record<string, unknown> };

/**
 * Mocks the core. Unlisted commands get sensible defaults for a signed-in admin with an empty
 * list; a handler that throws makes the command fail with that value (as Tauri does).
 */
export function mockCore(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  const defaults: Record<string, Handler> = {
    setup_status: (): SetupStatus => ({ needs_admin_password: false, store: "/tmp/orderly.db", remembered: [], current: adminActor }),
    directory: () => directory,
    order_list: (): OrderPage => ({ items: [], next: null, starred: [], important: [] }),
    inbox_get: () => ({ items: [], unread: 0 }),
    set_language: () => null,
    order_sla: () => null,
    order_actions: () => [],
    order_processing: ({ id }) => processingOf(String(id)),
    saved_filters: () => [],
    templates_list: () => [summary(general)],
    template_version_get: () => stored(general),
    template_form_state: () => formState(general),
    template_get: () => ({
      key: "general",
      version: 1,
      fields: [
        { key: "contact_name", max_length: 200 },
        { key: "contact_phone", max_length: 40 },
        { key: "asset_tag", max_length: 100 },
      ],
    }),
  };
  // Events are mocked too, so a test can `emit` what the desktop shell would send.
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, payload: args });
    const handler = handlers[cmd] ?? defaults[cmd];
    if (!handler) throw coreError({ code: "internal", key: "internal" });
    return handler(args);
  }, { shouldMockEvents: true });
  return {
    calls,
    callsOf: (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.payload),
  };
}
