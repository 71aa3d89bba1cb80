import { useNavigate } from "@solidjs/router";
import { createSignal } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { signOut } from "../local/session.ts";
import { Button } from "./button.tsx";
import { announce } from "./live-region.tsx";

/**
 * Signs out, wipes this device's copy of the person's data, and goes to the sign-in page.
 * Used in the header and on pages that offer signing out; needs the router.
 */
export function SignOutButton() {
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const leave = async () => {
    if (busy()) return;
    setBusy(true);
    announce(t("status.signingOut"));
    await signOut();
    setBusy(false);
    navigate("/sign-in");
    announce(t("status.signedOut"));
  };
  return (
    <Button aria-disabled={busy() ? "true" : undefined} onClick={leave}>
      {t("signOut.button")}
    </Button>
  );
}
