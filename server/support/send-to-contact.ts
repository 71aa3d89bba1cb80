import type { SentTo } from "../../shared/contracts/support.ts";
import { ActivationRefused, issueActivationCode } from "../auth/activation-codes.ts";
import { contactsOf } from "../auth/activation-invite.ts";
import { codeLifetimeMs, issueCode, maskAddress } from "../auth/one-time-codes.ts";
import type { User } from "../auth/session.ts";
import type { Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { addressOn, sendToPerson } from "../messaging/notify.ts";
import type { Channel } from "../messaging/transport.ts";

/**
 * Codes staff cause to be sent but never see (docs/security.md; ASVS 6.4.4): each goes only to
 * a contact already on file, and the console is told where it went, masked. A caller who talked
 * staff round still has to read the person's own mailbox or phone.
 */

const bothChannels: readonly Channel[] = ["email", "sms"];

/**
 * A password reset code (the forgotten-password flow's, server/auth/password-reset.ts) to every
 * one of `channels` the account has on file; one code, so whichever arrives first works.
 * Nothing on file is SUP-110 (an identity check is the way); a code sent moments ago AUTH-110.
 */
export async function sendResetCode(
  deps: Deps,
  user: User,
  now: Date,
  channels: readonly Channel[] = bothChannels,
): Promise<SentTo[]> {
  const reachable = channels.filter((channel) => addressOn(user, channel));
  const first = reachable[0];
  if (!first) throw new ApiError("SUP-110");
  const owner = { userId: user.id, purpose: "password-reset" as const };
  const issued = await issueCode(deps.db, owner, first, now);
  if (!issued.ok) throw new ApiError("AUTH-110", undefined, issued.retryAfterMs);
  const values = { code: issued.code, minutes: String(codeLifetimeMs / 60_000) };
  return sendEach(
    reachable,
    (channel) => addressOn(user, channel),
    (channel) => sendToPerson(deps, user, channel, "passwordResetCode", values),
  );
}

/**
 * A new activation code for a patient who never activated an account, to the email and
 * mobile number on their Patient resource, in the language it gives (as the clinic's
 * invitation does, server/auth/activation-invite.ts).
 */
export async function sendActivationCode(
  deps: Deps,
  patientId: string,
  now: Date,
): Promise<{ sentTo: SentTo[]; expiresAt: Date }> {
  const person = await contactsOf(deps.db, patientId);
  if (!person.email && !person.phone) throw new ApiError("SUP-110");
  const issued = await issueActivationCode(deps.db, patientId, {
    now,
    validForMs: deps.config.activationCodeMs,
  }).catch((error: unknown) => {
    if (error instanceof ActivationRefused) {
      if (error.reason === "deceased") throw new ApiError("AUTH-116");
      // Activated between the page loading and the click: the page now shows the account.
      throw new ApiError("SUP-105");
    }
    throw error;
  });
  const values = {
    code: issued.code,
    url: `${deps.config.publicOrigin}/activate`,
    date: new Intl.DateTimeFormat(person.locale, { dateStyle: "long", timeZone: "UTC" }).format(
      issued.expiresAt,
    ),
  };
  const sentTo = await sendEach(
    bothChannels,
    (channel) => addressOn(person, channel),
    (channel) => sendToPerson(deps, person, channel, "activationCode", values),
  );
  return { sentTo, expiresAt: issued.expiresAt };
}

/** Sends on each channel; one that fails is logged and skipped, none getting through is MSG-901. */
async function sendEach(
  channels: readonly Channel[],
  address: (channel: Channel) => string | undefined,
  send: (channel: Channel) => Promise<void>,
): Promise<SentTo[]> {
  const sentTo: SentTo[] = [];
  for (const channel of channels) {
    const to = address(channel);
    if (!to) continue;
    try {
      await send(channel);
      sentTo.push({ channel, to: maskAddress(channel, to) });
    } catch {
      // Logged by sendToPerson; the other channel may still get through.
    }
  }
  if (sentTo.length === 0) throw new ApiError("MSG-901");
  return sentTo;
}
