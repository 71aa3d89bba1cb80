import { describe, expect, it } from "vitest";
import { locales } from "../../shared/locales/index.ts";
import { renderNotice, type SecurityNotice } from "./account-notices.ts";

const notices: SecurityNotice[] = [
  "passwordChanged",
  "emailChanged",
  "emailInUse",
  "phoneChanged",
  "passkeyAdded",
  "passkeyRemoved",
];

describe.each(locales)("security notices in %s", (locale) => {
  it.each(notices)("%s renders as an email and an SMS with every value filled", (name) => {
    const values = { username: "rosa", time: "25 November 2026", name: "Chrome · Android" };
    const email = renderNotice(locale, name, "email", values);
    const sms = renderNotice(locale, name, "sms", values);
    for (const text of [email.subject, email.text, sms.text]) {
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text.trim()).not.toBe("");
    }
    expect(email.text).toContain("25 November 2026");
    // Every email ends with the footer every Hearth message has.
    expect(email.text.split("\n\n").length).toBeGreaterThan(1);
  });
});
