// What the page hands the board: rows (departments holding technicians) and booked visits, all
// already translated and formatted; the board only draws them and reports gestures.
export type Scale = "day" | "week";

export type TechnicianLabel = {
  login: string;
  name: string;
  /** "hvac 3 · plumbing 2". */
  skills: string;
  /** "3.5 / 8 h". */
  load: string;
  /** Booked share of capacity, 0–1 (clamped for the bar); null when capacity is unknown. */
  loadShare: number | null;
  status: string;
  statusKey: string;
  candidate: boolean;
};

export type BoardRow =
  | { kind: "department"; id: string; name: string; children: string[]; order: number }
  | { kind: "technician"; id: string; label: TechnicianLabel; order: number };

export type BoardItem = {
  id: string;
  row: string;
  start: number;
  end: number;
  text: string;
  title: string;
  className: string;
  /** "background": a shaded stretch of the row (a travel leg); default a visit. */
  type?: "range" | "background";
  /** False for proposals (ghosts): they cannot be dragged until accepted. */
  editable?: boolean;
};

export type BoardHandlers = {
  /** An order from the unassigned list was dropped on a technician's row at `time`. */
  onDropOrder: (orderId: string, technicianId: string, time: number) => void;
  /** A visit was dragged or resized; resolve false to put it back. */
  onMoveItem: (itemId: string, technicianId: string, start: number, end: number) => Promise<boolean>;
  onOpenItem: (itemId: string) => void;
};

export type BoardProps = BoardHandlers & {
  rows: BoardRow[];
  items: BoardItem[];
  scale: Scale;
  /** Any time in the day or week shown. */
  anchor: number;
  language: string;
  /** vis-timeline's own words, translated. */
  words: { current: string; time: string; deleteSelected: string };
};
