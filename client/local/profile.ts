import { liveQuery } from "dexie";
import { type Accessor, from } from "solid-js";
import type { Me } from "../../shared/contracts/me.ts";
import { type SavedProfile, userDatabase } from "./user-database.ts";

export type { SavedProfile };

/** Keeps the latest profile the server sent; called after sign-in and after each /api/me. */
export async function saveProfile(me: Me, now = new Date()): Promise<SavedProfile> {
  const saved: SavedProfile = { ...me, savedAt: now.toISOString() };
  await userDatabase(me.id).profile.put(saved);
  return saved;
}

export async function loadProfile(userId: string): Promise<SavedProfile | undefined> {
  return userDatabase(userId).profile.get(userId);
}

/**
 * The saved profile as a signal that follows every change (this tab's or another's), so pages
 * read the device's copy rather than the network (docs/architecture.md, "client/").
 * Needs a reactive owner (call it in a component).
 */
export function createSavedProfile(userId: string): Accessor<SavedProfile | undefined> {
  return from(liveQuery(() => loadProfile(userId)));
}
