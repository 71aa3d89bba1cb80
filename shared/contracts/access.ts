/**
 * Getting into an account without a password: activation, forgotten password, forgotten
 * username (ADR 18). Used by server/routes/access-*.ts and client/features/access/*.
 * Kept out of the boot chunk (vite.config.ts isBootModule): only these lazy pages need it.
 */
import * as v from "valibot";
import { locales } from "../locales/index.ts";
import { calendarDate } from "./dates.ts";
import { passwordMaxLength, usernameMaxLength } from "./sign-in-limits.ts";

/** ASVS 6.2.1 / 6.2.9: at least 8, at most 64 characters (code points after NFKC). */
export const newPasswordMinLength = 8;
export const newPasswordMaxLength = 64;
/** Said on screen: a longer password, not a more complicated one (NIST SP 800-63B). */
export const newPasswordRecommendedLength = 15;

/** A new password's length as the rules count it: code points after NFKC, so 🌵 is one. */
export function newPasswordLength(password: string): number {
  return [...password.normalize("NFKC")].length;
}

/**
 * The letters of an activation code: Crockford's base32 without I, L, O and U, so what a clinic
 * reads out over the phone cannot be misheard as another letter or a digit.
 */
export const activationAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 12 letters of 5 bits: 60 bits, far beyond guessing under throttling (ASVS 6.4.1). */
export const activationCodeLength = 12;

/** "abcd efgh-jk mn pq" → "ABCDEFGHJKMNPQ": spaces, dashes and case forgiven; O→0, I/L→1. */
export function normaliseActivationCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** "ABCD-EFGH-JKMN": how a code is printed and read out. */
export function formatActivationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

const activationCode = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1),
  v.maxLength(40),
  v.transform(normaliseActivationCode),
);

/** A full date of birth, as an `<input>` of year, month and day gives it. */
const birthDate = v.pipe(v.string(), v.trim(), v.minLength(1), calendarDate);

/** `POST /api/access/activation/check`: is this code, with this birth date, a live one? 204 if so. */
export const activationCheckRequest = v.strictObject({ code: activationCode, birthDate });
export type ActivationCheckRequest = v.InferInput<typeof activationCheckRequest>;

/** Usernames: letters, digits, dot, dash and underscore; stored lower-cased. */
export const usernamePattern = /^[\p{L}\p{N}._-]+$/u;
export const usernameMinLength = 3;

const newUsername = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(usernameMinLength),
  v.maxLength(usernameMaxLength),
  v.regex(usernamePattern),
  v.toLowerCase(),
);
/** Only the outer bound here; the policy (server/auth/password-policy.ts) says the rest. */
const newPassword = v.pipe(v.string(), v.minLength(1), v.maxLength(passwordMaxLength));

/** `POST /api/access/activation/finish`: the account is made, and the person is signed in. */
export const activationFinishRequest = v.strictObject({
  code: activationCode,
  birthDate,
  username: newUsername,
  password: newPassword,
  /** The language the page was in: the account's, for its messages. */
  locale: v.optional(v.picklist(locales)),
});
export type ActivationFinishRequest = v.InferInput<typeof activationFinishRequest>;

/** `POST /api/access/password-reset/start`: username or email; the answer is always the same. */
export const passwordResetStartRequest = v.strictObject({
  username: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(usernameMaxLength)),
});

/** `POST /api/access/password-reset/finish`. */
export const passwordResetFinishRequest = v.strictObject({
  username: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(usernameMaxLength)),
  code: v.pipe(
    v.string(),
    v.transform((s) => s.replace(/\s/g, "")),
    v.regex(/^\d{6}$/),
  ),
  password: newPassword,
});
export type PasswordResetFinishRequest = v.InferInput<typeof passwordResetFinishRequest>;

/** `POST /api/access/username-reminder`: the email on file; the answer is always the same. */
export const usernameReminderRequest = v.strictObject({
  email: v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(254), v.email()),
});

/** The one answer to a reset or reminder request, whether the account exists or not. */
export interface RecoveryRequested {
  /** Minutes a reset code stays valid. */
  minutes: number;
}
