import { describe, expect, it } from "vitest";
import type { FieldDef } from "../api";
import { valueText } from "../components/template/valueText";
import i18n from "../i18n";
import { everyKind } from "./templateFixtures";

const field = (key: string): FieldDef => everyKind.fields.find((f) => f.key === key)!;
const lookups = { user: (id: string) => (id === "u-agent" ? "李雷" : undefined), customer: () => undefined };
const text = (key: string, value: Parameters<typeof valueText>[1], lang: string) =>
  valueText(field(key), value, lang, i18n.getFixedT(lang), lookups);

describe("a stored template value as a reader sees it", () => {
  it("shows options, cascade paths, people and checkboxes by their names in the reader's language", () => {
    expect(text("purchased", "yes", "zh-CN")).toBe("是");
    expect(text("purchased", "yes", "es")).toBe("Sí");
    expect(text("checks", ["power", "filter"], "zh-CN")).toBe("电源和滤网");
    expect(text("checks", ["power", "filter"], "en")).toBe("Power and Filter");
    expect(text("region", ["cn", "gd", "sz"], "zh-CN")).toBe("中国 / 广东 / 深圳");
    expect(text("owner", "u-agent", "en")).toBe("李雷");
    expect(text("urgent", true, "es")).toBe("Sí");
    expect(text("urgent", false, "zh-CN")).toBe("否");
  });

  it("writes numbers, money and dates as the locale does, never shifting a date by the time zone", () => {
    expect(text("units", 1234.5, "es")).toBe("1234,5");
    expect(text("units", 1234.5, "en")).toBe("1,234.5");
    expect(text("budget", { amount: "1234.50", currency: "CNY" }, "zh-CN")).toBe("¥1,234.50");
    expect(text("budget", { amount: "1234.50", currency: "CNY" }, "es")).toMatch(/^1234,50\s(CNY|CN¥)$/);
    expect(text("due_on", "2026-12-07", "zh-CN")).toBe("2026年12月7日");
    expect(text("due_on", "2026-01-01", "en")).toBe("Jan 1, 2026");
    expect(text("site", { address: "深圳市南山区", lat: 22.5, lon: 114.1 }, "es")).toBe("深圳市南山区 (22,5, 114,1)");
  });
});
