import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { PullResponse, PushResponse } from "../../shared/contracts/sync.ts";
import type { Database } from "../db/open.ts";
import { resources } from "../db/schema.ts";
import { indexColumnsOf } from "../fhir/index-columns.ts";
import { writePatientData } from "../records/patient-version.ts";
import { jsonHeaders, type makeTestApp } from "./app.ts";

type App = ReturnType<typeof makeTestApp>["app"];

/**
 * Writes `count` new Observations to a patient in one write (one version), as an import does;
 * answers their ids.
 */
export async function addObservations(db: Database, patientId: string, count: number) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await writePatientData(db, patientId, async (tx, version) => {
    await tx.insert(resources).values(
      ids.map((id, i) => {
        const resource = {
          resourceType: "Observation",
          id,
          status: "final",
          valueQuantity: { value: i },
        };
        return {
          id,
          patientId,
          resourceType: "Observation",
          resource,
          sourceKey: id,
          contentHash: id,
          ...indexColumnsOf(resource),
          version,
        };
      }),
    );
  });
  return ids;
}

/** Deletes a resource the way the record store does: a tombstone at a new version. */
export async function tombstone(db: Database, patientId: string, id: string): Promise<void> {
  await writePatientData(db, patientId, async (tx, version) => {
    await tx.update(resources).set({ deleted: true, version }).where(eq(resources.id, id));
  });
}

export async function pull(
  app: App,
  cookie: string,
  cursors: Record<string, string> = {},
  limit?: number,
): Promise<PullResponse> {
  const res = await app.request("/api/sync/pull", {
    method: "POST",
    headers: jsonHeaders({ cookie }),
    body: JSON.stringify({ protocol: 1, cursors, ...(limit ? { limit } : {}) }),
  });
  if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
  return (await res.json()) as PullResponse;
}

/** Pulls page after page until caught up; answers the pages and the final cursors. */
export async function pullAll(
  app: App,
  cookie: string,
  cursors: Record<string, string> = {},
  limit?: number,
) {
  const pages: PullResponse[] = [];
  let current = { ...cursors };
  for (let i = 0; i < 1000; i++) {
    const page = await pull(app, cookie, current, limit);
    pages.push(page);
    current = Object.fromEntries(page.patients.map((p) => [p.id, p.cursor]));
    if (!page.more) return { pages, cursors: current };
  }
  throw new Error("pull never caught up");
}

export function pushRequest(app: App, cookie: string, mutations: unknown[]) {
  return app.request("/api/sync/push", {
    method: "POST",
    headers: jsonHeaders({ cookie }),
    body: JSON.stringify({ protocol: 1, mutations }),
  });
}

export async function push(app: App, cookie: string, mutations: unknown[]): Promise<PushResponse> {
  const res = await pushRequest(app, cookie, mutations);
  if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
  return (await res.json()) as PushResponse;
}

/** A mutation as a device makes it. */
export function setLanguage(author: string, locale: string, id: string = randomUUID()) {
  return { id, name: "profile.setLanguage", args: { locale }, author };
}
