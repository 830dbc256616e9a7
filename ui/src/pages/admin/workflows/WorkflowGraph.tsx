// The workflow drawn: statuses as boxes in their category's colour, transitions as labelled
// arrows. A click selects a status or an arrow; a status can be dragged to a new place. What a
// core refusal names is outlined in red.
import { theme } from "antd";
import { useRef, useState, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WorkflowDef } from "../../../api";
import { arrows, CATEGORY_COLOURS, extent, localName, NODE_H, NODE_W, type Positions, type Target } from "./workflowGraph";

type Props = {
  def: WorkflowDef;
  positions: Positions;
  onMove: (key: string, x: number, y: number) => void;
  selected: Target;
  onSelect: (target: Target) => void;
  refused: Target;
};

type Drag = { key: string; dx: number; dy: number; moved: boolean };

const ERROR = "#ff4d4f";

export default function WorkflowGraph({ def, positions, onMove, selected, onSelect, refused }: Props) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const { width, height } = extent(positions);
  const lines = arrows(def, positions);

  // Pointer position in the drawing's own units (the drawing may be scaled to fit).
  function point(e: PointerEvent): { x: number; y: number } {
    const matrix = svg.current?.getScreenCTM?.();
    if (!matrix) return { x: e.clientX, y: e.clientY };
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse());
    return { x: p.x, y: p.y };
  }

  function startDrag(key: string, e: PointerEvent) {
    const at = point(e);
    const p = positions[key];
    setDrag({ key, dx: at.x - p.x, dy: at.y - p.y, moved: false });
    (e.target as Element).setPointerCapture?.(e.pointerId);
  }

  function moveDrag(e: PointerEvent) {
    if (!drag) return;
    const at = point(e);
    const x = Math.max(0, at.x - drag.dx);
    const y = Math.max(0, at.y - drag.dy);
    const p = positions[drag.key];
    if (!drag.moved && Math.hypot(x - p.x, y - p.y) < 3) return;
    if (!drag.moved) setDrag({ ...drag, moved: true });
    onMove(drag.key, x, y);
  }

  const isSelected = (target: Target) => JSON.stringify(target) === JSON.stringify(selected);
  const isRefused = (target: Target) => refused !== null && JSON.stringify(target) === JSON.stringify(refused);

  return (
    <svg
      ref={svg}
      data-testid="wf-graph"
      role="group"
      aria-label={t("workflowEditor.graph")}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      style={{ display: "block", userSelect: "none", background: token.colorBgContainer }}
      onPointerMove={moveDrag}
      onPointerUp={() => setDrag(null)}
      onClick={(e) => {
        if (e.target === svg.current) onSelect(null);
      }}
    >
      <defs>
        {["normal", "selected", "refused"].map((kind) => (
          <marker key={kind} id={`wf-arrow-${kind}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill={kind === "refused" ? ERROR : kind === "selected" ? token.colorPrimary : token.colorTextTertiary} />
          </marker>
        ))}
      </defs>
      {lines.map((a) => {
        const target: Target = { kind: "transition", index: a.transition };
        const state = isRefused(target) ? "refused" : isSelected(target) ? "selected" : "normal";
        const colour = state === "refused" ? ERROR : state === "selected" ? token.colorPrimary : token.colorTextTertiary;
        const transition = def.transitions[a.transition];
        return (
          <g
            key={a.id}
            data-testid={`wf-transition-${a.transition}-${a.from}`}
            data-action={transition.action}
            data-refused={state === "refused" ? "true" : undefined}
            style={{ cursor: "pointer" }}
            onClick={() => onSelect(target)}
          >
            <path d={a.path} fill="none" stroke="transparent" strokeWidth={12} />
            <path d={a.path} fill="none" stroke={colour} strokeWidth={state === "normal" ? 1.3 : 2.5} markerEnd={`url(#wf-arrow-${state})`} />
            <text
              x={a.label.x}
              y={a.label.y}
              textAnchor="middle"
              dominantBaseline="middle"
              fontSize={11}
              fill={state === "normal" ? token.colorTextSecondary : colour}
              stroke={token.colorBgContainer}
              strokeWidth={3}
              paintOrder="stroke"
            >
              {localName(transition.names, i18n.language) || transition.action}
            </text>
          </g>
        );
      })}
      {def.statuses.map((s) => {
        const p = positions[s.key];
        if (!p) return null;
        const target: Target = { kind: "status", key: s.key };
        const colours = CATEGORY_COLOURS[s.category];
        const refusedHere = isRefused(target);
        const selectedHere = isSelected(target);
        return (
          <g
            key={s.key}
            data-testid={`wf-status-${s.key}`}
            data-category={s.category}
            data-refused={refusedHere ? "true" : undefined}
            transform={`translate(${p.x} ${p.y})`}
            style={{ cursor: drag?.key === s.key ? "grabbing" : "grab" }}
            onPointerDown={(e) => startDrag(s.key, e)}
            onClick={() => {
              if (!drag?.moved) onSelect(target);
              setDrag(null);
            }}
          >
            <rect
              width={NODE_W}
              height={NODE_H}
              rx={8}
              fill={colours.fill}
              stroke={refusedHere ? ERROR : selectedHere ? token.colorPrimary : colours.stroke}
              strokeWidth={refusedHere || selectedHere ? 3 : 1.5}
              strokeDasharray={refusedHere ? "6 3" : undefined}
            />
            <text x={NODE_W / 2} y={19} textAnchor="middle" fontSize={13} fontWeight={600} fill="#1f1f1f">
              {localName(s.names, i18n.language)}
            </text>
            <text x={NODE_W / 2} y={36} textAnchor="middle" fontSize={10} fill={colours.stroke}>
              {t(`workflowEditor.category.${s.category}`)}
              {s.key === def.initial ? ` · ${t("workflowEditor.initial")}` : ""}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
