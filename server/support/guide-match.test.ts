import { describe, expect, it } from "vitest";
import type { StoredDiagnostic } from "../../shared/contracts/help.ts";
import { findGuide } from "../../shared/guides/index.ts";
import { guideForAccount, guideForReport } from "./guide-match.ts";

const report = (over: Partial<StoredDiagnostic>): StoredDiagnostic => ({
  code: "D7K-4QX",
  createdAt: "2026-01-05T09:00:00.000Z",
  results: [],
  appVersion: "test",
  userAgent: "Mozilla/5.0",
  locale: "en",
  ...over,
});

describe("the guide shown to staff", () => {
  it("follows the guide the person was in, else the first failed check", () => {
    expect(guideForReport(report({ guide: "forgot-username" }))).toBe("forgot-username");
    expect(guideForReport(report({ guide: "no-such-guide" }))).toBeNull();
    expect(
      guideForReport(
        report({
          results: [
            { check: "network", outcome: "pass", says: "pass" },
            { check: "clock", outcome: "fail", says: "off" },
          ],
        }),
      ),
    ).toBe("two-step");
    expect(guideForReport(null)).toBeNull();
  });

  it("reads the account's state: not activated, throttled, wrong codes, wrong password", () => {
    const state = { activated: true, blockedUntil: null, lastFailureCode: null, report: null };
    expect(guideForAccount({ ...state, activated: false })).toBe("activation-code");
    expect(guideForAccount({ ...state, blockedUntil: "2026-01-05T10:00:00Z" })).toBe("locked-out");
    expect(guideForAccount({ ...state, lastFailureCode: "AUTH-107" })).toBe("two-step");
    expect(guideForAccount({ ...state, lastFailureCode: "AUTH-101" })).toBe("forgot-password");
    expect(guideForAccount(state)).toBe("error-code");
  });

  it("only ever names guides that exist", () => {
    for (const check of [
      "network",
      "clock",
      "cookies",
      "storage",
      "indexeddb",
      "serviceWorker",
      "browser",
    ] as const) {
      const guide = guideForReport(report({ results: [{ check, outcome: "fail", says: "fail" }] }));
      expect(guide && findGuide(guide), check).toBeTruthy();
    }
  });
});
