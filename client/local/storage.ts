import type { ErrorCode } from "../../shared/errors.ts";

/**
 * Whether an error is the browser refusing to store more (docs/architecture.md: "storage full" has
 * a code): a DOMException named QuotaExceededError, possibly wrapped by Dexie as `inner`.
 */
export function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === "QuotaExceededError") return true;
    e = (e as { inner?: unknown }).inner;
  }
  return false;
}

/** The catalog code for a failure to write the device's copy. */
export function storageErrorCode(error: unknown): ErrorCode {
  return isQuotaError(error) ? "DEV-702" : "DEV-701";
}

export type Persistence = "persisted" | "not-persisted" | "unsupported";

/** Whether the browser has promised to keep this origin's storage (navigator.storage). */
export async function storagePersistence(): Promise<Persistence> {
  const storage = typeof navigator !== "undefined" ? navigator.storage : undefined;
  if (!storage?.persisted || !storage.persist) return "unsupported";
  return (await storage.persisted()) ? "persisted" : "not-persisted";
}

/**
 * Asks the browser to keep Hearth's storage even when the device runs short of space. Only
 * from a person's action ("Keep my records on this device"), and never on a shared device:
 * some browsers prompt, and a shared device must not keep anything.
 */
export async function askToPersist(): Promise<Persistence> {
  const storage = typeof navigator !== "undefined" ? navigator.storage : undefined;
  if (!storage?.persist) return "unsupported";
  try {
    return (await storage.persist()) ? "persisted" : "not-persisted";
  } catch {
    return "not-persisted";
  }
}
