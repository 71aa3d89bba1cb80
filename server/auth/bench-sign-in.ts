// `npm run bench:auth`: how long a failed sign-in takes for a username that exists and for one
// that does not (ASVS 6.3.8, docs/abuse-cases.md 19). It prints figures; it asserts nothing,
// because timing on a shared machine is noise (docs/decisions/0004-one-test-command.md).

import { openDatabase } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { jsonHeaders, makeTestApp } from "../test/app.ts";
import { hashPassword } from "./password.ts";
import { usernameColumns } from "./username-skeleton.ts";

const rounds = Number(process.env.ROUNDS || 40);
const { db, close } = await openDatabase({});
const passwordHash = await hashPassword("the real password");
await db.insert(users).values(
  Array.from({ length: rounds }, (_, i) => ({
    ...usernameColumns(`known-${i}`),
    displayName: `Known ${i}`,
    role: "patient" as const,
    passwordHash,
  })),
);
// Each attempt from its own address and name, so throttling never enters the figures.
const { app } = makeTestApp(db, { env: { TRUST_PROXY: "true" } });

async function time(username: string, i: number): Promise<number> {
  const started = performance.now();
  const res = await app.request("/api/auth/sign-in", {
    method: "POST",
    headers: jsonHeaders({ "x-forwarded-for": `10.9.${i >> 8}.${i & 255}` }),
    body: JSON.stringify({ username, password: "a wrong password" }),
  });
  await res.text();
  if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
  return performance.now() - started;
}

await time("warm-up", 999); // the first argon2 call builds the dummy hash
const known: number[] = [];
const unknown: number[] = [];
for (let i = 0; i < rounds; i++) {
  // Interleaved, so drift in the machine's load affects both alike.
  known.push(await time(`known-${i}`, 2 * i));
  unknown.push(await time(`nobody-${i}`, 2 * i + 1));
}
await close();

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return { median: at(0.5), p90: at(0.9), mean, sd };
};
const k = stats(known);
const u = stats(unknown);
const row = (name: string, s: ReturnType<typeof stats>) =>
  `${name.padEnd(18)} median ${s.median.toFixed(1)} ms  p90 ${s.p90.toFixed(1)} ms  mean ${s.mean.toFixed(1)} ± ${s.sd.toFixed(1)} ms`;
console.log(`failed sign-in, ${rounds} rounds each (interleaved):`);
console.log(row("known username", k));
console.log(row("unknown username", u));
console.log(
  `difference of medians: ${(u.median - k.median).toFixed(1)} ms (${(((u.median - k.median) / k.median) * 100).toFixed(1)}%); standard deviation ${Math.max(k.sd, u.sd).toFixed(1)} ms`,
);
