import { For } from "solid-js";
import { t } from "../../i18n/i18n.ts";

/** The controls that could reorder text (U+202A–202E, U+2066–2069), one at a time. */
const control = /([\u202A-\u202E\u2066-\u2069])/;

/**
 * Splits a message into lines, and each line into text and bidi controls. Pure, for tests.
 *
 * @example pieces("a\u202Eb") // [[{ text: "a" }, { control: "U+202E" }, { text: "b" }]]
 */
export function pieces(body: string): Array<Array<{ text: string } | { control: string }>> {
  return body.split("\n").map((line) =>
    line
      .split(control)
      .filter((part) => part !== "")
      .map((part) =>
        control.test(part)
          ? {
              control: `U+${(part.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`,
            }
          : { text: part },
      ),
  );
}

/**
 * A message's text, shown so that nothing in it can act on the page (docs/abuse-cases.md 8, 9):
 * - it is inserted as text, never as HTML, so markup and script are only characters;
 * - links stay text: no address in a message becomes something to click;
 * - each line is its own bidi-isolated paragraph (`dir="auto"`, `unicode-bidi: isolate` in
 *   inbox.css), so right-to-left text or stray direction marks cannot reorder the names,
 *   dates and buttons around it (Unicode UAX #9);
 * - embedding, override and isolate controls are shown as visible marks instead of being
 *   obeyed, so a message cannot reverse or hide part of itself either.
 */
export function MessageText(props: { body: string }) {
  return (
    <div class="inbox-text">
      <For each={pieces(props.body)}>
        {(line) => (
          <p dir="auto">
            <For each={line}>
              {(part) =>
                "control" in part ? (
                  <span class="inbox-text__control">
                    {t("inbox.thread.control", { code: part.control })}
                  </span>
                ) : (
                  part.text
                )
              }
            </For>
          </p>
        )}
      </For>
    </div>
  );
}
