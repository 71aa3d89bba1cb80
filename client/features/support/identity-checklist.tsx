import { createSignal, For, Show } from "solid-js";
import {
  type IdentityItem,
  identityItems,
  type PersonKind,
} from "../../../shared/contracts/support.ts";
import { formatTime } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { verifyPerson } from "./support-api.ts";

const inputs: Record<IdentityItem, { autocomplete: string; inputmode?: "numeric" }> = {
  birthDate: { autocomplete: "off", inputmode: "numeric" },
  postalCode: { autocomplete: "off" },
  phone: { autocomplete: "off", inputmode: "numeric" },
  email: { autocomplete: "off" },
};

/**
 * The identity checklist (ADR 20): staff type what the caller says, and the server compares
 * it with what is on file — staff never see the date of birth or the address, so they cannot
 * read them out by mistake. Only items with something on file are asked. A pass is recorded
 * and opens the actions for 30 minutes; the server refuses every action without one (SUP-101).
 */
export function IdentityChecklist(props: {
  kind: PersonKind;
  id: string;
  onFile: Record<IdentityItem, boolean>;
  verifiedUntil: string | null;
  onVerified: (until: string) => void;
}) {
  const [answers, setAnswers] = createSignal<Record<IdentityItem, string>>({
    birthDate: "",
    postalCode: "",
    phone: "",
    email: "",
  });
  const [reason, setReason] = createSignal("");
  const form = createFormState();
  const asked = () => identityItems.filter((item) => props.onFile[item]);
  const notOnFile = () => identityItems.filter((item) => !props.onFile[item]);

  const submit = form.handleSubmit(() => {
    if (!reason().trim())
      return form.fail([
        { fieldId: "verify-reason", text: () => t("support.verify.reasonRequired") },
      ]);
    announce(t("support.verify.checking"));
    return form.send(
      () => verifyPerson(props.kind, props.id, { answers: answers(), reason: reason().trim() }),
      (data) => {
        // Answered, but not confirmed: the answers did not match what is on file.
        if (!data.verifiedUntil) return form.fail([], "SUP-102");
        announce(t("support.verify.passed", { time: formatTime(data.verifiedUntil) }));
        props.onVerified(data.verifiedUntil);
      },
    );
  });

  return (
    <section class="support-panel" aria-labelledby="support-verify-heading">
      <h2 id="support-verify-heading">{t("support.verify.heading")}</h2>
      <Show
        when={props.verifiedUntil}
        fallback={
          <>
            <p>{t("support.verify.intro")}</p>
            <FormSummary form={form} />
            <form class="form" novalidate onSubmit={submit}>
              <For each={asked()}>
                {(item) => (
                  <TextField
                    id={`verify-${item}`}
                    name={item}
                    label={t(`support.verify.${item}`)}
                    hint={item === "birthDate" ? t("support.search.birthDateHint") : undefined}
                    value={answers()[item]}
                    onInput={(value) => setAnswers({ ...answers(), [item]: value })}
                    autocomplete={inputs[item].autocomplete}
                    inputmode={inputs[item].inputmode}
                    autocapitalize="none"
                    spellcheck={false}
                  />
                )}
              </For>
              <Show when={notOnFile().length > 0}>
                <p class="secondary-text">
                  {t("support.verify.notOnFile")}:{" "}
                  {notOnFile()
                    .map((item) => t(`support.verify.${item}`))
                    .join(", ")}
                </p>
              </Show>
              <TextField
                id="verify-reason"
                name="reason"
                label={t("support.verify.reason")}
                hint={t("support.verify.reasonHint")}
                value={reason()}
                onInput={setReason}
                error={form.messageFor("verify-reason")}
              />
              <Button
                type="submit"
                variant="primary"
                aria-disabled={form.pending() ? "true" : undefined}
              >
                {t("support.verify.submit")}
              </Button>
            </form>
          </>
        }
      >
        {(until) => (
          <StatusBanner
            tone="success"
            title={t("support.verify.passed", { time: formatTime(until()) })}
          />
        )}
      </Show>
    </section>
  );
}
