import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxThread, InboxThreadList } from "../../shared/contracts/inbox.ts";
import type { PulledResource } from "../../shared/contracts/sync.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, careTeamPatients, inboxMessages, resources } from "../db/schema.ts";
import { jsonHeaders, makeClock, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { addInboxPeople, sendMutation } from "../test/inbox-people.ts";
import { signedIn } from "../test/records.ts";
import { pullAll, push } from "../test/sync.ts";

describe.each(testDatabaseKinds())("the clinicians' inbox on %s", (kind) => {
  let database: OpenDatabase;
  let app: ReturnType<typeof makeTestApp>["app"];
  let people: Awaited<ReturnType<typeof addInboxPeople>>;
  const cookies: Record<string, string> = {};
  const clock = makeClock();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now }).app;
    people = await addInboxPeople(database.db);
    for (const name of ["pia", "ben", "dr.pia", "dr.ben", "dr.none"]) {
      cookies[name] = await signedIn(app, name);
    }
  });
  afterAll(() => database.close());

  const get = (who: string, path: string) =>
    app.request(`/api/inbox${path}`, { headers: { cookie: cookies[who] as string } });
  const post = (who: string, path: string, body: unknown = {}) =>
    app.request(`/api/inbox${path}`, {
      method: "POST",
      headers: jsonHeaders({ cookie: cookies[who] as string }),
      body: JSON.stringify(body),
    });

  /** A thread Pia starts through her outbox, `minutesAgo` before the clock's now. */
  async function piaAsks(subject: string, body = "A question") {
    const threadId = crypto.randomUUID();
    const { results } = await push(app, cookies.pia as string, [
      sendMutation(people.pia, { threadId, body, subject, careTeamId: people.piaTeam }),
    ]);
    expect(results[0]?.status).toBe("applied");
    clock.advance(60_000);
    return threadId;
  }

  it("lists the care team's threads, those waiting longest first, and nobody else's", async () => {
    const first = await piaAsks("First");
    const second = await piaAsks("Second");
    const answered = await piaAsks("Answered");
    expect(
      (
        await post("dr.pia", `/threads/${answered}/replies`, {
          id: crypto.randomUUID(),
          body: "Done",
        })
      ).status,
    ).toBe(201);
    const benThread = crypto.randomUUID();
    await push(app, cookies.ben as string, [
      sendMutation(people.ben, {
        threadId: benThread,
        body: "Ben here",
        subject: "Ben",
        careTeamId: people.benTeam,
      }),
    ]);

    const { threads } = (await (await get("dr.pia", "/threads")).json()) as InboxThreadList;
    const ids = threads.map((t) => t.id);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(answered));
    expect(ids).not.toContain(benThread);
    expect(threads.find((t) => t.id === first)).toMatchObject({
      awaitingReply: true,
      unread: 1,
      patientId: people.piaPatient,
    });
    expect(threads.find((t) => t.id === answered)).toMatchObject({
      awaitingReply: false,
      unread: 0,
    });
    const summary = await (await get("dr.pia", "/summary")).json();
    expect(summary).toEqual({ unreadThreads: threads.filter((t) => t.unread > 0).length });

    const none = (await (await get("dr.none", "/threads")).json()) as InboxThreadList;
    expect(none.threads).toEqual([]);
  });

  it("answers 404 for a thread outside the clinician's care teams, and audits it", async () => {
    const threadId = await piaAsks("Private");
    for (const who of ["dr.ben", "dr.none"]) {
      expect((await get(who, `/threads/${threadId}`)).status).toBe(404);
      expect(
        (await post(who, `/threads/${threadId}/replies`, { id: crypto.randomUUID(), body: "x" }))
          .status,
      ).toBe(404);
      expect((await post(who, `/threads/${threadId}/close`)).status).toBe(404);
      expect((await post(who, `/threads/${threadId}/read`)).status).toBe(404);
    }
    expect(
      await database.db.select().from(inboxMessages).where(eq(inboxMessages.threadId, threadId)),
    ).toHaveLength(1);
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "inbox.reply"), eq(auditEvents.outcome, "denied")));
    expect(denied.map((e) => e.details)).toContainEqual({ thread: threadId });
  });

  it("refuses patients and staff who are not clinicians (AUTH-103)", async () => {
    const threadId = await piaAsks("Mine");
    for (const path of ["/threads", `/threads/${threadId}`, "/summary"]) {
      const res = await get("pia", path);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "AUTH-103" } });
    }
    expect(
      (await post("pia", `/threads/${threadId}/replies`, { id: crypto.randomUUID(), body: "x" }))
        .status,
    ).toBe(403);
    // Every refusal is in the audit log, with who tried which route (ASVS 16.3.2).
    const refused = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, people.pia), eq(auditEvents.action, "inbox.access")));
    expect(refused.map((row) => [row.outcome, row.details?.method, row.details?.path])).toEqual(
      expect.arrayContaining([
        ["denied", "GET", "/api/inbox/threads"],
        ["denied", "GET", `/api/inbox/threads/${threadId}`],
        ["denied", "GET", "/api/inbox/summary"],
        ["denied", "POST", `/api/inbox/threads/${threadId}/replies`],
      ]),
    );
    expect(refused.every((row) => row.details?.role === "patient")).toBe(true);
  });

  it("stops reaching a thread once the team no longer serves the patient", async () => {
    const threadId = await piaAsks("Moving away");
    expect((await get("dr.pia", `/threads/${threadId}`)).status).toBe(200);
    await database.db
      .delete(careTeamPatients)
      .where(eq(careTeamPatients.patientId, people.piaPatient));
    expect((await get("dr.pia", `/threads/${threadId}`)).status).toBe(404);
    await database.db.insert(careTeamPatients).values({
      careTeamId: people.piaTeam,
      patientId: people.piaPatient,
      resourceId: crypto.randomUUID(),
    });
  });

  it("replies once per id, marks the patient's messages read, and the patient's device pulls the reply", async () => {
    const threadId = await piaAsks("Reply to me");
    const id = crypto.randomUUID();
    const first = await post("dr.pia", `/threads/${threadId}/replies`, {
      id,
      body: "Hello <b>Pia</b>",
    });
    expect(first.status).toBe(201);
    const again = await post("dr.pia", `/threads/${threadId}/replies`, {
      id,
      body: "Hello <b>Pia</b>",
    });
    expect(again.status).toBe(201);
    const thread = (await again.json()) as InboxThread;
    expect(thread.messages.map((m) => m.body)).toEqual(["A question", "Hello <b>Pia</b>"]);
    expect(thread).toMatchObject({ awaitingReply: false, unread: 0 });
    expect(thread.messages[0]?.readAt).toBe(clock.now().toISOString());

    const reused = await post("dr.pia", `/threads/${threadId}/replies`, {
      id,
      body: "Something else",
    });
    expect(reused.status).toBe(409);

    const rows = (await pullAll(app, cookies.pia as string)).pages
      .flatMap((p) => p.rows)
      .filter((r): r is PulledResource => !r.deleted);
    const reply = rows.find((r) => r.id === id);
    expect(reply?.resource).toMatchObject({
      sender: { display: "Dr. pia" },
      payload: [{ contentString: "Hello <b>Pia</b>" }],
    });
    expect(reply?.resource.received).toBeUndefined();
  });

  it("keeps no reply it cannot audit: the audit row is written in the reply's transaction", async () => {
    const threadId = await piaAsks("Unaudited");
    await database.db.execute(sql`
      create or replace function refuse_reply_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'inbox.reply' then raise exception 'audit refused'; end if;
        return new;
      end $$`);
    await database.db.execute(
      sql`create trigger refuse_reply_audit before insert on audit_events for each row execute function refuse_reply_audit()`,
    );
    const id = crypto.randomUUID();
    try {
      const res = await post("dr.pia", `/threads/${threadId}/replies`, { id, body: "Hidden" });
      expect(res.status).toBe(500);
    } finally {
      await database.db.execute(sql`drop trigger refuse_reply_audit on audit_events`);
    }
    expect(await database.db.select().from(inboxMessages).where(eq(inboxMessages.id, id))).toEqual(
      [],
    );
  });

  it("refuses a reply whose id is held by another patient's record, audited with it", async () => {
    const threadId = await piaAsks("Whose id");
    const [benResource] = await database.db
      .select()
      .from(resources)
      .where(eq(resources.patientId, people.benPatient))
      .limit(1);
    const res = await post("dr.pia", `/threads/${threadId}/replies`, {
      id: benResource?.id,
      body: "Overwrite",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "SYNC-804" } });
    const [after] = await database.db
      .select()
      .from(resources)
      .where(eq(resources.id, benResource?.id as string));
    expect(after).toEqual(benResource);
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, people.drPia), eq(auditEvents.action, "inbox.reply")));
    expect(denied).toContainEqual(
      expect.objectContaining({
        outcome: "denied",
        patientId: people.benPatient,
        details: { thread: threadId, target: benResource?.id, code: "SYNC-804" },
      }),
    );
  });

  it("refuses empty (422) and over-long (413) replies with catalog codes", async () => {
    const threadId = await piaAsks("Limits");
    const empty = await post("dr.pia", `/threads/${threadId}/replies`, {
      id: crypto.randomUUID(),
      body: " \u200B\n",
    });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({ error: { code: "MSG-910" } });
    const long = await post("dr.pia", `/threads/${threadId}/replies`, {
      id: crypto.randomUUID(),
      body: "x".repeat(4001),
    });
    expect(long.status).toBe(413);
    expect(await long.json()).toEqual({ error: { code: "MSG-911" } });
  });

  it("marks read and closes; a closed thread takes no more messages (MSG-915)", async () => {
    const threadId = await piaAsks("Close me");
    const read = (await (await post("dr.pia", `/threads/${threadId}/read`)).json()) as InboxThread;
    expect(read.unread).toBe(0);
    // Who on the care team read the patient's words, and when, is in the audit trail.
    const readAudit = await database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, people.drPia), eq(auditEvents.action, "inbox.markRead")));
    expect(readAudit.map((row) => row.details)).toContainEqual({ thread: threadId });
    const closed = (await (
      await post("dr.pia", `/threads/${threadId}/close`)
    ).json()) as InboxThread;
    expect(closed.status).toBe("closed");
    const { results } = await push(app, cookies.pia as string, [
      sendMutation(people.pia, { threadId, body: "One more thing" }),
    ]);
    expect(results[0]).toMatchObject({ status: "rejected", code: "MSG-915" });
    const reply = await post("dr.pia", `/threads/${threadId}/replies`, {
      id: crypto.randomUUID(),
      body: "x",
    });
    expect(reply.status).toBe(409);
    const rows = (await pullAll(app, cookies.pia as string)).pages
      .flatMap((p) => p.rows)
      .filter((r): r is PulledResource => !r.deleted && r.code === threadId);
    expect(rows[0]?.resource.extension).toContainEqual({
      url: "https://hearth.example/fhir/inbox-thread-status",
      valueCode: "closed",
    });
  });

  it("limits how fast a clinician replies (429 MSG-914 with Retry-After)", async () => {
    const threadId = await piaAsks("Flood");
    let status = 0;
    let res: Response | undefined;
    for (let i = 0; i < 125 && status !== 429; i++) {
      res = await post("dr.pia", `/threads/${threadId}/replies`, {
        id: crypto.randomUUID(),
        body: `r${i}`,
      });
      status = res.status;
    }
    expect(status).toBe(429);
    expect(res?.headers.get("retry-after")).toBeTruthy();
    expect(await res?.json()).toMatchObject({ error: { code: "MSG-914" } });
    // Up to 125 replies, each in its own transaction: on a busy machine well past 30 s.
  }, 120_000);
});
