import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { NewUser } from "../api";
import { coreError, directory, mockCore } from "./fixtures";
import { renderApp } from "./renderApp";

describe("administration", () => {
  it("lists users and creates one through the core, showing the core's refusal on the field", async () => {
    let refuse = true;
    const core = mockCore({
      user_create: ({ input }) => {
        if (refuse) throw coreError({ key: "user.login_taken", params: { value: "li" }, field: "login" });
        return { ...directory.users[1], id: "u-new", login: (input as NewUser).login };
      },
    });
    const { user } = renderApp();

    await user.click(await screen.findByTestId("menu-users"));
    const table = await screen.findByTestId("user-table");
    expect(within(table).getByText("Ada Admin")).toBeInTheDocument();
    expect(within(table).getByText("Agent")).toBeInTheDocument();

    await user.click(screen.getByTestId("new-user-button"));
    await user.type(await screen.findByTestId("user-form-login"), "li");
    await user.type(screen.getByTestId("user-form-name"), "Li Lei");
    await user.type(screen.getByTestId("user-form-password"), "longenough");
    await user.click(screen.getByTestId("user-form-submit"));

    expect(await screen.findByText('Login "li" is already in use.')).toBeInTheDocument();
    refuse = false;
    await user.clear(screen.getByTestId("user-form-login"));
    await user.type(screen.getByTestId("user-form-login"), "lilei");
    await user.click(screen.getByTestId("user-form-submit"));

    await waitFor(() => expect(core.callsOf("user_create")).toHaveLength(2));
    expect(core.callsOf("user_create")[1].input).toMatchObject({
      login: "lilei",
      display_name: "Li Lei",
      roles: ["agent"],
      password: "longenough",
      skills: [],
    });
  });

  it("shows the department tree and adds a department under a parent", async () => {
    const core = mockCore({ department_create: ({ input }) => ({ id: "d-2", ...(input as object) }) });
    const { user } = renderApp();

    await user.click(await screen.findByTestId("menu-departments"));
    expect(await screen.findByText("Service desk")).toBeInTheDocument();
    await user.type(screen.getByTestId("department-name"), "Field team");
    await user.click(screen.getByTestId("department-submit"));

    await waitFor(() => expect(core.callsOf("department_create")).toEqual([{ input: { name: "Field team", parent_id: null } }]));
  });
});
