import type {
  DiagnosticReport,
  DiagnosticSaved,
  HelpRequest,
  HelpRequestSaved,
} from "../../../shared/contracts/help.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { request } from "../../api/request.ts";

/**
 * Saves a "Check my device" report for support and answers its code. No cookie: the report is
 * about the device, not the account.
 */
export function saveDiagnosticReport(report: DiagnosticReport) {
  return request<DiagnosticSaved>({
    method: "POST",
    path: "/api/diagnostics",
    body: report,
    credentials: "omit",
    read: (json) =>
      isRecord(json) && typeof json.code === "string"
        ? (json as unknown as DiagnosticSaved)
        : undefined,
  });
}

/**
 * Sends "Ask for help". With the cookie only when the person is fully signed in, so support
 * sees whose account it is; otherwise without, so a half-finished sign-in is not refused.
 */
export function sendHelpRequest(body: HelpRequest, signedIn: boolean) {
  return request<HelpRequestSaved>({
    method: "POST",
    path: "/api/help-requests",
    body,
    credentials: signedIn ? "same-origin" : "omit",
    read: (json) =>
      isRecord(json) && typeof json.reference === "string"
        ? { reference: json.reference }
        : undefined,
  });
}
