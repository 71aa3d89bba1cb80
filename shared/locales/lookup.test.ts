import { describe, expect, it } from "vitest";
import ar from "./ar.json";
import en from "./en.json";
import { translate, type Words } from "./lookup.ts";

const words: Words = {
  found_zero: "Nothing found",
  found_one: "{{count, number}} result",
  found_other: "{{count, number}} results",
  plain: "Hello {{name}}",
  nested: { deeper: { leaf: "Leaf" } },
  counted: "{{count}} without plural forms",
};

const arWords: Words = {
  days_zero: "zero",
  days_one: "one",
  days_two: "two",
  days_few: "few",
  days_many: "many",
  days_other: "other",
};

describe("translate", () => {
  it("finds a dotted key and fills in its values", () => {
    expect(translate(words, "en", "nested.deeper.leaf")).toBe("Leaf");
    expect(translate(words, "en", "plain", { name: "Ana" })).toBe("Hello Ana");
  });

  it("answers undefined for a key with no words, or one that names a group", () => {
    expect(translate(words, "en", "nested.missing")).toBeUndefined();
    expect(translate(words, "en", "missing.deeper")).toBeUndefined();
    expect(translate(words, "en", "nested")).toBeUndefined();
  });

  it("picks the plural form by the language's rules, and _zero for 0 when there is one", () => {
    expect(translate(words, "en", "found", { count: 0 })).toBe("Nothing found");
    expect(translate(words, "en", "found", { count: 1 })).toBe("1 result");
    expect(translate(words, "en", "found", { count: 1200 })).toBe("1,200 results");
    // Arabic has six forms: 0, 1, 2, 3–10, 11–99, 100…
    const forms = [0, 1, 2, 3, 11, 100].map((count) => translate(arWords, "ar", "days", { count }));
    expect(forms).toEqual(["zero", "one", "two", "few", "many", "other"]);
    // Without a _zero form, 0 takes the language's own category (English: other).
    expect(translate({ n_one: "one", n_other: "other" }, "en", "n", { count: 0 })).toBe("other");
  });

  it("formats {{count, number}} in the language, and a count given as text is not a plural", () => {
    expect(translate(words, "es", "found", { count: 12000 })).toBe("12.000 results");
    expect(translate(words, "en", "counted", { count: 3 })).toBe("3 without plural forms");
    expect(translate(words, "en", "found", { count: "3" })).toBeUndefined();
  });

  it("leaves a placeholder with no value as it is, so a missing value shows", () => {
    expect(translate(words, "en", "plain")).toBe("Hello {{name}}");
  });

  it("reads the real locale files: every Arabic plural category is there for a counted text", () => {
    const counted = translate(en as unknown as Words, "en", "signOut.unsent.kind.message", {
      count: 2,
    });
    expect(counted).toContain("2");
    for (const count of [0, 1, 2, 3, 11, 100]) {
      const text = translate(ar as unknown as Words, "ar", "signOut.unsent.kind.message", {
        count,
      });
      expect(text, `ar, count ${count}`).toBeTypeOf("string");
    }
  });
});
