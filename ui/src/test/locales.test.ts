// The three languages must stay in step, and the UI must know every message the core can send.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import en from "../locales/en.json";
import es from "../locales/es.json";
import zhCN from "../locales/zh-CN.json";

type Tree = { [key: string]: string | Tree };
const LOCALES: Record<string, Tree> = { en, "zh-CN": zhCN, es };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// (key, en, zh, es) tuples of orderly::i18n::CATALOGUE, read from the Rust source itself.
function catalogue(): { key: string; texts: Record<string, string> }[] {
  const source = readFileSync(resolve(__dirname, "../../../src/i18n.rs"), "utf8");
  const str = String.raw`"((?:[^"\\]|\\.)*)"`;
  const tuple = new RegExp(String.raw`\(\s*${str}\s*,\s*${str}\s*,\s*${str}\s*,\s*${str}\s*\)`, "g");
  const unquote = (s: string) => JSON.parse(`"${s}"`) as string;
  return [...source.matchAll(tuple)].map((m) => ({
    key: unquote(m[1]),
    texts: { en: unquote(m[2]), "zh-CN": unquote(m[3]), es: unquote(m[4]) },
  }));
}

describe("locales", () => {
  const flat = Object.fromEntries(Object.entries(LOCALES).map(([lng, tree]) => [lng, flatten(tree)]));

  it.each(["zh-CN", "es"])("%s has exactly the keys of en", (lng) => {
    const missing = [...flat.en.keys()].filter((k) => !flat[lng].has(k));
    const extra = [...flat[lng].keys()].filter((k) => !flat.en.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(Object.keys(LOCALES))("%s has no empty text and no single-brace placeholder", (lng) => {
    for (const [key, text] of flat[lng]) {
      expect(text.trim(), key).not.toBe("");
      expect(text.replace(/\{\{\w+\}\}/g, ""), key).not.toMatch(/\{\w+\}/);
    }
  });

  it.each(["zh-CN", "es"])("%s uses the same placeholders as en", (lng) => {
    for (const [key, text] of flat.en) {
      expect(placeholders(flat[lng].get(key) ?? ""), `${lng} ${key}`).toEqual(placeholders(text));
    }
  });
});

describe("core error catalogue", () => {
  const entries = catalogue();

  it("is read from src/i18n.rs", () => {
    expect(entries.length).toBeGreaterThan(40);
    expect(entries.map((e) => e.key)).toContain("order.priority_invalid");
  });

  it.each(Object.keys(LOCALES))("every CATALOGUE key has errors.<key> in %s with the core's placeholders", (lng) => {
    const flat = flatten(LOCALES[lng]);
    for (const { key, texts } of entries) {
      const text = flat.get(`errors.${key}`);
      expect(text, `errors.${key}`).toBeTruthy();
      const rustNames = [...texts[lng].matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(text ?? ""), `errors.${key}`).toEqual(rustNames);
    }
  });
});
