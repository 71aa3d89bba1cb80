import type { GuideAction } from "../../../shared/guides/types.ts";

/**
 * Where each guide action leads. A page that does not exist yet leads to the help-request form,
 * so a guide never points at a dead end; change the entry here when the page lands.
 */
export const guideActionPaths: Record<GuideAction, string> = {
  resetPassword: "/forgot-password",
  remindUsername: "/forgot-username",
  activate: "/activate",
  signIn: "/sign-in",
  twoStepSettings: "/account/two-step",
  checkDevice: "/help/check",
  resetApp: "/help/reset",
  askForHelp: "/help/ask",
};
