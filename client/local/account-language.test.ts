import Dexie from "dexie";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Me } from "../../shared/contracts/me.ts";
import { changeLocale, currentLocale } from "../i18n/i18n.ts";
import { rememberLocale } from "../i18n/locale-choice.ts";
import { openTestCopy } from "../test/device-copy.ts";
import { settleLanguage } from "./account-language.ts";
import { databaseNameFor, rememberLastUser } from "./device-user.ts";
import { openUserDatabase } from "./open-database.ts";
import { closeUserDatabase } from "./user-database.ts";

const me: Me = {
  id: "user-language",
  username: "ana",
  displayName: "Ana Rivera",
  role: "patient",
  locale: null,
};

// A page opens only the database of the device's person (user-database.ts), once it is open.
beforeEach(() => {
  rememberLastUser(me.id);
  openTestCopy(me.id);
});

afterEach(async () => {
  closeUserDatabase();
  await Dexie.delete(databaseNameFor(me.id));
  await changeLocale("en");
});

async function outbox() {
  const { db } = await openUserDatabase(me.id);
  return db.outbox.toArray();
}

it("puts the account's chosen language on screen when none was picked on this page", async () => {
  await settleLanguage({ ...me, locale: "vi" });
  expect(currentLocale()).toBe("vi");
  expect(await outbox()).toEqual([]);
});

it("leaves the device's language alone when the account never chose one", async () => {
  await changeLocale("es");
  await settleLanguage(me);
  expect(currentLocale()).toBe("es");
  expect(await outbox()).toEqual([]);
});

// Runs last: a choice made on the page lasts for the rest of this file.
it("saves a language picked just before signing in to the account, through the outbox", async () => {
  await changeLocale("ar");
  rememberLocale("ar");
  await settleLanguage({ ...me, locale: "vi" });
  expect(currentLocale()).toBe("ar");
  const entries = await outbox();
  expect(entries.map((e) => [e.name, e.args])).toEqual([["profile.setLanguage", { locale: "ar" }]]);
});
