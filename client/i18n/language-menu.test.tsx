import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { LanguageMenu } from "./language-menu.tsx";
import { initialLocale } from "./locale-choice.ts";

function openMenu() {
  render(() => <LanguageMenu />);
  const toggle = screen.getByRole("button", { name: "Language" });
  fireEvent.click(toggle);
  return toggle;
}

describe("LanguageMenu", () => {
  it("is a disclosure listing each language in its own language", () => {
    const toggle = openMenu();
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const list = document.getElementById(toggle.getAttribute("aria-controls") ?? "");
    expect(list?.hidden).toBe(false);
    const names = ["English", "Español", "العربية", "Tiếng Việt", "中文"];
    for (const name of names) expect(screen.getByRole("button", { name })).toBeTruthy();
    expect(screen.getByRole("button", { name: "العربية" }).getAttribute("lang")).toBe("ar");
    expect(screen.getByRole("button", { name: "English" }).getAttribute("aria-current")).toBe(
      "true",
    );
  });

  it("switches <html lang dir> to Arabic, right to left, and remembers the choice", async () => {
    const toggle = openMenu();
    fireEvent.click(screen.getByRole("button", { name: "العربية" }));
    await waitFor(() => expect(document.documentElement.lang).toBe("ar"));
    expect(document.documentElement.dir).toBe("rtl");
    expect(localStorage.getItem("hearth.locale")).toBe("ar");
    expect(initialLocale()).toBe("ar");
    // The menu closes, focus goes back to its button, which now speaks Arabic.
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(toggle);
    expect(toggle.textContent).toContain("اللغة");
  });

  it("switches back to a left-to-right language", async () => {
    openMenu();
    fireEvent.click(screen.getByRole("button", { name: "العربية" }));
    await waitFor(() => expect(document.documentElement.dir).toBe("rtl"));
    fireEvent.click(screen.getByRole("button", { name: "اللغة" }));
    fireEvent.click(screen.getByRole("button", { name: "Tiếng Việt" }));
    await waitFor(() => expect(document.documentElement.lang).toBe("vi"));
    expect(document.documentElement.dir).toBe("ltr");
  });

  it("closes on Escape and gives focus back to its button", () => {
    const toggle = openMenu();
    fireEvent.keyDown(screen.getByRole("button", { name: "Español" }), { key: "Escape" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(toggle);
  });
});
