import { count, eq } from "drizzle-orm";
import type { PersonState } from "../../shared/contracts/support.ts";
import { secondStepMethodsOf } from "../auth/authenticator-app.ts";
import { maskAddress } from "../auth/one-time-codes.ts";
import type { Database } from "../db/open.ts";
import { sessions } from "../db/schema.ts";
import { guideForAccount } from "./guide-match.ts";
import { verifiedUntil } from "./identity-check.ts";
import { identityOnFile, itemsOnFile } from "./identity-on-file.ts";
import { type Person, summaryOf } from "./people.ts";
import { freshReports, requestsOfAccount } from "./queue.ts";
import { signInHistoryOf } from "./sign-in-history.ts";
import { throttleStateOf } from "./throttle-state.ts";

/**
 * Everything support may know about a person's account, and nothing from their health record:
 * identity (masked), whether it is activated, throttling, second steps, sessions, sign-in
 * history, help requests and device reports. Sessions are only counted, never listed: their
 * user agents are the person's, not support's.
 */
export async function personStateOf(
  db: Database,
  person: Person,
  staffId: string,
  now: Date,
): Promise<PersonState> {
  const onFile = itemsOnFile(await identityOnFile(db, person));
  const until = await verifiedUntil(db, staffId, person, now);
  const base = {
    ...summaryOf(person),
    hasRecord: person.patient !== null,
    onFile,
    verifiedUntil: until?.toISOString() ?? null,
  };
  const user = person.user;
  if (!user) {
    return {
      ...base,
      role: null,
      email: null,
      phone: null,
      mustChangePassword: false,
      throttle: { blockedUntil: null, failures: 0 },
      secondStep: [],
      liveSessions: 0,
      signIns: [],
      failures: [],
      errorCodes: [],
      helpRequests: [],
      diagnostics: [],
      guide: guideForAccount({
        activated: false,
        blockedUntil: null,
        lastFailureCode: null,
        report: null,
      }),
    };
  }
  const throttle = await throttleStateOf(db, user, now);
  const history = await signInHistoryOf(db, user.id);
  const requests = await requestsOfAccount(db, user);
  const codes = requests.flatMap((request) =>
    request.diagnosticCode ? [request.diagnosticCode] : [],
  );
  const diagnostics = await freshReports(db, codes, now);
  const [live] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id));
  const errorCodes = [
    ...new Set(history.failures.flatMap((event) => (event.code ? [event.code] : []))),
  ];
  return {
    ...base,
    role: user.role,
    email: user.email ? maskAddress("email", user.email) : null,
    phone: user.phone ? maskAddress("sms", user.phone) : null,
    mustChangePassword: user.mustChangePassword,
    throttle,
    secondStep: await secondStepMethodsOf(db, user.id),
    liveSessions: live?.n ?? 0,
    signIns: history.signIns,
    failures: history.failures,
    errorCodes,
    helpRequests: requests,
    diagnostics,
    guide: guideForAccount({
      activated: true,
      blockedUntil: throttle.blockedUntil,
      lastFailureCode: history.failures[0]?.code ?? null,
      report: diagnostics[0] ?? null,
    }),
  };
}
