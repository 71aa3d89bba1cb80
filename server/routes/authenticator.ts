import { Hono } from "hono";
import { renderSVG } from "uqr";
import {
  type AuthenticatorEnrolment,
  type AuthenticatorStatus,
  oneTimeCodeRequest,
} from "../../shared/contracts/auth.ts";
import { recordAudit } from "../audit.ts";
import {
  confirmEnrolment,
  hasAuthenticatorApp,
  removeAuthenticatorApp,
  startEnrolment,
} from "../auth/authenticator-app.ts";
import { requireRecentAuthentication, requireUser, signedInAs } from "../auth/middleware.ts";
import { recoveryCodesLeft, replaceRecoveryCodes } from "../auth/recovery-codes.ts";
import { totpKeyText, totpUri } from "../auth/totp.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";

/**
 * `/api/account/authenticator`: setting up two-step sign-in with an authenticator app, and
 * its recovery codes. Every change asks for a recent password (ASVS 7.5.1) and is audited.
 */
export function authenticatorRoutes(deps: Deps) {
  const { db, now } = deps;
  const recent = requireRecentAuthentication(now);

  return new Hono<AppEnv>()
    .use("*", requireUser)
    .get("/", async (c) => {
      const { user } = signedInAs(c);
      const body: AuthenticatorStatus = {
        enabled: await hasAuthenticatorApp(db, user.id),
        recoveryCodesLeft: await recoveryCodesLeft(db, user.id),
      };
      return c.json(body);
    })
    .post("/start", recent, async (c) => {
      const { user } = signedInAs(c);
      const key = await startEnrolment(db, user.id, now());
      if (!key) throw new ApiError("AUTH-109");
      const uri = totpUri(key, user.username);
      const body: AuthenticatorEnrolment = {
        key: totpKeyText(key),
        uri,
        // Drawn on the server: the QR encoder never weighs on the client's bundle.
        qrSvg: renderSVG(uri, { pixelSize: 6, border: 2 }),
      };
      return c.json(body);
    })
    .post("/confirm", recent, async (c) => {
      const { user } = signedInAs(c);
      const { code } = await readJson(c, oneTimeCodeRequest);
      if (!(await confirmEnrolment(db, user.id, code, now()))) {
        await recordAudit(db, c, {
          actorId: user.id,
          action: "account.authenticator.add",
          outcome: "failure",
        });
        throw new ApiError("AUTH-106");
      }
      const recoveryCodes = await replaceRecoveryCodes(db, user.id, now());
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.authenticator.add",
        outcome: "success",
      });
      return c.json({ recoveryCodes });
    })
    .post("/recovery-codes", recent, async (c) => {
      const { user } = signedInAs(c);
      if (!(await hasAuthenticatorApp(db, user.id))) throw new ApiError("AUTH-103");
      const recoveryCodes = await replaceRecoveryCodes(db, user.id, now());
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.recovery-codes.replace",
        outcome: "success",
      });
      return c.json({ recoveryCodes });
    })
    .post("/remove", recent, async (c) => {
      const { user } = signedInAs(c);
      await removeAuthenticatorApp(db, user.id);
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.authenticator.remove",
        outcome: "success",
      });
      return c.body(null, 204);
    });
}
