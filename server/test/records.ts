import { readFileSync } from "node:fs";
import { hashPassword } from "../auth/password.ts";
import { usernameColumns } from "../auth/username-skeleton.ts";
import type { Database } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { demoPassword } from "../db/seed.ts";
import { importFhirFile } from "../fhir/import.ts";
import { jsonHeaders, type makeTestApp, sessionCookieFrom } from "./app.ts";

/** A committed edge-case bundle (server/fhir/test-bundles), as text. */
export function testBundle(name: string): string {
  return readFileSync(new URL(`../fhir/test-bundles/${name}.json`, import.meta.url), "utf8");
}

/** A patient account with the demo password, whose record is the given bundle. */
export async function addPatientWithRecord(
  db: Database,
  username: string,
  bundleText: string,
): Promise<string> {
  await db
    .insert(users)
    .values({
      ...usernameColumns(username),
      displayName: username,
      role: "patient",
      passwordHash: await hashPassword(demoPassword),
    })
    .onConflictDoNothing();
  const report = await importFhirFile(db, bundleText, { account: username });
  return report.patients[0]?.id as string;
}

export async function signedIn(
  app: ReturnType<typeof makeTestApp>["app"],
  username: string,
): Promise<string> {
  const res = await app.request("/api/auth/sign-in", {
    method: "POST",
    headers: jsonHeaders(),
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const cookie = sessionCookieFrom(res);
  if (res.status !== 200 || !cookie)
    throw new Error(`sign-in as ${username} failed: ${res.status}`);
  return cookie;
}
