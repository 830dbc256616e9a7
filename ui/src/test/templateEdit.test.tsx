import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { detailOf, mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";
import { sales, stored } from "./templateFixtures";

// The app's first render in a file is slow under jsdom (antd styles), more so on a busy machine.
const FIRST_RENDER = { timeout: 20_000 };
// A whole user flow through the app; the default limit is for one screen's test.
const LONG_FLOW = 60_000;

describe("editing an order's template values", () => {
  it("renders the order's template fields and sends only the changed values, a cleared one as null", async () => {
    await i18n.changeLanguage("es");
    const o = order(8, { values: { contact_name: "Zhang San", asset_tag: "AT-1" }, version: 2 });
    const core = mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_update: () => ({ ...o, version: 3 }),
    });
    const { user } = renderApp();
    const [row] = await screen.findAllByTestId("order-row", {}, FIRST_RENDER);
    await user.click(within(row).getByText(/Pump/));
    await user.click(await screen.findByTestId("order-edit"));

    const name = await screen.findByTestId("template-item-contact_name");
    expect(within(name).getByText("Nombre de contacto")).toBeInTheDocument();
    expect(within(name).getByRole("textbox")).toHaveValue("Zhang San");
    await user.clear(within(screen.getByTestId("template-item-asset_tag")).getByRole("textbox"));
    await user.type(within(screen.getByTestId("template-item-contact_phone")).getByRole("textbox"), "+34 600 111 222");
    await user.click(screen.getByTestId("order-edit-submit"));

    await waitFor(() => expect(core.callsOf("order_update")).toHaveLength(1));
    expect(core.callsOf("order_update")[0]).toEqual({
      id: "o-8",
      update: { version: 2, set: { "values.contact_phone": "+34 600 111 222", "values.asset_tag": null } },
    });
  }, LONG_FLOW);

  it("names a template value's change in the history by the template's label and option", async () => {
    await i18n.changeLanguage("es");
    const o = order(9, { template_key: "sales", values: { purchased: "yes" } });
    mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      template_version_get: () => stored(sales),
      order_get: () =>
        detailOf(o, {
          history: [
            { id: "e-1", order_id: o.id, at: o.created_at, actor_id: "u-admin", kind: "field_changed", field: "values.purchased", old_value: "no", new_value: "yes" },
          ],
        }),
    });
    const { user } = renderApp();
    const [row] = await screen.findAllByTestId("order-row", {}, FIRST_RENDER);
    await user.click(within(row).getByText(/Pump/));
    await user.click(await screen.findByRole("tab", { name: "Historial" }));
    const event = (await screen.findByText("Ada Admin cambió Comprado")).closest<HTMLElement>("[data-testid=history-event]")!;
    expect(within(event).getByText("Sí")).toBeInTheDocument();
    expect(within(event).getByText("No")).toBeInTheDocument();
  }, LONG_FLOW);
});
