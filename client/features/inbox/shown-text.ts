import { bidiControls } from "../../../shared/contracts/inbox.ts";

/**
 * A one-line text someone else typed (a subject), fit to sit in a heading, a link or the
 * document title: bidi embedding, override and isolate controls become visible "[U+202E]"
 * marks instead of reordering it. Shown inside <bdi> where it sits among other words.
 */
export function shownText(text: string): string {
  return text.replace(
    new RegExp(bidiControls.source, "g"),
    (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}]`,
  );
}
