import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { adminActor, agentActor, coreError, mockCore } from "./fixtures";
import { renderApp } from "./renderApp";

const signedOut = () => ({ needs_admin_password: false, store: "/tmp/o.db", remembered: [], current: null });

describe("first run and sign-in", () => {
  it("signs in with login and password and shows the main window", async () => {
    const core = mockCore({ setup_status: signedOut, sign_in: () => adminActor });
    const { user } = renderApp();

    await user.type(await screen.findByTestId("login-input"), "admin");
    await user.type(screen.getByTestId("password-input"), "correct horse");
    await user.click(screen.getByTestId("sign-in-submit"));

    expect(await screen.findByTestId("order-table")).toBeInTheDocument();
    expect(core.callsOf("sign_in")).toEqual([{ login: "admin", password: "correct horse", remember: true }]);
    expect(screen.getByTestId("menu-users")).toBeInTheDocument();
    expect(screen.getByTestId("user-menu")).toHaveTextContent("Ada Admin");
  });

  it("shows the core's translated refusal for wrong credentials", async () => {
    mockCore({
      setup_status: signedOut,
      sign_in: () => {
        throw coreError({ code: "unauthenticated", key: "auth.wrong_credentials" });
      },
    });
    const { user } = renderApp();

    await user.type(await screen.findByTestId("login-input"), "admin");
    await user.type(screen.getByTestId("password-input"), "nope-nope");
    await user.click(screen.getByTestId("sign-in-submit"));

    expect(await screen.findByText("Wrong login or password.")).toBeInTheDocument();
    expect(screen.queryByTestId("order-table")).not.toBeInTheDocument();
  });

  it("sets the admin password on first run", async () => {
    const core = mockCore({
      setup_status: () => ({ needs_admin_password: true, store: "/tmp/o.db", remembered: [], current: null }),
      setup_admin: () => adminActor,
    });
    const { user } = renderApp();

    await user.type(await screen.findByTestId("setup-password"), "s3cret-pass");
    await user.type(screen.getByTestId("setup-confirm"), "s3cret-pass");
    await user.click(screen.getByTestId("setup-submit"));

    expect(await screen.findByTestId("order-table")).toBeInTheDocument();
    expect(core.callsOf("setup_admin")).toEqual([{ password: "s3cret-pass", remember: true }]);
  });

  it("refuses mismatched passwords before calling the core", async () => {
    const core = mockCore({
      setup_status: () => ({ needs_admin_password: true, store: "/tmp/o.db", remembered: [], current: null }),
    });
    const { user } = renderApp();

    await user.type(await screen.findByTestId("setup-password"), "s3cret-pass");
    await user.type(screen.getByTestId("setup-confirm"), "other-pass");
    await user.click(screen.getByTestId("setup-submit"));

    expect(await screen.findByText("The two passwords differ.")).toBeInTheDocument();
    expect(core.callsOf("setup_admin")).toEqual([]);
  });

  it("resumes a remembered account in one click", async () => {
    const core = mockCore({
      setup_status: () => ({ ...signedOut(), remembered: [agentActor] }),
      switch_user: () => agentActor,
    });
    const { user } = renderApp();

    await user.click(await screen.findByTestId("remembered-li"));

    expect(await screen.findByTestId("order-table")).toBeInTheDocument();
    expect(core.callsOf("switch_user")).toEqual([{ login: "li" }]);
    // An agent sees no admin pages.
    expect(screen.queryByTestId("menu-users")).not.toBeInTheDocument();
    const header = screen.getByTestId("user-menu");
    expect(within(header).getByText("李雷")).toBeInTheDocument();
  });

  it("signs out back to the sign-in form", async () => {
    let current: typeof adminActor | null = adminActor;
    const core = mockCore({
      setup_status: () => ({ ...signedOut(), current }),
      sign_out: () => {
        current = null;
        return null;
      },
    });
    const { user } = renderApp();

    await user.click(await screen.findByTestId("user-menu"));
    await user.click(await screen.findByTestId("sign-out"));

    expect(await screen.findByTestId("login-input")).toBeInTheDocument();
    await waitFor(() => expect(core.callsOf("sign_out")).toHaveLength(1));
  });
});
