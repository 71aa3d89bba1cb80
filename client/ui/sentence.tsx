import { For, type JSX } from "solid-js";
import { type TranslationKey, t } from "../i18n/i18n.ts";

/** Marks a placeholder in translated text; a character no translation or record contains. */
const mark = "\u2063";

/**
 * A translated sentence with parts that are elements, not text: the clinic's words isolated in
 * `<bdi lang="en">` inside an Arabic sentence, a date in `<time>`. The locale file keeps the
 * word order and punctuation; only the placeholders are swapped for the parts.
 *
 * @example <Sentence key="record.results.caption" parts={{ name: <Clinical>…</Clinical>, date: <When … /> }} />
 */
export function Sentence(props: { key: TranslationKey; parts: Record<string, JSX.Element> }) {
  const pieces = () => {
    const names = Object.keys(props.parts);
    const marked = Object.fromEntries(names.map((name) => [name, `${mark}${name}${mark}`]));
    return t(props.key, marked).split(mark);
  };
  // split() puts the placeholders' names at the odd positions.
  return (
    <For each={pieces()}>
      {(piece, i) => (i() % 2 === 1 ? (props.parts[piece] ?? piece) : piece)}
    </For>
  );
}
