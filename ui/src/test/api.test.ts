import { describe, expect, it } from "vitest";
import { api, OrderlyError } from "../api";
import { coreError, mockCore } from "./fixtures";

describe("api", () => {
  it("resolves a command's data", async () => {
    mockCore({ order_list: () => ({ items: [], next: "c", starred: [], important: [] }) });
    await expect(api.orderList({ status: [], priority: [], department_id: null, assignee_id: null, customer_id: null, template_key: null, text: null, sort: "created_desc", limit: 1, after: null })).resolves.toEqual({ items: [], next: "c", starred: [], important: [] });
  });

  it("throws an OrderlyError carrying the core's AppError", async () => {
    const refusal = coreError({ code: "forbidden", key: "perm.assign", params: { login: "li" } });
    mockCore({
      order_assign: () => {
        throw refusal;
      },
    });
    const failure = await api.orderAssign("o-1", null, 1).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OrderlyError);
    expect((failure as OrderlyError).error).toEqual(refusal);
    expect((failure as OrderlyError).code).toBe("forbidden");
  });

  it("turns a refusal that is not an AppError into an internal error", async () => {
    mockCore({
      directory: () => {
        throw "command directory not found";
      },
    });
    const failure = (await api.directory().catch((e: unknown) => e)) as OrderlyError;
    expect(failure.error).toMatchObject({ code: "internal", key: "internal" });
  });
});

describe("api: SLA and inbox commands", () => {
  it("sends each new command with the argument names the core expects", async () => {
    const core = mockCore({
      inbox_mark_read: () => null,
      order_urge: () => ({ id: "o-1" }),
      sla_setup: () => ({ calendars: [], policies: [] }),
      notification_prefs_save: ({ prefs }) => prefs,
    });
    await api.setLanguage("zh-CN");
    await expect(api.orderSla("o-1")).resolves.toBeNull();
    await api.orderUrge("o-1");
    await expect(api.inboxGet(true)).resolves.toEqual({ items: [], unread: 0 });
    await api.inboxMarkRead([]);
    await expect(api.slaSetup()).resolves.toEqual({ calendars: [], policies: [] });
    const prefs = { desktop: false, muted_kinds: ["urged"], quiet_hours: { from: "22:00", to: "07:00" } };
    await expect(api.notificationPrefsSave(prefs)).resolves.toEqual(prefs);
    expect(core.calls.map((c) => [c.cmd, c.payload])).toEqual([
      ["set_language", { lang: "zh-CN" }],
      ["order_sla", { id: "o-1" }],
      ["order_urge", { id: "o-1" }],
      ["inbox_get", { unreadOnly: true }],
      ["inbox_mark_read", { ids: [] }],
      ["sla_setup", {}],
      ["notification_prefs_save", { prefs }],
    ]);
  });
});
