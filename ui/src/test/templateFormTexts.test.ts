// Every text the template forms ask for exists in all three languages (a missing key would show
// as its raw name, e.g. "templateForm.convert.kept").
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import en from "../locales/en.json";
import es from "../locales/es.json";
import zhCN from "../locales/zh-CN.json";

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

const src = resolve(__dirname, "..");
const templateDir = resolve(src, "components/template");
const FILES = [
  ...readdirSync(templateDir)
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => resolve(templateDir, f)),
  resolve(src, "components/order/NewOrderForm.tsx"),
  resolve(src, "components/order/OrderActions.tsx"),
];

const used = [...new Set(FILES.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/"(templateForm\.[\w.]+)"/g)].map((m) => m[1])))];

describe("template form texts", () => {
  it("are found in the code", () => {
    expect(used).toContain("templateForm.convert.kept");
    expect(used).toContain("templateForm.upload");
    expect(used.length).toBeGreaterThan(20);
  });

  it.each([
    ["en", en],
    ["zh-CN", zhCN],
    ["es", es],
  ])("all exist in %s", (_, tree) => {
    expect(used.filter((key) => !lookup(tree as Tree, key))).toEqual([]);
  });
});
