import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Event, OrderSla, WorkOrder } from "../api";
import i18n from "../i18n";
import { coreError, detailOf, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

const SYSTEM = "00000000-0000-7000-8000-000000000001";
const T0 = Date.UTC(2026, 0, 5, 1, 0); // Monday 09:00 in Shanghai
const at = (minutes: number) => T0 + minutes * 60_000;
const es = (ms: number) => new Intl.DateTimeFormat("es", { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
const en = (ms: number) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));

function slaOf(patch: Partial<OrderSla> = {}): OrderSla {
  return {
    policy_name: "Gold support",
    calendar_name: "Shanghai office",
    priority: "P2",
    response_target_minutes: 30,
    resolution_target_minutes: 480,
    response_due: at(30),
    resolution_due: null,
    response_breached: true,
    resolution_breached: false,
    counted_minutes: 150,
    first_response_at: null,
    alerts_sent: 2,
    timeline: [
      { from: at(0), to: at(120), kind: "counted" },
      { from: at(120), to: at(300), kind: "paused" },
      { from: at(300), to: at(330), kind: "counted" },
    ],
    ...patch,
  };
}

async function openOrder(user: ReturnType<typeof renderApp>["user"]) {
  const [row] = await screen.findAllByTestId("order-row");
  await user.click(within(row).getByText(/Pump/));
  return screen.findByTestId("sla-panel");
}

describe("SLA panel", () => {
  it("explains a breached response, a paused resolution and the timeline with its paused span", async () => {
    const o = order(3, { status: "awaiting_customer" });
    mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_sla: () => slaOf(),
    });
    const { user } = renderApp();
    const panel = await openOrder(user);

    expect(await within(panel).findByTestId("sla-policy")).toHaveTextContent("Gold support");
    expect(within(panel).getByTestId("sla-calendar")).toHaveTextContent("Shanghai office");
    const response = within(panel).getByTestId("sla-response");
    expect(response).toHaveAttribute("data-state", "breached");
    expect(response).toHaveTextContent("Breached");
    expect(response).toHaveTextContent(en(at(30)));
    expect(response).toHaveTextContent("(target 30 min)");
    const resolution = within(panel).getByTestId("sla-resolution");
    expect(resolution).toHaveAttribute("data-state", "paused");
    expect(resolution).toHaveTextContent("Paused");
    expect(resolution).toHaveTextContent("Clock stopped");
    expect(resolution).toHaveTextContent("(target 8 hr)");
    expect(within(panel).getByTestId("sla-counted")).toHaveTextContent("2 hr 30 min");

    const segments = within(panel).getAllByTestId("sla-segment");
    expect(segments.map((s) => s.dataset.kind)).toEqual(["counted", "paused", "counted"]);
    expect(segments[1]).toHaveAccessibleName(`Paused: ${en(at(120))} – ${en(at(300))}`);
    const legend = within(panel).getByTestId("sla-legend");
    expect(legend).toHaveTextContent("Counted");
    expect(legend).toHaveTextContent("Paused");
    expect(legend).toHaveTextContent("Closed");

    fireEvent.mouseEnter(segments[1]);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(`Paused: ${en(at(120))} – ${en(at(300))}`);
  });

  it("urges the order, shows the new count and reads the SLA again", async () => {
    let current: WorkOrder = order(4, { status: "todo", urge_count: 1 });
    const core = mockCore({
      order_list: () => ({ items: [current], next: null, starred: [], important: [] }),
      order_get: () => detailOf(current),
      order_sla: () => slaOf({ response_breached: false, first_response_at: at(10) }),
      order_urge: () => {
        current = { ...current, urge_count: 2, version: current.version + 1 };
        return current;
      },
    });
    const { user } = renderApp();
    const panel = await openOrder(user);
    expect(await within(panel).findByTestId("sla-response")).toHaveAttribute("data-state", "met");
    expect(within(panel).getByTestId("sla-response")).toHaveTextContent("Met");
    const before = core.callsOf("order_sla").length;

    await user.click(within(panel).getByTestId("order-urge"));

    await waitFor(() => expect(screen.getByTestId("order-urge")).toHaveTextContent("Urge (2)"));
    expect(core.callsOf("order_urge")).toEqual([{ id: "o-4" }]);
    await waitFor(() => expect(core.callsOf("order_sla").length).toBeGreaterThan(before));
  });

  it("shows the core's refusal to urge a finished order, translated", async () => {
    await i18n.changeLanguage("zh-CN");
    const o = order(5, { status: "closed" });
    mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_urge: () => {
        throw coreError({ key: "order.urge_inactive", params: { value: o.number } });
      },
    });
    const { user } = renderApp();
    const panel = await openOrder(user);
    expect(await within(panel).findByText("此工单不适用任何 SLA 策略。")).toBeInTheDocument();

    await user.click(within(panel).getByTestId("order-urge"));

    expect(await screen.findByTestId("order-detail-error")).toHaveTextContent("工单 WO-2026-000005 已结束，无法催单。");
  });
});

describe("order history with SLA events", () => {
  it("renders the system's SLA events and an urge in Spanish", async () => {
    await i18n.changeLanguage("es");
    const o = order(7, { status: "in_progress" });
    const event = (id: string, patch: Partial<Event> & Pick<Event, "kind">): Event => ({
      id,
      order_id: o.id,
      at: at(400),
      actor_id: SYSTEM,
      field: null,
      old_value: null,
      new_value: null,
      ...patch,
    });
    mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () =>
        detailOf(o, {
          history: [
            event("e-1", { kind: "sla_breached", new_value: { target: "resolution", due: at(360) } }),
            event("e-2", { kind: "sla_alert", new_value: { number: 2, recipient: { kind: "supervisors" } } }),
            event("e-3", { kind: "sla_alert", new_value: { number: 3, recipient: { kind: "department", value: "d-1" } } }),
            event("e-4", { kind: "sla_suspended", new_value: { alerts: 5 } }),
            event("e-5", { kind: "urged", actor_id: "u-agent", field: "urge_count", old_value: 1, new_value: 2 }),
          ],
        }),
    });
    const { user } = renderApp();
    await openOrder(user);
    await user.click(screen.getByRole("tab", { name: "Historial" }));

    const events = await screen.findAllByTestId("history-event");
    expect(events.map((e) => e.dataset.kind)).toEqual(["sla_breached", "sla_alert", "sla_alert", "sla_suspended", "urged"]);
    expect(events[0]).toHaveTextContent("Orderly (automático): el plazo de resolución se ha agotado");
    expect(events[0]).toHaveTextContent(`Vence el ${es(at(360))}`);
    expect(events[1]).toHaveTextContent("Orderly (automático) envió el aviso de vencimiento 2 a Supervisores");
    expect(events[1]).toHaveTextContent("Aviso de vencimiento");
    expect(events[2]).toHaveTextContent("envió el aviso de vencimiento 3 a Departamento: Service desk");
    expect(events[3]).toHaveTextContent("Orderly (automático) suspendió la orden tras 5 avisos");
    expect(events[4]).toHaveTextContent("李雷 reclamó la orden");
    expect(events[4]).toHaveTextContent("Reclamaciones: 1 → 2");
    expect(screen.queryByText(/usuario desconocido/)).not.toBeInTheDocument();
  });
});
