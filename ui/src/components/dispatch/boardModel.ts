// Rows and items of the board from the core's data, translated. Departments hold their
// technicians; technicians without a department sit under "No department".
import type { TFunction } from "i18next";
import type { Department, TechnicianCard } from "../../api";
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

