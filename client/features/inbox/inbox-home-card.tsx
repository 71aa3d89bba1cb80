import { createSignal, onMount, Show } from "solid-js";
import { currentLocale, loadNamespaces, t } from "../../i18n/i18n.ts";
import { currentUser } from "../../local/session.ts";
import { createDeviceInbox } from "./device-inbox-query.ts";

/**
 * The home page's messages line (one `<li>` of "What needs attention"): how many replies are
 * unread, counted on the device so it is right offline, and the way in.
 */
export function InboxHomeCard() {
  const [ready, setReady] = createSignal(false);
  onMount(() => void loadNamespaces(["inbox"]).then(() => setReady(true)));
  return (
    <Show when={ready() && currentUser()?.role === "patient"}>
      <Line />
    </Show>
  );
}

function Line() {
  const inbox = createDeviceInbox();
  const number = (n: number) => new Intl.NumberFormat(currentLocale()).format(n);
  return (
    <Show when={inbox()}>
      {(box) => (
        <li>
          <Show when={box().unread > 0} fallback={t("inbox.home.none")}>
            <strong>{t("inbox.home.unread", { n: number(box().unread) })}</strong>
          </Show>{" "}
          <a href="/inbox">{t("inbox.home.link")}</a>
        </li>
      )}
    </Show>
  );
}
