import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookablePractitioners, FreeSlotsResponse } from "../shared/contracts/appointments.ts";
import type { Me } from "../shared/contracts/me.ts";
import type { PushResponse } from "../shared/contracts/sync.ts";
import { demoPassword } from "./db/seed.ts";
import { emptyTestDatabase } from "./test/database.ts";
import { CookieJar, type ServerProcess, startServerProcess } from "./test/server-process.ts";

/** The one address both processes are reached at, as behind a reverse proxy. */
const origin = "http://hearth.test";

/**
 * Several servers (docs/deploy.md, docs/security.md): two real server processes on one PostgreSQL
 * database, with requests spread between them as a reverse proxy without sticky sessions spreads
 * them. Everything one process knows about a person (their session, their failed passwords, the
 * slot they booked) must be in the database, never in that process's memory.
 */
describe.skipIf(!process.env.DATABASE_URL)("two server processes on one PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof emptyTestDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let sql: pg.Client;

  beforeAll(async () => {
    database = await emptyTestDatabase();
    // Started together on an empty database: both migrate and seed it, one after the other
    // (server/db/open.ts).
    const started = await Promise.allSettled(
      [1, 2].map(() =>
        startServerProcess({
          DATABASE_URL: database.url,
          NODE_ENV: "test",
          PUBLIC_ORIGIN: origin,
          DATABASE_WAIT_SECONDS: "0",
        }),
      ),
    );
    for (const result of started) {
      if (result.status === "rejected") throw result.reason;
    }
    [a, b] = started.map((result) => (result as PromiseFulfilledResult<ServerProcess>).value) as [
      ServerProcess,
      ServerProcess,
    ];
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  }, 60_000);

  const signIn = async (server: ServerProcess, username: string) => {
    const jar = new CookieJar(origin);
    const res = await jar.fetch(server.url, "/api/auth/sign-in", {
      username,
      password: demoPassword,
    });
    expect(res.status, `${await res.clone().text()}\n${server.output()}`).toBe(200);
    return jar;
  };

  it("accepts on one process a session made on the other, and ends it on both at sign-out", async () => {
    const ana = await signIn(a, "ana");
    const onB = await ana.fetch(b.url, "/api/me");
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as Me).username).toBe("ana");

    const stolen = ana.copy();
    expect((await ana.fetch(b.url, "/api/auth/sign-out", {})).status).toBe(204);
    // The cookie as it was before sign-out, replayed on the process that did not sign out.
    expect((await stolen.fetch(a.url, "/api/me")).status).toBe(401);
    expect((await stolen.fetch(b.url, "/api/me")).status).toBe(401);
  });

  it("counts failed passwords against one account across both processes", async () => {
    /**
     * Wrong passwords for `username`, the n-th sent to `route(n)`, until one is refused; answers
     * each status. 5 failures are free and the 6th makes the next attempt wait a second
     * (server/auth/throttle.ts); on a busy machine an attempt can come later than that, be let
     * through and double the wait, so the refusal is waited for, not expected at a count.
     */
    const failures = async (username: string, route: (n: number) => ServerProcess) => {
      const jar = new CookieJar(origin);
      const statuses: number[] = [];
      for (let n = 0; n < 20 && !statuses.includes(429); n++) {
        const res = await jar.fetch(route(n).url, "/api/auth/sign-in", {
          username,
          password: "not the password",
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe("AUTH-105");
        }
      }
      return statuses;
    };
    const bucketOf = async (username: string) =>
      (
        await sql.query(
          `select t.failures from throttle_buckets t join users u on t.key = 'account:' || u.id
           where u.username = $1`,
          [username],
        )
      ).rows;
    const onOne = await failures("omar", () => a);
    const onBoth = await failures("lena", (n) => (n % 2 === 0 ? a : b));
    for (const statuses of [onOne, onBoth]) {
      // At least the free failures and the one that starts the wait, then the refusal.
      expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
      expect(statuses.at(-1)).toBe(429);
    }
    // Every failure through either process counted in one bucket: had each process counted its
    // own, lena's would hold about half of them.
    const letThrough = onBoth.filter((status) => status === 401).length;
    expect(await bucketOf("lena")).toEqual([{ failures: letThrough }]);
  });

  it("books one slot once when 50 patients' devices ask for it at once, through both", async () => {
    const patients = await Promise.all([signIn(a, "ana"), signIn(b, "rosa")]);
    const authors = await Promise.all(
      patients.map(async (jar) => ((await (await jar.fetch(a.url, "/api/me")).json()) as Me).id),
    );
    const [ana] = patients as [CookieJar, CookieJar];
    const { practitioners } = (await (
      await ana.fetch(b.url, "/api/appointments/practitioners")
    ).json()) as BookablePractitioners;
    const scheduleId = practitioners[0]?.scheduleId as string;
    const { slots } = (await (
      await ana.fetch(a.url, `/api/appointments/slots?scheduleId=${scheduleId}&visitType=in-person`)
    ).json()) as FreeSlotsResponse;
    const slot = slots[0];
    if (!slot) throw new Error("the seed offers no free slot");

    const pushes = Array.from({ length: 50 }, async (_, n) => {
      const jar = patients[n % 2] as CookieJar;
      const server = n % 4 < 2 ? a : b;
      const res = await jar.fetch(server.url, "/api/sync/push", {
        protocol: 1,
        mutations: [
          {
            id: randomUUID(),
            name: "appointment.book",
            author: authors[n % 2],
            args: {
              id: randomUUID(),
              scheduleId,
              start: slot.start,
              visitType: slot.visitType,
              reason: "Check-up",
            },
          },
        ],
      });
      expect(res.status, server.output()).toBe(200);
      return ((await res.json()) as PushResponse).results[0];
    });
    const results = await Promise.all(pushes);
    expect(results.filter((r) => r?.status === "applied")).toHaveLength(1);
    const refused = results.filter((r) => r?.status !== "applied");
    expect(refused).toHaveLength(49);
    expect(refused.every((r) => r?.status === "rejected" && r.code === "APPT-101")).toBe(true);
    const { rows } = await sql.query(
      "select count(*)::int as n from appointments where start = $1 and status <> 'cancelled'",
      [slot.start],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });
});
