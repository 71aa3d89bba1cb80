import * as v from "valibot";
import { codeChannels, passwordMaxLength, usernameMaxLength } from "./sign-in-limits.ts";

// The plain values live in a file without valibot, so the sign-in page can use them without
// loading a validation library it does not run (scripts/bundle-budget.ts).
export * from "./sign-in-limits.ts";

export const signInRequest = v.strictObject({
  username: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(usernameMaxLength)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(passwordMaxLength)),
});
export type SignInRequest = v.InferOutput<typeof signInRequest>;

import type { SecondStepMethod } from "./sign-in-limits.ts";

/**
 * What `POST /api/auth/sign-in` answers: signed in (`me`), or a partial session that must pass
 * one of `methods` at /api/auth/second-step/* first.
 */
export type SignInAnswer<Me> = { me: Me } | { secondStep: { methods: SecondStepMethod[] } };

/** A 6-digit code from an authenticator app, an email or an SMS. Spaces are forgiven. */
export const oneTimeCodeRequest = v.strictObject({
  code: v.pipe(
    v.string(),
    v.transform((s) => s.replace(/\s/g, "")),
    v.regex(/^\d{6}$/),
  ),
});

/** A recovery code: 24 letters and digits, dashes and spaces forgiven. */
export const recoveryCodeRequest = v.strictObject({
  code: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)),
});

export const reauthenticateRequest = v.strictObject({
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(passwordMaxLength)),
});

/** `POST /api/account/authenticator/start`: what the person needs to add Hearth to their app. */
export interface AuthenticatorEnrolment {
  /** The key as text, in groups of four, for people who cannot scan. */
  key: string;
  /** The otpauth:// URI, which the QR code carries (and which a phone can open directly). */
  uri: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
}

/** `GET /api/account/authenticator`. */
export interface AuthenticatorStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
}

import type { CodeChannel } from "./sign-in-limits.ts";

export const sendCodeRequest = v.strictObject({ channel: v.picklist(codeChannels) });

/** A code was sent: where to (masked, "a•••@example.org"), and when a new one may be asked for. */
export interface CodeSent {
  channel: CodeChannel;
  to: string;
  resendAfterSeconds: number;
}

/** `GET /api/account/code-channel`: codes by email or SMS as a second step. */
export interface CodeChannelStatus {
  /** The channel in force, or null when codes are not a second step of this account. */
  channel: CodeChannel | null;
  /** Masked, or null when none is on file. */
  email: string | null;
  phone: string | null;
}
