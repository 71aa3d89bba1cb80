import { afterEach, expect, it } from "vitest";
import en from "../../shared/locales/guides/en.json";
import es from "../../shared/locales/guides/es.json";
import { changeLocale, loadNamespaces, t } from "./i18n.ts";

afterEach(async () => {
  await changeLocale("en");
});

it("reads a namespace's words only once the namespace is loaded", async () => {
  // t() answers with the key itself when it has no words for it.
  expect(t("guides.ui.continue")).toBe("guides.ui.continue");
  await loadNamespaces(["guides"]);
  expect(t("guides.ui.continue")).toBe(en.ui.continue);
  // The main file's words are still all there after the merge.
  expect(t("signIn.submit")).not.toBe("signIn.submit");
});

it("loads a wanted namespace in a newly chosen language too", async () => {
  await loadNamespaces(["guides"]);
  expect(await changeLocale("es")).toBe(true);
  expect(t("guides.ui.continue")).toBe(es.ui.continue);
});
