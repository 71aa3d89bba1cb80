import * as v from "valibot";

/**
 * Text a person types and Hearth keeps: message bodies and subjects, a visit's reason,
 * check-in answers (docs/security.md). One rule on the device and on the server.
 *
 * Invisible: what Unicode says renderers show nothing for (Default_Ignorable_Code_Point:
 * zero-width characters and joiners, bidi controls, the soft hyphen, the Hangul fillers
 * U+115F, U+1160, U+3164 and U+FFA0, variation selectors, the tag characters
 * U+E0000–U+E007F…) and the blank braille pattern U+2800, which is not ignorable but
 * shows as nothing. Text of only these and spaces is empty. They are allowed inside text
 * with something visible: a joiner or a tag sequence is part of an emoji.
 */
const invisible = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;

/**
 * Controls a keyboard does not type (C0 but tab, line feed and carriage return; DEL; C1).
 * NUL above all: PostgreSQL cannot keep it in text or jsonb.
 */
const control = /(?![\t\n\r])\p{Cc}/u;

/** Whether nothing would show: only spaces and invisible characters (or nothing). */
export function isBlankText(text: string): boolean {
  return text.replace(invisible, "").trim() === "";
}

export function hasControlCharacter(text: string): boolean {
  return control.test(text);
}

/** What a free-text value cannot be sent with: a control character, or nothing to read. */
export type TextProblem = "control" | "blank";

/**
 * @example textProblem("\u2060 \u3164") // "blank"
 * @example textProblem("ok\u0000") // "control"
 */
export function textProblem(text: string): TextProblem | null {
  if (hasControlCharacter(text)) return "control";
  if (isBlankText(text)) return "blank";
  return null;
}

/**
 * A free-text field's check for valibot: trimmed, no control character, at most `max`; a
 * required one must show something, an optional one may be "" but not invisible-only. The
 * blank issue's message is `required`, which `fieldProblems` reports as such.
 */
export function freeText(max: number, options: { required: boolean }) {
  return v.pipe(
    v.string(),
    v.trim(),
    v.check((text) => !hasControlCharacter(text), "invalid"),
    v.check(
      (text) => (options.required || text !== "" ? !isBlankText(text) : true),
      options.required ? "required" : "invalid",
    ),
    v.maxLength(max),
  );
}
