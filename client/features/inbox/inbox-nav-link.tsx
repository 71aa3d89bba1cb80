import { useLocation } from "@solidjs/router";
import {
  createEffect,
  createResource,
  createSignal,
  Match,
  on,
  onCleanup,
  onMount,
  Switch,
} from "solid-js";
import { loadNamespaces, t } from "../../i18n/i18n.ts";
import { currentUser } from "../../local/session.ts";
import { NavLink } from "../../ui/nav-link.tsx";
import { createDeviceInbox } from "./device-inbox-query.ts";
import { fetchInboxSummary } from "./inbox-api.ts";

/**
 * "Messages" in the main menu, with the number unread: for a patient counted on the device
 * (so it is right offline, and changes when a sync brings a reply — which screen readers then
 * hear once through a live region of its own, WCAG 4.1.3), for a clinician asked of the server
 * on each navigation.
 */
export default function InboxNavLink() {
  // The announcement's words; the link itself uses the main file's (layout.*).
  onMount(() => void loadNamespaces(["inbox"]));
  return (
    <Switch>
      <Match when={currentUser()?.role === "patient"}>
        <PatientLink />
      </Match>
      <Match when={currentUser()?.role === "clinician"}>
        <ClinicianLink />
      </Match>
    </Switch>
  );
}

export function MessagesLink(props: { unread: number | undefined }) {
  return (
    <NavLink href="/inbox">
      {props.unread ? t("layout.messagesUnread", { n: props.unread }) : t("layout.messages")}
    </NavLink>
  );
}

function PatientLink() {
  const inbox = createDeviceInbox();
  const unread = () => inbox()?.unread;
  const [said, setSaid] = createSignal("");
  let pending: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(unread, (now, before) => {
      if (now === undefined || before === undefined || now <= before) return;
      // A live region of its own, in the page since sign-in: the sync status, announced in the
      // same moment through the shared one, would otherwise replace this sentence. No role:
      // the page keeps one role="status", the shared region.
      clearTimeout(pending);
      setSaid("");
      pending = setTimeout(() => setSaid(t("inbox.announce.unread", { n: now })), 50);
    }),
  );
  onCleanup(() => clearTimeout(pending));
  return (
    <>
      <MessagesLink unread={unread()} />
      <span class="visually-hidden" aria-live="polite" data-inbox-announcer="">
        {said()}
      </span>
    </>
  );
}

function ClinicianLink() {
  const location = useLocation();
  const [summary] = createResource(
    () => location.pathname,
    () => fetchInboxSummary(),
  );
  const unread = () => {
    const answer = summary.latest;
    return answer?.ok ? answer.data.unreadThreads : undefined;
  };
  return <MessagesLink unread={unread()} />;
}
