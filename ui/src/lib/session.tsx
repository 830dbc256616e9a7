// Who is signed in. The core decides (setup_status, sign_in, switch_user); this only keeps the
// answer and which screen follows from it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, type Actor } from "../api";

export type SessionState =
  | { kind: "loading" }
  | { kind: "failed"; error: unknown }
  | { kind: "setup"; store: string }
  | { kind: "signIn"; store: string; remembered: Actor[] }
  | { kind: "ready"; actor: Actor; remembered: Actor[] };

type Session = {
  state: SessionState;
  setupAdmin: (password: string, remember: boolean) => Promise<void>;
  signIn: (login: string, password: string, remember: boolean) => Promise<void>;
  switchUser: (login: string) => Promise<void>;
  /** Show the sign-in form for another account without forgetting the remembered ones. */
  anotherAccount: () => void;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);
const NOBODY: Actor[] = [];

function rememberedWith(list: Actor[], actor: Actor, remember: boolean): Actor[] {
  if (!remember || list.some((a) => a.login === actor.login)) return list;
  return [...list, actor];
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: "loading" });
  const [store, setStore] = useState("");

  const refresh = useCallback(
    () =>
      api.setupStatus().then(
        (status) => {
          setStore(status.store);
          if (status.needs_admin_password) setState({ kind: "setup", store: status.store });
          else if (status.current) setState({ kind: "ready", actor: status.current, remembered: status.remembered });
          else setState({ kind: "signIn", store: status.store, remembered: status.remembered });
        },
        (error: unknown) => setState({ kind: "failed", error }),
      ),
    [],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const remembered = useMemo(
    () => (state.kind === "ready" || state.kind === "signIn" ? state.remembered : NOBODY),
    [state],
  );

  const setupAdmin = useCallback(async (password: string, remember: boolean) => {
    const actor = await api.setupAdmin(password, remember);
    setState({ kind: "ready", actor, remembered: remember ? [actor] : [] });
  }, []);

  const signIn = useCallback(
    async (login: string, password: string, remember: boolean) => {
      const actor = await api.signIn(login, password, remember);
      setState({ kind: "ready", actor, remembered: rememberedWith(remembered, actor, remember) });
    },
    [remembered],
  );

  const switchUser = useCallback(
    async (login: string) => {
      const actor = await api.switchUser(login);
      setState({ kind: "ready", actor, remembered });
    },
    [remembered],
  );

  const anotherAccount = useCallback(() => {
    setState({ kind: "signIn", store, remembered });
  }, [store, remembered]);

  const signOut = useCallback(async () => {
    await api.signOut();
    await refresh();
  }, [refresh]);

  return (
    <SessionContext.Provider value={{ state, setupAdmin, signIn, switchUser, anotherAccount, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes("admin");
}
