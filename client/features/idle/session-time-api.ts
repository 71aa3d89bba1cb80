import { type SessionTime, sessionTimePath } from "../../../shared/contracts/account.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { type ApiResult, request } from "../../api/request.ts";

function readTime(json: unknown): SessionTime | undefined {
  if (!isRecord(json)) return undefined;
  const { endsAt, remainingMs, limit } = json;
  return typeof endsAt === "string" &&
    typeof remainingMs === "number" &&
    (limit === "idle" || limit === "absolute")
    ? { endsAt, remainingMs, limit }
    : undefined;
}

/** How long the session has left, by the server's reckoning; asking is not activity. */
export function fetchSessionTime(): Promise<ApiResult<SessionTime>> {
  return request({ method: "GET", path: sessionTimePath, read: readTime });
}

/** "Stay signed in": the session's idle time starts again from now. */
export function extendSession(): Promise<ApiResult<SessionTime>> {
  return request({
    method: "POST",
    path: `${sessionTimePath}/extend`,
    body: {},
    read: readTime,
  });
}
