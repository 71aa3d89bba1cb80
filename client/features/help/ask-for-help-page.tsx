import { useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { helpRequestLimits } from "../../../shared/contracts/help.ts";
import type { ErrorCode, FieldProblem } from "../../../shared/errors.ts";
import { currentLocale, type TranslationKey, t } from "../../i18n/i18n.ts";
import { currentUser } from "../../local/session.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorSummary, type FieldError } from "../../ui/error-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextArea } from "../../ui/text-area.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { sendHelpRequest } from "./help-api.ts";
import {
  checkHelpRequest,
  type HelpRequestField,
  type HelpRequestProblems,
  helpRequestFields,
  problemsByField,
} from "./help-request-form.ts";
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
  const [problems, setProblems] = createSignal<HelpRequestProblems>({});
  const [problem, setProblem] = createSignal<ErrorCode>();
  const [retryAfter, setRetryAfter] = createSignal<number>();
  const [attempt, setAttempt] = createSignal(0);
  const [sending, setSending] = createSignal(false);
  const [reference, setReference] = createSignal<string>();
  let sentHeading: HTMLHeadingElement | undefined;

  const fieldMessage = (field: HelpRequestField): string | undefined => {
    const found = problems()[field];
    if (!found) return undefined;
    return t(messages[field][found] ?? `validation.${found}`, { max: maxLengths[field] });
  };
  const summaryErrors = (): FieldError[] =>
    helpRequestFields.flatMap((field) => {
      const text = fieldMessage(field);
      return text ? [{ fieldId: `help-${field}`, text }] : [];
    });
  const failed = () => summaryErrors().length > 0 || problem() !== undefined;

  const showFailure = (found: HelpRequestProblems, failure?: ErrorCode, wait?: number) => {
    setProblems(found);
    setProblem(failure);
    setRetryAfter(wait);
    setAttempt(attempt() + 1);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (sending()) return;
    const checked = checkHelpRequest(
      { name: name(), contact: contact(), message: message(), diagnosticCode: code() },
      currentLocale(),
    );
    if (!checked.ok) return showFailure(checked.problems);
    setSending(true);
    announce(t("help.ask.sending"));
    const result = await sendHelpRequest(checked.request, Boolean(currentUser()));
    setSending(false);
    if (result.ok) {
      setReference(result.data.reference);
      sentHeading?.focus();
      return announce(t("help.ask.sentTitle"));
    }
    const found = problemsByField(result.fields ?? []);
    if (result.code === "REQ-302" && Object.keys(found).length > 0) return showFailure(found);
    showFailure({}, result.code, result.retryAfterSeconds);
  };

  return (
    <Page title={t("help.ask.title")} hasErrors={failed() && !reference()}>
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
        <Show when={failed()}>
          <ErrorSummary
            errors={summaryErrors()}
            problem={problem()}
            attempt={attempt()}
            retryAfterSeconds={retryAfter()}
          />
        </Show>
        <p>{t("help.ask.intro")}</p>
        <form class="form" novalidate onSubmit={submit}>
          <TextField
            id="help-name"
            name="name"
            label={t("help.ask.name.label")}
            error={fieldMessage("name")}
            value={name()}
            onInput={setName}
            autocomplete="name"
          />
          <TextField
            id="help-contact"
            name="contact"
            label={t("help.ask.contact.label")}
            hint={t("help.ask.contact.hint")}
            error={fieldMessage("contact")}
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
            error={fieldMessage("message")}
            value={message()}
            onInput={setMessage}
          />
          <TextField
            id="help-diagnosticCode"
            name="diagnosticCode"
            label={t("help.ask.code.label")}
            hint={t("help.ask.code.hint")}
            error={fieldMessage("diagnosticCode")}
            value={code()}
            onInput={setCode}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
          />
          <div class="button-row">
            <Button variant="primary" type="submit" aria-disabled={sending() ? "true" : undefined}>
              {t("help.ask.submit")}
            </Button>
            <Show when={sending()}>
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
