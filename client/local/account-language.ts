import type { Me } from "../../shared/contracts/me.ts";
import type { Locale } from "../../shared/locales/index.ts";
import { changeLocale, currentLocale } from "../i18n/i18n.ts";
import { wasChosenOnThisPage } from "../i18n/locale-choice.ts";
import { openUserDatabase } from "./open-database.ts";
import { addToOutbox } from "./outbox.ts";
import { saveProfile } from "./profile.ts";
import type { UserDatabase } from "./user-database.ts";

/** After sign-in or a fresh /api/me: saves the profile for offline use, then the language. */
export async function keepSignedIn(me: Me): Promise<void> {
  await saveProfile(me);
  await settleLanguage(me);
}

/**
 * Keeps the account's language (`Me.locale`) in step with the person's own choices: a language
 * picked on this page just before signing in is saved to the account, through the outbox, like
 * one picked in the menu while signed in (signed-in-frame.tsx). A change still waiting in the
 * outbox is newer than what the server said, so the saved profile keeps it.
 *
 * Otherwise the account's own choice, made on another device, is put on screen here; an account
 * that never chose (`null`) leaves the device's language as it is.
 */
export async function settleLanguage(me: Me): Promise<void> {
  const { db } = await openUserDatabase(me.id);
  const waiting = await pendingLanguage(db, me.id);
  if (waiting) {
    await db.profile.update(me.id, { locale: waiting });
    return;
  }
  const onScreen = currentLocale();
  if (wasChosenOnThisPage()) {
    if (onScreen !== me.locale) {
      await addToOutbox(db, me.id, "profile.setLanguage", { locale: onScreen });
    }
  } else if (me.locale && me.locale !== onScreen) {
    await changeLocale(me.locale);
  }
}

async function pendingLanguage(db: UserDatabase, author: string): Promise<Locale | undefined> {
  const entries = await db.outbox
    .orderBy("seq")
    .filter((e) => e.state === "pending" && e.author === author && e.name === "profile.setLanguage")
    .toArray();
  return (entries.at(-1)?.args as { locale?: Locale } | undefined)?.locale;
}
