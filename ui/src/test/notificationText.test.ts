// The inbox lines of the workflow's notifications (transfer review, trigger and time-rule messages).
import { describe, expect, it } from "vitest";
import type { Notification } from "../api";
import { notificationText } from "../components/inbox/notificationText";
import i18n from "../i18n";

const format = { number: (n: number) => String(n), dateTime: () => "" };

function note(kind: string, params: Notification["params"]): Notification {
  return {
    id: "n-1",
    user_id: "u-admin",
    order_id: "o-1",
    order_number: "WO-2026-000001",
    kind,
    params,
    created_at: 0,
    read_at: null,
    delivered_at: null,
  };
}

describe("workflow notifications", () => {
  it("say who asked for or decided a transfer, and why", () => {
    const t = i18n.t.bind(i18n);
    expect(notificationText(t, note("transfer_requested", { by: "张三", reason: "Needs a technician" }), format)).toBe(
      "WO-2026-000001: 张三 asks to transfer it to your department (reason: Needs a technician)",
    );
    expect(notificationText(t, note("transfer_rejected", { by: "Ada", comment: "Not ours" }), format)).toBe(
      "WO-2026-000001: Ada rejected the transfer (reason: Not ours)",
    );
    expect(notificationText(t, note("transfer_approved", { by: "Ada", comment: null }), format)).toBe(
      "WO-2026-000001: Ada approved the transfer",
    );
  });

  it("show a trigger's or time rule's own message, in Chinese too", async () => {
    await i18n.changeLanguage("zh-CN");
    const t = i18n.t.bind(i18n);
    expect(notificationText(t, note("trigger", { message: "请尽快回访" }), format)).toBe("WO-2026-000001：请尽快回访");
    expect(notificationText(t, note("time_rule", { message: "已超过两天" }), format)).toBe("WO-2026-000001：已超过两天");
    expect(i18n.t("inbox.kind.transfer_requested")).toBe("待审核的转单申请");
  });
});

describe("processing notifications", () => {
  it("say who mentioned the reader or added them as a collaborator, in three languages", async () => {
    await i18n.changeLanguage("en");
    const t = () => i18n.t.bind(i18n);
    const added = note("collaborator_added", { by: "Ada", title: "Pump leaks" });
    const mentioned = note("mentioned", { by: "Ada", title: "Pump leaks", comment_id: "c-1" });
    expect(notificationText(t(), added, format)).toBe("WO-2026-000001: Ada added you as a collaborator: Pump leaks");
    expect(notificationText(t(), mentioned, format)).toBe("WO-2026-000001: Ada mentioned you in a comment");
    await i18n.changeLanguage("zh-CN");
    expect(notificationText(t(), added, format)).toBe("WO-2026-000001：Ada 将您添加为协作人：Pump leaks");
    await i18n.changeLanguage("es");
    expect(notificationText(t(), added, format)).toBe("WO-2026-000001: Ada le añadió como colaborador: Pump leaks");
    await i18n.changeLanguage("en");
  });
});
