import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import type { OpenDatabase } from "../db/open.ts";
import { activationCodes, auditEvents, patients, resources } from "../db/schema.ts";
import { outboxFor } from "../messaging/outbox.ts";
import { makeTransport } from "../messaging/transport.ts";
import { makeClock } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { checkActivationCode } from "./activation-codes.ts";
import { demoActivation, seedDemoActivation } from "./activation-demo.ts";
import { InviteProblem, invitePatient } from "./activation-invite.ts";

describe.each(testDatabaseKinds())("inviting a patient on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  const config = loadConfig({
    ACTIVATION_CODE_DAYS: "14",
    PUBLIC_ORIGIN: "https://portal.example.org",
  });
  let deps: Parameters<typeof invitePatient>[0];

  async function patientWith(name: string, birthDate: string, resource: object) {
    const [row] = await database.db.insert(patients).values({ name, birthDate }).returning();
    if (!row) throw new Error("no patient");
    await database.db.insert(resources).values({
      id: row.id,
      patientId: row.id,
      resourceType: "Patient",
      resource: { resourceType: "Patient", id: row.id, ...resource },
      sourceKey: row.id,
      contentHash: row.id,
      version: 1,
    });
    return row.id;
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    deps = {
      db: database.db,
      config,
      transport: makeTransport(config, database.db),
      now: clock.now,
    };
  });
  afterAll(() => database.close());

  it("issues a code and sends it, in the patient's language, to the email and mobile on file", async () => {
    const id = await patientWith("Marisol Vega", "1969-08-14", {
      telecom: [
        { system: "phone", value: "555-0100", use: "home" },
        { system: "phone", value: "+15550100777", use: "mobile" },
        { system: "email", value: "Marisol@Example.org" },
      ],
      communication: [{ language: { coding: [{ code: "es-MX" }] }, preferred: true }],
    });
    const invitation = await invitePatient(deps, "marisol");
    expect(invitation.patient.id).toBe(id);
    expect(invitation.expiresAt.getTime() - clock.now().getTime()).toBe(14 * 86_400_000);
    expect(invitation.sentTo).toEqual([
      { channel: "email", to: "marisol@example.org" },
      { channel: "sms", to: "+15550100777" },
    ]);
    const [email] = await outboxFor(database.db, "marisol@example.org");
    expect(email?.subject).toBe("Cree su cuenta de Hearth");
    expect(email?.body).toContain(invitation.code);
    expect(email?.body).toContain("https://portal.example.org/activate");
    const [sms] = await outboxFor(database.db, "+15550100777");
    expect(sms?.body).toContain(invitation.code);
    expect(await outboxFor(database.db, "555-0100")).toHaveLength(0);
    // The code works with her birth date, and its issue is in the audit log.
    const checked = await checkActivationCode(
      database.db,
      invitation.code,
      "1969-08-14",
      clock.now(),
    );
    expect(checked.ok).toBe(true);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.patientId, id));
    expect(audit.map((e) => e.action)).toContain("access.activation.issue");
    expect(JSON.stringify(audit)).not.toContain(invitation.code);
  });

  it("only prints the code when the record has no address, and finds a patient by id", async () => {
    const id = await patientWith("Tomas Berg", "1950-01-02", {});
    const invitation = await invitePatient(deps, id);
    expect(invitation.sentTo).toEqual([]);
    expect(invitation.code).toMatch(/^\w{4}-\w{4}-\w{4}$/);
  });

  it("says why when the name matches nobody, several people, or a record it cannot activate", async () => {
    await expect(invitePatient(deps, "nobody by that name")).rejects.toThrow(/No patient/);
    await patientWith("Tomas Bergman", "1952-03-04", {});
    await expect(invitePatient(deps, "tomas")).rejects.toThrow(/Several patients/);
    await patientWith("Yusuf Partial", "1974", {});
    await expect(invitePatient(deps, "yusuf")).rejects.toThrow(InviteProblem);
    await expect(invitePatient(deps, "%")).rejects.toThrow(/No patient/);
  });

  it("refuses a patient whose record says they have died, by either form of Patient.deceased", async () => {
    const byFlag = await patientWith("Ines Olsen", "1931-02-03", { deceasedBoolean: true });
    const byDate = await patientWith("Ivar Olsen", "1929-05-06", {
      deceasedDateTime: "2024-11-30",
    });
    const alive = await patientWith("Ida Olsen", "1960-07-08", { deceasedBoolean: false });
    for (const id of [byFlag, byDate]) {
      const refused = await invitePatient(deps, id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InviteProblem);
      expect(refused).toMatchObject({ code: "AUTH-116", message: /AUTH-116.*has died/ });
      const codes = await database.db
        .select()
        .from(activationCodes)
        .where(eq(activationCodes.patientId, id));
      expect(codes).toEqual([]);
    }
    expect((await invitePatient(deps, alive)).patient.id).toBe(alive);
  });

  it("seeds the demo code once, for a patient without an account", async () => {
    await patientWith(demoActivation.patientName, demoActivation.birthDate, {});
    await seedDemoActivation(database.db, clock.now());
    await seedDemoActivation(database.db, clock.now());
    const checked = await checkActivationCode(
      database.db,
      demoActivation.code,
      demoActivation.birthDate,
      clock.now(),
    );
    expect(checked.ok).toBe(true);
    const rows = await database.db.select().from(activationCodes);
    expect(rows.filter((r) => checked.ok && r.patientId === checked.patientId)).toHaveLength(1);
  });
});
