import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  passwordMaxLength,
  signInRequest,
  usernameMaxLength,
} from "../../../shared/contracts/auth.ts";
import { fieldProblems } from "../../../shared/contracts/validation.ts";
import { checkSignIn, problemsByField } from "./sign-in-form.ts";

const cases: [string, { username: string; password: string }][] = [
  ["both empty", { username: "", password: "" }],
  ["username only spaces", { username: "   ", password: "hearth-demo" }],
  ["password empty", { username: "ana", password: "" }],
  [
    "password only spaces (kept: spaces are allowed in passwords)",
    { username: "ana", password: "  " },
  ],
  ["username at the limit", { username: "a".repeat(usernameMaxLength), password: "x" }],
  ["username over the limit", { username: "a".repeat(usernameMaxLength + 1), password: "x" }],
  [
    "username padded to over the limit",
    { username: ` ${"a".repeat(usernameMaxLength)} `, password: "x" },
  ],
  ["password at the limit", { username: "ana", password: "p".repeat(passwordMaxLength) }],
  ["password over the limit", { username: "ana", password: "p".repeat(passwordMaxLength + 1) }],
  ["both over the limit", { username: "a".repeat(99), password: "p".repeat(999) }],
  ["non-Latin username", { username: "  أنا  ", password: "密码 mật khẩu" }],
  ["valid", { username: " ana ", password: "hearth-demo" }],
];

describe("checkSignIn", () => {
  it.each(cases)("agrees with the server's schema: %s", (_name, input) => {
    const parsed = v.safeParse(signInRequest, input);
    const checked = checkSignIn(input);
    if (parsed.success) {
      expect(checked).toEqual({ ok: true, request: parsed.output });
    } else {
      expect(checked).toEqual({
        ok: false,
        problems: problemsByField(fieldProblems(parsed.issues)),
      });
    }
  });

  it("reports one problem per field, in the catalog's words", () => {
    expect(checkSignIn({ username: "", password: "" })).toEqual({
      ok: false,
      problems: { username: "required", password: "required" },
    });
  });
});

describe("problemsByField", () => {
  it("keeps the first problem of each sign-in field and drops other fields", () => {
    expect(
      problemsByField([
        { field: "username", problem: "tooLong" },
        { field: "username", problem: "invalid" },
        { field: "body", problem: "invalid" },
        { field: "password", problem: "required" },
      ]),
    ).toEqual({ username: "tooLong", password: "required" });
  });
});
