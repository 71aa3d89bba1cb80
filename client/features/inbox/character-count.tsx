import { textLength } from "../../../shared/contracts/inbox.ts";
import { currentLocale, t } from "../../i18n/i18n.ts";

/**
 * The visible length limit under a message box (GOV.UK character count): how much is used, or
 * how far over. Not a live region: it would speak at every keystroke; the limit is in the hint.
 */
export function CharacterCount(props: { id: string; value: string; max: number }) {
  const used = () => textLength(props.value.trim());
  const number = (n: number) => new Intl.NumberFormat(currentLocale()).format(n);
  return (
    <p class="inbox-count" classList={{ "inbox-count--over": used() > props.max }} id={props.id}>
      {used() > props.max
        ? t("inbox.counterOver", { over: number(used() - props.max) })
        : t("inbox.counter", { used: number(used()), max: number(props.max) })}
    </p>
  );
}
