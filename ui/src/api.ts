// The one door to the core: every other module calls `api.*`, never `bindings.ts` directly.
// A command's Result is unwrapped here so callers get the data or an OrderlyError to show.
import { commands, type AppError, type Result } from "./bindings";

export type * from "./bindings";

/** A refusal from the core, carrying the translatable AppError (code, key, params, field). */
export class OrderlyError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(`${error.code}: ${error.key}`);
    this.name = "OrderlyError";
    this.error = error;
  }
  get code(): AppError["code"] {
    return this.error.code;
  }
}

const INTERNAL: AppError = { code: "internal", key: "internal", params: {}, field: null };

function toAppError(raw: unknown): AppError {
  if (raw && typeof raw === "object" && "key" in raw && "code" in raw) {
    const e = raw as Partial<AppError>;
    return {
      code: e.code ?? "internal",
      key: String(e.key),
      params: e.params ?? {},
      field: e.field ?? null,
    };
  }
  return INTERNAL;
}

function isResult(value: unknown): value is Result<unknown, unknown> {
  return !!value && typeof value === "object" && "status" in value && ("data" in value || "error" in value);
}

async function unwrap(pending: Promise<unknown>): Promise<unknown> {
  let outcome: unknown;
  try {
    outcome = await pending;
  } catch (e) {
    // The generated wrapper rethrows real JS errors (no Tauri runtime, a bug in the shell).
    console.error("orderly: command failed", e);
    throw new OrderlyError(INTERNAL);
  }
  if (!isResult(outcome)) return outcome;
  if (outcome.status === "ok") return outcome.data;
  throw new OrderlyError(toAppError(outcome.error));
}

type Commands = typeof commands;
type Ok<R> = R extends { status: "ok"; data: infer T } ? T : R extends { status: "error" } ? never : R;
export type Api = {
  [K in keyof Commands]: (...args: Parameters<Commands[K]>) => Promise<Ok<Awaited<ReturnType<Commands[K]>>>>;
};

export const api = Object.fromEntries(
  Object.keys(commands).map((name) => [
    name,
    (...args: unknown[]) => unwrap((commands[name as keyof Commands] as (...a: unknown[]) => Promise<unknown>)(...args)),
  ]),
) as Api;

/** The AppError behind any thrown value (unknown throws become "internal"). */
export function appErrorOf(e: unknown): AppError {
  return e instanceof OrderlyError ? e.error : INTERNAL;
}
