import { type JSX, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { currentUser } from "../../local/session.ts";
import { Page } from "../../ui/page.tsx";

/**
 * The console's pages for support staff only. The server refuses everyone else anyway
 * (AUTH-103); this spares them a page of errors.
 */
export function StaffOnly(props: { children: JSX.Element }) {
  return (
    <Show
      when={currentUser()?.role === "support"}
      fallback={
        <Page title={t("support.title")}>
          <p>{t("support.notForYou")}</p>
        </Page>
      }
    >
      {props.children}
    </Show>
  );
}
