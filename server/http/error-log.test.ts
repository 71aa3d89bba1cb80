import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { jsonHeaders, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { addInboxPeople, sendMutation } from "../test/inbox-people.ts";
import { signedIn } from "../test/records.ts";
import { describeError } from "./error-log.ts";

/** Everything the server printed while `work` ran, on any console method. */
async function printedDuring(work: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spies = (["error", "warn", "log", "info", "debug"] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(
        args.map((arg) => (arg instanceof Error ? `${arg.stack}` : String(arg))).join(" "),
      );
    }),
  );
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join("\n");
}

/**
 * Health data in the log (docs/security.md): a request that fails inside the database must not put
 * the record text it carried into the server's log, neither through the query's parameters nor
 * through the database's own message.
 */
describe.each(testDatabaseKinds())("the server's log when the database fails, on %s", (kind) => {
  let database: OpenDatabase;
  let app: ReturnType<typeof makeTestApp>["app"];
  let people: Awaited<ReturnType<typeof addInboxPeople>>;
  let pia: string;
  const recordText = "Tender lump under my left arm since Tuesday";

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db).app;
    people = await addInboxPeople(database.db);
    pia = await signedIn(app, "pia");
    // A fault on the message's insert whose own message quotes the value, as a constraint's
    // detail does ("Key (…)=(…)").
    await database.db.execute(sql`
      create function refuse_message() returns trigger language plpgsql as $$
      begin
        raise exception 'refused: %', new.body using errcode = 'HT001';
      end $$`);
    await database.db.execute(sql`
      create trigger refuse_message before insert on inbox_messages
      for each row execute function refuse_message()`);
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => database.close());

  it("logs the route, the code and the duration, and none of the message's text", async () => {
    let status = 0;
    let answer = "";
    const printed = await printedDuring(async () => {
      const res = await app.request("/api/sync/push", {
        method: "POST",
        headers: jsonHeaders({ cookie: pia }),
        body: JSON.stringify({
          protocol: 1,
          mutations: [
            sendMutation(people.pia, {
              threadId: crypto.randomUUID(),
              body: recordText,
              careTeamId: people.piaTeam,
              subject: "Lump",
            }),
          ],
        }),
      });
      status = res.status;
      answer = await res.text();
    });
    expect(status).toBe(500);
    expect(answer).toContain("SRV-501");
    for (const word of ["Tender lump", "left arm", "Tuesday", "Lump"]) {
      expect(printed).not.toContain(word);
    }
    // The failure was logged, and usefully: where, which database code, how long.
    expect(printed).toContain("POST /api/sync/push");
    expect(printed).toContain("code HT001");
    expect(printed).toMatch(/ms=\d+/);
  });
});

describe("describeError", () => {
  it("keeps names, codes and identifiers, and drops messages and details", () => {
    const cause = Object.assign(new Error('duplicate key "ana@example.org"'), {
      code: "23505",
      constraint: "users_email_unique",
      table: "users",
      detail: "Key (email)=(ana@example.org) already exists.",
    });
    const error = new Error("Failed query: insert … params: ana@example.org,Ana", { cause });
    const text = describeError(error);
    expect(text).toContain("code 23505");
    expect(text).toContain("constraint users_email_unique");
    expect(text).not.toContain("ana@example.org");
    expect(text).not.toContain("Failed query");
    // A "code" that is not a code is dropped too.
    expect(describeError(Object.assign(new Error("x"), { code: "Ana Pérez" }))).not.toContain(
      "Ana",
    );
  });
});
