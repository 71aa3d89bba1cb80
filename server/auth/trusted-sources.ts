import { and, eq, gt, or, sql } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { trustedSources } from "../db/schema.ts";
import { digestOf } from "./digest.ts";

/** How long a device or address stays known without being used again. */
const deviceTrustMs = 365 * 24 * 3_600_000;
const addressTrustMs = 90 * 24 * 3_600_000;

/** Stands in for an unknown username, so both paths run the same query (ASVS 6.3.8). */
const nobody = "00000000-0000-0000-0000-000000000000";

/**
 * Which of the account's known sources this attempt comes from, as a bucket suffix
 * ("device:…" before "address:…"), or null for a stranger. Failures from a known source are
 * throttled in a bucket of their own, so a stranger's failures never hold the owner up
 * (docs/abuse-cases.md 21).
 */
export async function knownSourceOf(
  db: Database,
  userId: string | undefined,
  deviceToken: string | undefined,
  address: string,
  now: Date,
): Promise<string | null> {
  const device = deviceToken ? digestOf(deviceToken) : "";
  const place = digestOf(address);
  const rows = await db
    .select({ kind: trustedSources.kind, digest: trustedSources.digest })
    .from(trustedSources)
    .where(
      and(
        eq(trustedSources.userId, userId ?? nobody),
        or(
          and(
            eq(trustedSources.kind, "device"),
            eq(trustedSources.digest, device),
            gt(trustedSources.lastSeenAt, new Date(now.getTime() - deviceTrustMs)),
          ),
          and(
            eq(trustedSources.kind, "address"),
            eq(trustedSources.digest, place),
            gt(trustedSources.lastSeenAt, new Date(now.getTime() - addressTrustMs)),
          ),
        ),
      ),
    );
  const known = rows.find((r) => r.kind === "device") ?? rows[0];
  return known ? `${known.kind}:${known.digest.slice(0, 32)}` : null;
}

/**
 * Records a full sign-in's device and address as the account's own. Answers whether the
 * device was new to the account (the person is then told by email).
 */
export async function rememberSources(
  db: Database,
  userId: string,
  deviceToken: string,
  address: string,
  now: Date,
): Promise<{ newDevice: boolean }> {
  const values = [
    { userId, kind: "device" as const, digest: digestOf(deviceToken), lastSeenAt: now },
    { userId, kind: "address" as const, digest: digestOf(address), lastSeenAt: now },
  ];
  const inserted = await db
    .insert(trustedSources)
    .values(values)
    .onConflictDoUpdate({
      target: [trustedSources.userId, trustedSources.kind, trustedSources.digest],
      set: { lastSeenAt: now },
    })
    // xmax = 0 only on a row this statement inserted (PostgreSQL's upsert idiom).
    .returning({ kind: trustedSources.kind, inserted: sql<boolean>`(xmax = 0)` });
  return { newDevice: inserted.some((row) => row.kind === "device" && row.inserted) };
}
