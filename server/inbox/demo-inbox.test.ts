import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxThreadList } from "../../shared/contracts/inbox.ts";
import type { OpenDatabase } from "../db/open.ts";
import { careTeams, inboxThreads } from "../db/schema.ts";
import { seedDemo, seedDemoRecords } from "../db/seed.ts";
import { makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { signedIn } from "../test/records.ts";
import { pullAll } from "../test/sync.ts";
import { demoCareTeamName, seedDemoInbox } from "./demo-inbox.ts";

describe.each(testDatabaseKinds())("the demo's messages on %s", (kind) => {
  let database: OpenDatabase;
  let app: ReturnType<typeof makeTestApp>["app"];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    await seedDemoRecords(database.db, false);
    app = makeTestApp(database.db).app;
  });
  afterAll(() => database.close());

  it("puts ana in Dr. Lee's care team, with one answered and one waiting conversation", async () => {
    const lee = await signedIn(app, "dr.lee");
    const res = await app.request("/api/inbox/threads", { headers: { cookie: lee } });
    const { threads } = (await res.json()) as InboxThreadList;
    expect(threads.map((t) => [t.subject, t.patientName, t.awaitingReply])).toEqual([
      ["Blood test form", "Ana Rivera", true],
      ["Metformin with breakfast?", "Ana Rivera", false],
    ]);
    const ana = await signedIn(app, "ana");
    const rows = (await pullAll(app, ana)).pages.flatMap((p) => p.rows);
    expect(rows.filter((r) => r.type === "Communication")).toHaveLength(3);
    expect(rows.filter((r) => r.type === "CareTeam")).toHaveLength(1);
  });

  it("changes nothing when run again", async () => {
    expect(await seedDemoInbox(database.db)).toMatch(/already present/);
    expect(
      await database.db.select().from(careTeams).where(eq(careTeams.name, demoCareTeamName)),
    ).toHaveLength(1);
    expect(await database.db.select().from(inboxThreads)).toHaveLength(2);
  });
});
