import { eq } from "drizzle-orm";
import { users } from "../../db/schema.ts";
import type { MutationHandler } from "./handler.ts";

/**
 * `profile.setLanguage {locale}`: the language the person chose, kept on their account so
 * every device they sign in on speaks it (`Me.locale`). Made offline as readily as online.
 */
export const setLanguage: MutationHandler<"profile.setLanguage"> = {
  creates: () => [],
  async apply(tx, { user }, { locale }) {
    await tx.update(users).set({ locale }).where(eq(users.id, user.id));
    return { locale };
  },
};
