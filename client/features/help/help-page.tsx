import { For, Show } from "solid-js";
import { errorCodes } from "../../../shared/errors.ts";
import { guides } from "../../../shared/guides/index.ts";
import { t } from "../../i18n/i18n.ts";
import { currentUser } from "../../local/session.ts";
import { Page } from "../../ui/page.tsx";
import { guideText } from "./guide-words.ts";
import "./help.css";

/**
 * Help (/help), open to everyone, signed in or not, online or not: the guides of
 * shared/guides, the tools (check the device, reset the app, ask for help) and what each
 * error code means.
 */
export default function HelpPage() {
  return (
    <Page title={t("help.title")}>
      <p>{t("help.intro")}</p>

      <h2>{t("guides.ui.listHeading")}</h2>
      <ul class="help-list">
        <For each={guides}>
          {(guide) => (
            <li>
              <a href={`/help/${guide.id}`}>{guideText(`guides.${guide.id}.title`)}</a>
            </li>
          )}
        </For>
      </ul>

      <h2>{t("help.toolsHeading")}</h2>
      <ul class="help-list">
        <li>
          <a href="/help/check">{t("help.checkLink")}</a>
        </li>
        <li>
          <a href="/help/reset">{t("help.resetLink")}</a>
        </li>
        <li>
          <a href="/help/ask">{t("help.askLink")}</a>
        </li>
      </ul>

      <h2>{t("help.codes.heading")}</h2>
      <p>{t("help.codes.what")}</p>
      <p>{t("help.codes.tell")}</p>
      <details class="error-code-list">
        <summary>{t("help.codes.listSummary")}</summary>
        <dl>
          <For each={errorCodes}>
            {(code) => (
              <>
                <dt>{code}</dt>
                <dd>
                  {t(`errors.${code}.message`)} {t(`errors.${code}.action`)}
                </dd>
              </>
            )}
          </For>
        </dl>
      </details>

      <p>
        <Show when={currentUser()} fallback={<a href="/sign-in">{t("help.goToSignIn")}</a>}>
          <a href="/">{t("help.goHome")}</a>
        </Show>
      </p>
    </Page>
  );
}
