import { lazy, Show, Suspense } from "solid-js";
import { t } from "./i18n/i18n.ts";
import { currentUser } from "./local/session.ts";
import { NavLink } from "./ui/nav-link.tsx";

// "Messages" with its unread count: the count is read from the device (Dexie), so it loads lazily.
const InboxNavLink = lazy(() => import("./features/inbox/inbox-nav-link.tsx"));

/**
 * The main menu of a signed-in person, by role. Its own chunk, loaded with the first signed-in
 * page: the sign-in page's script budget (40 KB gzip) has no room for menus it never shows.
 */
export default function SignedInNav() {
  const role = () => currentUser()?.role;
  return (
    <>
      <li>
        <NavLink href="/">{t("layout.home")}</NavLink>
      </li>
      <Show when={role() === "patient"}>
        <li>
          <NavLink href="/record">{t("layout.record")}</NavLink>
        </li>
      </Show>
      <Show when={role() === "patient" || role() === "clinician"}>
        <li>
          <Suspense fallback={<NavLink href="/inbox">{t("layout.messages")}</NavLink>}>
            <InboxNavLink />
          </Suspense>
        </li>
      </Show>
      <Show when={role() === "patient"}>
        <li>
          <NavLink href="/appointments">{t("layout.appointments")}</NavLink>
        </li>
      </Show>
      <Show when={role() === "clinician"}>
        <li>
          <NavLink href="/clinic/appointments">{t("layout.appointments")}</NavLink>
        </li>
      </Show>
      <Show when={role() === "support"}>
        <li>
          <NavLink href="/support">{t("layout.support")}</NavLink>
        </li>
      </Show>
      <li>
        <NavLink href="/account">{t("layout.account")}</NavLink>
      </li>
    </>
  );
}
