import { activationCode } from "./activation-code.ts";
import { appNotUpdating } from "./app-not-updating.ts";
import { errorCode } from "./error-code.ts";
import { forgotPassword } from "./forgot-password.ts";
import { forgotUsername } from "./forgot-username.ts";
import { lockedOut } from "./locked-out.ts";
import { offline } from "./offline.ts";
import { pageWillNotLoad } from "./page-will-not-load.ts";
import { signedOut } from "./signed-out.ts";
import { twoStep } from "./two-step.ts";
import type { Guide } from "./types.ts";

export * from "./types.ts";

/** Every help guide, in the order the help page lists them (most asked for first). */
export const guides: readonly Guide[] = [
  forgotPassword,
  forgotUsername,
  twoStep,
  lockedOut,
  activationCode,
  signedOut,
  pageWillNotLoad,
  appNotUpdating,
  offline,
  errorCode,
];

export function findGuide(id: string): Guide | undefined {
  return guides.find((guide) => guide.id === id);
}
