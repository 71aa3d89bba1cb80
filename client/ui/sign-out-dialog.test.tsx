import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { changeLocale, t } from "../i18n/i18n.ts";
import { setSharedDevice } from "../local/device-user.ts";
import { keptAccounts } from "../local/kept-writes.ts";
import { forgetDataKey } from "../local/lock/data-key.ts";
import { addToOutbox } from "../local/outbox.ts";
import { signedIn } from "../local/session.ts";
import { setSignOutFlush } from "../local/session-end.ts";
import { closeUserDatabase, UserDatabase, userDatabase } from "../local/user-database.ts";
import { deviceKeyAnswers } from "../test/device-copy.ts";
import { stubNetwork } from "../test/network.ts";
import { ana } from "../test/people.ts";
import { LiveRegion } from "./live-region.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

const signOutAnswer = () => new Response(null, { status: 204 });

beforeEach(async () => {
  stubNetwork({ ...deviceKeyAnswers(), "POST /api/auth/sign-out": signOutAnswer });
  await signedIn(ana);
});

afterEach(async () => {
  forgetDataKey();
  vi.unstubAllGlobals();
  setSignOutFlush(undefined);
  closeUserDatabase();
  await Dexie.delete("hearth-u-ana");
});

function renderButton() {
  const history = createMemoryHistory();
  history.set({ value: "/", replace: true, scroll: false });
  render(() => (
    <>
      <LiveRegion />
      <MemoryRouter history={history}>
        <Route path="/" component={SignOutButton} />
        <Route path="/sign-in" component={() => <p>Sign-in page</p>} />
      </MemoryRouter>
    </>
  ));
  return history;
}

async function queueTwo() {
  const db = userDatabase(ana.id);
  await addToOutbox(db, ana.id, "message.send", { messageId: "m1", threadId: "t1", body: "Hi" });
  await addToOutbox(db, ana.id, "appointment.book", {
    id: "a1",
    scheduleId: "s1",
    start: "2026-12-01T10:00:00Z",
    visitType: "in-person",
    reason: "Check-up",
  });
}

async function openDialog() {
  const button = screen.getByRole("button", { name: "Sign out" });
  button.focus();
  fireEvent.click(button);
  return screen.findByRole("alertdialog", { name: "Before you sign out" });
}

const said = () => screen.getAllByRole("status")[0]?.textContent;

describe("the sign-out button", () => {
  it("with nothing unsent, signs out at once and says the device was wiped", async () => {
    const history = renderButton();
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(history.get()).toBe("/sign-in"));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    await waitFor(() => expect(said()).toBe(t("status.signedOut")));
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
  });

  it("with unsent writes, says how many and what, and moves focus into the dialog", async () => {
    await queueTwo();
    renderButton();
    const dialog = await openDialog();
    expect(dialog.textContent).toContain(
      "2 changes not sent yet: a message to your care team and an appointment request.",
    );
    expect(within(dialog).getByRole("button", { name: "Send them first" })).toBe(
      document.activeElement,
    );
    expect(within(dialog).getByText(/for up to 14 days/)).toBeTruthy();
  });

  it("Cancel and Escape close it, sign nobody out, and give focus back to the button", async () => {
    await queueTwo();
    renderButton();
    const button = screen.getByRole("button", { name: "Sign out" });
    fireEvent.click(within(await openDialog()).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(document.activeElement).toBe(button);
    fireEvent.keyDown(await openDialog(), { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(document.activeElement).toBe(button);
    expect(await userDatabase(ana.id).outbox.count()).toBe(2);
  });

  it("Keep: signs out, keeps only the writes for Ana's next sign-in, and says so", async () => {
    await queueTwo();
    const history = renderButton();
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole("button", { name: "Keep them for my next sign-in" }));
    await waitFor(() => expect(history.get()).toBe("/sign-in"));
    await waitFor(() => expect(said()).toBe(t("status.signedOutKept")));
    closeUserDatabase();
    const kept = new UserDatabase(ana.id);
    expect(await kept.outbox.count()).toBe(2);
    expect(await kept.profile.count()).toBe(0);
    kept.close();
    expect(Object.keys(keptAccounts())).toEqual([ana.id]);
  });

  it("Delete: signs out and nothing of Ana's is left, unsent", async () => {
    await queueTwo();
    let flushed = 0;
    setSignOutFlush(async () => {
      flushed++;
    });
    const history = renderButton();
    fireEvent.click(
      within(await openDialog()).getByRole("button", { name: "Delete them and sign out" }),
    );
    await waitFor(() => expect(history.get()).toBe("/sign-in"));
    await waitFor(() => expect(said()).toBe(t("status.signedOut")));
    expect(flushed).toBe(0);
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(keptAccounts()).toEqual({});
  });

  it("Send them first: signs out when all went, and says they were sent", async () => {
    await queueTwo();
    setSignOutFlush(async () => {
      const db = userDatabase(ana.id);
      await db.outbox.toCollection().modify({ applied: true });
    });
    const history = renderButton();
    fireEvent.click(within(await openDialog()).getByRole("button", { name: "Send them first" }));
    await waitFor(() => expect(history.get()).toBe("/sign-in"));
    await waitFor(() => expect(said()).toBe(t("status.signedOutSent")));
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
  });

  it("Send them first: says what is left when some could not go, and stays signed in", async () => {
    await queueTwo();
    setSignOutFlush(async () => {
      const db = userDatabase(ana.id);
      await db.outbox.where("seq").equals(2).modify({ applied: true });
    });
    const history = renderButton();
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole("button", { name: "Send them first" }));
    const left = "Still not sent: a message to your care team.";
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toBe(left));
    expect(dialog.textContent).toContain(left);
    expect(history.get()).toBe("/");
    expect(await userDatabase(ana.id).outbox.count()).toBe(2);
  });

  it("on a shared device offers only to send or delete, and says why", async () => {
    setSharedDevice(true);
    await queueTwo();
    renderButton();
    const dialog = await openDialog();
    expect(
      within(dialog).queryByRole("button", { name: "Keep them for my next sign-in" }),
    ).toBeNull();
    expect(dialog.textContent).toContain(t("signOut.unsent.shared"));
    expect(within(dialog).getByRole("button", { name: "Delete them and sign out" })).toBeTruthy();
  });
});

describe("the words", () => {
  it("count and name the writes by each language's plural rules", async () => {
    await changeLocale("ar");
    const what = t("signOut.unsent.kind.message", { count: 2 });
    expect(what).toBe("رسالتان إلى فريق رعايتك");
    expect(t("signOut.unsent.count", { count: 2, what })).toBe(
      "تغييران لم يُرسلا بعد: رسالتان إلى فريق رعايتك.",
    );
    expect(t("signOut.unsent.count", { count: 1, what })).toContain("تغيير واحد");
    expect(t("signOut.unsent.count", { count: 3, what })).toContain("تغييرات");
    expect(t("signOut.unsent.count", { count: 11, what })).toContain("تغييرًا");
    expect(t("signOut.unsent.kind.booking", { count: 5 })).toBe("5 طلبات مواعيد");
    await changeLocale("es");
    expect(t("signOut.unsent.kind.checkIn", { count: 1 })).toBe("un registro previo");
  });

  it("the sign-out dialog's list is joined as the language joins lists", async () => {
    await queueTwo();
    await changeLocale("es");
    renderButton();
    fireEvent.click(screen.getByRole("button", { name: t("signOut.button") }));
    const dialog = await screen.findByRole("alertdialog", { name: "Antes de cerrar sesión" });
    expect(dialog.textContent).toContain(
      "2 cambios aún sin enviar: un mensaje a su equipo de atención y una solicitud de cita.",
    );
  });
});
