import type { RouteSectionProps } from "@solidjs/router";
import { createEffect, lazy, on, Show, Suspense } from "solid-js";
import { t } from "./i18n/i18n.ts";
import { LanguageMenu } from "./i18n/language-menu.tsx";
import { online } from "./local/connectivity.ts";
import { currentUser, deviceUserId } from "./local/session.ts";
import { applyUpdate, updateReady } from "./service-worker.ts";
import { Button } from "./ui/button.tsx";
import { announce } from "./ui/live-region.tsx";
import { NavLink } from "./ui/nav-link.tsx";
import { PageLayout } from "./ui/page-layout.tsx";
import { StatusBanner } from "./ui/status-banner.tsx";

// Dexie and the sync engine load only once someone is signed in (the sign-in page's budget).
const SignedInFrame = lazy(() => import("./signed-in-frame.tsx"));
// The idle-timeout dialog and its words, for signed-in people only (WCAG 2.2.1).
const IdleWatch = lazy(() => import("./features/idle/idle-watch.tsx"));
// Sign-ins of this person waiting for approval from here (docs/decisions/0022-device-approval.md).
const ApprovalWatch = lazy(() => import("./features/approval/approval-watch.tsx"));
// Signing out asks about unsent writes (its dialog and their words): never on the sign-in page.
const SignOutButton = lazy(() =>
  import("./ui/sign-out-button.tsx").then((module) => ({ default: module.SignOutButton })),
);
// The signed-in menu, by role: a chunk of its own, as the sign-in page never shows it.
const SignedInNav = lazy(() => import("./signed-in-nav.tsx"));

/**
 * Hearth's frame around every route: the layout with the language menu, the sign-out button
 * and the main menu, the "new version" banner, and the announcements that concern every
 * page (connection lost or back, update ready) — said once per change, here.
 */
export function AppShell(props: RouteSectionProps) {
  createEffect(
    on(
      online,
      (now) => {
        // Signed in, the sync status says it (signed-in-frame.tsx): once, not twice.
        if (!currentUser()) announce(now ? t("status.backOnline") : t("status.wentOffline"));
      },
      { defer: true },
    ),
  );
  createEffect(
    on(updateReady, (ready) => {
      if (ready) announce(t("update.available"));
    }),
  );
  return (
    <PageLayout
      actions={
        <>
          <LanguageMenu />
          <Show when={currentUser()}>
            <Suspense>
              <SignOutButton />
            </Suspense>
          </Show>
        </>
      }
      navigation={
        <>
          <Show
            when={currentUser()}
            fallback={
              <li>
                <NavLink href="/sign-in">{t("layout.signIn")}</NavLink>
              </li>
            }
          >
            <Suspense
              fallback={
                <li>
                  <NavLink href="/">{t("layout.home")}</NavLink>
                </li>
              }
            >
              <SignedInNav />
            </Suspense>
          </Show>
          <li>
            <NavLink href="/help">{t("layout.help")}</NavLink>
          </li>
        </>
      }
      banners={
        <>
          <Show when={updateReady()}>
            <StatusBanner tone="info" title={t("update.available")}>
              <Button variant="primary" onClick={applyUpdate}>
                {t("update.reload")}
              </Button>
            </StatusBanner>
          </Show>
          {/* A temporary password from support opens nothing until it is changed (SUP-107).
              Keyed: another person signed in gets a frame of their own. */}
          <Show when={currentUser()?.mustChangePassword ? undefined : currentUser()?.id} keyed>
            {(_userId) => (
              <Suspense>
                {/* Support staff hold no record on their device: the server refuses them sync.
                    A copy waiting for its key (session.ts, openCopy) is not synced yet. */}
                <Show when={currentUser()?.role !== "support" && deviceUserId()}>
                  <SignedInFrame />
                </Show>
                <IdleWatch />
                <ApprovalWatch />
              </Suspense>
            )}
          </Show>
        </>
      }
    >
      <Suspense fallback={<p class="app-loading">{t("layout.loading")}</p>}>
        {props.children}
      </Suspense>
    </PageLayout>
  );
}
