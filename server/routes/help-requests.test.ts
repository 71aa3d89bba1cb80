import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HelpRequest, HelpRequestSaved } from "../../shared/contracts/help.ts";
import type { OpenDatabase } from "../db/open.ts";
import { helpRequests, users } from "../db/schema.ts";
import { demoPassword, seedDemo } from "../db/seed.ts";
import { makeClock, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { fullSession, post } from "../test/sign-in.ts";

const request: HelpRequest = {
  name: "Ana Rivera",
  contact: "ana@example.com",
  message: "The code never arrives by SMS.",
  diagnosticCode: "d7k4qx",
  locale: "es",
};

describe.each(testDatabaseKinds())("help requests on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    app = makeTestApp(database.db, { now: clock.now, env: { TRUST_PROXY: "1" } }).app;
  });
  afterAll(() => database.close());

  const send = (body: unknown, headers: Record<string, string> = {}) =>
    post(app, "/api/help-requests", body, { "x-forwarded-for": "192.0.2.1", ...headers });

  it("lands in the support queue from someone signed out, with a reference", async () => {
    const res = await send(request);
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as HelpRequestSaved;
    const [row] = await database.db
      .select()
      .from(helpRequests)
      .where(eq(helpRequests.reference, reference));
    expect(row).toMatchObject({
      name: "Ana Rivera",
      contact: "ana@example.com",
      message: "The code never arrives by SMS.",
      // Typed loosely, stored as it is read out.
      diagnosticCode: "D7K-4QX",
      status: "open",
      userId: null,
    });
    expect(row?.createdAt.toISOString()).toBe(clock.now().toISOString());
  });

  it("links the account when the person is signed in", async () => {
    const cookie = await fullSession(app, "ana", demoPassword);
    const res = await send(
      { ...request, diagnosticCode: "" },
      { cookie, "x-forwarded-for": "192.0.2.2" },
    );
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as HelpRequestSaved;
    const [ana] = await database.db.select().from(users).where(eq(users.username, "ana"));
    const [row] = await database.db
      .select()
      .from(helpRequests)
      .where(eq(helpRequests.reference, reference));
    expect(row?.userId).toBe(ana?.id);
    expect(row?.diagnosticCode).toBeNull();
  });

  it("answers REQ-302 with each field's problem", async () => {
    const res = await send(
      {
        name: "",
        contact: "not a way to reach anyone",
        message: "x".repeat(2001),
        diagnosticCode: "OOO-111",
        locale: "en",
      },
      { "x-forwarded-for": "192.0.2.3" },
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: unknown[] } };
    expect(body.error.code).toBe("REQ-302");
    expect(body.error.fields).toEqual(
      expect.arrayContaining([
        { field: "name", problem: "required" },
        { field: "contact", problem: "invalid" },
        { field: "message", problem: "tooLong" },
        expect.objectContaining({ field: "diagnosticCode" }),
      ]),
    );
  });

  it("is rate limited per address (REQ-306, with the wait), and other addresses still get through", async () => {
    const headers = { "x-forwarded-for": "2001:db8:5:6::1" };
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await send(request, headers);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429]);
    const body = (await last?.json()) as { error: { code: string; retryAfterSeconds: number } };
    expect(body.error).toEqual({ code: "REQ-306", retryAfterSeconds: 1 });
    // The same /64 is the same household or phone: still limited.
    expect((await send(request, { "x-forwarded-for": "2001:db8:5:6::99" })).status).toBe(429);
    expect((await send(request, { "x-forwarded-for": "2001:db8:5:7::1" })).status).toBe(201);
    // After the wait, one more gets through.
    clock.advance(1000);
    expect((await send(request, headers)).status).toBe(201);
  });
});
