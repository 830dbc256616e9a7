// A template's own texts (labels, help, options, cascade nodes) in one UI language. Templates
// carry their names in the definition (`Names`: en, zh_cn, es), not in the locale files.
import type { CascadeNode, Choice, Names } from "../../api";

type NamesKey = keyof Names;

/** The `Names` member for a UI language tag: `zh-CN` -> `zh_cn`, `es-MX` -> `es`, else `en`. */
export function namesKey(lang: string): NamesKey {
  const lower = lang.toLowerCase();
  if (lower.startsWith("zh")) return "zh_cn";
  if (lower.startsWith("es")) return "es";
  return "en";
}

/** The name in `lang`, English where that one is blank (a definition under edit may lack it). */
export function textIn(names: Names | null | undefined, lang: string): string {
  if (!names) return "";
  return names[namesKey(lang)] || names.en;
}

export type CascadeOption = { value: string; label: string; children?: CascadeOption[] };

export function choiceOptions(options: Choice[], lang: string): { value: string; label: string }[] {
  return options.map((o) => ({ value: o.value, label: textIn(o.labels, lang) }));
}

export function cascadeOptions(tree: CascadeNode[], lang: string): CascadeOption[] {
  return tree.map((node) => ({
    value: node.value,
    label: textIn(node.labels, lang),
    ...(node.children && node.children.length > 0 ? { children: cascadeOptions(node.children, lang) } : {}),
  }));
}

/** The labels of a cascade path, e.g. `中国 / 广东 / 深圳`; unknown steps show their value. */
export function cascadePathText(tree: CascadeNode[], path: readonly string[], lang: string): string {
  const labels: string[] = [];
  let nodes: CascadeNode[] = tree;
  for (const step of path) {
    const node = nodes.find((n) => n.value === step);
    labels.push(node ? textIn(node.labels, lang) : step);
    nodes = node?.children ?? [];
  }
  return labels.join(" / ");
}
