import type { MutationName } from "../../../shared/contracts/sync.ts";
import type { MutationHandler } from "./handler.ts";
import { setLanguage } from "./profile-set-language.ts";

/**
 * Every mutation the server applies, by name; the arguments of each are checked against
 * `mutationArgs` (shared/contracts/sync.ts) before its handler runs.
 */
export const mutationHandlers: { [N in MutationName]: MutationHandler<N> } = {
  "profile.setLanguage": setLanguage,
};
