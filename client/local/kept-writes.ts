import { createSignal } from "solid-js";
import { forgetLastUser, keptWritesKey } from "./device-user.ts";
import { deleteUserCaches, deleteUserDatabase, forgetUser } from "./forget-user.ts";
import { keepOnlyUnsent } from "./unsent-writes.ts";

/**
 * Accounts whose unsent writes this device keeps for their next sign-in (ADR 29): their
 * database holds only their outbox and drafts, and goes after `keptWritesDays`. In localStorage,
 * plain: opaque user ids, when each was kept, and who has been told — never health data.
 */
export const keptWritesDays = 14;
const dayMs = 24 * 60 * 60 * 1000;

interface KeptAccount {
  at: string;
  /** The people who signed in here since and were told this account's writes wait here. */
  told: string[];
}

type Kept = Record<string, KeptAccount>;

export function keptAccounts(): Kept {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keptWritesKey) ?? "{}");
    if (typeof parsed !== "object" || parsed === null) return {};
    const kept: Kept = {};
    for (const [userId, value] of Object.entries(parsed)) {
      const account = value as Partial<KeptAccount>;
      if (typeof account?.at === "string") {
        kept[userId] = { at: account.at, told: Array.isArray(account.told) ? account.told : [] };
      }
    }
    return kept;
  } catch {
    return {};
  }
}

function save(kept: Kept): void {
  try {
    if (Object.keys(kept).length === 0) localStorage.removeItem(keptWritesKey);
    else localStorage.setItem(keptWritesKey, JSON.stringify(kept));
  } catch {
    // Storage switched off: the kept database then waits for its author without a limit.
  }
}

function markKept(userId: string, now: Date): void {
  save({ ...keptAccounts(), [userId]: { at: now.toISOString(), told: [] } });
}

/** The author is back: their database is theirs again, sent by the normal sync. */
export function clearKept(userId: string): void {
  const { [userId]: _, ...others } = keptAccounts();
  save(others);
}

/**
 * Leaves this device keeping only `userId`'s unsent writes and drafts, if they have any, else
 * forgets them entirely (forget-user.ts). Answers whether anything was kept.
 */
export async function keepUnsentOrForget(userId: string, now = new Date()): Promise<boolean> {
  const kept = await keepOnlyUnsent(userId);
  if (kept === 0) {
    await forgetUser(userId);
    return false;
  }
  forgetLastUser();
  await deleteUserCaches();
  markKept(userId, now);
  return true;
}

/** Kept databases older than the limit go, whoever they belong to (checked at each start). */
export async function deleteExpiredKept(now = new Date()): Promise<string[]> {
  const kept = keptAccounts();
  const expired = Object.entries(kept)
    .filter(([, account]) => now.getTime() - Date.parse(account.at) >= keptWritesDays * dayMs)
    .map(([userId]) => userId);
  if (expired.length === 0) return [];
  await Promise.all(expired.map((userId) => deleteUserDatabase(userId)));
  for (const userId of expired) delete kept[userId];
  save(kept);
  return expired;
}

const [keptNotice, setKeptNotice] = createSignal(false);

/** True once after a sign-in that found another account's writes kept here (signed-in frame). */
export { keptNotice };

export function dismissKeptNotice(): void {
  setKeptNotice(false);
}

/**
 * At a sign-in by `userId`: the previous person on this device keeps their unsent writes (and
 * only those); `userId`'s own kept writes are theirs again; and if another account's writes wait
 * here that this person has not yet been told about, they are told, once.
 */
export async function settleKeptAtSignIn(
  userId: string,
  previous: string | undefined,
  now = new Date(),
): Promise<void> {
  if (previous && previous !== userId) await keepUnsentOrForget(previous, now);
  clearKept(userId);
  const kept = keptAccounts();
  const untold = Object.keys(kept).filter((other) => !kept[other]?.told.includes(userId));
  if (untold.length === 0) return;
  for (const other of untold) kept[other]?.told.push(userId);
  save(kept);
  setKeptNotice(true);
}
