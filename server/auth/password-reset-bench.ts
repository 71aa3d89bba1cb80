// `npm run bench:reset`: how long asking for a password reset takes for a name that has an
// account (with an email and a phone on file) and for one that has none (ASVS 6.3.8,
// docs/abuse-cases.md 19). It prints figures and asserts nothing: timing on a shared machine is
// noise (docs/decisions/0004-one-test-command.md). Both names run the same code transaction before
// the answer (server/auth/password-reset.ts, `prepareResetCode`); only handing the messages to the
// transport comes after it (`afterAnswer`), so the answers should take the same time.

import { openDatabase } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { jsonHeaders, makeTestApp } from "../test/app.ts";
import { recoveryWorkSettled } from "./password-reset.ts";
import { usernameColumns } from "./username-skeleton.ts";

const rounds = Number(process.env.ROUNDS || 60);
const { db, close } = await openDatabase({});
await db.insert(users).values(
  Array.from({ length: rounds + 1 }, (_, i) => ({
    ...usernameColumns(`known-${i}`),
    displayName: `Known ${i}`,
    role: "patient" as const,
    passwordHash: "not used here",
    email: `known-${i}@example.org`,
    phone: `+1555010${String(i).padStart(4, "0")}`,
  })),
);
// Each ask from its own address and name, so throttling never enters the figures.
const { app } = makeTestApp(db, { env: { TRUST_PROXY: "true" } });

async function time(username: string, i: number): Promise<number> {
  const started = performance.now();
  const res = await app.request("/api/access/password-reset/start", {
    method: "POST",
    headers: jsonHeaders({ "x-forwarded-for": `10.8.${i >> 8}.${i & 255}` }),
    body: JSON.stringify({ username }),
  });
  await res.text();
  const took = performance.now() - started;
  if (res.status !== 202) throw new Error(`expected 202, got ${res.status}`);
  // The messages go out between rounds, not during the next one's timing.
  await recoveryWorkSettled();
  return took;
}

await time(`known-${rounds}`, 9999);
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
  `${name.padEnd(14)} median ${s.median.toFixed(2)} ms  p90 ${s.p90.toFixed(2)} ms  mean ${s.mean.toFixed(2)} ± ${s.sd.toFixed(2)} ms`;
console.log(`password reset asked, ${rounds} rounds each (interleaved):`);
console.log(row("known name", k));
console.log(row("unknown name", u));
console.log(
  `difference of medians: ${(u.median - k.median).toFixed(2)} ms; standard deviation ${Math.max(k.sd, u.sd).toFixed(2)} ms`,
);
