import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next.ts";

describe("safeNextPath", () => {
  it.each([
    ["/", "/"],
    ["/help", "/help"],
    ["/records?tab=labs", "/records?tab=labs"],
    ["/records#latest", "/records#latest"],
    ["/a/../help", "/help"],
    // Only a path on our site: the router shows the not-found page, nothing runs.
    ["/javascript:alert(1)//", "/javascript:alert(1)//"],
  ])("keeps our own path %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    ["protocol-relative URL", "//evil.example"],
    ["protocol-relative URL with path", "//evil.example/sign-in"],
    ["backslash after slash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["mixed slashes", "\\/evil.example"],
    ["encoded slashes (as the query string delivers them once decoded)", "%2F%2Fevil.example"],
    ["double-encoded slashes", "%252F%252Fevil.example"],
    ["tab inside the slashes", "/\t/evil.example"],
    ["newline inside the slashes", "/\n/evil.example"],
    ["leading space", " //evil.example"],
    ["javascript: URL", "javascript:alert(1)"],
    ["absolute https URL", "https://evil.example/"],
    ["absolute URL without slashes", "https:evil.example"],
    ["data: URL", "data:text/html,<script>alert(1)</script>"],
    ["dot segments climbing to another host", "/.//evil.example"],
    ["the sign-in page itself", "/sign-in?next=/"],
    ["empty", ""],
  ])("refuses %s", (_name, next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it.each([undefined, null, 42, ["/help", "//evil.example"]])("refuses a non-string %j", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });
});
