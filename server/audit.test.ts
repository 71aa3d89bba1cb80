import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "./db/open.ts";
import { auditEvents } from "./db/schema.ts";
import { seedDemo } from "./db/seed.ts";
import { jsonHeaders, makeTestApp } from "./test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "./test/database.ts";

/** The audit log's address is the one the throttles use (server/http/client-address.ts). */
describe.each(testDatabaseKinds())("the audit log's address on %s", (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
  });
  afterAll(() => database.close());

  const refusedSignIn = async (env: Record<string, string>) => {
    const { app } = makeTestApp(database.db, { env });
    await app.request("/api/auth/sign-in", {
      method: "POST",
      headers: jsonHeaders({ "x-forwarded-for": "198.51.100.9, 203.0.113.5" }),
      body: JSON.stringify({ username: "ana", password: "not her password" }),
    });
    const [row] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "auth.sign-in"))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(1);
    return row;
  };

  it("is the last X-Forwarded-For entry, the one our proxy added, under TRUST_PROXY", async () => {
    expect((await refusedSignIn({ TRUST_PROXY: "true" }))?.ip).toBe("203.0.113.5");
  });

  it("ignores X-Forwarded-For without TRUST_PROXY: anyone can write that header", async () => {
    const row = await refusedSignIn({});
    expect(row).toBeDefined();
    expect(row?.ip).toBeNull();
  });
});
