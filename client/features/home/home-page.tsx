import { Show, Suspense } from "solid-js";
import type { Me } from "../../../shared/contracts/me.ts";
import { PatientHomeCards } from "../../home-cards.tsx";
import { t } from "../../i18n/i18n.ts";
import { createSavedProfile } from "../../local/profile.ts";
import { currentUser } from "../../local/session.ts";
import { Page } from "../../ui/page.tsx";
import { SignOutButton } from "../../ui/sign-out-button.tsx";
import { DeviceRecords } from "./device-records.tsx";

/** The home page (/): who is signed in, whether the information is fresh, what there is to do. */
export default function HomePage() {
  return <Show when={currentUser()}>{(me) => <Home me={me()} />}</Show>;
}

function Home(props: { me: Me }) {
  // The device's copy (Dexie), kept current by the session; the session's answer until it loads.
  const saved = createSavedProfile(props.me.id);
  const profile = () => saved() ?? props.me;
  return (
    <Page title={t("home.greeting", { name: profile().displayName })}>
      <p>{t("home.signedInAs", { username: profile().username })}</p>
      <p>{t("home.accountType", { role: t(`roles.${profile().role}`) })}</p>
      {/* These open the device's database and load their words after the page is shown: their
          waiting stays here, so it never takes the page (and the focus on its heading) away. */}
      <Suspense>
        <Show when={profile().role === "patient"}>
          <PatientHomeCards />
        </Show>
        <DeviceRecords />
      </Suspense>
      <h2>{t("home.whatYouCanDoHeading")}</h2>
      <ul class="link-list">
        <li>
          <a href="/account/two-step">{t("home.twoStepLink")}</a>
        </li>
        <li>
          <a href="/help">{t("home.helpLink")}</a>
        </li>
      </ul>
      <p>{t("home.signOutHint")}</p>
      <SignOutButton />
    </Page>
  );
}
