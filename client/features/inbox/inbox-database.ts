import { createResource } from "solid-js";
import { openUserDatabase } from "../../local/open-database.ts";
import { currentUser } from "../../local/session.ts";

/** The signed-in person's device database, opened for the inbox's pages and widgets. */
export function createInboxDatabase() {
  const [db] = createResource(
    () => currentUser()?.id,
    async (userId) => (await openUserDatabase(userId)).db,
  );
  return db;
}
