// Asking the core which fields show, are required or read-only, and what is wrong with each,
// as the values change. The rules live in the core only; this hook just keeps the answer fresh.
import { useEffect, useRef, useState } from "react";
import { api, type FormState, type JsonValue } from "../../api";
import { useDebounced } from "../../lib/useDebounced";
import { cleanValues } from "./formValues";

/** How long values must rest before the core is asked again (typing stays smooth). */
const SETTLE_MS = 150;

type Answer = { request: string; state: FormState };

/**
 * The core's form state of template `key` (`version` null: the latest published) for `values`;
 * null until the first answer for this template arrives. Answers to superseded values are dropped.
 */
export function useFormState(
  key: string | null,
  version: number | null,
  values: Record<string, unknown> | JsonValue | null | undefined,
): FormState | null {
  const members = values && typeof values === "object" && !Array.isArray(values) ? values : {};
  // Compared as text, so a new object with the same values asks nothing.
  const text = JSON.stringify(cleanValues(members as Record<string, unknown>));
  const settled = useDebounced(text, SETTLE_MS);
  const template = key === null ? "" : `${key}@${version ?? "latest"}`;
  const request = `${template}:${settled}`;
  const latest = useRef(request);
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    latest.current = request;
    if (key === null) return;
    api.templateFormState(key, version, JSON.parse(settled) as JsonValue).then(
      (state) => {
        if (latest.current === request) setAnswer({ request, state });
      },
      (e: unknown) => {
        // The save meets the same refusal and shows it; the form keeps its last state meanwhile.
        console.error("orderly: template form state", e);
      },
    );
  }, [key, version, settled, request]);

  // An answer for another template (or version) is not this form's state.
  if (answer === null || !answer.request.startsWith(`${template}:`)) return null;
  return answer.state;
}
