// An order's processing in its detail (issue #4): the reader's marks in the header, collaborators,
// links by number, @mentions refused on the comment box, and the history of those changes.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Event, OrderProcessing } from "../api";
import i18n from "../i18n";
import { coreError, detailOf, directory, mockCore, order, processingOf } from "./fixtures";
import { renderApp } from "./renderApp";

async function openFirstOrder(user: ReturnType<typeof renderApp>["user"]) {
  const [row] = await screen.findAllByTestId("order-row");
  await user.click(within(row).getByText(/Pump/));
  return screen.findByTestId("order-detail-title");
}

const wang = { ...directory.users[1], id: "u-wang", login: "wang", display_name: "王芳", department_id: "d-2" };
const withWang = { ...directory, users: [...directory.users, wang], departments: [...directory.departments, { id: "d-2", parent_id: null, name: "Field service" }] };

describe("order detail processing", () => {
  it("toggles the reader's star in the header through the core", async () => {
    const o = order(31);
    const core = mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_mark: ({ id, mark, on }) => processingOf(String(id), { starred: mark === "star" && on === true }),
    });
    const { user } = renderApp();
    await openFirstOrder(user);

    const star = within(screen.getByTestId("detail-marks")).getByTestId("mark-star");
    await waitFor(() => expect(star).toBeEnabled());
    await user.click(star);
    await waitFor(() => expect(core.callsOf("order_mark")).toEqual([{ id: "o-31", mark: "star", on: true }]));
    await waitFor(() => expect(star).toHaveAttribute("aria-pressed", "true"));
  });

  it("adds a collaborator from another department and lets the list show them", async () => {
    const o = order(32);
    let processing: OrderProcessing = processingOf(o.id);
    const core = mockCore({
      directory: () => withWang,
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_processing: () => processing,
      order_collaborator_add: () => {
        processing = processingOf(o.id, { collaborators: [{ user_id: "u-wang", login: "wang", display_name: "王芳", department_id: "d-2" }] });
        return processing;
      },
    });
    const { user } = renderApp();
    await openFirstOrder(user);
    await user.click(screen.getByRole("tab", { name: "People & links" }));

    expect(await screen.findByText("No collaborators yet.")).toBeInTheDocument();
    await user.click(within(screen.getByTestId("collaborator-pick")).getByRole("combobox"));
    await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="王芳 (@wang)"]')).not.toBeNull());
    await user.click(document.querySelector<HTMLElement>('.ant-select-item-option[title="王芳 (@wang)"]')!);
    await user.click(screen.getByTestId("collaborator-add"));

    await waitFor(() => expect(core.callsOf("order_collaborator_add")).toEqual([{ id: "o-32", user: "u-wang" }]));
    const [row] = await screen.findAllByTestId("collaborator");
    expect(row).toHaveAttribute("data-login", "wang");
    expect(row).toHaveTextContent("Field service");
  });

  it("shows only a leave button to a collaborator who may not manage collaborators", async () => {
    const o = order(33);
    mockCore({
      directory: () => withWang,
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_processing: () =>
        processingOf(o.id, {
          can_manage_collaborators: false,
          collaborators: [
            { user_id: "u-admin", login: "admin", display_name: "Ada Admin", department_id: null },
            { user_id: "u-wang", login: "wang", display_name: "王芳", department_id: "d-2" },
          ],
        }),
    });
    const { user } = renderApp();
    await openFirstOrder(user);
    await user.click(screen.getByRole("tab", { name: "People & links" }));

    const rows = await screen.findAllByTestId("collaborator");
    expect(within(rows[0]).getByTestId("collaborator-remove")).toHaveTextContent("Leave");
    expect(within(rows[1]).queryByTestId("collaborator-remove")).not.toBeInTheDocument();
    expect(screen.queryByTestId("collaborator-pick")).not.toBeInTheDocument();
  });

  it("links another order by its number and kind, shows the core's refusal on the number, and opens a linked order", async () => {
    const o = order(34);
    const other = order(35);
    const core = mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: ({ id }) => detailOf(id === other.id || id === other.number ? other : o),
      order_link: ({ other: number }) => {
        if (number === o.number) throw coreError({ key: "link.self", field: "other", params: { value: o.number } });
        return processingOf(o.id, {
          links: [{ order_id: other.id, number: other.number, title: other.title, status: "todo", kind: "duplicate_of", created_by: "u-admin", created_at: 0 }],
        });
      },
    });
    const { user } = renderApp();
    await openFirstOrder(user);
    await user.click(screen.getByRole("tab", { name: "People & links" }));

    await user.type(await screen.findByTestId("link-number"), o.number);
    await user.click(screen.getByTestId("link-add"));
    expect(await screen.findByText("Order WO-2026-000034 cannot be linked to itself.")).toBeInTheDocument();

    await user.clear(screen.getByTestId("link-number"));
    await user.type(screen.getByTestId("link-number"), other.number);
    await user.click(within(screen.getByTestId("link-kind")).getByRole("combobox"));
    await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="Duplicate of"]')).not.toBeNull());
    await user.click(document.querySelector<HTMLElement>('.ant-select-item-option[title="Duplicate of"]')!);
    await user.click(screen.getByTestId("link-add"));

    await waitFor(() =>
      expect(core.callsOf("order_link")).toEqual([
        { id: "o-34", other: "WO-2026-000034", kind: "related" },
        { id: "o-34", other: "WO-2026-000035", kind: "duplicate_of" },
      ]),
    );
    const [link] = await screen.findAllByTestId("order-link");
    expect(link).toHaveTextContent("Duplicate of");
    await user.click(within(link).getByTestId("order-link-open"));
    await waitFor(() => expect(screen.getByTestId("order-detail")).toHaveAttribute("data-number", other.number));
  });

  it("shows the core's refusal of a mention on the comment box", async () => {
    const o = order(36);
    const core = mockCore({
      directory: () => withWang,
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () => detailOf(o),
      order_comment: () => {
        throw coreError({ code: "forbidden", key: "comment.mention_hidden", field: "body", params: { login: "wang" } });
      },
    });
    const { user } = renderApp();
    await openFirstOrder(user);
    await user.click(screen.getByRole("tab", { name: /Comments/ }));

    // Typing @ and part of a name offers the directory's people; picking one writes their login.
    await user.type(await screen.findByTestId("comment-body"), "@王");
    await waitFor(() => expect(document.querySelector(".ant-mentions-dropdown-menu-item")).not.toBeNull());
    const offered = [...document.querySelectorAll<HTMLElement>(".ant-mentions-dropdown-menu-item")];
    expect(offered.map((o) => o.textContent)).toEqual(["王芳 (@wang)"]);
    await user.click(offered[0]);
    await waitFor(() => expect(screen.getByTestId("comment-body")).toHaveValue("@wang "));
    await user.type(screen.getByTestId("comment-body"), "please check");
    await user.click(screen.getByTestId("comment-submit"));

    await waitFor(() => expect(core.callsOf("order_comment")).toHaveLength(1));
    expect(
      await screen.findByText(
        "wang cannot see this order and you may not add collaborators; ask its assignee or a supervisor to add wang first.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId("order-detail-error")).not.toBeInTheDocument();
    expect(screen.getByTestId("comment-body")).toHaveValue("@wang please check");
  });

  it("tells collaborator and link events in the history, in Chinese too", async () => {
    const o = order(37);
    const at = o.created_at;
    const ev = (id: string, field: string, old_value: Event["old_value"], new_value: Event["new_value"]): Event => ({
      id, order_id: o.id, at, actor_id: "u-admin", kind: "field_changed", field, old_value, new_value,
    });
    mockCore({
      order_list: () => ({ items: [o], next: null, starred: [], important: [] }),
      order_get: () =>
        detailOf(o, {
          history: [
            ev("e-1", "collaborators", null, { added: "u-agent" }),
            ev("e-2", "collaborators", null, { removed: "u-agent" }),
            ev("e-3", "links", null, { linked: "WO-2026-000040", order_id: "o-40", kind: "child_of" }),
            ev("e-4", "links", { unlinked: "WO-2026-000040", order_id: "o-40", kind: "child_of" }, null),
          ],
        }),
    });
    const { user } = renderApp();
    await openFirstOrder(user);
    await user.click(screen.getByRole("tab", { name: "History" }));

    const events = await screen.findAllByTestId("history-event");
    expect(events.map((e) => e.textContent)).toEqual([
      expect.stringContaining("Ada Admin added 李雷 as a collaborator"),
      expect.stringContaining("Ada Admin removed collaborator 李雷"),
      expect.stringContaining("Ada Admin linked this order: Child of WO-2026-000040"),
      expect.stringContaining("Ada Admin removed the link: Child of WO-2026-000040"),
    ]);
    expect(events[0]).not.toHaveTextContent("→");

    await i18n.changeLanguage("zh-CN");
    await waitFor(() => expect(screen.getAllByTestId("history-event")[0]).toHaveTextContent("Ada Admin 添加了协作人 李雷"));
    expect(screen.getAllByTestId("history-event")[2]).toHaveTextContent("Ada Admin 关联了工单：子工单，父单为 WO-2026-000040");
  });
});
