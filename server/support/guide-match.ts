import type { StoredDiagnostic } from "../../shared/contracts/help.ts";
import { type DeviceCheck, findGuide } from "../../shared/guides/index.ts";

/** Which guide resolves a failed device check ("Check my device"). */
const guideForCheck: Record<DeviceCheck, string> = {
  network: "offline",
  clock: "two-step",
  cookies: "page-will-not-load",
  storage: "page-will-not-load",
  indexeddb: "page-will-not-load",
  serviceWorker: "app-not-updating",
  browser: "page-will-not-load",
};

/** The guide catalog's general entry, when nothing points anywhere more precise. */
export const fallbackGuide = "error-code";

/**
 * The guide for a device report: the one the person was following when they ran the check,
 * else the one for the first check that failed; null when the device looks healthy.
 */
export function guideForReport(report: StoredDiagnostic | null): string | null {
  if (!report) return null;
  if (report.guide && findGuide(report.guide)) return report.guide;
  const failed = report.results.find((result) => result.outcome === "fail");
  return failed ? guideForCheck[failed.check] : null;
}

/** The guide for an account's state: what is wrong with it now says most. */
export function guideForAccount(state: {
  activated: boolean;
  blockedUntil: string | null;
  lastFailureCode: string | null;
  report: StoredDiagnostic | null;
}): string {
  if (!state.activated) return "activation-code";
  if (state.blockedUntil) return "locked-out";
  if (state.lastFailureCode === "AUTH-106" || state.lastFailureCode === "AUTH-107")
    return "two-step";
  const fromReport = guideForReport(state.report);
  if (fromReport) return fromReport;
  if (state.lastFailureCode === "AUTH-101") return "forgot-password";
  return fallbackGuide;
}
