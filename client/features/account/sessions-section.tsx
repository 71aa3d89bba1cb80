import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import type { AccountSession } from "../../../shared/contracts/account.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { announce } from "../../ui/live-region.tsx";
import { ProblemBanner } from "./problem-banner.tsx";
import { endOtherSessions, endSession, fetchSessions } from "./security-api.ts";
import { formatWhen } from "./when.ts";

/** "Chrome on Android", with words for what the browser did not say. */
export function deviceName(entry: { browser: string | null; system: string | null }): string {
  return t("security.sessions.device", {
    browser: entry.browser ?? t("security.sessions.unknownBrowser"),
    system: entry.system ?? t("security.sessions.unknownSystem"),
  });
}

/**
 * "Where you are signed in": every live session of the account, this device first, each
 * other one with its own "Sign out", and "Sign out everywhere else" (ASVS 7.4.5).
 */
export function SessionsSection(props: { refreshKey: number }) {
  const [listed, { refetch }] = createResource(() => props.refreshKey, fetchSessions);
  const [problem, setProblem] = createSignal<ErrorCode>();
  const sessions = (): AccountSession[] | undefined => {
    const answer = listed.latest;
    return answer?.ok ? answer.data : undefined;
  };
  const others = () => sessions()?.filter((s) => !s.current) ?? [];

  const fail = (code: ErrorCode) => {
    setProblem(code);
    announce(t(`errors.${code}.message`));
  };
  const endOne = async (entry: AccountSession) => {
    const result = await endSession(entry.id);
    if (!result.ok && result.code !== "AUTH-140") return fail(result.code);
    setProblem(undefined);
    await refetch();
    announce(t("security.sessions.signedOutOne", { device: deviceName(entry) }));
    document.getElementById("sessions-heading")?.focus();
  };
  const endOthers = async () => {
    const result = await endOtherSessions();
    if (!result.ok) return fail(result.code);
    setProblem(undefined);
    await refetch();
    announce(t("security.sessions.signedOutOthers", { count: result.data }));
    document.getElementById("sessions-heading")?.focus();
  };

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" tabIndex={-1}>
        {t("security.sessions.heading")}
      </h2>
      <Show when={problem()}>{(code) => <ProblemBanner code={code()} />}</Show>
      <p>{t("security.sessions.intro")}</p>
      <Switch>
        <Match when={listed.loading && !sessions()}>
          <p class="app-loading">{t("security.loading")}</p>
        </Match>
        <Match when={sessions()}>
          {(all) => (
            <>
              <ul class="session-list">
                <For each={all()}>
                  {(entry) => (
                    <li class="session-list__item">
                      <p class="session-list__device" id={`session-${entry.id}`}>
                        {deviceName(entry)}
                        <Show when={entry.current}>
                          {" "}
                          <span class="session-list__tag">{t("security.sessions.thisDevice")}</span>
                        </Show>
                      </p>
                      <p class="secondary-text">
                        {t("security.sessions.signedInAt", { time: formatWhen(entry.signedInAt) })}
                        <br />
                        {t("security.sessions.lastActive", {
                          time: formatWhen(entry.lastActiveAt),
                        })}
                      </p>
                      <Show when={entry.waitingForSecondStep}>
                        <p class="session-list__warning">{t("security.sessions.waiting")}</p>
                      </Show>
                      <Show when={!entry.current}>
                        <Button
                          aria-describedby={`session-${entry.id}`}
                          onClick={() => endOne(entry)}
                        >
                          {t("security.sessions.signOut")}
                        </Button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={others().length > 0} fallback={<p>{t("security.sessions.onlyHere")}</p>}>
                <Button onClick={endOthers}>{t("security.sessions.signOutOthers")}</Button>
              </Show>
            </>
          )}
        </Match>
        <Match when={listed.latest && !listed.latest.ok}>
          <ProblemBanner code={(listed.latest as { code: ErrorCode }).code} />
        </Match>
      </Switch>
    </section>
  );
}
