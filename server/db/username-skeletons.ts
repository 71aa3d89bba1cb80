import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { usernameSkeleton } from "../auth/username-skeleton.ts";
import type { Database } from "./open.ts";
import { users } from "./schema.ts";

/**
 * Fills users.username_skeleton where it is empty: accounts made before the column (migration
 * 0016), which SQL alone cannot compute. Run after every migration; a no-op once done. Oldest
 * first, so of two look-alike accounts made before the rule the first keeps the skeleton and the
 * later one keeps a null (it can still sign in by its exact name; no new look-alike can join).
 */
export async function backfillUsernameSkeletons(db: Database): Promise<number> {
  const missing = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(isNull(users.usernameSkeleton))
    .orderBy(asc(users.createdAt), asc(users.id));
  let filled = 0;
  for (const { id, username } of missing) {
    const skeleton = usernameSkeleton(username);
    const done = await db
      .update(users)
      .set({ usernameSkeleton: skeleton })
      .where(
        and(
          eq(users.id, id),
          sql`not exists (select 1 from ${users} u where u.username_skeleton = ${skeleton})`,
        ),
      )
      .returning({ id: users.id });
    filled += done.length;
  }
  return filled;
}
