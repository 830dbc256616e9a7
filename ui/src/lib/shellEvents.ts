// Events the desktop shell sends to the window (`inbox-changed`, `open-order`, `open-inbox`).
// Outside Tauri (a browser, unit tests without a mocked IPC) there is no event bus; then the hook
// does nothing rather than crash.
import { listen } from "@tauri-apps/api/event";
import { useEffect, useRef } from "react";

type TauriWindow = Window & {
  __TAURI_INTERNALS__?: { transformCallback?: unknown };
  __TAURI_EVENT_PLUGIN_INTERNALS__?: unknown;
};

function hasEventBus(): boolean {
  if (typeof window === "undefined") return false;
  const w = window as TauriWindow;
  return typeof w.__TAURI_INTERNALS__?.transformCallback === "function" && !!w.__TAURI_EVENT_PLUGIN_INTERNALS__;
}

/** Calls `handler` with the payload of every `name` event while the component is mounted. */
export function useShellEvent<T>(name: string, handler: (payload: T) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });

  useEffect(() => {
    if (!hasEventBus()) return;
    let stopped = false;
    let unlisten: (() => void) | null = null;
    listen<T>(name, (event) => latest.current(event.payload)).then(
      (stop) => {
        if (stopped) void Promise.resolve(stop()).catch(() => undefined);
        else unlisten = stop;
      },
      (e: unknown) => console.warn(`orderly: cannot listen to ${name}`, e),
    );
    return () => {
      stopped = true;
      if (unlisten) void Promise.resolve(unlisten()).catch(() => undefined);
    };
  }, [name]);
}
