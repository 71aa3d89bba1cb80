import type { User } from "../auth/session.ts";
import type { Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { logFailure } from "../http/error-log.ts";
import { type MessageName, renderMessage } from "./templates.ts";
import type { Channel } from "./transport.ts";

/** Where a channel reaches this person, or undefined when they have none on file. */
export function addressOn(user: Pick<User, "email" | "phone">, channel: Channel) {
  return (channel === "email" ? user.email : user.phone) ?? undefined;
}

/**
 * Sends a message to a person in their own language through the configured transport.
 * A transport failure is logged and answered as `503 MSG-901` ("not sent"), never as success.
 *
 * @example await sendToPerson(deps, user, "email", "signInCode", { code, minutes: "10" });
 */
export async function sendToPerson(
  deps: Pick<Deps, "transport">,
  user: Pick<User, "email" | "phone" | "locale">,
  channel: Channel,
  name: MessageName,
  values: Record<string, string>,
): Promise<void> {
  const to = addressOn(user, channel);
  if (!to) throw new ApiError("AUTH-111");
  const { subject, text } = renderMessage(user.locale, name, channel, values);
  try {
    await deps.transport.send({ channel, to, subject, text });
  } catch (error) {
    logFailure(`messaging ${channel} ${name} not sent`, error);
    throw new ApiError("MSG-901");
  }
}

/**
 * A notice the person should get but whose failure must not undo what it reports (a
 * new-device sign-in stays signed in when the mail server is down): failures are only logged.
 */
export async function noticeToPerson(
  deps: Pick<Deps, "transport">,
  user: Pick<User, "email" | "phone" | "locale">,
  name: MessageName,
  values: Record<string, string>,
): Promise<void> {
  if (!user.email) return;
  try {
    await sendToPerson(deps, user, "email", name, values);
  } catch {
    // Logged by sendToPerson.
  }
}
