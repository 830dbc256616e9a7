import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import i18n, { initialLanguage, normaliseLanguage } from "../i18n";
import { mockCore, order } from "./fixtures";
import { renderApp } from "./renderApp";

describe("language", () => {
  it("maps system languages as the core does", () => {
    expect(normaliseLanguage("zh-Hans-CN")).toBe("zh-CN");
    expect(normaliseLanguage("zh-TW")).toBe("zh-CN");
    expect(normaliseLanguage("es-MX")).toBe("es");
    expect(normaliseLanguage("fr-FR")).toBe("en");
    expect(normaliseLanguage(undefined)).toBe("en");
  });

  it("switches the whole window to Spanish and remembers the choice", async () => {
    mockCore({ order_list: () => ({ items: [order(1, { status: "awaiting_customer" })], next: null, starred: [], important: [] }) });
    const { user } = renderApp();
    await screen.findAllByTestId("order-row");
    expect(screen.getByTestId("new-order-button")).toHaveTextContent("New order");

    await user.click(screen.getByTestId("lang-es"));

    await waitFor(() => expect(screen.getByTestId("new-order-button")).toHaveTextContent("Nueva orden"));
    expect(screen.getByTestId("menu-orders")).toHaveTextContent("Órdenes");
    expect(screen.getByText("Esperando al cliente")).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Título" })).toBeInTheDocument();
    expect(i18n.language).toBe("es");
    expect(localStorage.getItem("orderly.language")).toBe("es");
    expect(initialLanguage()).toBe("es");
    expect(document.documentElement.lang).toBe("es");
  });

  it("shows Chinese status labels and dates in Chinese", async () => {
    await i18n.changeLanguage("zh-CN");
    mockCore({ order_list: () => ({ items: [order(1, { status: "pending_transfer" })], next: null, starred: [], important: [] }) });
    renderApp();
    await screen.findAllByTestId("order-row");

    expect(screen.getByText("待转")).toBeInTheDocument();
    expect(screen.getByTestId("new-order-button")).toHaveTextContent("新建工单");
    const created = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(order(1).created_at),
    );
    expect(screen.getAllByText(created).length).toBeGreaterThan(0);
  });
});
