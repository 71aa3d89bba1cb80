import { Navigate, useLocation } from "@solidjs/router";
import { type Component, lazy, Match, Switch } from "solid-js";
import type { ErrorCode } from "../shared/errors.ts";
import { t } from "./i18n/i18n.ts";
import { currentUser, session } from "./local/session.ts";

// Shown only when the device copy waits for its key: its own chunk, not the sign-in page's
// (the features/lock chunk it would join brings Dexie with it).
const CopyWaitingPage = lazy(() =>
  import("./features/lock/copy-waiting-page.tsx").then((m) => ({ default: m.CopyWaitingPage })),
);

/**
 * Wraps a page that needs a signed-in person. Until the session is known it says it is
 * checking; signed out, it goes to /sign-in with `next` set to come back here (the sign-in
 * page checks `next` is one of our paths). The page's chunk starts loading at once, in
 * parallel with the session check.
 *
 * @example <Route path="/" component={requireSignIn(HomePage)} />
 */
export function requireSignIn(Page: Component & { preload?: () => unknown }): Component {
  return () => {
    const location = useLocation();
    void Page.preload?.();
    const here = () => encodeURIComponent(location.pathname + location.search);
    const signInHref = () => {
      const current = session();
      // After "Sign out" nobody wants to be sent back to the page they just left.
      if (current.state === "signed-out" && current.reason === "signed-out") return "/sign-in";
      return `/sign-in?next=${here()}`;
    };
    return (
      <Switch>
        <Match when={session().state === "checking"}>
          <p class="app-loading">{t("layout.checkingSignIn")}</p>
        </Match>
        <Match when={session().state === "signed-out"}>
          <Navigate href={signInHref()} />
        </Match>
        <Match when={session().state === "locked"}>
          <Navigate href={`/unlock?next=${here()}`} />
        </Match>
        <Match when={currentUser()?.mustChangePassword}>
          {/* A temporary password from support: a new one first (SUP-107). */}
          <Navigate href="/sign-in/new-password" />
        </Match>
        <Match when={copyWaiting()}>{(problem) => <CopyWaitingPage problem={problem()} />}</Match>
        <Match when={session().state === "signed-in"}>
          <Page />
        </Match>
      </Switch>
    );
  };
}

/** Why the device copy is still waiting for its key, while it is (session.ts, openCopy). */
function copyWaiting(): ErrorCode | undefined {
  const current = session();
  return current.state === "signed-in" && current.copyWaiting
    ? (current.problem ?? "NET-601")
    : undefined;
}
