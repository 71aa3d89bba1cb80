import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import Dexie from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import { signOut } from "../../local/session-end.ts";
import { jsonAnswer, offline, stubNetwork } from "../../test/network.ts";
import SignInPage from "./sign-in-page.tsx";

const ana = {
  id: "u-ana",
  username: "ana",
  displayName: "Ana Rivera",
  role: "patient",
  locale: "en",
};

function renderSignIn(location = "/sign-in") {
  const history = createMemoryHistory();
  history.set({ value: location, replace: true, scroll: false });
  render(() => (
    <MemoryRouter history={history}>
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/" component={() => <h1>Home</h1>} />
      <Route path="/records" component={() => <h1>Records</h1>} />
      <Route path="/sign-in/second-step" component={() => <h1>Second step</h1>} />
    </MemoryRouter>
  ));
  return {
    history,
    username: screen.getByLabelText("Username") as HTMLInputElement,
    password: screen.getByLabelText("Password") as HTMLInputElement,
    submit: screen.getByRole("button", { name: "Sign in" }),
  };
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await Dexie.delete("hearth-u-ana");
});

describe("the sign-in page", () => {
  it("has one h1 and labelled fields with autocomplete for password managers", () => {
    const { username, password } = renderSignIn();
    expect(screen.getAllByRole("heading", { level: 1 }).map((h) => h.textContent)).toEqual([
      "Sign in",
    ]);
    expect(username.getAttribute("autocomplete")).toBe("username");
    expect(password.getAttribute("autocomplete")).toBe("current-password");
    expect(username.getAttribute("aria-describedby")).toBe("username-hint");
    expect(screen.getByRole("link", { name: "Trouble signing in?" }).getAttribute("href")).toBe(
      "/help",
    );
  });

  it("on an empty submit shows the error summary, focused, linking to each field", () => {
    const { username, password, submit } = renderSignIn();
    fireEvent.click(submit);

    const summary = screen.getByRole("alert");
    expect(document.activeElement).toBe(summary);
    expect(summary.querySelector("h2")?.textContent).toBe("There is a problem");
    const links = [...summary.querySelectorAll("a[href^='#']")].map((link) => [
      link.textContent,
      link.getAttribute("href"),
    ]);
    expect(links).toEqual([
      ["Enter your username", "#username"],
      ["Enter your password", "#password"],
    ]);
    for (const [, href] of links)
      expect(document.querySelector(href ?? "")).toBeInstanceOf(HTMLInputElement);

    expect(username.getAttribute("aria-invalid")).toBe("true");
    expect(username.getAttribute("aria-describedby")).toBe("username-hint username-error");
    expect(document.getElementById("username-error")?.textContent).toBe(
      "Error: Enter your username",
    );
    expect(password.getAttribute("aria-describedby")).toBe("password-error");
    expect(document.title).toBe("Error: Sign in – Hearth");
  });

  it("moves focus to the field when its summary entry is followed", () => {
    const { password, submit } = renderSignIn();
    fireEvent.click(submit);
    fireEvent.click(screen.getByRole("link", { name: "Enter your password" }));
    expect(document.activeElement).toBe(password);
  });

  it("takes focus again on a second failed submit, listing only what is still wrong", () => {
    const { username, submit } = renderSignIn();
    fireEvent.click(submit);
    fireEvent.input(username, { target: { value: "ana" } });
    username.focus();
    fireEvent.click(submit);
    const summary = screen.getByRole("alert");
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).not.toContain("Enter your username");
    expect(summary.textContent).toContain("Enter your password");
    expect(username.hasAttribute("aria-invalid")).toBe(false);
  });

  it("shows AUTH-101 in the summary with its code, marking neither field", async () => {
    const calls = stubNetwork({
      "POST /api/auth/sign-in": () => jsonAnswer(401, { error: { code: "AUTH-101" } }),
    });
    const { username, password, submit } = renderSignIn();
    fireEvent.input(username, { target: { value: " ana " } });
    fireEvent.input(password, { target: { value: "wrong" } });
    fireEvent.click(submit);

    const summary = await screen.findByRole("alert");
    expect(calls[0]?.body).toEqual({ username: "ana", password: "wrong" });
    expect(calls[0]?.headers.get("Content-Type")).toBe("application/json");
    expect(document.activeElement).toBe(summary);
    const link = screen.getByRole("link", { name: "The username or password is not right." });
    expect(link.getAttribute("href")).toBe("#username");
    expect(summary.textContent).toContain("Error code AUTH-101");
    expect(summary.textContent).toContain("Check both and try again.");
    expect(
      [...summary.querySelectorAll("a")].some(
        (a) => a.getAttribute("href") === "/help/code/AUTH-101",
      ),
    ).toBe(true);
    expect(username.hasAttribute("aria-invalid")).toBe(false);
    expect(password.hasAttribute("aria-invalid")).toBe(false);
  });

  it("says how long to wait when sign-in is throttled (AUTH-105)", async () => {
    stubNetwork({
      "POST /api/auth/sign-in": () =>
        jsonAnswer(429, { error: { code: "AUTH-105", retryAfterSeconds: 150 } }),
    });
    const { username, password, submit } = renderSignIn();
    fireEvent.input(username, { target: { value: "ana" } });
    fireEvent.input(password, { target: { value: "guess" } });
    fireEvent.click(submit);
    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toContain("There have been too many attempts to sign in.");
    expect(summary.textContent).toContain("You can try again in 3 minutes.");
    expect(summary.textContent).toContain("Error code AUTH-105");
  });

  it("goes to the second step, keeping `next`, when the account asks for a code", async () => {
    stubNetwork({
      "POST /api/auth/sign-in": () =>
        jsonAnswer(200, { secondStep: { methods: ["totp", "recovery-code"] } }),
    });
    const { history, username, password, submit } = renderSignIn("/sign-in?next=%2Frecords");
    fireEvent.input(username, { target: { value: "ana" } });
    fireEvent.input(password, { target: { value: "hearth-demo" } });
    fireEvent.click(submit);
    await screen.findByRole("heading", { name: "Second step" });
    expect(history.get()).toBe("/sign-in/second-step?next=%2Frecords");
    expect(localStorage.getItem("hearth.lastUserId")).toBeNull();
  });

  it("explains a network failure by its code", async () => {
    stubNetwork({ "POST /api/auth/sign-in": offline });
    const { username, password, submit } = renderSignIn();
    fireEvent.input(username, { target: { value: "ana" } });
    fireEvent.input(password, { target: { value: "hearth-demo" } });
    fireEvent.click(submit);
    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toContain("You are offline.");
    expect(summary.textContent).toContain("Error code NET-601");
  });

  it("hides the password again when the form is sent", () => {
    const { password, submit } = renderSignIn();
    fireEvent.click(screen.getByRole("button", { name: "Show password" }));
    expect(password.type).toBe("text");
    fireEvent.click(submit);
    expect(password.type).toBe("password");
  });

  it("after signing in, goes to a safe `next` path", async () => {
    stubNetwork({ "POST /api/auth/sign-in": () => jsonAnswer(200, { me: ana }) });
    const { history, username, password, submit } = renderSignIn("/sign-in?next=%2Frecords");
    fireEvent.input(username, { target: { value: "ana" } });
    fireEvent.input(password, { target: { value: "hearth-demo" } });
    fireEvent.click(submit);
    await screen.findByRole("heading", { name: "Records" });
    expect(history.get()).toBe("/records");
    await signOutQuietly();
  });

  it("after signing in, refuses a `next` that leaves the site", async () => {
    stubNetwork({ "POST /api/auth/sign-in": () => jsonAnswer(200, { me: ana }) });
    const { history, username, password, submit } = renderSignIn(
      "/sign-in?next=%2F%2Fevil.example",
    );
    fireEvent.input(username, { target: { value: "ana" } });
    fireEvent.input(password, { target: { value: "hearth-demo" } });
    fireEvent.click(submit);
    await screen.findByRole("heading", { name: "Home" });
    expect(history.get()).toBe("/");
    await signOutQuietly();
  });
});

/** Leaves the shared session signed out for the next test. */
async function signOutQuietly() {
  stubNetwork({ "POST /api/auth/sign-out": () => new Response(null, { status: 204 }) });
  await signOut();
  await waitFor(() => expect(localStorage.getItem("hearth.lastUserId")).toBeNull());
}
