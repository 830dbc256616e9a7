// The order's history as the core recorded it: who, when, what, old -> new, in the reader's language.
import { Empty, Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Event, JsonValue, TemplateDef } from "../../api";
import { fieldLabel } from "../../i18n/errors";
import { useFormat } from "../../i18n/format";
import { useDirectory } from "../../lib/directory";
import { displayValue } from "../../lib/values";
import ConversionEvent from "../template/ConversionEvent";
import { isConversion } from "../template/conversion";
import { useTemplateFieldText } from "../template/valueText";
import { handoverText } from "./handoverDetails";
import { slaEventText, SYSTEM_USER_ID } from "./historyDetails";
import { processingEventText } from "./processingHistory";
import { foldMoves, workflowText } from "./workflowHistory";

const KIND_COLOURS: Record<Event["kind"], string> = {
  created: "green",
  field_changed: "blue",
  assigned: "purple",
  status_changed: "orange",
  commented: "gray",
  urged: "volcano",
  sla_warning: "gold",
  sla_breached: "red",
  sla_alert: "red",
  sla_suspended: "magenta",
};

// Events whose values are explained by slaEventText rather than shown as old -> new.
const EXPLAINED: ReadonlySet<Event["kind"]> = new Set(["urged", "sla_warning", "sla_breached", "sla_alert", "sla_suspended"]);

/** The field an event concerns; status and assignee events may leave it implicit. */
function eventField(event: Event): string | null {
  if (event.field) return event.field;
  if (event.kind === "status_changed") return "status";
  if (event.kind === "assigned") return "assignee_id";
  return null;
}

type Props = {
  events: Event[];
  /** The order's template version: its fields' changes read with their labels and options. */
  template?: TemplateDef | null;
};

export default function OrderHistory({ events, template }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const directory = useDirectory();
  const templateText = useTemplateFieldText(template);
  const label = (field: string) => templateText.label(field) ?? fieldLabel(t, field);

  function valueText(field: string | null, value: JsonValue | null, tr: TFunction): string {
    if (value === null || value === undefined || value === "") return tr("history.empty");
    const ofTemplate = templateText.value(field, value, tr);
    if (ofTemplate !== null) return ofTemplate;
    const text = displayValue(value);
    switch (field) {
      case "status":
        return tr(`status.${text}`, { defaultValue: text });
      case "priority":
        return tr(`priority.${text}`, { defaultValue: text });
      case "assignee_id":
      case "created_by":
      case "updated_by":
        return directory.user(text)?.display_name ?? text;
      case "department_id":
        return directory.department(text)?.name ?? text;
      case "customer_id":
        return directory.customer(text)?.name ?? text;
      case "source":
        return tr(`source.${text}`, { defaultValue: text });
      default:
        return text;
    }
  }

  if (events.length === 0) return <Empty />;

  /** A change as "old → new" (with its field's label first when `labelled`), the old value struck through. */
  const change = (event: Event, labelled: boolean) => {
    const field = eventField(event);
    return (
      <div key={event.id} data-testid="history-change" data-field={field}>
        {labelled && field && <Typography.Text type="secondary">{`${label(field)}: `}</Typography.Text>}
        <Typography.Text delete type="secondary">
          {valueText(field, event.old_value, t)}
        </Typography.Text>
        {" → "}
        <Typography.Text>{valueText(field, event.new_value, t)}</Typography.Text>
      </div>
    );
  };

  const items = foldMoves(events).map(({ event, folded }) => {
    const who =
      event.actor_id === SYSTEM_USER_ID
        ? t("history.system")
        : (directory.user(event.actor_id)?.display_name ?? t("history.unknownUser"));
    if (isConversion(event)) {
      return { key: event.id, color: "cyan", children: <ConversionEvent event={event} who={who} /> };
    }
    const move = workflowText(event, who, t, i18n.language, directory);
    if (move) {
      return {
        key: event.id,
        color: "#2f54eb",
        children: (
          <div data-testid="history-event" data-kind={event.kind} data-field={event.field}>
            <Typography.Text strong>{move.headline}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {format.dateTime(event.at)}
            </Typography.Text>
            {folded.map((e) => change(e, true))}
            {move.details.map((line) => (
              <div key={line}>
                <Typography.Text type="secondary">{line}</Typography.Text>
              </div>
            ))}
          </div>
        ),
      };
    }
    const field = eventField(event);
    const explained = EXPLAINED.has(event.kind) ? slaEventText(event, t, format, directory) : null;
    const handover = handoverText(event, who, t, directory);
    const processing = processingEventText(event, who, t, directory);
    const showsChange =
      handover === null &&
      processing === null &&
      event.kind !== "created" && event.kind !== "commented" && !EXPLAINED.has(event.kind) && field !== null;
    return {
      key: event.id,
      color: KIND_COLOURS[event.kind],
      children: (
        <div data-testid="history-event" data-kind={event.kind}>
          <Typography.Text strong>
            {handover?.headline ??
              processing ??
              t(`history.${event.kind}`, { who, field: field ? label(field) : "", ...explained?.params })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            {format.dateTime(event.at)} · {t(`eventKind.${event.kind}`)}
          </Typography.Text>
          {handover && (
            <div data-testid="handover-detail">
              <Typography.Text>{handover.target}</Typography.Text>
              <div>
                <Typography.Text type="secondary">{handover.reason}</Typography.Text>
              </div>
            </div>
          )}
          {explained?.detail && (
            <div>
              <Typography.Text type="secondary">{explained.detail}</Typography.Text>
            </div>
          )}
          {showsChange && change(event, false)}
        </div>
      ),
    };
  });

  return <Timeline items={items} />;
}
