// Workflow moves and triggers in the history, read as sentences: the core records a move as a
// `workflow_action` event ({action, names, comment, to_department_id?, decision?}) beside the
// status change, and a trigger's work as `trigger` ({trigger, names, changed}), `trigger_failed`
// ({trigger, names, error}) or `trigger_loop` ({trigger}). Names are the workflow's or the
// trigger's own, in the reader's language; events recorded before names were kept show the key.
import type { TFunction } from "i18next";
import type { Event } from "../../api";
import { fieldLabel } from "../../i18n/errors";
import type { useDirectory } from "../../lib/directory";
import { textIn } from "../template/names";
import { membersOf, textOf as text, type Members } from "./eventValue";

export type WorkflowText = { headline: string; details: string[] };

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
  const action = nameOf(v, "action", lang);
  const decision = text(v.decision);
  if (decision === "approved" || decision === "rejected") {
    // "Approve transfer" already says it; a move named otherwise says the decision.
    const said = t(`history.workflow.${decision}`);
    if (said !== action) details.push(said);
  }
  const comment = text(v.comment);
  if (comment) details.push(t("history.workflow.comment", { comment }));
  return { headline: t("history.workflow.moved", { who, action }), details };
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

/** One timeline entry: an event, and for a workflow move the changes written with it. */
export type HistoryEntry = { event: Event; folded: Event[] };

const FOLDABLE: ReadonlySet<Event["kind"]> = new Set(["status_changed", "assigned", "field_changed"]);

/**
 * Folds each workflow move's own changes into the move: the core writes a move as its status
 * change, the fields set with it (department and assignee on an approved transfer, required
 * fields) and then the `workflow_action` event, all by the same person at the same instant.
 * Those show once, under the move, instead of as separate entries before it. Triggers write
 * as the system, so their changes stay entries of their own.
 */
export function foldMoves(events: Event[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const event of events) {
    if (event.field !== "workflow_action") {
      out.push({ event, folded: [] });
      continue;
    }
    const folded: Event[] = [];
    while (out.length > 0) {
      const last = out[out.length - 1].event;
      const sameWrite = last.actor_id === event.actor_id && last.at === event.at;
      if (!sameWrite || !FOLDABLE.has(last.kind) || WORKFLOW_FIELDS.has(last.field ?? "")) break;
      folded.unshift(last);
      out.pop();
    }
    out.push({ event, folded });
  }
  return out;
}

const WORKFLOW_FIELDS: ReadonlySet<string> = new Set(["workflow_action", "trigger", "trigger_failed", "trigger_loop"]);
