import { Hono } from "hono";
import {
  passwordResetFinishRequest,
  passwordResetStartRequest,
  type RecoveryRequested,
  usernameReminderRequest,
} from "../../shared/contracts/access.ts";
import { recordAudit } from "../audit.ts";
import { accountBucketId, accountNamed, normalisedName } from "../auth/account-named.ts";
import { auditDeviceKeyRevocation } from "../auth/device-keys.ts";
import { digestOf } from "../auth/digest.ts";
import { codeLifetimeMs } from "../auth/one-time-codes.ts";
import { hashPassword } from "../auth/password.ts";
import { newPasswordProblem } from "../auth/password-policy.ts";
import {
  afterAnswer,
  finishReset,
  noticePasswordChanged,
  prepareResetCode,
  recoveryAddressPolicy,
  recoveryRequestPolicy,
  resetCodePolicy,
  sendUsernameReminder,
} from "../auth/password-reset.ts";
import { addressPolicy, clearBuckets, refund, takeAttempt } from "../auth/throttle.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { addressBucket, clientAddress } from "../http/client-address.ts";
import { readJson } from "../http/json-body.ts";

/**
 * `/api/access`: a forgotten password or username, for someone signed out (ADR 18).
 *
 * - `POST /password-reset/start {username}` → 202 `{minutes}`, always, account or not.
 * - `POST /password-reset/finish {username, code, password}` → 204; wrong code AUTH-115.
 * - `POST /username-reminder {email}` → 202, always.
 *
 * Asking and wrong codes are throttled per account (whether its username or its email was typed;
 * per name typed when no account has it) and per address, the same for names that exist and
 * names that do not; a throttled ask is 429 AUTH-105 for both (ASVS 6.3.1, 6.3.8).
 */
export function recoveryRoutes(deps: Deps) {
  const { db, config, now } = deps;
  const addressOf = (c: Parameters<typeof clientAddress>[0]) =>
    addressBucket(clientAddress(c, config.trustProxy));

  /** One ask for `key`, counted whether or not anything is found. */
  async function takeAsk(key: string, address: string, at: Date) {
    const attempt = await takeAttempt(
      db,
      [
        [key, recoveryRequestPolicy],
        [`recovery-address:${address}`, recoveryAddressPolicy],
      ],
      at,
    );
    if (!attempt.ok) throw new ApiError("AUTH-105", undefined, attempt.retryAfterMs);
  }

  const requested: RecoveryRequested = { minutes: codeLifetimeMs / 60_000 };

  return new Hono<AppEnv>()
    .post("/password-reset/start", async (c) => {
      const { username } = await readJson(c, passwordResetStartRequest);
      const at = now();
      const user = await accountNamed(db, username);
      await takeAsk(`reset-ask:${accountBucketId(user, username)}`, addressOf(c), at);
      await recordAudit(db, c, {
        actorId: user?.id ?? null,
        action: "access.password-reset.ask",
        outcome: user ? "success" : "failure",
        details: user ? undefined : { reason: "unknown-name" },
      });
      afterAnswer("reset code", await prepareResetCode(deps, user, at));
      return c.json(requested, 202);
    })
    .post("/password-reset/finish", async (c) => {
      const { username, code, password } = await readJson(c, passwordResetFinishRequest);
      const at = now();
      // Said before anything is looked up, so it is the same answer for every name.
      const plain = newPasswordProblem(password, { username });
      if (plain) throw new ApiError("REQ-302", [{ field: "password", problem: plain }]);
      const user = await accountNamed(db, username);
      const nameKey = `reset-code:${accountBucketId(user, username)}`;
      const addressKey = `address:${addressOf(c)}`;
      // Both charged before the code is looked at; the address gets its charge back unless the
      // code was wrong (it counts an address's wrong codes with its wrong passwords, ADR 11).
      const attempt = await takeAttempt(
        db,
        [
          [nameKey, resetCodePolicy],
          [addressKey, addressPolicy],
        ],
        at,
      );
      if (!attempt.ok) throw new ApiError("AUTH-105", undefined, attempt.retryAfterMs);
      // Hashed for every name, known or not: the slow step costs everyone the same.
      const passwordHash = await hashPassword(password);
      const outcome = await finishReset(db, user, code, password, passwordHash, at);
      if (!outcome.ok) {
        if (outcome.reason === "policy") {
          await refund(db, attempt, addressKey);
          throw new ApiError("REQ-302", [{ field: "password", problem: outcome.problem }]);
        }
        await recordAudit(db, c, {
          actorId: user?.id ?? null,
          action: "access.password-reset",
          outcome: "failure",
          details: { reason: user ? "wrong-code" : "unknown-name" },
        });
        throw new ApiError("AUTH-115");
      }
      await clearBuckets(db, [nameKey]);
      await refund(db, attempt, addressKey);
      await recordAudit(db, c, {
        actorId: outcome.user.id,
        action: "access.password-reset",
        outcome: "success",
        details: { sessionsEnded: "all" },
      });
      await auditDeviceKeyRevocation(db, c, {
        actorId: outcome.user.id,
        userId: outcome.user.id,
        reason: "password-changed",
        ids: outcome.revokedKeys,
      });
      noticePasswordChanged(deps, outcome.user);
      return c.body(null, 204);
    })
    .post("/username-reminder", async (c) => {
      const { email } = await readJson(c, usernameReminderRequest);
      const at = now();
      await takeAsk(`reminder-ask:${digestOf(normalisedName(email))}`, addressOf(c), at);
      const user = await accountNamed(db, email);
      // Only an email address finds the account: a username typed here is not a way to learn
      // which email address it has.
      const found = user?.email === normalisedName(email) ? user : undefined;
      afterAnswer("username reminder", async () => {
        await recordAudit(db, c, {
          actorId: found?.id ?? null,
          action: "access.username-reminder",
          outcome: found ? "success" : "failure",
        });
        if (found) await sendUsernameReminder(deps, found);
      });
      return c.json(requested, 202);
    });
}
