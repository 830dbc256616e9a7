// The designer's pure edits (moves within and across sections, renames, removals) and the
// cascade import, plus: every designer text the code asks for exists in all three languages.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { FieldDef, TemplateDef } from "../api";
import { importTree } from "../components/template/designer/cascadeImport";
import { FIELD_TYPES, moveField, placeOf, removeField, replaceField } from "../components/template/designer/model";
import en from "../locales/en.json";
import es from "../locales/es.json";
import zhCN from "../locales/zh-CN.json";

const n = (text: string) => ({ en: text, zh_cn: text, es: text });
const field = (key: string, section: string): FieldDef => ({ key, section, labels: n(key), type: "text" });
const fields = [field("a", "s1"), field("b", "s1"), field("c", "s2"), field("d", "s2")];
const keys = (fs: FieldDef[]) => fs.map((f) => `${f.section}:${f.key}`);

describe("moving fields", () => {
  it("reorders within a section", () => {
    expect(keys(moveField(fields, "a", "s1", 1))).toEqual(["s1:b", "s1:a", "s2:c", "s2:d"]);
    expect(keys(moveField(fields, "d", "s2", 0))).toEqual(["s1:a", "s1:b", "s2:d", "s2:c"]);
  });

  it("moves into another section at the position asked, or at its end", () => {
    expect(keys(moveField(fields, "a", "s2", 1))).toEqual(["s1:b", "s2:c", "s2:a", "s2:d"]);
    expect(keys(moveField(fields, "c", "s1", 9))).toEqual(["s1:a", "s1:b", "s1:c", "s2:d"]);
    expect(keys(moveField(fields, "a", "s3", 0))).toEqual(["s1:b", "s2:c", "s2:d", "s3:a"]);
  });
});

describe("renaming and removing fields", () => {
  const def: TemplateDef = {
    key: "t",
    names: n("T"),
    sections: [{ key: "s1", names: n("S1") }],
    fields,
    rules: [
      { when: [{ op: "not_empty", field: "a" }], effect: "require", targets: ["b", "c"] },
      { when: [{ op: "is_empty", field: "d" }], effect: "hide", targets: ["a"] },
    ],
  };

  it("carries a new key into the rules", () => {
    const renamed = replaceField(def, 0, { ...fields[0], key: "alpha" });
    expect(renamed.rules?.[0].when[0].field).toBe("alpha");
    expect(renamed.rules?.[1].targets).toEqual(["alpha"]);
  });

  it("leaves the rules alone while another field still has the old key", () => {
    const twice = { ...def, fields: [...fields, field("a", "s2")] };
    expect(replaceField(twice, 0, { ...fields[0], key: "alpha" }).rules?.[0].when[0].field).toBe("a");
  });

  it("drops a removed field from rules, and rules left empty", () => {
    // Rule 0 loses its only condition, rule 1 its only target: neither means anything now.
    expect(removeField(def, "a").rules).toEqual([]);
    expect(removeField(def, "c").rules?.[0].targets).toEqual(["b"]);
  });
});

describe("placing a core refusal", () => {
  it.each([
    ["fields.3.options.1.labels.es", { at: "field", index: 3, path: "options.1.labels.es" }],
    ["rules.0.when.1.field", { at: "rule", index: 0, path: "when.1.field" }],
    ["sections.2.key", { at: "section", index: 2, path: "key" }],
    ["names.zh_cn", { at: "template", path: "names.zh_cn" }],
    [null, { at: "template", path: "" }],
  ])("%s", (field, place) => expect(placeOf(field)).toEqual(place));
});

describe("cascade import", () => {
  it("reads path lines into a three-level tree without repeating shared parents", () => {
    const result = importTree("China / Guangdong / Shenzhen\nChina / Guangdong / Guangzhou\nChina / Zhejiang / Hangzhou\n");
    expect(result.ok && result.depth).toBe(3);
    if (!result.ok) return;
    expect(result.tree.map((c) => c.value)).toEqual(["china"]);
    expect(result.tree[0].children?.map((p) => p.value)).toEqual(["guangdong", "zhejiang"]);
    expect(result.tree[0].children?.[0].children?.map((c) => c.labels.en)).toEqual(["Shenzhen", "Guangzhou"]);
  });

  it("reads indented lines with labels in three languages", () => {
    const result = importTree("China | 中国 | China\n  Guangdong | 广东 | Cantón\n    Shenzhen | 深圳 | Shenzhen\n  Zhejiang | 浙江 | Zhejiang\n");
    if (!result.ok) throw new Error("refused");
    expect(result.depth).toBe(3);
    const gd = result.tree[0].children![0];
    expect(gd.labels).toEqual({ en: "Guangdong", zh_cn: "广东", es: "Cantón" });
    expect(gd.children?.[0].labels.zh_cn).toBe("深圳");
    expect(result.tree[0].children![1].value).toBe("zhejiang");
  });

  it("gives Chinese-only labels distinct values", () => {
    const result = importTree("广东 / 深圳\n广东 / 广州");
    if (!result.ok) throw new Error("refused");
    const cities = result.tree[0].children!.map((c) => c.value);
    expect(new Set(cities).size).toBe(2);
    expect(cities.every((v) => /^[a-z][a-z0-9_]*$/.test(v))).toBe(true);
  });

  it("reads the core's JSON and a nested object of names", () => {
    const core = importTree(JSON.stringify([{ value: "cn", labels: { en: "China", zh_cn: "中国", es: "China" }, children: [{ value: "gd", labels: n("Guangdong") }] }]));
    expect(core).toMatchObject({ ok: true, depth: 2, tree: [{ value: "cn", children: [{ value: "gd" }] }] });
    const nested = importTree('{"China": {"Guangdong": ["Shenzhen", "Guangzhou"]}}');
    expect(nested).toMatchObject({ ok: true, depth: 3 });
  });

  it("names the line it cannot read", () => {
    expect(importTree("China / Guangdong\nChina /  / Shenzhen")).toEqual({ ok: false, line: 2 });
    expect(importTree("[1, 2]")).toEqual({ ok: false, line: 1 });
    expect(importTree("   \n")).toEqual({ ok: false, line: 1 });
  });
});

type Tree = { [key: string]: string | Tree };
function has(tree: Tree, path: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of path.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" && node.trim() !== "";
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : [join(dir, e.name)]));
}

describe("designer texts", () => {
  const files = [resolve(__dirname, "../components/template/designer"), resolve(__dirname, "../pages/admin/templates")].flatMap(sources);
  const code = files.map((f) => readFileSync(f, "utf8")).join("\n");
  const literal = [...new Set([...code.matchAll(/"(designer\.[A-Za-z_.]+[A-Za-z_])"/g)].map((m) => m[1]))];
  // Keys built from a value: every value they can take.
  const built = [
    ...FIELD_TYPES.map((type) => `designer.type.${type}`),
    ...["en", "zh_cn", "es"].map((l) => `designer.lang.${l}`),
    ...["show", "hide", "require", "read_only"].map((e) => `designer.rule.effect.${e}`),
    ...["any_of", "is_empty", "not_empty"].map((o) => `designer.rule.op.${o}`),
    ...["draft", "published"].map((s) => `designer.status.${s}`),
    ...["added", "removed", "changed"].map((k) => `designer.diff.${k}`),
    ...["template", "section", "field", "rule"].map((tg) => `designer.diff.targets.${tg}`),
  ];

  it("finds the keys in the code", () => expect(literal.length).toBeGreaterThan(80));

  it.each([
    ["en", en],
    ["zh-CN", zhCN],
    ["es", es],
  ])("%s has every designer text", (_, tree) => {
    const missing = [...literal, ...built].filter((k) => !has(tree as Tree, k));
    expect(missing).toEqual([]);
  });
});
