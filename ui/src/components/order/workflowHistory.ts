// Workflow moves and triggers in the history, read as sentences: the core records a move as a
// `workflow_action` event ({action, names, comment, to_department_id?, decision?}) beside the
// status change, and a trigger's work as `trigger` ({trigger, names, changed}), `trigger_failed`
// ({trigger, names, error}) or `trigger_loop` ({trigger}). Names are the workflow's or the
// trigger's own, in the reader's language; events recorded before names were kept show the key.
import type { TFunction } from "i18next";
import type { Event, JsonValue } from "../../api";
import { fieldLabel } from "../../i18n/errors";
import type { useDirectory } from "../../lib/directory";
import { textIn } from "../template/names";

export type WorkflowText = { headline: string; details: string[] };

type Members = Record<string, JsonValue>;

function membersOf(value: JsonValue | null): Members {
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** The name in the reader's language, else the key. */
function nameOf(v: Members, key: string, lang: string): string {
  const names = membersOf(v.names ?? null);
  const en = text(names.en);
  if (en === null) return text(v[key]) ?? "?";
  return textIn({ en, zh_cn: text(names.zh_cn) ?? en, es: text(names.es) ?? en }, lang);
}

function moveText(v: Members, who: string, t: TFunction, lang: string, directory: ReturnType<typeof useDirectory>) {
  const details: string[] = [];
  const department = text(v.to_department_id);
  if (department) {
    details.push(t("history.workflow.toDepartment", { department: directory.department(department)?.name ?? department }));
  }
  const decision = text(v.decision);
  if (decision === "approved" || decision === "rejected") details.push(t(`history.workflow.${decision}`));
  const comment = text(v.comment);
  if (comment) details.push(t("history.workflow.comment", { comment }));
  return { headline: t("history.workflow.moved", { who, action: nameOf(v, "action", lang) }), details };
}

/** The sentence for a workflow move or a trigger's work; null for any other event. */
export function workflowText(
  event: Event,
  who: string,
  t: TFunction,
  lang: string,
  directory: ReturnType<typeof useDirectory>,
): WorkflowText | null {
  const v = membersOf(event.new_value);
  switch (event.field) {
    case "workflow_action":
      return moveText(v, who, t, lang, directory);
    case "trigger": {
      const changed = Array.isArray(v.changed) ? v.changed.filter((f): f is string => typeof f === "string") : [];
      const fields = changed.map((f) => fieldLabel(t, f)).join(t("history.workflow.listSeparator"));
      return {
        headline: t("history.workflow.triggered", { trigger: nameOf(v, "trigger", lang) }),
        details: fields ? [t("history.workflow.triggerChanged", { fields })] : [],
      };
    }
    case "trigger_failed":
      return {
        headline: t("history.workflow.triggerFailed", { trigger: nameOf(v, "trigger", lang) }),
        details: text(v.error) ? [t(`errors.${text(v.error)}`, { defaultValue: text(v.error) ?? "" })] : [],
      };
    case "trigger_loop":
      return { headline: t("history.workflow.triggerLoop", { trigger: nameOf(v, "trigger", lang) }), details: [] };
    default:
      return null;
  }
}
