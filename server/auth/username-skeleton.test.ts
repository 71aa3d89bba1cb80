import { describe, expect, it } from "vitest";
import { usernameSkeleton } from "./username-skeleton.ts";

describe("usernameSkeleton (UTS #39)", () => {
  it("gives look-alikes from other scripts the skeleton of the Latin name", () => {
    expect(usernameSkeleton("\u0430na")).toBe(usernameSkeleton("ana")); // Cyrillic а
    expect(usernameSkeleton("r\u043Esa")).toBe(usernameSkeleton("rosa")); // Cyrillic о
    expect(usernameSkeleton("\u03BFmar")).toBe(usernameSkeleton("omar")); // Greek ο
    expect(usernameSkeleton("sam1")).toBe(usernameSkeleton("saml")); // digit one, letter l
  });

  it("treats composed and decomposed accents alike (NFD first)", () => {
    expect(usernameSkeleton("jos\u00E9")).toBe(usernameSkeleton("jose\u0301"));
  });

  it("keeps names that do not look alike apart", () => {
    expect(usernameSkeleton("ana")).not.toBe(usernameSkeleton("ama"));
    expect(usernameSkeleton("lina.h")).toBe("lina.h");
  });
});
