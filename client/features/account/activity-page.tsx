import { createResource, For, Match, Show, Switch } from "solid-js";
import type { ErrorCode } from "../../../shared/errors.ts";
import { type TranslationKey, t } from "../../i18n/i18n.ts";
import { Page } from "../../ui/page.tsx";
import { ProblemBanner } from "./problem-banner.tsx";
import { fetchActivity } from "./security-api.ts";
import { deviceName } from "./sessions-section.tsx";
import "./account.css";
import { formatWhen } from "./when.ts";

const methods = ["password", "totp", "recovery-code", "email-code", "sms-code", "passkey"];

function methodName(method: string | null): string {
  return t(
    `security.activity.methods.${method && methods.includes(method) ? method : "unknown"}` as TranslationKey,
  );
}

const roleNames: Record<string, TranslationKey> = {
  patient: "roles.patient",
  clinician: "roles.clinician",
  support: "roles.support",
  admin: "roles.admin",
};

/**
 * Recent activity (/account/activity): the person's sign-ins, refused ones included, and who
 * else opened their health record, messages, appointments or account, when, and on what grounds
 * (care team, support request), from the audit log (HIPAA §164.528; ASVS 6.3.7, 16.2.1). A
 * stranger's failed attempt or an unexpected name here is what the person should act on.
 */
export default function ActivityPage() {
  const [activity] = createResource(fetchActivity);
  const data = () => {
    const answer = activity();
    return answer?.ok ? answer.data : undefined;
  };
  return (
    <Page title={t("security.activity.title")}>
      <p>{t("security.activity.intro")}</p>
      <p>
        <a href="/account">{t("security.title")}</a>
      </p>
      <Switch>
        <Match when={activity.loading}>
          <p class="app-loading">{t("security.loading")}</p>
        </Match>
        <Match when={data()}>
          {(found) => (
            <>
              <h2 id="sign-ins-heading">{t("security.activity.signIns")}</h2>
              <Show
                when={found().signIns.length > 0}
                fallback={<p>{t("security.activity.noSignIns")}</p>}
              >
                <table class="activity-table" aria-labelledby="sign-ins-heading">
                  <thead>
                    <tr>
                      <th scope="col">{t("security.activity.when")}</th>
                      <th scope="col">{t("security.activity.result")}</th>
                      <th scope="col">{t("security.activity.how")}</th>
                      <th scope="col">{t("security.activity.device")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={found().signIns}>
                      {(row) => (
                        <tr>
                          <td>{formatWhen(row.at)}</td>
                          <td>
                            {row.outcome === "success"
                              ? t("security.activity.success")
                              : t("security.activity.failure")}
                          </td>
                          <td>{methodName(row.method)}</td>
                          <td>{deviceName(row)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
              <h2 id="views-heading">{t("security.activity.views")}</h2>
              <Show
                when={found().recordViews.length > 0}
                fallback={<p>{t("security.activity.noViews")}</p>}
              >
                <table class="activity-table" aria-labelledby="views-heading">
                  <thead>
                    <tr>
                      <th scope="col">{t("security.activity.when")}</th>
                      <th scope="col">{t("security.activity.who")}</th>
                      <th scope="col">{t("security.activity.what")}</th>
                      <th scope="col">{t("security.activity.why")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={found().recordViews}>
                      {(row) => (
                        <tr>
                          <td>{formatWhen(row.at)}</td>
                          <td>
                            {row.who}
                            <Show when={roleNames[row.role]}>
                              {(role) => <span class="secondary-text"> ({t(role())})</span>}
                            </Show>
                          </td>
                          <td>{t(`security.activity.actions.${row.action}`)}</td>
                          <td>{t(`security.activity.basis.${row.basis}`)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </>
          )}
        </Match>
        <Match when={activity() && !activity()?.ok}>
          <ProblemBanner code={(activity() as { code: ErrorCode }).code} />
        </Match>
      </Switch>
    </Page>
  );
}
