/**
 * Inviting a patient: an activation code issued, printed for the clinic, and sent to the email
 * address and mobile number in the patient's record when it has them. Used by
 * `npm run account:invite -- <patient id or name>` (scripts/account-invite.ts).
 */
import { and, eq, ilike } from "drizzle-orm";
import { isUuid } from "../../shared/contracts/uuid.ts";
import type { ErrorCode } from "../../shared/errors.ts";
import { defaultLocale, isLocale, type Locale } from "../../shared/locales/index.ts";
import type { Deps } from "../context.ts";
import { auditEvents, patients, resources } from "../db/schema.ts";
import { sendToPerson } from "../messaging/notify.ts";
import type { Channel } from "../messaging/transport.ts";
import { ActivationRefused, issueActivationCode } from "./activation-codes.ts";

export interface Invitation {
  patient: { id: string; name: string | null };
  code: string;
  expiresAt: Date;
  /** The addresses the code went to; empty when the record has none (hand it over instead). */
  sentTo: Array<{ channel: Channel; to: string }>;
  /** Addresses it could not be sent to (the transport failed; logged). */
  failed: Array<{ channel: Channel; to: string }>;
}

export class InviteProblem extends Error {
  override name = "InviteProblem";
  constructor(
    message: string,
    /** The catalog code, for a refusal that has one (shared/errors.ts). */
    readonly code?: ErrorCode,
  ) {
    super(message);
  }
}

/** The one patient an id or a part of a name points to, or an InviteProblem saying why not. */
export async function findPatientToInvite(db: Deps["db"], query: string) {
  const wanted = query.trim();
  if (!wanted) throw new InviteProblem("Name a patient: their id or part of their name.");
  const found = await db
    .select({
      id: patients.id,
      name: patients.name,
      birthDate: patients.birthDate,
      accountId: patients.accountId,
    })
    .from(patients)
    .where(
      isUuid(wanted)
        ? eq(patients.id, wanted)
        : ilike(patients.name, `%${wanted.replace(/[\\%_]/g, "\\$&")}%`),
    )
    .limit(10);
  if (found.length === 0) throw new InviteProblem(`No patient matches "${wanted}".`);
  if (found.length > 1) {
    const list = found.map((p) => `  ${p.id}  ${p.name ?? "(no name)"}  ${p.birthDate ?? ""}`);
    throw new InviteProblem(
      `Several patients match "${wanted}"; name one by id:\n${list.join("\n")}`,
    );
  }
  const [patient] = found;
  if (!patient) throw new InviteProblem(`No patient matches "${wanted}".`);
  if (patient.accountId)
    throw new InviteProblem(`${patient.name ?? patient.id} already has an account.`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate ?? ""))
    throw new InviteProblem(
      `${patient.name ?? patient.id} has no full date of birth on file, which activation asks for.`,
    );
  return patient;
}

interface ContactPoint {
  system?: string;
  value?: string;
  use?: string;
}

/**
 * Where the record says the patient can be reached, and in which language: FHIR Patient.telecom
 * (an email, and an SMS or mobile phone) and Patient.communication (the preferred language).
 */
export async function contactsOf(db: Deps["db"], patientId: string) {
  const [row] = await db
    .select({ resource: resources.resource })
    .from(resources)
    .where(
      and(
        eq(resources.patientId, patientId),
        eq(resources.resourceType, "Patient"),
        eq(resources.deleted, false),
      ),
    )
    .limit(1);
  const resource = (row?.resource ?? {}) as {
    telecom?: ContactPoint[];
    communication?: Array<{
      preferred?: boolean;
      language?: { coding?: Array<{ code?: string }> };
    }>;
  };
  const telecom = resource.telecom ?? [];
  const email = telecom.find((t) => t.system === "email" && t.value)?.value?.toLowerCase();
  const phone = telecom.find(
    (t) => (t.system === "sms" || (t.system === "phone" && t.use === "mobile")) && t.value,
  )?.value;
  const languages = [...(resource.communication ?? [])]
    .sort((a, b) => Number(b.preferred ?? false) - Number(a.preferred ?? false))
    .flatMap((c) => c.language?.coding ?? [])
    .map((c) => c.code?.toLowerCase().split("-")[0]);
  const locale: Locale = languages.find(isLocale) ?? defaultLocale;
  return { email: email ?? null, phone: phone ?? null, locale };
}

export async function invitePatient(
  deps: Pick<Deps, "db" | "config" | "transport" | "now">,
  query: string,
): Promise<Invitation> {
  const { db, config } = deps;
  const patient = await findPatientToInvite(db, query);
  const at = deps.now();
  const { code, expiresAt } = await issueActivationCode(db, patient.id, {
    now: at,
    validForMs: config.activationCodeMs,
  }).catch((error: unknown) => {
    if (error instanceof ActivationRefused && error.reason === "deceased") {
      throw new InviteProblem(
        `AUTH-116: ${patient.name ?? patient.id}'s record says they have died: no activation code is issued. Access for the family or the estate is proxy access.`,
        "AUTH-116",
      );
    }
    throw error;
  });
  await db.insert(auditEvents).values({
    actorId: null,
    action: "access.activation.issue",
    outcome: "success",
    patientId: patient.id,
    details: { by: "account:invite", expiresAt: expiresAt.toISOString() },
  });
  const person = await contactsOf(db, patient.id);
  const values = {
    code,
    url: `${config.publicOrigin}/activate`,
    date: new Intl.DateTimeFormat(person.locale, { dateStyle: "long", timeZone: "UTC" }).format(
      expiresAt,
    ),
  };
  const sentTo: Invitation["sentTo"] = [];
  const failed: Invitation["failed"] = [];
  for (const channel of ["email", "sms"] as const) {
    const to = channel === "email" ? person.email : person.phone;
    if (!to) continue;
    try {
      await sendToPerson(deps, person, channel, "activationCode", values);
      sentTo.push({ channel, to });
    } catch {
      failed.push({ channel, to });
    }
  }
  return { patient: { id: patient.id, name: patient.name }, code, expiresAt, sentTo, failed };
}
