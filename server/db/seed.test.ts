import { count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountActivity } from "../../shared/contracts/account.ts";
import { makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { signedIn } from "../test/records.ts";
import type { OpenDatabase } from "./open.ts";
import { patients, resources, users } from "./schema.ts";
import { seedDemo, seedDemoRecords } from "./seed.ts";

describe.each(testDatabaseKinds())("the demo seed's records on %s", (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
  });
  afterAll(() => database.close());

  it("gives ana her record and adds two patients with no account", async () => {
    const lines = await seedDemoRecords(database.db, false);
    expect(lines).toHaveLength(3);
    const [ana] = await database.db.select().from(users).where(eq(users.username, "ana"));
    const [record] = await database.db
      .select()
      .from(patients)
      .where(eq(patients.accountId, ana?.id ?? ""));
    expect(record).toMatchObject({ name: "Ana Rivera", birthDate: "1978-04-12" });
    const [{ n } = { n: 0 }] = await database.db
      .select({ n: count() })
      .from(resources)
      .where(eq(resources.patientId, record?.id ?? ""));
    expect(n).toBeGreaterThan(300);
    const others = await database.db.select().from(patients).where(isNull(patients.accountId));
    expect(others.map((p) => p.name).sort()).toEqual(["Lina Haddad", "Walter Brennan"]);
  });

  it("shows ana who else opened her messages, appointments and account, and why", async () => {
    const { app } = makeTestApp(database.db);
    const cookie = await signedIn(app, "ana");
    const res = await app.request("/api/account/activity", { headers: { cookie } });
    const { recordViews } = (await res.json()) as AccountActivity;
    expect(recordViews.map(({ who, action, basis }) => [who, action, basis])).toEqual([
      ["Dr. Jordan Lee", "appointments", "care-team"],
      ["Sam Okafor", "account", "support-request"],
      ["Dr. Jordan Lee", "messages", "care-team"],
    ]);
  });

  it("changes nothing when run again", async () => {
    const before = await database.db
      .select({ id: patients.id, version: patients.version })
      .from(patients)
      .orderBy(patients.id);
    const [rows] = await database.db.select({ n: count() }).from(resources);
    const lines = await seedDemoRecords(database.db, false);
    expect(lines.every((line) => line.endsWith(", 0 new"))).toBe(true);
    expect(
      await database.db
        .select({ id: patients.id, version: patients.version })
        .from(patients)
        .orderBy(patients.id),
    ).toEqual(before);
    const [rowsAfter] = await database.db.select({ n: count() }).from(resources);
    expect(rowsAfter?.n).toBe(rows?.n);
  });

  it("never runs in production", async () => {
    await expect(seedDemoRecords(database.db, true)).rejects.toThrow(/never runs/);
  });
});
