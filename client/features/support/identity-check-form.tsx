import { createSignal, Show } from "solid-js";
import {
  type IdentityCheckKind,
  type IdentityCheckRequest,
  identityCheckKinds,
} from "../../../shared/contracts/support.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { RadioChoices } from "./radio-choices.tsx";
import { recordIdentityCheck } from "./support-api.ts";

const channels = ["email", "sms"] as const;
type Channel = (typeof channels)[number];

/**
 * For a person who lost both the email and the phone on file (docs/security.md): staff who saw
 * them with a document record it here with the new contact. Nothing changes on the account:
 * the check waits for a second member of staff (the list on /support), so no one person can
 * hand an account to a caller. Open without the knowledge checklist, which this replaces.
 */
export function IdentityCheckForm(props: { id: string }) {
  const [kind, setKind] = createSignal<IdentityCheckKind>();
  const [document, setDocument] = createSignal("");
  const [channel, setChannel] = createSignal<Channel>();
  const [contact, setContact] = createSignal("");
  const [removeSecondStep, setRemoveSecondStep] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const form = createFormState();
  const [recorded, setRecorded] = createSignal(false);
  let doneHeading: HTMLHeadingElement | undefined;

  const submit = form.handleSubmit(() => {
    const found: FieldFailure[] = [];
    const need = (ok: unknown, fieldId: string, key: Parameters<typeof t>[0]) => {
      if (!ok) found.push({ fieldId, text: () => t(key) });
    };
    need(kind(), "check-kind-in-person", "support.identity.kindRequired");
    need(document().trim(), "check-document", "support.identity.documentRequired");
    need(channel(), "check-channel-email", "support.identity.channelRequired");
    need(contact().trim(), "check-contact", "support.identity.contactRequired");
    need(reason().trim(), "check-reason", "support.identity.reasonRequired");
    const chosenKind = kind();
    const chosenChannel = channel();
    if (found.length > 0 || !chosenKind || !chosenChannel) return form.fail(found);
    const body: IdentityCheckRequest = {
      kind: chosenKind,
      document: document().trim(),
      contact:
        chosenChannel === "email"
          ? { channel: "email", email: contact().trim() }
          : { channel: "sms", phone: contact().trim() },
      removeSecondStep: removeSecondStep(),
      reason: reason().trim(),
    };
    setRecorded(false);
    announce(t("support.identity.working"));
    return form.send(
      () => recordIdentityCheck(props.id, body),
      () => {
        setRecorded(true);
        setDocument("");
        setContact("");
        setReason("");
        doneHeading?.focus();
        announce(t("support.identity.recorded"));
      },
    );
  });
  const fieldError = (id: string) => form.messageFor(id);

  return (
    <section class="support-panel" aria-labelledby="support-identity-heading">
      <h2 id="support-identity-heading">{t("support.identity.heading")}</h2>
      <p>{t("support.identity.intro")}</p>
      <Show when={recorded()}>
        <StatusBanner tone="success">
          <h3 tabIndex={-1} ref={doneHeading}>
            {t("support.identity.recorded")}
          </h3>
        </StatusBanner>
      </Show>
      <FormSummary form={form} />
      <form class="form" novalidate onSubmit={submit}>
        <RadioChoices
          id="check-kind"
          legend={t("support.identity.kind")}
          values={identityCheckKinds}
          label={(value) => t(`support.identity.${value}`)}
          value={kind()}
          onChange={setKind}
          error={fieldError("check-kind-in-person")}
        />
        <TextField
          id="check-document"
          name="document"
          label={t("support.identity.document")}
          hint={t("support.identity.documentHint")}
          value={document()}
          onInput={setDocument}
          error={fieldError("check-document")}
        />
        <RadioChoices
          id="check-channel"
          legend={t("support.identity.channel")}
          values={channels}
          label={(value) => t(`support.identity.${value}`)}
          value={channel()}
          onChange={setChannel}
          error={fieldError("check-channel-email")}
        />
        <TextField
          id="check-contact"
          name="contact"
          label={t("support.identity.contact")}
          type={channel() === "sms" ? "tel" : "email"}
          autocapitalize="none"
          spellcheck={false}
          value={contact()}
          onInput={setContact}
          error={fieldError("check-contact")}
        />
        <div class="field field--checkbox">
          <input
            class="field__checkbox"
            type="checkbox"
            id="check-remove-second-step"
            name="removeSecondStep"
            checked={removeSecondStep()}
            onChange={(event) => setRemoveSecondStep(event.currentTarget.checked)}
          />
          <label class="field__label" for="check-remove-second-step">
            {t("support.identity.removeSecondStep")}
          </label>
        </div>
        <TextField
          id="check-reason"
          name="reason"
          label={t("support.identity.reason")}
          hint={t("support.actions.reasonHint")}
          value={reason()}
          onInput={setReason}
          error={fieldError("check-reason")}
        />
        <Button type="submit" variant="primary" aria-disabled={form.pending() ? "true" : undefined}>
          {t("support.identity.submit")}
        </Button>
      </form>
    </section>
  );
}
