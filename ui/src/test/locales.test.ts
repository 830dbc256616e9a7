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

type Row = { key: string; texts: Record<string, string> };

const STR = String.raw`"((?:[^"\\]|\\.)*)"`;
const unquote = (s: string) => JSON.parse(`"${s}"`) as string;
const readSource = (path: string) => readFileSync(resolve(__dirname, "../../..", path), "utf8");

/** The text of `pub const NAME ... = &[ ... ];` in a Rust source. */
function constBlock(source: string, name: string): string {
  const start = source.indexOf(`pub const ${name}`);
  if (start < 0) return "";
  return source.slice(start, source.indexOf("];", start));
}

/** (key, en, zh, es) rows; `keyPattern` matches the first element and captures the key. */
function rows(block: string, keyPattern: string, keyOf: (captured: string) => string): Row[] {
  const tuple = new RegExp(String.raw`\(\s*${keyPattern}\s*,\s*${STR}\s*,\s*${STR}\s*,\s*${STR}\s*,?\s*\)`, "g");
  return [...block.matchAll(tuple)].map((m) => ({
    key: keyOf(m[1]),
    texts: { en: unquote(m[2]), "zh-CN": unquote(m[3]), es: unquote(m[4]) },
  }));
}

// orderly::i18n::CATALOGUE (the core's error messages), read from the Rust source itself. The
// NOTICES next to it are texts of the native shell, not errors.
function catalogue(): Row[] {
  return rows(constBlock(readSource("src/i18n.rs"), "CATALOGUE"), STR, unquote);
}

// orderly_sla::MESSAGES: rows name their key through constants of the `keys` module.
function slaMessages(): Row[] {
  const source = readSource("crates/orderly-sla/src/error.rs");
  const keys = new Map([...source.matchAll(/pub const (\w+): &str = "([^"]+)";/g)].map((m) => [m[1], m[2]]));
  const key = String.raw`(keys::\w+|"(?:[^"\\]|\\.)*")`;
  return rows(constBlock(source, "MESSAGES"), key, (captured) =>
    captured.startsWith("keys::") ? (keys.get(captured.slice(6)) ?? captured) : unquote(captured.slice(1, -1)),
  );
}

/** The notification kinds the shell can show (`notice.<kind>.title`). */
function noticeKinds(): string[] {
  const block = constBlock(readSource("src/i18n.rs"), "NOTICES");
  return [...block.matchAll(/"notice\.(\w+)\.title"/g)].map((m) => m[1]);
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
  const sources: [string, Row[]][] = [
    ["src/i18n.rs CATALOGUE", catalogue()],
    ["crates/orderly-sla/src/error.rs MESSAGES", slaMessages()],
  ];

  it("is read from src/i18n.rs and the SLA crate", () => {
    const [core, sla] = sources.map(([, entries]) => entries);
    expect(core.length).toBeGreaterThan(40);
    expect(core.map((e) => e.key)).toContain("order.priority_invalid");
    expect(core.map((e) => e.key)).toContain("sla.policy_scope_taken");
    expect(core.map((e) => e.key)).not.toContain("notice.sla_warning.title");
    expect(sla.length).toBeGreaterThan(20);
    expect(sla.map((e) => e.key)).toContain("sla.policy_decreasing");
    expect(sla.every((e) => e.key.startsWith("sla."))).toBe(true);
  });

  describe.each(sources)("%s", (_, entries) => {
    it.each(Object.keys(LOCALES))("every key has errors.<key> in %s with the core's placeholders", (lng) => {
      const flat = flatten(LOCALES[lng]);
      for (const { key, texts } of entries) {
        const text = flat.get(`errors.${key}`);
        expect(text, `errors.${key}`).toBeTruthy();
        const rustNames = [...texts[lng].matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(placeholders(text ?? ""), `errors.${key}`).toEqual(rustNames);
      }
    });
  });

  it.each(Object.keys(LOCALES))("every notification kind the shell knows has an inbox text in %s", (lng) => {
    const flat = flatten(LOCALES[lng]);
    const kinds = noticeKinds();
    expect(kinds).toContain("sla_alert");
    for (const kind of kinds) {
      expect(flat.get(`inbox.text.${kind}`), `inbox.text.${kind}`).toBeTruthy();
      expect(flat.get(`inbox.kind.${kind}`), `inbox.kind.${kind}`).toBeTruthy();
    }
  });
});
