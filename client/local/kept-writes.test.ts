import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openTestCopy } from "../test/device-copy.ts";
import { rememberLastUser } from "./device-user.ts";
import { createDraft } from "./drafts.ts";
import { deleteExpiredKept, keepUnsentOrForget, keptAccounts } from "./kept-writes.ts";
import { forgetDataKey } from "./lock/data-key.ts";
import { addToOutbox, recordResults } from "./outbox.ts";
import { readUnsent, summarizeUnsent } from "./unsent-writes.ts";
import { closeUserDatabase, UserDatabase, userDatabase } from "./user-database.ts";

const ana = "u-ana";
const sam = "u-sam";

// Each test's writes go to an open copy of the device's person, as after a sign-in.
beforeEach(() => {
  rememberLastUser(ana);
  openTestCopy(ana);
  openTestCopy(sam);
});
afterEach(async () => {
  forgetDataKey();
  closeUserDatabase();
  await Promise.all([Dexie.delete(`hearth-${ana}`), Dexie.delete(`hearth-${sam}`)]);
});

describe("readUnsent", () => {
  it("counts pending and refused writes of the author, not applied ones nor another author's", async () => {
    const db = userDatabase(ana);
    const message = await addToOutbox(db, ana, "message.send", {
      messageId: "m1",
      threadId: "t1",
      body: "Hi",
    });
    const booking = await addToOutbox(db, ana, "appointment.book", {
      id: "a1",
      scheduleId: "s1",
      start: "2026-12-01T10:00:00Z",
      visitType: "in-person",
      reason: "Check-up",
    });
    const applied = await addToOutbox(db, ana, "profile.setLanguage", { locale: "es" });
    await addToOutbox(db, sam, "profile.setLanguage", { locale: "vi" });
    await recordResults(
      db,
      [booking, applied],
      [
        { id: booking.id, status: "rejected", code: "APPT-101" },
        { id: applied.id, status: "applied" },
      ],
    );
    const unsent = await readUnsent(ana);
    expect(unsent.map((write) => [write.seq, write.state])).toEqual([
      [message.seq, "pending"],
      [booking.seq, "rejected"],
    ]);
    expect(summarizeUnsent(unsent)).toEqual({
      total: 2,
      kinds: [
        { kind: "message", count: 1 },
        { kind: "booking", count: 1 },
      ],
    });
  });

  it("does not create a database for someone who has none here", async () => {
    expect(await readUnsent(sam)).toEqual([]);
    expect(await Dexie.exists(`hearth-${sam}`)).toBe(false);
  });

  it("groups writes by kind in the order they were made", () => {
    const write = (seq: number, name: "message.send" | "appointment.checkIn") => ({
      seq,
      name,
      state: "pending" as const,
      createdAt: "",
    });
    expect(
      summarizeUnsent([
        write(3, "message.send"),
        write(1, "appointment.checkIn"),
        write(2, "message.send"),
      ]).kinds,
    ).toEqual([
      { kind: "checkIn", count: 1 },
      { kind: "message", count: 2 },
    ]);
  });
});

describe("keepUnsentOrForget", () => {
  it("with nothing unsent, forgets the person entirely", async () => {
    const db = userDatabase(ana);
    await db.profile.put({
      id: ana,
      username: "ana",
      displayName: "Ana",
      role: "patient",
      locale: "en",
      savedAt: "x",
    });
    closeUserDatabase();
    expect(await keepUnsentOrForget(ana)).toBe(false);
    expect(await Dexie.exists(`hearth-${ana}`)).toBe(false);
    expect(keptAccounts()).toEqual({});
  });

  it("kept writes and drafts go after 14 days, not before", async () => {
    const db = userDatabase(ana);
    await addToOutbox(db, ana, "profile.setLanguage", { locale: "es" });
    const draft = createDraft<{ body: string }>(db, "message:new");
    draft.save({ body: "Half a sentence" });
    await draft.flush();
    closeUserDatabase();
    const keptAt = new Date("2026-03-01T09:00:00Z");
    expect(await keepUnsentOrForget(ana, keptAt)).toBe(true);
    expect(keptAccounts()[ana]?.at).toBe(keptAt.toISOString());

    expect(await deleteExpiredKept(new Date("2026-03-14T09:00:00Z"))).toEqual([]);
    const kept = new UserDatabase(ana);
    expect(await kept.drafts.get("message:new")).toMatchObject({
      value: { body: "Half a sentence" },
    });
    kept.close();

    expect(await deleteExpiredKept(new Date("2026-03-15T09:00:00Z"))).toEqual([ana]);
    expect(await Dexie.exists(`hearth-${ana}`)).toBe(false);
    expect(keptAccounts()).toEqual({});
  });
});

describe("createDraft", () => {
  it("keeps the last value a moment after typing stops, and forgets it when cleared", async () => {
    const db = userDatabase(ana);
    const draft = createDraft<{ body: string }>(db, "message:reply:t1", 10);
    draft.save({ body: "H" });
    draft.save({ body: "Hello" });
    await vi.waitFor(async () => expect(await draft.load()).toEqual({ body: "Hello" }));
    expect(await db.drafts.count()).toBe(1);
    draft.save({ body: "" }, true);
    await vi.waitFor(async () => expect(await draft.load()).toBeUndefined());
    draft.save({ body: "Again" });
    await draft.flush();
    expect(await draft.load()).toEqual({ body: "Again" });
    await draft.clear();
    expect(await db.drafts.count()).toBe(0);
  });

  it("lives in the author's database only: another person's never shows it", async () => {
    const draft = createDraft<{ body: string }>(userDatabase(ana), "message:new");
    draft.save({ body: "Ana's words" });
    await draft.flush();
    closeUserDatabase();
    rememberLastUser(sam);
    expect(await createDraft(userDatabase(sam), "message:new").load()).toBeUndefined();
  });
});
