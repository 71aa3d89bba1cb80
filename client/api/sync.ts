import type {
  Mutation,
  MutationResult,
  PulledPatient,
  PulledRow,
  PullRequest,
  PullResponse,
  PushResponse,
} from "../../shared/contracts/sync.ts";
import { isErrorCodeShape } from "../../shared/error-code-shape.ts";
import { isRecord } from "../../shared/is-record.ts";
import { type ApiResult, type RequestOptions, request } from "./request.ts";

/** A page of a large record can take a while on a slow link; far longer than a sign-in. */
const pullTimeoutMs = 60_000;

/** POST /api/sync/pull: the next page of changes above the device's cursors. */
export function pullPage(
  body: PullRequest,
  options?: RequestOptions,
): Promise<ApiResult<PullResponse>> {
  return request({
    timeoutMs: pullTimeoutMs,
    ...options,
    method: "POST",
    path: "/api/sync/pull",
    body,
    read: readPull,
  });
}

/** POST /api/sync/push: mutations in order; one result each. */
export function pushMutations(
  mutations: Mutation[],
  options?: RequestOptions,
): Promise<ApiResult<PushResponse>> {
  return request({
    ...options,
    method: "POST",
    path: "/api/sync/push",
    body: { protocol: 1, mutations },
    read: readPush,
  });
}

/** Checks the answer's shape before anything of it is written to the device. */
function readPull(json: unknown): PullResponse | undefined {
  if (!isRecord(json) || json.protocol !== 1 || !Array.isArray(json.patients)) return undefined;
  if (!Array.isArray(json.rows) || typeof json.more !== "boolean") return undefined;
  if (!json.patients.every(isPatient) || !json.rows.every(isRow)) return undefined;
  return json as unknown as PullResponse;
}

function isPatient(value: unknown): value is PulledPatient {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    typeof value.cursor === "string" &&
    typeof value.reset === "boolean" &&
    typeof value.more === "boolean"
  );
}

function isRow(value: unknown): value is PulledRow {
  if (!isRecord(value) || typeof value.id !== "string" || typeof value.patientId !== "string") {
    return false;
  }
  if (typeof value.type !== "string" || typeof value.version !== "number") return false;
  return value.deleted === true || (value.deleted === false && isRecord(value.resource));
}

function readPush(json: unknown): PushResponse | undefined {
  if (!isRecord(json) || !Array.isArray(json.results)) return undefined;
  return json.results.every(isResult) ? (json as unknown as PushResponse) : undefined;
}

function isResult(value: unknown): value is MutationResult {
  if (!isRecord(value) || typeof value.id !== "string") return false;
  return (
    value.status === "applied" || (value.status === "rejected" && isErrorCodeShape(value.code))
  );
}
