// Triggers in words: a condition, an action or a field value as a person reads it, with people,
// departments, priorities and statuses by name rather than id.
import type { TFunction } from "i18next";
import type { Condition, Names, NotifyTarget, Trigger, TriggerAction } from "../../../api";
import { fieldLabel } from "../../../i18n/errors";

export type Lookup = {
  user: (id: string) => string;
  department: (id: string) => string;
};

/** The built-in fields a condition reads (custom fields are `values.<key>`). */
export const CONDITION_FIELDS = ["title", "description", "priority", "status", "template_key", "department_id", "assignee_id", "customer_id"];
/** The built-in fields an action may set. */
export const SETTABLE_FIELDS = ["priority", "department_id", "assignee_id"];

export const CONDITION_KINDS: Condition["kind"][] = ["text_contains", "field_is", "field_empty", "changed_to"];
export const ACTION_KINDS: TriggerAction["kind"][] = [
  "assign_department",
  "assign_person",
  "set_priority",
  "set_field",
  "add_collaborator",
  "notify",
  "comment",
];

export function valueText(t: TFunction, lookup: Lookup, field: string, value: string): string {
  switch (field) {
    case "priority":
      return t(`priority.${value}`, { defaultValue: value });
    case "status":
      return t(`status.${value}`, { defaultValue: value });
    case "department_id":
      return lookup.department(value);
    case "assignee_id":
      return lookup.user(value);
    default:
      return value;
  }
}

export function conditionText(t: TFunction, lookup: Lookup, c: Condition): string {
  switch (c.kind) {
    case "text_contains":
      return t("triggers.text.text_contains", { words: c.words.join(", ") });
    case "field_is":
      return t("triggers.text.field_is", { field: fieldLabel(t, c.field), value: valueText(t, lookup, c.field, c.value) });
    case "field_empty":
      return t("triggers.text.field_empty", { field: fieldLabel(t, c.field) });
    case "changed_to":
      return t("triggers.text.changed_to", { field: fieldLabel(t, c.field), value: valueText(t, lookup, c.field, c.value) });
  }
}

function targetText(t: TFunction, lookup: Lookup, to: NotifyTarget): string {
  return to.kind === "user" ? lookup.user(to.user_id) : t(`triggers.notifyTarget.${to.kind}`);
}

export function actionText(t: TFunction, lookup: Lookup, a: TriggerAction): string {
  switch (a.kind) {
    case "set_field":
      return t("triggers.text.set_field", { field: fieldLabel(t, a.field), value: valueText(t, lookup, a.field, a.value) });
    case "set_priority":
      return t("triggers.text.set_priority", { value: valueText(t, lookup, "priority", a.priority) });
    case "assign_person":
      return t("triggers.text.assign_person", { value: lookup.user(a.user_id) });
    case "assign_department":
      return t("triggers.text.assign_department", { value: lookup.department(a.department_id) });
    case "add_collaborator":
      return t("triggers.text.add_collaborator", { value: lookup.user(a.user_id) });
    case "notify":
      return t("triggers.text.notify", { value: targetText(t, lookup, a.to), message: a.message });
    case "comment":
      return t(a.public ? "triggers.text.comment_public" : "triggers.text.comment_internal", { text: a.text });
  }
}

export function blankCondition(kind: Condition["kind"]): Condition {
  switch (kind) {
    case "text_contains":
      return { kind, words: [] };
    case "field_empty":
      return { kind, field: "assignee_id" };
    case "field_is":
    case "changed_to":
      return { kind, field: "priority", value: "" };
  }
}

export function blankAction(kind: TriggerAction["kind"]): TriggerAction {
  switch (kind) {
    case "set_field":
      return { kind, field: "priority", value: "" };
    case "set_priority":
      return { kind, priority: "P2" };
    case "assign_person":
    case "add_collaborator":
      return { kind, user_id: "" };
    case "assign_department":
      return { kind, department_id: "" };
    case "notify":
      return { kind, to: { kind: "assignee" }, message: "" };
    case "comment":
      return { kind, text: "", public: false };
  }
}

/** Names with every empty language filled from the first one given (else from the key). */
export function filledNames(names: Names, key: string): Names {
  const first = [names.zh_cn, names.en, names.es].map((n) => n.trim()).find((n) => n !== "") ?? key;
  const fill = (n: string) => (n.trim() !== "" ? n.trim() : first);
  return { en: fill(names.en), zh_cn: fill(names.zh_cn), es: fill(names.es) };
}

/** A fresh keyword-routing trigger: the common case, ready for its words and department. */
export function newTrigger(): Trigger {
  return {
    key: `trigger_${Date.now().toString(36)}`,
    names: { en: "", zh_cn: "", es: "" },
    on: ["create"],
    active: true,
    conditions: [],
    actions: [],
  };
}
