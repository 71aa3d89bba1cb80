import type { CheckResult } from "../../../shared/contracts/help.ts";
import { t } from "../../i18n/i18n.ts";
import { guideText } from "./guide-words.ts";

const outcomeKeys = {
  pass: "help.check.ok",
  warn: "help.check.warning",
  fail: "help.check.problem",
  unknown: "help.check.warning",
} as const;

/**
 * A check's result in plain words: "Clock — Problem: this device's clock is 95 seconds out…".
 * The outcome is written out, not only coloured (WCAG 1.4.1).
 */
export function CheckResultText(props: { result: CheckResult }) {
  const values = () => props.result.values ?? {};
  return (
    <p class={`check-result check-result--${props.result.outcome}`}>
      <strong>
        {guideText(`help.check.${props.result.check}.label`)}:{" "}
        {t(outcomeKeys[props.result.outcome])}.
      </strong>{" "}
      {guideText(`help.check.${props.result.check}.${props.result.says}`, values())}
    </p>
  );
}
