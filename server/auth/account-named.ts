import { eq, or } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { digestOf } from "./digest.ts";
import type { User } from "./session.ts";
import { usernameSkeleton } from "./username-skeleton.ts";

/** A username or email address as accounts store it. */
export function normalisedName(typed: string): string {
  return typed.trim().toLowerCase();
}

/**
 * The account a username or email address names, if any: one lookup for sign-in and recovery.
 * A username is also found by its UTS #39 skeleton (ADR 31): "аna" typed with a Cyrillic "а"
 * is Ana's account, never another one, since no two accounts share a skeleton. The exact name
 * wins over a skeleton match (look-alike pairs older than the rule keep their own names).
 */
export async function accountNamed(db: Database, typed: string): Promise<User | undefined> {
  const name = normalisedName(typed);
  const found = await db
    .select()
    .from(users)
    .where(
      or(
        eq(users.username, name),
        eq(users.email, name),
        eq(users.usernameSkeleton, usernameSkeleton(name)),
      ),
    )
    .limit(3);
  return found.find((u) => u.username === name || u.email === name) ?? found[0];
}

/**
 * What a per-account throttle bucket is keyed on: the account, whichever of its names was typed,
 * so its username and its email share one count (docs/security.md); a name no account has gets its
 * own, so unknown names are throttled exactly like real ones (ASVS 6.3.8).
 */
export function accountBucketId(user: Pick<User, "id"> | undefined, typed: string): string {
  return user ? user.id : `name:${digestOf(normalisedName(typed))}`;
}
