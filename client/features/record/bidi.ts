/**
 * Marks the record's own words inside a string that will be put into a translated sentence
 * (with `t()`): FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the plain-text form of `<bdi>`.
 * `Isolated` (record-parts.tsx) turns each marked piece back into a `<bdi lang="en">`. Plain
 * TypeScript, so the pure models (dosage-words.ts) can use it outside a page.
 */
export function isolate(words: string): string {
  return `\u2068${words}\u2069`;
}

/** Splits a string built with `isolate()`: odd items are the record's words. */
export function isolatedPieces(text: string): string[] {
  return text.split(/\u2068([^\u2068\u2069]*)\u2069/);
}
