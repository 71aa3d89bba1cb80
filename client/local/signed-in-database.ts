import { createResource } from "solid-js";
import { openUserDatabase } from "./open-database.ts";
import { deviceUserId } from "./session.ts";

/**
 * The signed-in person's device database, as a Solid resource for pages and widgets that read
 * it: opened for whoever is signed in now, once their copy is open (`deviceUserId`), and again
 * if that changes.
 *
 * @example const db = createSignedInDatabase(); … <Show when={db()} keyed>{(open) => …}</Show>
 */
export function createSignedInDatabase() {
  const [db] = createResource(deviceUserId, async (userId) => (await openUserDatabase(userId)).db);
  return db;
}
