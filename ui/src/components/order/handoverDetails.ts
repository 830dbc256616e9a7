// A reassignment (改派) or transfer (转单) in the history: the core's `handover` event carries
// `{kind, reason, assignee_id, department_id}` in its new value.
import type { TFunction } from "i18next";
import type { Event } from "../../api";
import type { useDirectory } from "../../lib/directory";
import { part } from "./eventValue";

export type HandoverText = { headline: string; reason: string; target: string };

/** The headline, reason and new place of a handover event; null for any other event. */
export function handoverText(
  event: Event,
  who: string,
  t: TFunction,
  directory: ReturnType<typeof useDirectory>,
): HandoverText | null {
  if (event.field !== "handover") return null;
  const value = event.new_value;
  const kind = part(value, "kind") === "transfer" ? "transfer" : "reassign";
  const assignee = part(value, "assignee_id");
  const department = part(value, "department_id");
  const person = assignee ? (directory.user(assignee)?.display_name ?? assignee) : t("handover.queue");
  const target =
    kind === "transfer" && department
      ? t("handover.history.toDepartment", { department: directory.department(department)?.name ?? department, person })
      : t("handover.history.toPerson", { person });
  return {
    headline: t(`handover.history.${kind}`, { who }),
    reason: t("handover.history.reason", { reason: part(value, "reason") ?? "" }),
    target,
  };
}
