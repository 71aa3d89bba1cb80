import type { Locale } from "../../../shared/locales/index.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { loincCodesOf, plainNameOfCodes } from "./common-tests.ts";
import { testKeyOf } from "./record-search.ts";
import { nameOf } from "./result-flags.ts";
import { isResultRow } from "./result-timeline.ts";

/** One test of the record, for the "find a test" list: where its history opens, and its names. */
export interface RecordTest {
  key: string;
  /** Its newest result (an undated one when it has no other): the page with its history. */
  id: string;
  /** The name the record gives. */
  name: string;
  codes: string[];
}

/** Every test among the results (not vital signs), each once, by the key its history uses. */
export function recordTests(rows: Iterable<DeviceResource>): RecordTest[] {
  const tests = new Map<string, RecordTest & { at: string }>();
  for (const row of rows) {
    if (row.type !== "Observation" || !isResultRow(row)) continue;
    const key = testKeyOf(row);
    const at = row.effectiveAt ?? "";
    const seen = tests.get(key);
    if (seen && seen.at >= at) continue;
    tests.set(key, {
      key,
      id: row.id,
      name: nameOf(row.resource),
      codes: loincCodesOf(row.resource.code),
      at,
    });
  }
  return [...tests.values()].map(({ at: _, ...test }) => test);
}

/** The tests on this device (one read of the Observations, done when the list is opened). */
export async function testsOnDevice({ db, patientId }: DeviceSource): Promise<RecordTest[]> {
  if (!patientId) return [];
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Observation"])
    .toArray();
  return recordTests(rows);
}

/** A test as the list shows it: the plain name when the table knows it, else the record's. */
export interface ListedTest extends RecordTest {
  plain: string | undefined;
  label: string;
}

/** The tests under one letter of the index. */
export interface LetterGroup {
  /** The letter shown, or undefined for names that start with no letter (digits, symbols). */
  letter: string | undefined;
  tests: ListedTest[];
}

/**
 * Pinyin initials by the first character that sorts under each in Chinese collation (ICU sorts
 * Han characters by pinyin): the way phone contact lists index Chinese names A to Z.
 */
const pinyinStarts = "阿八嚓哒妸发旮哈讥咔垃妈拏噢妑七呥仨他穵夕丫帀";
const pinyinLetters = "ABCDEFGHJKLMNOPQRSTWXYZ";

/**
 * The Arabic article "ال" is not indexed: dictionaries and indexes file "الكلى" under ك, or
 * nearly every name would sit under ا.
 */
function withoutArticle(name: string, locale: Locale): string {
  return locale === "ar" ? name.replace(/^ال(?=\p{L}{2})/u, "") : name;
}

/**
 * The letter a name is filed under in `locale`: its first letter without the accents the
 * language does not count as letters of their own (É under E in Spanish, but Ñ under Ñ; ấ under
 * Â in Vietnamese), the pinyin initial for a Chinese character, undefined for a digit or symbol.
 */
export function letterOf(
  name: string,
  locale: Locale,
  collator: Intl.Collator,
): string | undefined {
  const first = [...withoutArticle(name.trim(), locale)][0] ?? "";
  if (locale === "zh" && /\p{Script=Han}/u.test(first)) {
    let letter: string | undefined;
    for (const [index, start] of [...pinyinStarts].entries()) {
      if (collator.compare(first, start) >= 0) letter = pinyinLetters[index];
    }
    return letter;
  }
  if (!/\p{L}/u.test(first)) return undefined;
  const upper = first.toLocaleUpperCase(locale);
  const bare = upper.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  const base = new Intl.Collator(locale, { sensitivity: "base" });
  if (base.compare(bare, upper) === 0 || locale !== "vi") {
    return base.compare(bare, upper) === 0 ? bare : upper;
  }
  // Vietnamese Ấ: drop the tone (grave, acute, tilde, hook, dot below), keep the letter's own
  // mark (Â), as Vietnamese indexes do.
  return upper
    .normalize("NFD")
    .replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "")
    .normalize("NFC");
}

/**
 * The tests A to Z by the name the reader sees, in their language's order (Intl.Collator),
 * grouped by letter; names that start with no letter come first, as indexes put them.
 */
export function testsByLetter(tests: readonly RecordTest[], locale: Locale): LetterGroup[] {
  const collator = new Intl.Collator(locale, { numeric: true });
  const listed = tests
    .map((test) => {
      const plain = plainNameOfCodes(test.codes);
      return { ...test, plain, label: plain ?? test.name };
    })
    .filter((test) => test.label.trim() !== "")
    .sort((a, b) =>
      collator.compare(withoutArticle(a.label, locale), withoutArticle(b.label, locale)),
    );
  const groups: LetterGroup[] = [];
  for (const test of listed) {
    const letter = letterOf(test.label, locale, collator);
    const group = groups.find((g) => g.letter === letter);
    if (group) group.tests.push(test);
    else groups.push({ letter, tests: [test] });
  }
  // Chinese collation puts Latin after Han; an index reads A to Z whatever the script.
  return groups.sort((a, b) =>
    a.letter === undefined ? -1 : b.letter === undefined ? 1 : collator.compare(a.letter, b.letter),
  );
}
