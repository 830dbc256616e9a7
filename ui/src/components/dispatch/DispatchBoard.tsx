// The dispatch calendar: vis-timeline behind our own component. Technicians are rows grouped by
// department, booked visits are items. The timeline is created on mount, fed through DataSets
// when props change and destroyed on unmount. Drops of orders from the unassigned list are caught
// on the container (capture phase, before vis' own drop handler) and turned into a row and a time.
import { useEffect, useRef } from "react";
import { DataSet } from "vis-data/standalone";
import { Timeline, type DataGroup, type DataItem, type TimelineOptions } from "vis-timeline/standalone";
import "vis-timeline/styles/vis-timeline-graph2d.min.css";
import type { BoardHandlers, BoardItem, BoardProps, BoardRow } from "./boardTypes";
import "./dispatch.css";
import { carriesOrder, droppedOrder } from "./dragOrder";
import { windowOf } from "./boardModel";
import { departmentRowLabel, technicianRowLabel } from "./rowLabel";

// Row ids are prefixed inside the board so a department and a user can never share one.
const TECH = "tech:";
const DEPT = "dept:";

function toGroup(row: BoardRow): DataGroup {
  if (row.kind === "department") {
    return {
      id: DEPT + row.id,
      content: departmentRowLabel(row.name),
      nestedGroups: row.children.map((id) => TECH + id),
      showNested: true,
      className: "dispatch-group-department",
      order: row.order,
    } as DataGroup;
  }
  return {
    id: TECH + row.id,
    content: technicianRowLabel(row.label),
    className: row.label.candidate ? "dispatch-group dispatch-candidate" : "dispatch-group",
    order: row.order,
  } as DataGroup;
}

function toItem(item: BoardItem): DataItem {
  const content = document.createElement("span");
  content.textContent = item.text;
  return {
    id: item.id,
    group: TECH + item.row,
    start: item.start,
    end: item.end,
    content: content as unknown as string,
    title: item.title,
    className: item.className,
    type: item.type ?? "range",
    ...(item.editable === false ? { editable: false } : {}),
  };
}

/** Makes `set` hold exactly `next` (updates in place so selection and scroll survive). */
function sync<T extends { id: string | number }>(set: DataSet<T, "id">, next: T[]) {
  const keep = new Set(next.map((n) => n.id));
  set.remove(set.getIds().filter((id) => !keep.has(id)));
  set.update(next as Parameters<typeof set.update>[0]);
}

function labelFormat(language: string): TimelineOptions["format"] {
  const time = new Intl.DateTimeFormat(language, { hour: "numeric", minute: "2-digit" });
  const day = new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric" });
  const long = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  const at = (date: Date) => new Date(date.valueOf());
  return {
    minorLabels: (date, scale) => (["hour", "minute", "second", "millisecond"].includes(scale) ? time : day).format(at(date)),
    majorLabels: (date) => long.format(at(date)),
  };
}

export default function DispatchBoard(props: BoardProps) {
  const { rows, items, scale, anchor, language } = props;
  const { current, time, deleteSelected } = props.words;
  const container = useRef<HTMLDivElement>(null);
  const timeline = useRef<Timeline | null>(null);
  const groupSet = useRef(new DataSet<DataGroup & { id: string | number }, "id">());
  const itemSet = useRef(new DataSet<DataItem & { id: string | number }, "id">());
  const handlers = useRef<BoardHandlers>(props);

  useEffect(() => {
    handlers.current = { onDropOrder: props.onDropOrder, onMoveItem: props.onMoveItem, onOpenItem: props.onOpenItem };
  }, [props.onDropOrder, props.onMoveItem, props.onOpenItem]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const options: TimelineOptions = {
      stack: false,
      orientation: { axis: "top", item: "top" },
      showCurrentTime: true,
      zoomKey: "ctrlKey",
      horizontalScroll: true,
      verticalScroll: true,
      maxHeight: "100%",
      groupOrder: "order",
      selectable: true,
      editable: { add: false, remove: false, updateTime: true, updateGroup: true, overrideItems: false },
      snap: (date) => {
        const step = 15 * 60_000;
        return new Date(Math.round(date.valueOf() / step) * step);
      },
      onMove: (item, callback) => {
        const start = new Date(item.start).getTime();
        const end = item.end === undefined ? start : new Date(item.end).getTime();
        const group = String(item.group);
        if (!group.startsWith(TECH)) {
          callback(null);
          return;
        }
        handlers.current
          .onMoveItem(String(item.id), group.slice(TECH.length), start, end)
          .then((ok) => callback(ok ? item : null), () => callback(null));
      },
    };
    const created = new Timeline(element, itemSet.current, groupSet.current, options);
    created.on("doubleClick", (props: { item?: string | number | null }) => {
      if (props.item !== null && props.item !== undefined) handlers.current.onOpenItem(String(props.item));
    });
    timeline.current = created;

    // Capture phase: vis stops the drop's propagation on its own centre panel.
    const over = (event: DragEvent) => {
      if (!carriesOrder(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "move";
    };
    const drop = (event: DragEvent) => {
      const orderId = droppedOrder(event.dataTransfer);
      if (orderId === null) return;
      event.preventDefault();
      event.stopPropagation();
      let where: ReturnType<Timeline["getEventProperties"]>;
      try {
        where = created.getEventProperties(event);
      } catch (e) {
        // Before its first layout (no time axis yet) vis cannot place a point.
        console.warn("orderly: drop before the board was laid out", e);
        return;
      }
      const group = where.group === null || where.group === undefined ? null : String(where.group);
      if (group === null || !group.startsWith(TECH)) return;
      const time = (where.snappedTime ?? where.time).valueOf();
      handlers.current.onDropOrder(orderId, group.slice(TECH.length), time);
    };
    element.addEventListener("dragover", over, true);
    element.addEventListener("drop", drop, true);
    return () => {
      element.removeEventListener("dragover", over, true);
      element.removeEventListener("drop", drop, true);
      created.destroy();
      timeline.current = null;
    };
  }, []);

  useEffect(() => {
    sync(groupSet.current, rows.map(toGroup) as (DataGroup & { id: string })[]);
  }, [rows]);

  useEffect(() => {
    sync(itemSet.current, items.map(toItem) as (DataItem & { id: string })[]);
  }, [items]);

  useEffect(() => {
    const { start, end } = windowOf(scale, anchor);
    timeline.current?.setWindow(start, end, { animation: false });
  }, [scale, anchor]);

  useEffect(() => {
    // vis' own few words (the current-time tooltip) come from our locales, not its built-in set.
    timeline.current?.setOptions({
      format: labelFormat(language),
      locale: "orderly",
      locales: { orderly: { current, time, deleteSelected } },
    });
  }, [language, current, time, deleteSelected]);

  return <div ref={container} className="dispatch-board" data-testid="dispatch-board" />;
}
