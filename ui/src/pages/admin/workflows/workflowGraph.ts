// Drawing a workflow: where each status sits (columns by the fewest moves from the initial
// status; statuses no move reaches go in a last column) and the arrows of every transition, one
// per status it starts from, bent so that arrows between the same two statuses do not overlap.
import type { Names, StatusCategory, WorkflowDef } from "../../../api";

export type Point = { x: number; y: number };
export type Positions = Record<string, Point>;

export const NODE_W = 150;
export const NODE_H = 46;
const COLUMN_GAP = 240;
const ROW_GAP = 120;
const MARGIN = 40;

/** The colour of a status category, as Ant Design tag colours and a stroke for the graph. */
export const CATEGORY_COLOURS: Record<StatusCategory, { tag: string; stroke: string; fill: string }> = {
  new: { tag: "blue", stroke: "#1677ff", fill: "#e6f4ff" },
  open: { tag: "cyan", stroke: "#13a8a8", fill: "#e6fffb" },
  pending: { tag: "gold", stroke: "#d48806", fill: "#fffbe6" },
  suspended: { tag: "purple", stroke: "#722ed1", fill: "#f9f0ff" },
  resolved: { tag: "green", stroke: "#389e0d", fill: "#f6ffed" },
  closed: { tag: "default", stroke: "#595959", fill: "#f5f5f5" },
  cancelled: { tag: "red", stroke: "#cf1322", fill: "#fff1f0" },
};

/** A name in the UI language (`zh-CN` reads `zh_cn`), English when that one is empty. */
export function localName(names: Names, language: string): string {
  const text = language.startsWith("zh") ? names.zh_cn : language.startsWith("es") ? names.es : names.en;
  return text.trim() !== "" ? text : names.en;
}

/** Columns by breadth-first distance from the initial status. */
export function autoLayout(def: WorkflowDef): Positions {
  const depth = new Map<string, number>([[def.initial, 0]]);
  const queue = [def.initial];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const t of def.transitions) {
      if (t.from.includes(at) && !depth.has(t.to) && def.statuses.some((s) => s.key === t.to)) {
        depth.set(t.to, depth.get(at)! + 1);
        queue.push(t.to);
      }
    }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const rows = new Map<number, number>();
  const positions: Positions = {};
  // Cancelled statuses are reached from almost everywhere: a lane of their own below the rest
  // keeps their arrows out of the way.
  const sinks = def.statuses.filter((s) => s.category === "cancelled" && depth.has(s.key));
  for (const s of def.statuses.filter((x) => !sinks.includes(x))) {
    const column = depth.get(s.key) ?? last;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions[s.key] = { x: MARGIN + column * COLUMN_GAP, y: MARGIN + row * ROW_GAP };
  }
  const bottom = Math.max(0, ...rows.values());
  const middle = Math.floor(Math.max(0, ...rows.keys()) / 2);
  sinks.forEach((s, i) => {
    positions[s.key] = { x: MARGIN + (middle + i) * COLUMN_GAP + COLUMN_GAP / 2, y: MARGIN + bottom * ROW_GAP };
  });
  return positions;
}

export type Arrow = {
  id: string;
  transition: number;
  from: string;
  to: string;
  path: string;
  label: Point;
};

/** Where the line from the centre `c` of a node towards `towards` leaves the node's box. */
function border(c: Point, towards: Point): Point {
  const dx = towards.x - c.x;
  const dy = towards.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(Math.abs((NODE_W / 2) / (dx || 1e-9)), Math.abs((NODE_H / 2) / (dy || 1e-9)));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

const centre = (p: Point): Point => ({ x: p.x + NODE_W / 2, y: p.y + NODE_H / 2 });

/** One arrow per (transition, status it starts from), as quadratic curves. */
export function arrows(def: WorkflowDef, positions: Positions): Arrow[] {
  const seen = new Map<string, number>();
  const out: Arrow[] = [];
  def.transitions.forEach((t, index) => {
    for (const from of t.from) {
      const a = positions[from];
      const b = positions[t.to];
      if (!a || !b || from === t.to) continue;
      const pair = `${from}>${t.to}`;
      const nth = seen.get(pair) ?? 0;
      seen.set(pair, nth + 1);
      const p0 = centre(a);
      const p2 = centre(b);
      const length = Math.hypot(p2.x - p0.x, p2.y - p0.y) || 1;
      // Bent to the left of its direction: the way back between two statuses bends the other way.
      const bend = 24 + nth * 26;
      const control = {
        x: (p0.x + p2.x) / 2 + (-(p2.y - p0.y) / length) * bend,
        y: (p0.y + p2.y) / 2 + ((p2.x - p0.x) / length) * bend,
      };
      const start = border(p0, control);
      const end = border(p2, control);
      out.push({
        id: `${index}:${from}`,
        transition: index,
        from,
        to: t.to,
        path: `M ${start.x} ${start.y} Q ${control.x} ${control.y} ${end.x} ${end.y}`,
        label: { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y },
      });
    }
  });
  return out;
}

/** The drawing's extent, with room around it. */
export function extent(positions: Positions): { width: number; height: number } {
  const points = Object.values(positions);
  const width = Math.max(400, ...points.map((p) => p.x + NODE_W + MARGIN));
  const height = Math.max(300, ...points.map((p) => p.y + NODE_H + MARGIN));
  return { width, height };
}

/** What a core refusal's field names in a workflow: a status, a transition, or the whole. */
export type Target = { kind: "status"; key: string } | { kind: "transition"; index: number } | null;

export function targetOf(def: WorkflowDef, field: string | null): Target {
  if (!field) return null;
  const status = /^statuses\.(\d+)/.exec(field);
  if (status) {
    const s = def.statuses[Number(status[1])];
    return s ? { kind: "status", key: s.key } : null;
  }
  const transition = /^transitions\.(\d+)/.exec(field);
  if (transition && def.transitions[Number(transition[1])]) return { kind: "transition", index: Number(transition[1]) };
  if (field === "initial") return { kind: "status", key: def.initial };
  return null;
}
