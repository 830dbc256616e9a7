// What the SLA clock and urging add to the history: the values of each event's new_value
// (`{target, due}`, `{number, recipient}`, `{alerts}`), ready for the headline and a detail line.
import type { TFunction } from "i18next";
import type { Event, JsonValue } from "../../api";
import { asRecipient, recipientLabel } from "../sla/recipients";
import type { useDirectory } from "../../lib/directory";

/** The automatic actor of the core (SLA clock, scheduler); the directory does not list it. */
export const SYSTEM_USER_ID = "00000000-0000-7000-8000-000000000001";

type Format = { dateTime: (ms: number | null | undefined) => string; number: (n: number) => string };

function field(value: JsonValue | null, name: string): JsonValue | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  return value[name];
}

function numberText(value: JsonValue | undefined, format: Format): string {
  return typeof value === "number" ? format.number(value) : value === undefined || value === null ? "?" : String(value);
}

export type SlaEventText = { params: Record<string, string>; detail: string | null };

/** Headline parameters and an optional detail line for the SLA and urge events. */
export function slaEventText(
  event: Event,
  t: TFunction,
  format: Format,
  directory: ReturnType<typeof useDirectory>,
): SlaEventText | null {
  const value = event.new_value;
  switch (event.kind) {
    case "sla_warning":
    case "sla_breached": {
      const target = field(value, "target");
      const due = field(value, "due");
      return {
        params: { target: t(`sla.targetName.${String(target)}`, { defaultValue: String(target ?? "") }) },
        detail: typeof due === "number" ? t("history.dueAt", { due: format.dateTime(due) }) : null,
      };
    }
    case "sla_alert": {
      const recipient = asRecipient(field(value, "recipient"));
      return {
        params: {
          number: numberText(field(value, "number"), format),
          recipient: recipient
            ? recipientLabel(t, recipient, { department: directory.department, users: directory.directory.users })
            : t("history.empty"),
        },
        detail: null,
      };
    }
    case "sla_suspended":
      return { params: { alerts: numberText(field(value, "alerts"), format) }, detail: null };
    case "urged":
      return {
        params: { count: numberText(value ?? undefined, format) },
        detail: t("history.urgeCount", {
          from: numberText(event.old_value ?? 0, format),
          to: numberText(value ?? undefined, format),
        }),
      };
    default:
      return null;
  }
}
