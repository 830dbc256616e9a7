// Rows and items of the board from the core's data, translated. Departments hold their
// technicians; technicians without a department sit under "No department".
import type { TFunction } from "i18next";
import type { BatchPlan, DayPlan, Department, TechnicianCard } from "../../api";
import { formatNumber } from "../../i18n/format";
import type { Language } from "../../i18n";
import type { BoardItem, BoardRow, Scale, TechnicianLabel } from "./boardTypes";
import type { Booking } from "./useDispatchData";

const NO_DEPARTMENT = "none";

function decimal(value: number, lng: Language): string {
  return new Intl.NumberFormat(lng, { maximumFractionDigits: 1 }).format(value);
}

export function technicianLabel(card: TechnicianCard, t: TFunction, lng: Language, candidate: boolean): TechnicianLabel {
  const skills = card.user.skills
    .map((s) => t("dispatch.row.skill", { skill: s.skill, level: formatNumber(s.level, lng) }))
    .join(" · ");
  const booked = card.booked_hours ?? 0;
  const capacity = card.profile.capacity_hours;
  return {
    login: card.user.login,
    name: card.user.display_name,
    skills,
    load:
      capacity === null
        ? t("dispatch.row.loadNoCapacity", { booked: decimal(booked, lng) })
        : t("dispatch.row.load", { booked: decimal(booked, lng), capacity: decimal(capacity, lng) }),
    loadShare: capacity === null || capacity <= 0 ? null : booked / capacity,
    status: t(`dispatch.status.${card.profile.status}`, { defaultValue: card.profile.status }),
    statusKey: card.profile.status,
    candidate,
  };
}

export function boardRows(
  technicians: TechnicianCard[],
  departments: Department[],
  t: TFunction,
  lng: Language,
  candidates: ReadonlySet<string>,
): BoardRow[] {
  const byDepartment = new Map<string, TechnicianCard[]>();
  for (const card of technicians) {
    const key = card.user.department_id ?? NO_DEPARTMENT;
    byDepartment.set(key, [...(byDepartment.get(key) ?? []), card]);
  }
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const keys = [...byDepartment.keys()].sort((a, b) => {
    if (a === NO_DEPARTMENT || b === NO_DEPARTMENT) return a === NO_DEPARTMENT ? 1 : -1;
    return (names.get(a) ?? a).localeCompare(names.get(b) ?? b, lng);
  });
  const rows: BoardRow[] = [];
  keys.forEach((key, d) => {
    const cards = [...(byDepartment.get(key) ?? [])].sort((a, b) =>
      a.user.display_name.localeCompare(b.user.display_name, lng),
    );
    rows.push({
      kind: "department",
      id: key,
      name: key === NO_DEPARTMENT ? t("dispatch.noDepartment") : (names.get(key) ?? key),
      children: cards.map((c) => c.user.id),
      order: d * 1000,
    });
    cards.forEach((card, i) =>
      rows.push({
        kind: "technician",
        id: card.user.id,
        label: technicianLabel(card, t, lng, candidates.has(card.user.id)),
        order: d * 1000 + i + 1,
      }),
    );
  });
  return rows;
}

export function boardItems(bookings: Booking[]): BoardItem[] {
  return bookings.flatMap(({ order, info }) =>
    order.assignee_id === null || info.scheduled_start === null || info.scheduled_end === null
      ? []
      : [
          {
            id: order.id,
            row: order.assignee_id,
            start: info.scheduled_start,
            end: info.scheduled_end,
            text: `${order.number} ${order.title}`,
            title: `${order.number} · ${order.title}`,
            className: `dispatch-item dispatch-item-${order.priority}`,
          },
        ],
  );
}
const HOUR = 3_600_000;
const DAY = 24 * HOUR;


/** The shown window: the local day of `anchor`, or seven days from that day. */
export function windowOf(scale: Scale, anchor: number): { start: Date; end: Date } {
  const start = new Date(anchor);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start.getTime() + (scale === "day" ? DAY : 7 * DAY));
  return { start, end };
}


/** Prefixes of proposal items, so a ghost never shares an id with the booked visit it moves. */
export const GHOST = "ghost:";
export const LEG = "leg:";

/**
 * A day plan on the board: each planned visit as a dashed ghost on its technician's row, and the
 * drive before it (and back to base after the last) as a shaded background stretch.
 */
export function dayPlanItems(plan: DayPlan, words: { leg: (km: string, minutes: string) => string }, lng: Language): BoardItem[] {
  const km = (v: number | null) => decimal(v ?? 0, lng);
  return plan.technicians.flatMap((day) => {
    const items: BoardItem[] = [];
    day.visits.forEach((v) => {
      if (v.leg.minutes > 0) {
        const text = words.leg(km(v.leg.km), formatNumber(v.leg.minutes, lng));
        items.push({
          id: `${LEG}${v.order_id}`,
          row: day.technician_id,
          start: v.start - v.leg.minutes * 60_000,
          end: v.start,
          text,
          title: text,
          className: "dispatch-leg",
          type: "background",
          editable: false,
        });
      }
      items.push({
        id: `${GHOST}${v.order_id}`,
        row: day.technician_id,
        start: v.start,
        end: v.end,
        text: `${v.number} ${v.title}`,
        title: `${v.number} · ${v.title}`,
        className: v.pinned ? "dispatch-ghost dispatch-ghost-pinned" : "dispatch-ghost",
        editable: false,
      });
    });
    const last = day.visits[day.visits.length - 1];
    if (last && day.return_leg.minutes > 0) {
      const text = words.leg(km(day.return_leg.km), formatNumber(day.return_leg.minutes, lng));
      items.push({
        id: `${LEG}back:${day.technician_id}`,
        row: day.technician_id,
        start: last.end,
        end: last.end + day.return_leg.minutes * 60_000,
        text,
        title: text,
        className: "dispatch-leg",
        type: "background",
        editable: false,
      });
    }
    return items;
  });
}

/** A batch plan's proposals as ghosts: at the order's booked time when it has one, else from `at` for an hour. */
export function batchGhostItems(plan: BatchPlan, bookings: Booking[], at: number, label: string): BoardItem[] {
  return plan.proposals.map((p) => {
    const booked = bookings.find((b) => b.order.id === p.order_id)?.info;
    const start = booked?.scheduled_start ?? at;
    const end = booked?.scheduled_end ?? start + 3_600_000;
    return {
      id: `${GHOST}${p.order_id}`,
      row: p.technician_id,
      start,
      end,
      text: `${p.number} · ${label}`,
      title: `${p.number} · ${label}`,
      className: "dispatch-ghost",
      editable: false,
    };
  });
}

/** The local calendar day of `at` as YYYY-MM-DD (the day the board shows). */
export function dayOf(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
