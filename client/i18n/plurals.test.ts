import { expect, it } from "vitest";
import { changeLocale, t } from "./i18n.ts";

// Each language picks its own plural form by Intl.PluralRules (shared/locales/locales.test.ts
// checks every plural text has exactly its language's forms); the number is the language's too.
it("says a count in the plural form of each language", async () => {
  expect(t("sync.pendingOffline", { count: 1 })).toBe(
    "1 change will be sent when you are back online.",
  );
  expect(t("sync.pendingOffline", { count: 1200 })).toBe(
    "1,200 changes will be sent when you are back online.",
  );
  await changeLocale("ar");
  expect(t("sync.pendingOffline", { count: 2 })).toBe("سيُرسَل تغييران عند عودة الاتصال.");
  expect(t("sync.pendingOffline", { count: 3 })).toContain("تغييرات");
  expect(t("sync.pendingOffline", { count: 11 })).toContain("تغييرًا");
  await changeLocale("es");
  expect(t("sync.status.sending", { count: 1 })).toBe("Enviando 1 cambio…");
  expect(t("sync.status.sending", { count: 1_000_000 })).toBe("Enviando 1.000.000 de cambios…");
});
