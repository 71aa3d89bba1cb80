import { createResource, For, Match, Show, Switch } from "solid-js";
import type { PasskeySummary } from "../../../shared/contracts/account.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { announce } from "../../ui/live-region.tsx";
import { addPasskey, fetchPasskeys, passkeysSupported, removePasskey } from "./passkey-api.ts";
import { ProblemBanner } from "./problem-banner.tsx";
import { ReauthenticateForm } from "./reauthenticate-form.tsx";
import { formatWhen } from "./when.ts";

/**
 * "Passkeys": the person's passkeys, add one (the browser's own prompt), remove one. Both
 * changes ask for the password again when the last proof is over five minutes old.
 */
export function PasskeysSection() {
  const [listed, { mutate }] = createResource(fetchPasskeys);
  const change = createFormState({ reauthenticate: true });
  const list = (): PasskeySummary[] | undefined => {
    const answer = listed.latest;
    return answer?.ok ? answer.data : undefined;
  };
  const show = (next: PasskeySummary[], message: string) => {
    mutate({ ok: true, data: next });
    announce(message);
    document.getElementById("passkeys-heading")?.focus();
  };
  const add = () => change.send(addPasskey, (next) => show(next, t("security.passkeys.added")));
  const remove = (entry: PasskeySummary) =>
    change.send(
      () => removePasskey(entry.id),
      (next) => show(next, t("security.passkeys.removed")),
    );

  return (
    <section aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading" tabIndex={-1}>
        {t("security.passkeys.heading")}
      </h2>
      <Show
        when={!change.reauth()}
        fallback={<ReauthenticateForm onDone={change.retry} onCancel={change.cancel} />}
      >
        <Show when={change.problem()}>{(code) => <ProblemBanner code={code()} />}</Show>
        <p>{t("security.passkeys.intro")}</p>
        <Switch>
          <Match when={!passkeysSupported()}>
            <p>{t("security.passkeys.unsupported")}</p>
          </Match>
          <Match when={listed.loading && !list()}>
            <p class="app-loading">{t("security.loading")}</p>
          </Match>
          <Match when={list()}>
            {(all) => (
              <>
                <Show when={all().length > 0} fallback={<p>{t("security.passkeys.none")}</p>}>
                  <ul class="session-list">
                    <For each={all()}>
                      {(entry, index) => (
                        <li class="session-list__item">
                          <p class="session-list__device" id={`passkey-${index()}`}>
                            {entry.name}
                          </p>
                          <p class="secondary-text">
                            {t("security.passkeys.addedOn", { time: formatWhen(entry.createdAt) })}
                            <br />
                            {entry.lastUsedAt
                              ? t("security.passkeys.lastUsed", {
                                  time: formatWhen(entry.lastUsedAt),
                                })
                              : t("security.passkeys.neverUsed")}
                          </p>
                          <Button
                            aria-describedby={`passkey-${index()}`}
                            onClick={() => remove(entry)}
                          >
                            {t("security.passkeys.remove")}
                          </Button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <Button onClick={add} aria-disabled={change.pending() ? "true" : undefined}>
                  {t("security.passkeys.add")}
                </Button>
              </>
            )}
          </Match>
          <Match when={listed.latest && !listed.latest.ok}>
            <ProblemBanner code={(listed.latest as { code: ErrorCode }).code} />
          </Match>
        </Switch>
      </Show>
    </section>
  );
}
