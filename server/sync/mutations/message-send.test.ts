import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { threadSystem } from "../../../shared/contracts/inbox.ts";
import type { PulledResource } from "../../../shared/contracts/sync.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { auditEvents, inboxMessages, inboxThreads, resources } from "../../db/schema.ts";
import { makeClock, makeTestApp } from "../../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../../test/database.ts";
import { addInboxPeople, sendMutation } from "../../test/inbox-people.ts";
import { signedIn } from "../../test/records.ts";
import { pullAll, push } from "../../test/sync.ts";

describe.each(testDatabaseKinds())("message.send and message.markRead on %s", (kind) => {
  let database: OpenDatabase;
  let app: ReturnType<typeof makeTestApp>["app"];
  let people: Awaited<ReturnType<typeof addInboxPeople>>;
  let pia: string;
  let ben: string;
  const clock = makeClock();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now }).app;
    people = await addInboxPeople(database.db);
    pia = await signedIn(app, "pia");
    ben = await signedIn(app, "ben");
  });
  afterAll(() => database.close());

  const messagesOf = (threadId: string) =>
    database.db.select().from(inboxMessages).where(eq(inboxMessages.threadId, threadId));

  async function startThread(body = "Is my dose right?") {
    const threadId = crypto.randomUUID();
    const mutation = sendMutation(people.pia, {
      threadId,
      body,
      careTeamId: people.piaTeam,
      subject: "Dose",
    });
    const { results } = await push(app, pia, [mutation]);
    expect(results[0]?.status).toBe("applied");
    return { threadId, mutation };
  }

  it("starts a thread offline-made ids and all, and the patient's devices pull it as a Communication", async () => {
    const { threadId, mutation } = await startThread(
      "  <script>alert(1)</script> Is my dose right?\n",
    );
    const [thread] = await database.db
      .select()
      .from(inboxThreads)
      .where(eq(inboxThreads.id, threadId));
    expect(thread).toMatchObject({
      patientId: people.piaPatient,
      careTeamId: people.piaTeam,
      subject: "Dose",
      status: "open",
      awaitingReply: true,
    });
    const [message] = await messagesOf(threadId);
    // Stored as typed (trimmed), never interpreted: HTML is only text.
    expect(message?.body).toBe("<script>alert(1)</script> Is my dose right?");
    expect(message?.createdAt.toISOString()).toBe(clock.now().toISOString());
    // Its Communication is written at the injected clock's time too (retention goes by it).
    const [stored] = await database.db
      .select({ updatedAt: resources.updatedAt })
      .from(resources)
      .where(eq(resources.id, mutation.args.messageId));
    expect(stored?.updatedAt.toISOString()).toBe(clock.now().toISOString());

    const { pages } = await pullAll(app, pia);
    const rows = pages.flatMap((p) => p.rows).filter((r): r is PulledResource => !r.deleted);
    const careTeam = rows.find((r) => r.type === "CareTeam");
    expect(careTeam?.resource).toMatchObject({ name: "Pia's team" });
    const communication = rows.find((r) => r.id === mutation.args.messageId);
    expect(communication).toMatchObject({
      type: "Communication",
      codeSystem: threadSystem,
      code: threadId,
    });
    expect(communication?.resource).toMatchObject({
      status: "completed",
      topic: { coding: [{ system: threadSystem, code: threadId }], text: "Dose" },
      payload: [{ contentString: "<script>alert(1)</script> Is my dose right?" }],
      subject: { reference: `Patient/${people.piaPatient}` },
    });
    // Ben's devices never see it.
    const benRows = (await pullAll(app, ben)).pages.flatMap((p) => p.rows);
    expect(benRows.some((r) => r.id === mutation.args.messageId)).toBe(false);

    // The record export carries the conversation.
    const res = await app.request("/api/record/export", { headers: { cookie: pia } });
    const bundle = (await res.json()) as {
      entry: Array<{ resource: { id: string; resourceType: string } }>;
    };
    expect(bundle.entry.map((e) => e.resource)).toContainEqual(
      expect.objectContaining({ resourceType: "Communication", id: mutation.args.messageId }),
    );
  });

  it("applies a replayed send once, refuses its id with other content, and stores a re-sent message once", async () => {
    const { threadId, mutation } = await startThread();
    const again = await push(app, pia, [mutation]);
    expect(again.results[0]?.status).toBe("applied");
    const changed = await push(app, pia, [
      { ...mutation, args: { ...mutation.args, body: "Other" } },
    ]);
    expect(changed.results[0]).toMatchObject({ status: "rejected", code: "SYNC-801" });
    // "Retry" after a lost answer: a new mutation id, the same message.
    const retried = await push(app, pia, [{ ...mutation, id: crypto.randomUUID() }]);
    expect(retried.results[0]?.status).toBe("applied");
    expect(await messagesOf(threadId)).toHaveLength(1);
  });

  it("refuses another account's outbox (SYNC-802) and writes nothing", async () => {
    const threadId = crypto.randomUUID();
    const forged = sendMutation(people.ben, {
      threadId,
      body: "hi",
      careTeamId: people.piaTeam,
      subject: "x",
    });
    const { results } = await push(app, pia, [forged]);
    expect(results[0]).toMatchObject({ status: "rejected", code: "SYNC-802" });
    expect(
      await database.db.select().from(inboxThreads).where(eq(inboxThreads.id, threadId)),
    ).toEqual([]);
  });

  it("answers REQ-304 for another patient's thread, audits it, and stores nothing", async () => {
    const { threadId } = await startThread();
    const intrusion = sendMutation(people.ben, { threadId, body: "I am not Pia" });
    const read = {
      id: crypto.randomUUID(),
      name: "message.markRead",
      args: { threadId, messageIds: [crypto.randomUUID()] },
      author: people.ben,
    };
    const { results } = await push(app, ben, [intrusion, read]);
    expect(results.map((r) => (r.status === "rejected" ? r.code : r.status))).toEqual([
      "REQ-304",
      "REQ-304",
    ]);
    expect(await messagesOf(threadId)).toHaveLength(1);
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, people.ben), eq(auditEvents.outcome, "denied")));
    expect(denied.map((e) => e.details)).toContainEqual(
      expect.objectContaining({ mutation: "message.send", id: intrusion.id, code: "REQ-304" }),
    );
  });

  it("refuses a team that does not serve the patient (REQ-304) and a new thread with no team (MSG-916)", async () => {
    const elsewhere = sendMutation(people.pia, {
      threadId: crypto.randomUUID(),
      body: "hi",
      careTeamId: people.benTeam,
      subject: "x",
    });
    const noTeam = sendMutation(people.pia, {
      threadId: crypto.randomUUID(),
      body: "hi",
      subject: "x",
    });
    const { results } = await push(app, pia, [elsewhere, noTeam]);
    expect(results.map((r) => (r.status === "rejected" ? r.code : r.status))).toEqual([
      "REQ-304",
      "MSG-916",
    ]);
  });

  it("refuses empty, whitespace-only, invisible-only and over-long messages and subjects", async () => {
    const start = (body: string, subject = "Subject") =>
      sendMutation(people.pia, {
        threadId: crypto.randomUUID(),
        body,
        subject,
        careTeamId: people.piaTeam,
      });
    const { results } = await push(app, pia, [
      start(""),
      start("  \n\t "),
      start("\u200B\u202E\u2066\u061C\uFEFF "),
      start("x".repeat(4001)),
      start("fine", " "),
      start("fine", "s".repeat(121)),
    ]);
    expect(results.map((r) => (r.status === "rejected" ? r.code : r.status))).toEqual([
      "MSG-910",
      "MSG-910",
      "MSG-910",
      "MSG-911",
      "MSG-912",
      "MSG-913",
    ]);
    // 4,000 characters as a person counts them: emoji are one each.
    const long = await push(app, pia, [start("🙂".repeat(4000))]);
    expect(long.results[0]?.status).toBe("applied");
  });

  it("refuses text of only fillers, joiners, tags or braille blanks (MSG-910), and NULs (REQ-307)", async () => {
    const start = (body: string, subject = "Subject") =>
      sendMutation(people.pia, {
        threadId: crypto.randomUUID(),
        body,
        subject,
        careTeamId: people.piaTeam,
      });
    const invisible = [
      "\u2060",
      "\u115F\u1160",
      "\u3164 \u3164",
      "\u00AD",
      "\u2800\u2800",
      "\u{E0001}\u{E0041}\u{E007F}",
      " \u2060 \u3164\n\u00AD \u2800 \u{E0020} ",
    ];
    const nul = ["\u0000", " \u0000 ", "Is my dose right?\u0000"];
    const batch = [
      ...invisible.map((body) => start(body)),
      start("fine", "\u3164\u2060"),
      ...nul.map((body) => start(body)),
      start("fine", "Dose\u0000"),
    ];
    const { results } = await push(app, pia, batch);
    expect(results.map((r) => (r.status === "rejected" ? r.code : r.status))).toEqual([
      ...invisible.map(() => "MSG-910"),
      "MSG-912",
      ...nul.map(() => "REQ-307"),
      "REQ-307",
    ]);
    const threads = batch.map((m) => m.args.threadId);
    for (const threadId of threads) expect(await messagesOf(threadId)).toEqual([]);
  });

  it("refuses a message id that names a resource of someone's record, leaving it as it was", async () => {
    const [benResource] = await database.db
      .select()
      .from(resources)
      .where(eq(resources.patientId, people.benPatient))
      .limit(1);
    const stolen = sendMutation(people.pia, {
      threadId: crypto.randomUUID(),
      body: "overwrite",
      subject: "x",
      careTeamId: people.piaTeam,
      messageId: benResource?.id as string,
    });
    const { results } = await push(app, pia, [stolen]);
    // Another record's id: refused by the one check (server/foreign-ids.ts), audited with it.
    expect(results[0]).toMatchObject({ status: "rejected", code: "SYNC-804" });
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, people.pia), eq(auditEvents.outcome, "denied")))
      .orderBy(desc(auditEvents.at))
      .limit(1);
    expect(audit).toMatchObject({
      patientId: people.benPatient,
      details: expect.objectContaining({ id: stolen.id, target: benResource?.id }),
    });
    const [after] = await database.db
      .select()
      .from(resources)
      .where(eq(resources.id, benResource?.id as string));
    expect(after).toEqual(benResource);
  });

  it("marks only the named care-team messages read, in the patient's record", async () => {
    const { threadId } = await startThread();
    const drPia = await signedIn(app, "dr.pia");
    const replyIds = [crypto.randomUUID(), crypto.randomUUID()];
    for (const id of replyIds) {
      const res = await app.request(`/api/inbox/threads/${threadId}/replies`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: "http://localhost:8787",
          cookie: drPia,
        },
        body: JSON.stringify({ id, body: `Reply ${id}` }),
      });
      expect(res.status).toBe(201);
    }
    const read = {
      id: crypto.randomUUID(),
      name: "message.markRead",
      args: { threadId, messageIds: [replyIds[0]] },
      author: people.pia,
    };
    const { results } = await push(app, pia, [read]);
    expect(results[0]).toMatchObject({ status: "applied", result: { marked: 1 } });
    const rows = await database.db.select().from(resources).where(eq(resources.code, threadId));
    const received = (id: string | undefined) => rows.find((r) => r.id === id)?.resource.received;
    expect(received(replyIds[0])).toBe(clock.now().toISOString());
    expect(received(replyIds[1])).toBeUndefined();
  });

  it("limits how fast one account sends (MSG-914), then lets it send again", async () => {
    const quiet = makeClock(new Date("2026-03-01T09:00:00Z"));
    const limited = makeTestApp(database.db, { now: quiet.now }).app;
    const cookie = await signedIn(limited, "pia");
    const { threadId } = await (async () => {
      const id = crypto.randomUUID();
      const first = sendMutation(people.pia, {
        threadId: id,
        body: "1",
        careTeamId: people.piaTeam,
        subject: "Many",
      });
      await push(limited, cookie, [first]);
      return { threadId: id };
    })();
    const more = Array.from({ length: 11 }, (_, i) =>
      sendMutation(people.pia, { threadId, body: `${i + 2}` }),
    );
    const { results } = await push(limited, cookie, more);
    const codes = results.map((r) => (r.status === "rejected" ? r.code : r.status));
    // Ten free, an eleventh that starts the waits, then refused until the wait is over.
    expect(codes.slice(0, 10)).toEqual(Array(10).fill("applied"));
    expect(codes.at(-1)).toBe("MSG-914");
    expect(await messagesOf(threadId)).toHaveLength(11);
    quiet.advance(5_000);
    const later = await push(limited, cookie, [
      sendMutation(people.pia, { threadId, body: "later" }),
    ]);
    expect(later.results[0]?.status).toBe("applied");
  });
});
