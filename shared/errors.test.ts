import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isErrorCodeShape } from "./error-code-shape.ts";
import { errorCatalog, errorCodes } from "./errors.ts";
import { findGuide } from "./guides/index.ts";
import { locales } from "./locales/index.ts";

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): unknown {
  let node: unknown = tree;
  for (const part of key.split(".")) {
    node = typeof node === "object" && node !== null ? (node as Tree)[part] : undefined;
  }
  return node;
}

const files = locales.map(
  (locale) =>
    [
      locale,
      JSON.parse(readFileSync(new URL(`./locales/${locale}.json`, import.meta.url), "utf8")),
    ] as const,
);

/**
 * ADRs 3 and 14: a code a person sees must be explained (message, "what you can do")
 * in their language and lead to the guide that resolves it.
 */
describe("the error catalog", () => {
  it.each(errorCodes)("%s has a message and an action in every locale", (code) => {
    const missing = files.flatMap(([locale, tree]) =>
      ["message", "action"]
        .map((part) => `errors.${code}.${part}`)
        .filter((key) => {
          const text = lookup(tree, key);
          return typeof text !== "string" || text.trim() === "";
        })
        .map((key) => `${locale}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(errorCodes)("%s leads to a guide in shared/guides", (code) => {
    expect(findGuide(errorCatalog[code].guide)?.id).toBe(errorCatalog[code].guide);
  });

  it("codes can be read out: letters, a dash, three digits", () => {
    expect(errorCodes.filter((code) => !/^[A-Z]{2,4}-\d{3}$/.test(code))).toEqual([]);
  });
});

it("gives every code the shape the client recognises codes by", () => {
  expect(errorCodes.filter((code) => !isErrorCodeShape(code))).toEqual([]);
  for (const notACode of ["", "AUTH-10", "auth-101", "AUTH-101.message", "<b>-101", 101]) {
    expect(isErrorCodeShape(notACode)).toBe(false);
  }
});
