/** Limits shared by the sign-in form and the server (ASVS 6.2.9: at least 64 characters). */
export const usernameMaxLength = 64;
export const passwordMaxLength = 128;

/** Ways to pass the second step of signing in. */
export const secondStepMethods = ["totp", "recovery-code", "email-code", "sms-code"] as const;
export type SecondStepMethod = (typeof secondStepMethods)[number];

/** Where one-time codes are sent: the email address or the phone number on file. */
export const codeChannels = ["email", "sms"] as const;
export type CodeChannel = (typeof codeChannels)[number];

/** Re-authentication is asked for when the last one is older than this (ASVS 7.5.1). */
export const recentAuthenticationMs = 5 * 60_000;
