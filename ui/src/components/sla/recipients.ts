// Escalation recipients (who an alert goes to) as the core names them, and their labels.
import type { TFunction } from "i18next";
import type { JsonValue, Recipient, User } from "../../api";

export const RECIPIENT_KINDS = ["assignee", "supervisors", "role", "department", "user"] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

type Lookups = {
  department: (id: string | null | undefined) => { name: string } | undefined;
  users: User[];
};

/** A recipient read from an event or notification payload, or null when it is not one. */
export function asRecipient(value: JsonValue | undefined): Recipient | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const kind = value.kind;
  if (kind === "assignee" || kind === "supervisors") return { kind };
  if ((kind === "role" || kind === "department" || kind === "user") && typeof value.value === "string") {
    return { kind, value: value.value };
  }
  return null;
}

/** "Supervisors", "Role: Admin", "Department: Service desk", "User: 李雷 (li)". */
export function recipientLabel(t: TFunction, recipient: Recipient, lookups: Lookups): string {
  switch (recipient.kind) {
    case "assignee":
    case "supervisors":
      return t(`recipient.${recipient.kind}`);
    case "role":
      return t("recipient.roleOf", { name: t(`role.${recipient.value}`, { defaultValue: recipient.value }) });
    case "department":
      return t("recipient.departmentOf", { name: lookups.department(recipient.value)?.name ?? recipient.value });
    case "user": {
      const user = lookups.users.find((u) => u.login === recipient.value);
      return t("recipient.userOf", { name: user ? `${user.display_name} (${user.login})` : recipient.value });
    }
  }
}
