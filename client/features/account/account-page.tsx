import { createResource, createSignal, Match, onMount, Show, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { online } from "../../local/connectivity.ts";
import { currentUser } from "../../local/session.ts";
import { Button } from "../../ui/button.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { ContactForm } from "./contact-form.tsx";
import { DeviceLockSection } from "./device-lock-section.tsx";
import { PasskeysSection } from "./passkeys-section.tsx";
import { PasswordForm } from "./password-form.tsx";
import { fetchContact } from "./security-api.ts";
import { SessionsSection } from "./sessions-section.tsx";
import "./account.css";

type View = "overview" | "password" | "email" | "phone";

/**
 * The account security page (/account): where the person is signed in, their password, email
 * and phone, passkeys, and links to two-step sign-in and recent activity. It reads the server,
 * not the device: none of it is health data, and all of it must be current to be trusted.
 */
export default function AccountPage() {
  const [view, setView] = createSignal<View>("overview");
  const [done, setDone] = createSignal<string>();
  const [refreshKey, setRefreshKey] = createSignal(0);
  const [contact, { refetch: refetchContact }] = createResource(refreshKey, fetchContact);
  const contactNow = () => {
    const answer = contact.latest;
    return answer?.ok ? answer.data : undefined;
  };

  /** Back to the overview with what changed, said and shown. */
  const finish = (message: string) => {
    setDone(message);
    setView("overview");
    setRefreshKey(refreshKey() + 1);
    void refetchContact();
    announce(message);
  };
  const back = () => {
    setView("overview");
    setDone(undefined);
  };

  return (
    <Page title={t("security.title")}>
      <Show when={!online()}>
        <StatusBanner tone="warning" title={t("security.offline")} />
      </Show>
      <Switch>
        <Match when={view() === "password"}>
          <PasswordForm
            userInputs={[currentUser()?.username ?? "", contactNow()?.email ?? ""]}
            onDone={() => finish(t("security.password.changed"))}
            onCancel={back}
          />
        </Match>
        <Match when={view() === "email"}>
          <ContactForm
            kind="email"
            onDone={() => finish(t("security.contact.emailChanged"))}
            onCancel={back}
          />
        </Match>
        <Match when={view() === "phone"}>
          <ContactForm
            kind="phone"
            onDone={() => finish(t("security.contact.phoneChanged"))}
            onCancel={back}
          />
        </Match>
        <Match when={view() === "overview"}>
          <Show when={done()}>{(message) => <DoneBanner message={message()} />}</Show>
          <p>{t("security.intro")}</p>
          <SessionsSection refreshKey={refreshKey()} />

          <section aria-labelledby="password-heading">
            <h2 id="password-heading">{t("security.password.heading")}</h2>
            <p>{t("security.password.intro")}</p>
            <Button onClick={() => setView("password")}>{t("security.password.change")}</Button>
          </section>

          <section aria-labelledby="contact-heading">
            <h2 id="contact-heading">{t("security.contact.heading")}</h2>
            <p>{t("security.contact.intro")}</p>
            <dl class="contact-list">
              <dt>{t("security.contact.email")}</dt>
              <dd dir={contactNow()?.email ? "ltr" : undefined}>
                {contactNow()?.email ?? t("security.contact.none")}
              </dd>
              <dt>{t("security.contact.phone")}</dt>
              <dd dir={contactNow()?.phone ? "ltr" : undefined}>
                {contactNow()?.phone ?? t("security.contact.none")}
              </dd>
            </dl>
            <div class="button-row">
              <Button onClick={() => setView("email")}>{t("security.contact.changeEmail")}</Button>
              <Button onClick={() => setView("phone")}>{t("security.contact.changePhone")}</Button>
            </div>
          </section>

          <section aria-labelledby="two-step-heading">
            <h2 id="two-step-heading">{t("security.twoStep.heading")}</h2>
            <p>{t("security.twoStep.intro")}</p>
            <p>
              <a href="/account/two-step">{t("security.twoStep.link")}</a>
            </p>
          </section>

          <PasskeysSection />

          <Show when={currentUser()}>{(me) => <DeviceLockSection userId={me().id} />}</Show>

          <section aria-labelledby="activity-heading">
            <h2 id="activity-heading">{t("security.activity.title")}</h2>
            <p>{t("security.activity.intro")}</p>
            <p>
              <a href="/account/activity">{t("security.activity.link")}</a>
            </p>
          </section>
        </Match>
      </Switch>
    </Page>
  );
}

/** What just changed, where the keyboard lands after a form closes (like FocusedHeading). */
function DoneBanner(props: { message: string }) {
  let banner: HTMLDivElement | undefined;
  onMount(() => banner?.focus());
  return (
    <div id="account-done" tabIndex={-1} ref={banner}>
      <StatusBanner tone="success" title={props.message} />
    </div>
  );
}
