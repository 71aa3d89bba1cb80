// The record pages' queries over whole records as sync delivers them — a generated patient
// (server/fhir/generator) and a Synthea export from ../shared/fixtures, read in place — not
// only the hand-written rows of the other record tests: what the pages would show must hold
// for real-shaped data too.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largePatient } from "../../../server/fhir/generator/demo-patients.ts";
import { generatePatientRecord } from "../../../server/fhir/generator/patient-record.ts";
import { addPatientWithRecord } from "../../../server/test/records.ts";
import { type RealServer, startRealServer, syncedDevice } from "../../test/real-server.ts";
import { allergies } from "./allergies.ts";
import { medications } from "./medications.ts";
import { problems } from "./problems.ts";
import { resultDetail } from "./result-history-query.ts";
import { resultsTimeline } from "./result-timeline.ts";
import { visits } from "./visits.ts";

const syntheaFolder = new URL("../../../../shared/fixtures/fhir/synthea/", import.meta.url);
const synthea = readdirSync(syntheaFolder).find((name) => name.endsWith(".json"));

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
  await addPatientWithRecord(
    server.db,
    "gen",
    JSON.stringify(generatePatientRecord(largePatient(4242, 3))),
  );
  if (synthea) {
    await addPatientWithRecord(
      server.db,
      "syn",
      readFileSync(new URL(synthea, syntheaFolder), "utf8"),
    );
  }
}, 120_000);
afterAll(() => server.stop());

describe.each(["gen", ...(synthea ? ["syn"] : [])])("the record of %s, as synced", (username) => {
  it("reads into every section with names, dates and histories", async () => {
    const device = await syncedDevice(server, username);
    const { db, patientId } = device;
    try {
      const source = { db, patientId };
      const { entries } = await resultsTimeline(source, 50);
      expect(entries.length).toBeGreaterThan(0);
      // Newest first, as the list promises.
      const times = entries.map((e) => e.row.effectiveAt ?? "");
      expect([...times].sort().reverse()).toEqual(times);

      // A result's history holds every reading of its test, each with a value or a text.
      const first = entries.find((e) => e.kind === "result") ?? entries[0];
      const resultId =
        first?.kind === "report" ? (first.results[0]?.id as string) : (first?.row.id as string);
      const detail = await resultDetail(source, resultId);
      expect(detail?.row.id).toBe(resultId);
      expect(detail?.histories.length).toBeGreaterThan(0);

      const meds = await medications(source);
      expect(meds.length).toBeGreaterThan(0);
      expect(meds.every((m) => m.name.trim() !== "")).toBe(true);

      const conditions = await problems(source);
      const all = [...conditions.current, ...conditions.past, ...conditions.noStatus];
      expect(all.length).toBeGreaterThan(0);

      const encounters = await visits(source);
      expect(encounters.length).toBeGreaterThan(0);
      expect(encounters.every((v) => v.type.trim() !== "")).toBe(true);

      // Recorded as none, or a list, or nothing recorded: never an error.
      expect(["nothing-recorded", "none-known", "allergies"]).toContain(
        (await allergies(source)).state,
      );
    } finally {
      await device.forget();
    }
  });
});
