import type { CheckResult } from "../../../shared/contracts/help.ts";
import { t } from "../../i18n/i18n.ts";
import { wordsFor } from "./support-words.ts";

const outcomeKeys = {
  pass: "help.check.ok",
  warn: "help.check.warning",
  fail: "help.check.problem",
  unknown: "help.check.warning",
} as const;

/** One device check's result in the words the person saw ("Clock: Problem. …"). */
export function checkResultText(result: CheckResult): string {
  return `${wordsFor(`help.check.${result.check}.label`)}: ${t(outcomeKeys[result.outcome])}. ${wordsFor(
    `help.check.${result.check}.${result.says}`,
    result.values ?? {},
  )}`;
}
