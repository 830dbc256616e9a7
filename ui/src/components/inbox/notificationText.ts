// One line per notification, in the reader's language, from the kind and its params
// (order_number, target, number, alerts, count, by, title, message).
import type { TFunction } from "i18next";
import type { JsonValue, Notification } from "../../api";

export const NOTIFICATION_KINDS = [
  "sla_warning",
  "sla_breached",
  "sla_alert",
  "sla_suspended",
  "assigned",
  "urged",
  "mentioned",
  "collaborator_added",
  "transfer_requested",
  "transfer_approved",
  "transfer_rejected",
  "trigger",
  "time_rule",
] as const;

/** The param saying why, for the kinds that carry one. */
const WHY: Record<string, string | undefined> = { assigned: "reason", transfer_requested: "reason", transfer_rejected: "comment" };

type Format = { number: (n: number) => string; dateTime: (ms: number | null | undefined) => string };

function param(params: JsonValue, name: string): JsonValue | undefined {
  if (!params || typeof params !== "object" || Array.isArray(params)) return undefined;
  return params[name];
}

function text(value: JsonValue | undefined, format: Format): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return format.number(value);
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function notificationText(t: TFunction, n: Notification, format: Format): string {
  const order = n.order_number ?? text(param(n.params, "order_number"), format);
  const target = text(param(n.params, "target"), format);
  const values = {
    order: order || t("inbox.noOrder"),
    target: target ? t(`sla.targetName.${target}`, { defaultValue: target }) : "",
    number: text(param(n.params, "number"), format),
    alerts: text(param(n.params, "alerts"), format),
    times: text(param(n.params, "count"), format),
    by: text(param(n.params, "by"), format),
    title: text(param(n.params, "title"), format),
    message: text(param(n.params, "message"), format),
    kind: n.kind,
  };
  const known = (NOTIFICATION_KINDS as readonly string[]).includes(n.kind);
  const line = t(known ? `inbox.text.${n.kind}` : "inbox.text.other", values);
  // A reassignment or transfer tells the new assignee why; a transfer request its reviewers, a
  // rejected one the requester.
  const why = WHY[n.kind];
  const reason = why ? text(param(n.params, why), format) : "";
  return reason ? t("handover.notice", { line, reason }) : line;
}

/** The due time a notification names, when it names one. */
export function notificationDue(n: Notification): number | null {
  const due = param(n.params, "due");
  return typeof due === "number" ? due : null;
}
