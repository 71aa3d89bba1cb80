import { useNavigate } from "@solidjs/router";
import { createSignal, lazy, Show, Suspense } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { currentUser } from "../local/session.ts";
import { signOut } from "../local/session-end.ts";
import type { UnsentSummary } from "../local/unsent-writes.ts";
import { Button } from "./button.tsx";
import { announce } from "./live-region.tsx";

// Only for a person with writes not sent yet: the sign-in page never loads it.
const SignOutDialog = lazy(() => import("./sign-out-dialog.tsx"));

/**
 * Signs out, wipes this device's copy of the person's data, and goes to the sign-in page. With
 * writes not sent yet it first asks what to do with them (sign-out-dialog.tsx). Used in the
 * header and on pages that offer signing out; needs the router.
 */
export function SignOutButton() {
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [asking, setAsking] = createSignal<{ userId: string; unsent: UnsentSummary }>();
  const finish = (said: string) => {
    setAsking(undefined);
    setBusy(false);
    navigate("/sign-in");
    announce(said);
  };
  const leave = async () => {
    if (busy() || asking()) return;
    setBusy(true);
    const userId = currentUser()?.id;
    if (userId) {
      const unsent = await (await import("./sign-out-dialog.tsx")).unsentSummary(userId);
      if (unsent.total > 0) {
        setBusy(false);
        return setAsking({ userId, unsent });
      }
    }
    announce(t("status.signingOut"));
    await signOut();
    finish(t("status.signedOut"));
  };
  return (
    <>
      <Button aria-disabled={busy() ? "true" : undefined} onClick={leave}>
        {t("signOut.button")}
      </Button>
      {/* Its own boundary: loading the dialog must not take the button (and focus) away. */}
      <Suspense>
        <Show when={asking()}>
          {(ask) => (
            <SignOutDialog
              userId={ask().userId}
              unsent={ask().unsent}
              onCancel={() => setAsking(undefined)}
              onSignedOut={finish}
            />
          )}
        </Show>
      </Suspense>
    </>
  );
}
