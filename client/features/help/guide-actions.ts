import type { GuideAction } from "../../../shared/guides/types.ts";

/**
 * Where each guide action leads. Pages that do not exist yet (forgot password, username
 * reminder and activation come with issue 8) lead to the help-request form, so a guide never
 * points at a dead end; change the entry here when the page lands.
 */
export const guideActionPaths: Record<GuideAction, string> = {
  resetPassword: "/help/ask",
  remindUsername: "/help/ask",
  activate: "/help/ask",
  signIn: "/sign-in",
  twoStepSettings: "/account/two-step",
  checkDevice: "/help/check",
  resetApp: "/help/reset",
  askForHelp: "/help/ask",
};
