// Workflow moves and triggers in an order's timeline read as sentences in the reader's language,
// named as the workflow and the trigger name themselves.
import { describe, expect, it } from "vitest";
import type { Event, JsonValue } from "../api";
import { foldMoves, workflowText } from "../components/order/workflowHistory";
import i18n from "../i18n";
import type { useDirectory } from "../lib/directory";

const directory = {
  department: (id: string | null | undefined) => (id === "d-hvac" ? { id, name: "暖通部" } : undefined),
} as unknown as ReturnType<typeof useDirectory>;

function event(field: string, value: JsonValue): Event {
  return { id: "e-1", order_id: "o-1", at: 0, actor_id: "u-1", kind: "field_changed", field, old_value: null, new_value: value };
}

const names = (en: string, zh_cn: string, es: string) => ({ en, zh_cn, es });

describe("workflow history", () => {
  it("reads a transfer request with its target and note, in Chinese and Spanish", () => {
    const request = event("workflow_action", {
      action: "request_transfer",
      names: names("Request transfer", "申请转单", "Solicitar traslado"),
      comment: "水管在暖通机房内",
      to_department_id: "d-hvac",
    });
    const zh = workflowText(request, "赵师傅", i18n.getFixedT("zh-CN"), "zh-CN", directory);
    expect(zh).toEqual({ headline: "赵师傅：申请转单", details: ["转至暖通部", "备注：水管在暖通机房内"] });
    const es = workflowText(request, "Zhao", i18n.getFixedT("es"), "es", directory);
    expect(es?.headline).toBe("Zhao: Solicitar traslado");
    expect(es?.details).toEqual(["A 暖通部", "Nota: 水管在暖通机房内"]);
  });

  it("names a review's decision, and falls back to the action key for moves recorded without names", () => {
    const approve = event("workflow_action", { action: "approve_transfer", comment: null, decision: "approved" });
    expect(workflowText(approve, "陈主管", i18n.getFixedT("zh-CN"), "zh-CN", directory)).toEqual({
      headline: "陈主管：approve_transfer",
      details: ["同意转单"],
    });
  });

  it("says which trigger changed which fields, and when one was stopped or failed", () => {
    const t = i18n.getFixedT("en");
    const routed = event("trigger", { trigger: "leak", names: names("Leaks to repair", "漏水转维修部", "Fugas"), changed: ["department_id", "priority"] });
    expect(workflowText(routed, "Orderly", t, "en", directory)).toEqual({
      headline: "Trigger “Leaks to repair” ran",
      details: ["Changed Department, Priority"],
    });
    expect(workflowText(routed, "Orderly", i18n.getFixedT("zh-CN"), "zh-CN", directory)?.details).toEqual(["修改了部门、优先级"]);
    expect(workflowText(event("trigger_loop", { trigger: "ping" }), "Orderly", t, "en", directory)?.headline).toBe(
      "Trigger “ping” was stopped: it would have run in a loop",
    );
    expect(workflowText(event("priority", "P1"), "Ada", t, "en", directory)).toBeNull();
  });

  it("does not repeat the decision when the move's own name says it", () => {
    const approve = event("workflow_action", {
      action: "approve_transfer",
      names: names("Approve transfer", "同意转单", "Aprobar traslado"),
      comment: null,
      decision: "approved",
    });
    expect(workflowText(approve, "陈主管", i18n.getFixedT("zh-CN"), "zh-CN", directory)).toEqual({
      headline: "陈主管：同意转单",
      details: [],
    });
    expect(workflowText(approve, "Chen", i18n.getFixedT("en"), "en", directory)?.details).toEqual(["Transfer approved"]);
  });

  it("folds a move's own changes into the move, and nothing written by someone else or at another time", () => {
    const at = (id: string, when: number, actor: string, kind: Event["kind"], field: string | null): Event => ({
      id, order_id: "o-1", at: when, actor_id: actor, kind, field, old_value: null, new_value: null,
    });
    const events = [
      at("a", 1, "u-1", "status_changed", "status"), // an earlier change of the same person
      at("b", 5, "u-2", "commented", null),
      at("c", 9, "u-1", "status_changed", "status"),
      at("d", 9, "u-1", "field_changed", "department_id"),
      at("e", 9, "u-1", "field_changed", "workflow_action"),
      at("f", 9, "system", "field_changed", "department_id"), // a trigger after the move
      at("g", 9, "system", "field_changed", "trigger"),
    ];
    const entries = foldMoves(events);
    expect(entries.map((e) => [e.event.id, e.folded.map((f) => f.id)])).toEqual([
      ["a", []],
      ["b", []],
      ["e", ["c", "d"]],
      ["f", []],
      ["g", []],
    ]);
  });
});
