// The label of a technician's row, built as DOM for vis-timeline's groupTemplate (text only, no
// HTML strings, so names cannot inject markup).
import type { TechnicianLabel } from "./boardTypes";

function span(className: string, text: string): HTMLSpanElement {
  const el = document.createElement("span");
  el.className = className;
  el.textContent = text;
  return el;
}

export function technicianRowLabel(label: TechnicianLabel): HTMLElement {
  const root = document.createElement("div");
  root.className = `dispatch-row${label.candidate ? " dispatch-row-candidate" : ""}`;
  root.dataset.testid = "dispatch-row";
  root.dataset.login = label.login;
  root.dataset.status = label.statusKey;
  root.dataset.candidate = String(label.candidate);

  const head = document.createElement("div");
  head.className = "dispatch-row-head";
  head.append(span("dispatch-row-name", label.name), span(`dispatch-row-status dispatch-status-${label.statusKey}`, label.status));
  root.append(head);
  if (label.skills !== "") root.append(span("dispatch-row-skills", label.skills));

  const load = document.createElement("div");
  load.className = "dispatch-row-load";
  const bar = document.createElement("span");
  bar.className = "dispatch-load-bar";
  const fill = document.createElement("span");
  fill.className = "dispatch-load-fill";
  const share = label.loadShare === null ? 0 : Math.min(1, Math.max(0, label.loadShare));
  fill.style.width = `${Math.round(share * 100)}%`;
  if (share >= 1) fill.classList.add("dispatch-load-full");
  bar.append(fill);
  load.append(bar, span("dispatch-row-load-text", label.load));
  root.append(load);
  return root;
}

export function departmentRowLabel(name: string): HTMLElement {
  return span("dispatch-department", name);
}
