// The real DispatchBoard (vis-timeline) under jsdom: it has no layout, so only what does not need
// geometry is checked — creation, row labels, updates on new props, the drop listener's filter
// and destruction on unmount. Pointer drags and geometry-based drops are not testable here.
import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import DispatchBoard from "../components/dispatch/DispatchBoard";
import type { BoardProps, BoardRow } from "../components/dispatch/boardTypes";
import { windowOf } from "../components/dispatch/boardModel";
import { technicianRowLabel } from "../components/dispatch/rowLabel";

const LABEL = { login: "zhang", name: "张三", skills: "HVAC 3", load: "4 / 8 h", loadShare: 0.5, status: "Available", statusKey: "available", candidate: false };
const ROWS: BoardRow[] = [
  { kind: "department", id: "d-1", name: "Service desk", children: ["u-zhang"], order: 0 },
  { kind: "technician", id: "u-zhang", label: LABEL, order: 1 },
];
const START = Date.UTC(2026, 0, 5, 2, 0);

function props(patch: Partial<BoardProps> = {}): BoardProps {
  return {
    rows: ROWS,
    items: [{ id: "o-3", row: "u-zhang", start: START, end: START + 3_600_000, text: "WO-2026-000003 Pump", title: "WO-2026-000003", className: "dispatch-item" }],
    scale: "day",
    anchor: START,
    language: "en",
    words: { current: "Current", time: "time", deleteSelected: "Delete" },
    onDropOrder: vi.fn(),
    onMoveItem: vi.fn(async () => true),
    onOpenItem: vi.fn(),
    ...patch,
  };
}

describe("technician row label", () => {
  it("shows name, status, skills and a load bar as text nodes", () => {
    const el = technicianRowLabel({ ...LABEL, name: "<b>x</b>", loadShare: 1.4, candidate: true });
    expect(el).toHaveAttribute("data-testid", "dispatch-row");
    expect(el).toHaveAttribute("data-login", "zhang");
    expect(el).toHaveAttribute("data-candidate", "true");
    expect(el.querySelector("b")).toBeNull();
    expect(el).toHaveTextContent("<b>x</b>AvailableHVAC 34 / 8 h");
    const fill = el.querySelector<HTMLElement>(".dispatch-load-fill")!;
    expect(fill.style.width).toBe("100%");
    expect(fill).toHaveClass("dispatch-load-full");
  });

  it("day and week windows start at local midnight", () => {
    const day = windowOf("day", START);
    expect(day.start.getHours()).toBe(0);
    expect(day.end.getTime() - day.start.getTime()).toBe(24 * 3_600_000);
    expect(windowOf("week", START).end.getTime() - day.start.getTime()).toBe(7 * 24 * 3_600_000);
  });
});

describe("DispatchBoard on vis-timeline", () => {
  it("creates the timeline with row labels, updates on new props and is destroyed on unmount", async () => {
    const view = render(<DispatchBoard {...props()} />);
    const board = screen.getByTestId("dispatch-board");
    await waitFor(() => expect(board.querySelector(".vis-timeline")).not.toBeNull());
    await waitFor(() => expect(board.querySelector('[data-login="zhang"]')).not.toBeNull());

    view.rerender(<DispatchBoard {...props({ rows: [ROWS[0], { ...ROWS[1], label: { ...LABEL, candidate: true } } as BoardRow] })} />);
    await waitFor(() => expect(board.querySelector('[data-login="zhang"]')).toHaveAttribute("data-candidate", "true"));

    view.unmount();
    expect(board.querySelector(".vis-timeline")).toBeNull();
  });

  it("ignores drops that carry no order (vis' own drop handling stays untouched)", async () => {
    const onDropOrder = vi.fn();
    render(<DispatchBoard {...props({ onDropOrder })} />);
    const board = screen.getByTestId("dispatch-board");
    const event = new Event("drop", { bubbles: true, cancelable: true });
    Object.defineProperty(event, "dataTransfer", { value: { types: [], getData: () => "" } });
    board.dispatchEvent(event);
    expect(onDropOrder).not.toHaveBeenCalled();
  });
});
