// Dragging in the designer with dnd-kit's keyboard sensor (what a keyboard user does; jsdom
// cannot run a pointer drag). jsdom has no layout, so the cards get a simple vertical one.
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoredTemplate, TemplateDef } from "../api";
import { mockCore } from "./fixtures";
import { renderApp } from "./renderApp";

const n = (text: string) => ({ en: text, zh_cn: text, es: text });
const definition: TemplateDef = {
  key: "checklist",
  names: n("Checklist"),
  sections: [
    { key: "one", names: n("One") },
    { key: "two", names: n("Two") },
  ],
  fields: ["a", "b", "c"].map((key) => ({ key, section: "one", labels: n(key.toUpperCase()), type: "checkbox" as const })).concat([
    { key: "d", section: "two", labels: n("D"), type: "checkbox" as const },
  ]),
  rules: [],
};
const stored: StoredTemplate = { key: "checklist", version: 1, status: "published", definition, created_by: null, created_at: 0 };

const ROW = 50;
const original = HTMLElement.prototype.getBoundingClientRect;

/** Fields stacked 50 px apart in document order; a section spans its fields. */
function layout(this: HTMLElement): DOMRect {
  const id = this.dataset.testid ?? "";
  const cards = [...document.querySelectorAll<HTMLElement>('[data-testid^="canvas-field-"]')];
  const rect = (top: number, height: number) => ({ x: 300, y: top, left: 300, top, width: 300, height, right: 600, bottom: top + height, toJSON: () => ({}) }) as DOMRect;
  if (id.startsWith("canvas-field-")) return rect(100 + cards.indexOf(this) * ROW, 40);
  if (id.startsWith("drop-section-")) {
    const own = cards.filter((c) => this.contains(c)).map((c) => 100 + cards.indexOf(c) * ROW);
    return own.length ? rect(Math.min(...own) - 5, Math.max(...own) - Math.min(...own) + 50) : rect(100 + cards.length * ROW, 40);
  }
  return original.call(this);
}

beforeEach(() => {
  HTMLElement.prototype.getBoundingClientRect = layout;
});
afterEach(() => {
  HTMLElement.prototype.getBoundingClientRect = original;
});

const keysIn = (section: string) =>
  [...screen.getByTestId(`drop-section-${section}`).querySelectorAll<HTMLElement>('[data-testid^="canvas-field-"]')].map((el) => el.dataset.testid!.slice(13));

async function key(el: Element, code: string) {
  fireEvent.keyDown(el, { code, key: code === "Space" ? " " : code });
  // dnd-kit moves on animation frames.
  await new Promise((r) => setTimeout(r, 50));
}

describe("designer drag with the keyboard", () => {
  it("moves a field down within its section and then into the next section", async () => {
    const core = mockCore({
      templates_list: () => [{ key: "checklist", version: 1, names: n("Checklist"), category: "", fields: 4, draft_version: null }],
      template_version_get: () => stored,
      template_preview_state: () => ({ key: "checklist", version: 0, valid: true, fields: [] }),
      template_draft_save: ({ definition: d }) => ({ ...stored, version: 2, status: "draft", definition: d as TemplateDef }),
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-templates"));
    await user.click(await screen.findByTestId("template-open-checklist"));
    await screen.findByTestId("template-designer");

    const handle = screen.getByLabelText("Move A");
    handle.focus();
    await key(handle, "Space");
    await key(document.activeElement ?? handle, "ArrowDown");
    await key(document.activeElement ?? handle, "Space");
    await waitFor(() => expect(keysIn("one")).toEqual(["b", "a", "c"]));
    // Screen readers are told in the UI's words (dnd-kit's live region).
    expect(document.body).toHaveTextContent("A dropped at B.");

    const c = screen.getByLabelText("Move C");
    c.focus();
    await key(c, "Space");
    await key(document.activeElement ?? c, "ArrowDown");
    await key(document.activeElement ?? c, "Space");
    await waitFor(() => expect(keysIn("one")).toEqual(["b", "a"]));
    expect(keysIn("two")).toEqual(["c", "d"]);

    await user.click(screen.getByTestId("designer-save"));
    await waitFor(() => expect(core.callsOf("template_draft_save")).toHaveLength(1));
    const saved = core.callsOf("template_draft_save")[0].definition as TemplateDef;
    expect(saved.fields.find((f) => f.key === "c")?.section).toBe("two");
  });
});
