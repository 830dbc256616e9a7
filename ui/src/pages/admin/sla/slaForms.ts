// The SLA documents (StoredCalendar, StoredPolicy) as form values and back, and where on the
// form a core refusal belongs (its `field` is a path into the document the core checked).
import type { CalendarSpec, Priority, Recipient, StoredCalendar, StoredPolicy } from "../../../api";
import type { FieldPath } from "../../../lib/coreErrors";
import { PRIORITIES } from "../../../lib/keys";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** One working interval, ["09:00", "12:00"]. */
export type Interval = string[];

/** A few zones offered in the picker; any other IANA name can be typed (the core checks it). */
export const COMMON_ZONES = [
  "UTC",
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Europe/Madrid",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "America/Mexico_City",
  "America/Bogota",
  "America/Argentina/Buenos_Aires",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
];

export type CalendarValues = {
  name: string;
  time_zone: string;
  always: boolean;
  hours: Record<Weekday, Interval[]>;
  holidays: string[];
};

function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function calendarValues(stored: StoredCalendar | null): CalendarValues {
  const spec: CalendarSpec = stored?.calendar ?? { time_zone: localZone() };
  const hours = Object.fromEntries(WEEKDAYS.map((day) => [day, (spec.hours?.[day] ?? []).map((pair) => [...pair])]));
  return {
    name: stored?.name ?? "",
    time_zone: spec.time_zone,
    always: spec.always ?? false,
    hours: hours as Record<Weekday, Interval[]>,
    holidays: [...(spec.holidays ?? [])],
  };
}

export function toStoredCalendar(id: string, v: CalendarValues): StoredCalendar {
  const calendar: CalendarSpec = { time_zone: (v.time_zone ?? "").trim(), holidays: v.holidays ?? [] };
  if (v.always) {
    // A 24×7 calendar has no working hours to list; the hours typed before stay on the form only.
    calendar.always = true;
  } else {
    const hours: Record<string, string[][]> = {};
    for (const day of WEEKDAYS) {
      const intervals = (v.hours?.[day] ?? []).map((pair) => [(pair[0] ?? "").trim(), (pair[1] ?? "").trim()]);
      if (intervals.length > 0) hours[day] = intervals;
    }
    calendar.hours = hours;
  }
  return { id, name: (v.name ?? "").trim(), calendar };
}

/** `calendar.hours.mon[0]` -> the Monday row; `calendar.holidays[2]` -> the holiday list. */
export function calendarFieldPath(field: string): FieldPath | null {
  const path = field.replace(/^calendars\[\d+\]\./, "").replace(/^calendar\./, "");
  if (path === "name" || path === "time_zone" || path === "always") return path;
  const day = /^hours\.(\w+)/.exec(path);
  if (day && (WEEKDAYS as readonly string[]).includes(day[1])) return ["hours", day[1]];
  if (path === "hours") return "always";
  if (/^holidays(\[\d+\])?$/.test(path)) return "holidays";
  return null;
}

export const ANY = "";

export type TargetValues = { response_minutes: number | null; resolution_minutes: number | null };

export type PolicyValues = {
  name: string;
  customer_group_id: string;
  catalog_item_id: string;
  calendar_id?: string;
  targets: Record<Priority, TargetValues>;
  warn_percent: number | null;
  alert_interval_minutes: number | null;
  max_alerts: number | null;
  chain: Recipient[];
  control_centre: Recipient;
};

// Starting values for a new policy (editable suggestions, not rules: the core checks them).
const NEW_TARGETS: Record<Priority, TargetValues> = {
  P1: { response_minutes: 15, resolution_minutes: 240 },
  P2: { response_minutes: 30, resolution_minutes: 480 },
  P3: { response_minutes: 120, resolution_minutes: 1440 },
  P4: { response_minutes: 240, resolution_minutes: 2880 },
  P5: { response_minutes: 480, resolution_minutes: 7200 },
};

export function policyValues(stored: StoredPolicy | null, defaultCalendar: string | undefined): PolicyValues {
  if (!stored) {
    return {
      name: "",
      customer_group_id: ANY,
      catalog_item_id: ANY,
      calendar_id: defaultCalendar,
      targets: Object.fromEntries(PRIORITIES.map((p) => [p, { ...NEW_TARGETS[p] }])) as Record<Priority, TargetValues>,
      warn_percent: 80,
      alert_interval_minutes: 30,
      max_alerts: 5,
      chain: [{ kind: "assignee" }, { kind: "supervisors" }, { kind: "role", value: "admin" }],
      control_centre: { kind: "role", value: "admin" },
    };
  }
  const rules = stored.rules;
  const targets = Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      {
        response_minutes: rules.targets[p]?.response_minutes ?? null,
        resolution_minutes: rules.targets[p]?.resolution_minutes ?? null,
      },
    ]),
  ) as Record<Priority, TargetValues>;
  return {
    name: stored.name,
    customer_group_id: stored.customer_group_id ?? ANY,
    catalog_item_id: stored.catalog_item_id ?? ANY,
    calendar_id: stored.calendar_id,
    targets,
    warn_percent: rules.warn_percent ?? null,
    alert_interval_minutes: rules.alert_interval_minutes ?? null,
    max_alerts: rules.max_alerts ?? null,
    chain: rules.chain ?? [],
    control_centre: rules.control_centre ?? { kind: "role", value: "admin" },
  };
}

const optional = (n: number | null | undefined) => (n === null || n === undefined ? undefined : n);

export function toStoredPolicy(id: string, v: PolicyValues): StoredPolicy {
  const targets = Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      { response_minutes: v.targets?.[p]?.response_minutes ?? 0, resolution_minutes: v.targets?.[p]?.resolution_minutes ?? 0 },
    ]),
  );
  return {
    id,
    name: (v.name ?? "").trim(),
    customer_group_id: v.customer_group_id === ANY ? null : v.customer_group_id,
    catalog_item_id: v.catalog_item_id === ANY ? null : v.catalog_item_id,
    calendar_id: v.calendar_id ?? "",
    rules: {
      targets,
      warn_percent: optional(v.warn_percent),
      alert_interval_minutes: optional(v.alert_interval_minutes),
      max_alerts: optional(v.max_alerts),
      chain: v.chain ?? [],
      control_centre: v.control_centre,
    },
  };
}

const POLICY_FIELDS = ["name", "customer_group_id", "catalog_item_id", "calendar_id", "warn_percent", "alert_interval_minutes", "max_alerts"];

/** `targets.P3.resolution_minutes` -> that cell of the targets table; `chain[1]` -> the chain. */
export function policyFieldPath(field: string): FieldPath | null {
  const path = field.replace(/^policies\[\d+\]\./, "").replace(/^(policy|rules)\./, "");
  if (POLICY_FIELDS.includes(path)) return path;
  const target = /^(?:targets\.)?(P[1-5])(?:\.(response_minutes|resolution_minutes))?$/.exec(path);
  if (target) return ["targets", target[1], target[2] ?? "response_minutes"];
  if (/^chain(\[\d+\])?$/.test(path)) return "chain";
  if (path.startsWith("control_centre")) return "control_centre";
  return null;
}
