import { useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { helpRequestLimits } from "../../../shared/contracts/help.ts";
import type { FieldProblem } from "../../../shared/errors.ts";
import { currentLocale, type TranslationKey, t } from "../../i18n/i18n.ts";
import { currentUser } from "../../local/session.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextArea } from "../../ui/text-area.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { sendHelpRequest } from "./help-api.ts";
import { checkHelpRequest, type HelpRequestField, helpRequestFields } from "./help-request-form.ts";
import "./help.css";

/** GOV.UK: a message per field and problem; anything else falls back to validation.*. */
const messages: Record<
  HelpRequestField,
  Partial<Record<FieldProblem["problem"], TranslationKey>>
> = {
  name: { required: "help.ask.name.required", tooLong: "help.ask.name.tooLong" },
  contact: {
    required: "help.ask.contact.required",
    tooLong: "help.ask.contact.tooLong",
    invalid: "help.ask.contact.invalid",
  },
  message: { required: "help.ask.message.required", tooLong: "help.ask.message.tooLong" },
  diagnosticCode: { invalid: "help.ask.code.invalid" },
};

const maxLengths: Record<HelpRequestField, number> = {
  name: helpRequestLimits.name,
  contact: helpRequestLimits.contact,
  message: helpRequestLimits.message,
  diagnosticCode: 7,
};

/** A field's message, read when shown: a change of language reaches it. */
function fieldFailure(field: HelpRequestField, problem: FieldProblem["problem"]): FieldFailure {
  return {
    fieldId: `help-${field}`,
    text: () => t(messages[field][problem] ?? `validation.${problem}`, { max: maxLengths[field] }),
  };
}

/**
 * "Ask for help" (/help/ask): works signed out. Validates on submit (GOV.UK error summary,
 * focus moves to it); a 429 says how long to wait (REQ-306). The code from "Check my device"
 * arrives in the address (?code=) and fills its field.
 */
export default function AskForHelpPage() {
  const [params] = useSearchParams();
  const [name, setName] = createSignal(currentUser()?.displayName ?? "");
  const [contact, setContact] = createSignal("");
  const [message, setMessage] = createSignal("");
  const [code, setCode] = createSignal(typeof params.code === "string" ? params.code : "");
  const form = createFormState({
    fieldFailure: ({ field, problem }) => {
      const known = helpRequestFields.find((name) => name === field);
      return known ? fieldFailure(known, problem) : undefined;
    },
  });
  const [reference, setReference] = createSignal<string>();
  let sentHeading: HTMLHeadingElement | undefined;

  const submit = form.handleSubmit(() => {
    const checked = checkHelpRequest(
      { name: name(), contact: contact(), message: message(), diagnosticCode: code() },
      currentLocale(),
    );
    if (!checked.ok)
      return form.fail(
        helpRequestFields.flatMap((field) => {
          const problem = checked.problems[field];
          return problem ? [fieldFailure(field, problem)] : [];
        }),
      );
    announce(t("help.ask.sending"));
    return form.send(
      () => sendHelpRequest(checked.request, Boolean(currentUser())),
      (data) => {
        setReference(data.reference);
        sentHeading?.focus();
        announce(t("help.ask.sentTitle"));
      },
    );
  });

  return (
    <Page title={t("help.ask.title")} hasErrors={form.failed() && !reference()}>
      <Show
        when={!reference()}
        fallback={
          <StatusBanner tone="success">
            <h2 tabIndex={-1} ref={sentHeading}>
              {t("help.ask.sentTitle")}
            </h2>
            <p>{t("help.ask.sent", { reference: reference() ?? "" })}</p>
          </StatusBanner>
        }
      >
        <FormSummary form={form} />
        <p>{t("help.ask.intro")}</p>
        <form class="form" novalidate onSubmit={submit}>
          <TextField
            id="help-name"
            name="name"
            label={t("help.ask.name.label")}
            error={form.messageFor("help-name")}
            value={name()}
            onInput={setName}
            autocomplete="name"
          />
          <TextField
            id="help-contact"
            name="contact"
            label={t("help.ask.contact.label")}
            hint={t("help.ask.contact.hint")}
            error={form.messageFor("help-contact")}
            value={contact()}
            onInput={setContact}
            autocomplete="email"
            autocapitalize="none"
            spellcheck={false}
          />
          <TextArea
            id="help-message"
            name="message"
            label={t("help.ask.message.label")}
            hint={t("help.ask.message.hint")}
            error={form.messageFor("help-message")}
            value={message()}
            onInput={setMessage}
          />
          <TextField
            id="help-diagnosticCode"
            name="diagnosticCode"
            label={t("help.ask.code.label")}
            hint={t("help.ask.code.hint")}
            error={form.messageFor("help-diagnosticCode")}
            value={code()}
            onInput={setCode}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
          />
          <div class="button-row">
            <Button
              variant="primary"
              type="submit"
              aria-disabled={form.pending() ? "true" : undefined}
            >
              {t("help.ask.submit")}
            </Button>
            <Show when={form.pending()}>
              <span class="secondary-text">{t("help.ask.sending")}</span>
            </Show>
          </div>
        </form>
      </Show>
      <p>
        <a href="/help">{t("help.backToHelp")}</a>
      </p>
    </Page>
  );
}
