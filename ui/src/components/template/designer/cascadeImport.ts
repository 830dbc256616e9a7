// Reading a cascade tree an admin pastes: the core's JSON shape (or a nested object of names),
// path lines "China / Guangdong / Shenzhen", or lines indented one step per level. A label may
// be given in the three languages as "Guangdong | 广东 | Guangdong".
import type { CascadeNode, Names } from "../../../api";

export type ImportResult = { ok: true; tree: CascadeNode[]; depth: number } | { ok: false; line: number };

/** A stored value from a label: `Guangdong` -> `guangdong`; none left (中文) -> `node_N`. */
function valueFor(labels: Names, siblings: CascadeNode[]): string {
  const slug = labels.en
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
  const taken = new Set(siblings.map((s) => s.value));
  if (slug && !taken.has(slug)) return slug;
  const base = slug || "node";
  for (let n = 1; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

function labelsOf(text: string): Names {
  const parts = text.split("|").map((p) => p.trim());
  if (parts.length === 3) return { en: parts[0], zh_cn: parts[1], es: parts[2] };
  return { en: text.trim(), zh_cn: text.trim(), es: text.trim() };
}

/** The child of `nodes` labelled `text`, added when missing. */
function childNamed(nodes: CascadeNode[], text: string): CascadeNode {
  const labels = labelsOf(text);
  const found = nodes.find((n) => n.labels.en === labels.en);
  if (found) return found;
  const node: CascadeNode = { value: valueFor(labels, nodes), labels, children: [] };
  nodes.push(node);
  return node;
}

export function depthOf(tree: CascadeNode[]): number {
  return tree.reduce((d, n) => Math.max(d, 1 + depthOf(n.children ?? [])), 0);
}

function fromJsonNode(raw: unknown, siblings: CascadeNode[]): CascadeNode | null {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  let labels: Names | null = null;
  if (o.labels && typeof o.labels === "object") {
    const l = o.labels as Record<string, unknown>;
    labels = { en: String(l.en ?? ""), zh_cn: String(l.zh_cn ?? l["zh-CN"] ?? ""), es: String(l.es ?? "") };
  } else if (typeof o.label === "string") {
    labels = labelsOf(o.label);
  } else if (typeof o.value === "string") {
    labels = labelsOf(o.value);
  }
  if (!labels) return null;
  const value = typeof o.value === "string" ? o.value : valueFor(labels, siblings);
  const children: CascadeNode[] = [];
  for (const c of Array.isArray(o.children) ? o.children : []) {
    const child = fromJsonNode(c, children);
    if (!child) return null;
    children.push(child);
  }
  return { value, labels, children };
}

/** `{"China": {"Guangdong": {"Shenzhen": {}}}}` or with arrays of names as the last level. */
function fromNameMap(raw: unknown, into: CascadeNode[]): boolean {
  if (Array.isArray(raw)) {
    return raw.every((name) => typeof name === "string" && (childNamed(into, name), true));
  }
  if (!raw || typeof raw !== "object") return false;
  return Object.entries(raw as Record<string, unknown>).every(([name, rest]) => {
    const node = childNamed(into, name);
    return rest === null || fromNameMap(rest, (node.children ??= []));
  });
}

function parseJson(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, line: 1 };
  }
  const tree: CascadeNode[] = [];
  if (Array.isArray(raw) && raw.every((r) => r && typeof r === "object")) {
    for (const r of raw) {
      const node = fromJsonNode(r, tree);
      if (!node) return { ok: false, line: 1 };
      tree.push(node);
    }
  } else if (!fromNameMap(raw, tree)) {
    return { ok: false, line: 1 };
  }
  return tree.length > 0 ? { ok: true, tree, depth: depthOf(tree) } : { ok: false, line: 1 };
}

function parseLines(text: string): ImportResult {
  const tree: CascadeNode[] = [];
  // The indentation of each open level, and the node open at it.
  const open: { indent: number; node: CascadeNode }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\t/g, "  ");
    if (line.trim() === "") continue;
    if (line.includes("/")) {
      const parts = line.split("/").map((p) => p.trim());
      if (parts.some((p) => p === "")) return { ok: false, line: i + 1 };
      let level = tree;
      for (const part of parts) level = (childNamed(level, part).children ??= []);
      open.length = 0;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    while (open.length > 0 && open[open.length - 1].indent >= indent) open.pop();
    const parent = open.length > 0 ? (open[open.length - 1].node.children ??= []) : tree;
    open.push({ indent, node: childNamed(parent, line.trim()) });
  }
  return tree.length > 0 ? { ok: true, tree, depth: depthOf(tree) } : { ok: false, line: 1 };
}

export function importTree(text: string): ImportResult {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) return parseJson(trimmed);
  return parseLines(text);
}
