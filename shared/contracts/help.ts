import * as v from "valibot";
import { deviceChecks } from "../guides/types.ts";
import { freeText } from "./free-text.ts";

/**
 * A diagnostic code: six characters in two groups of three ("D7K-4QX"), from an alphabet
 * with no 0/O, 1/I/L or U, so it survives being read out over the phone (Crockford's
 * reasoning). 30^6 ≈ 729 million codes: reports live 7 days, and lookups are staff-only.
 */
export const diagnosticAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const diagnosticCodePattern = /^[2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3}$/;

/** Forgives case and a missing dash, as people type codes read to them. */
export const diagnosticCode = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.transform((s) => (/^[0-9A-Z]{6}$/.test(s) ? `${s.slice(0, 3)}-${s.slice(3)}` : s)),
  v.regex(diagnosticCodePattern),
);

export const checkOutcomes = ["pass", "warn", "fail", "unknown"] as const;

/**
 * One device check's result. `values` are the numbers and names the words need ("{{ms}}"),
 * never anything about the person: the report holds no health data and no identity.
 */
export const checkResult = v.strictObject({
  check: v.picklist(deviceChecks),
  outcome: v.picklist(checkOutcomes),
  /** Which words to show: "pass", "slow", "waiting"…; a key under help.check.<check>. */
  says: v.pipe(v.string(), v.regex(/^[a-z]{1,16}$/)),
  values: v.optional(
    v.record(
      v.pipe(v.string(), v.regex(/^[a-z]{1,16}$/)),
      v.union([v.pipe(v.string(), v.maxLength(64)), v.number()]),
    ),
  ),
});
export type CheckResult = v.InferOutput<typeof checkResult>;

/** `POST /api/diagnostics`: what "Check my device" found. */
export const diagnosticReport = v.strictObject({
  results: v.pipe(v.array(checkResult), v.maxLength(deviceChecks.length)),
  appVersion: v.pipe(v.string(), v.maxLength(64)),
  userAgent: v.pipe(v.string(), v.maxLength(512)),
  locale: v.pipe(v.string(), v.maxLength(16)),
  /** The guide the person was following when they ran the check, if any. */
  guide: v.optional(v.pipe(v.string(), v.maxLength(64))),
});
export type DiagnosticReport = v.InferOutput<typeof diagnosticReport>;

export interface DiagnosticSaved {
  code: string;
  expiresAt: string;
}

/** What support staff read back (`GET /api/diagnostics/:code`). */
export interface StoredDiagnostic extends DiagnosticReport {
  code: string;
  createdAt: string;
}

export const helpRequestLimits = { name: 100, contact: 200, message: 2000 } as const;

/**
 * "How can we reach you": an email address or a phone number. Loose on purpose — the point is
 * a reply, and people write phone numbers many ways — but not free text.
 */
export const contactPattern = /^(?:[^\s@]+@[^\s@]+\.[^\s@]+|\+?[\d\s().-]{6,30})$/;

/** `POST /api/help-requests`: the form, open to anyone signed in or not. */
export const helpRequest = v.strictObject({
  name: freeText(helpRequestLimits.name, { required: true }),
  contact: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1),
    v.maxLength(helpRequestLimits.contact),
    v.regex(contactPattern),
  ),
  message: freeText(helpRequestLimits.message, { required: true }),
  diagnosticCode: v.optional(v.union([v.pipe(v.string(), v.trim(), v.length(0)), diagnosticCode])),
  locale: v.pipe(v.string(), v.maxLength(16)),
});
export type HelpRequest = v.InferOutput<typeof helpRequest>;

export interface HelpRequestSaved {
  /** A short reference the person can quote: the diagnostic alphabet again. */
  reference: string;
}
