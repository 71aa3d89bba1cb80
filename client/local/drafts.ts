import type { UserDatabase } from "./user-database.ts";

/** Long enough not to write on every key press, short enough that a pause keeps the text. */
export const draftDelayMs = 400;

/**
 * What a form is in the middle of, kept in the author's own database as the person types, so
 * that an idle sign-out (client/features/idle) does not lose it: after signing in again as the
 * same person the form finds it with `load`. Another person never sees it: drafts live in the
 * author's database, which nobody else's session opens.
 *
 * @example const draft = createDraft<{ body: string }>(db, `message:reply:${threadId}`);
 *   onMount(async () => { const kept = await draft.load(); if (kept) setBody(kept.body); });
 *   onInput={(body) => draft.save({ body })} … after sending: await draft.clear();
 */
export function createDraft<T>(db: UserDatabase, key: string, delayMs = draftDelayMs) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: T | undefined;

  const write = async (value: T): Promise<void> => {
    try {
      await db.drafts.put({ key, value, savedAt: new Date().toISOString() });
    } catch {
      // Closed by a sign-out meanwhile, or storage refused: the form itself still holds it.
    }
  };

  /** Writes what is waiting now (leaving the page, or before an idle sign-out). */
  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (waiting === undefined) return;
    const value = waiting;
    waiting = undefined;
    await write(value);
  };

  return {
    /** Kept a moment after the last change; an empty form (`isEmpty`) forgets the draft. */
    save(value: T, isEmpty = false): void {
      clearTimeout(timer);
      if (isEmpty) {
        waiting = undefined;
        void db.drafts.delete(key).catch(() => undefined);
        return;
      }
      waiting = value;
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    /** The kept draft, if there is one. */
    async load(): Promise<T | undefined> {
      try {
        return (await db.drafts.get(key))?.value as T | undefined;
      } catch {
        return undefined;
      }
    },
    /** The form was sent (or abandoned on purpose): nothing to offer back. */
    async clear(): Promise<void> {
      clearTimeout(timer);
      waiting = undefined;
      await db.drafts.delete(key).catch(() => undefined);
    },
  };
}

export type Draft<T> = ReturnType<typeof createDraft<T>>;
