import { createSignal, Show } from "solid-js";
import { type TranslationKey, t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { FocusedHeading } from "./focused-heading.tsx";
import { ReauthenticateForm } from "./reauthenticate-form.tsx";
import { changeEmail, changePhone } from "./security-api.ts";

const forms = {
  email: {
    heading: "security.contact.changeEmail",
    label: "security.contact.newEmail",
    hint: "security.contact.newEmailHint",
    required: "security.contact.emailRequired",
    invalid: "security.contact.emailInvalid",
    type: "email",
    autocomplete: "email",
    // The server's rule (valibot's email check) is stricter; this only catches the obvious.
    looksRight: (typed: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typed),
    send: changeEmail,
  },
  phone: {
    heading: "security.contact.changePhone",
    label: "security.contact.newPhone",
    hint: "security.contact.newPhoneHint",
    required: "security.contact.phoneRequired",
    invalid: "security.contact.phoneInvalid",
    type: "tel",
    autocomplete: "tel",
    looksRight: (typed: string) =>
      /^\+?[\d\s().-]+$/.test(typed) && /^\d{7,15}$/.test(typed.replace(/\D/g, "")),
    send: changePhone,
  },
} as const satisfies Record<
  string,
  {
    heading: TranslationKey;
    label: TranslationKey;
    hint: TranslationKey;
    required: TranslationKey;
    invalid: TranslationKey;
    type: "email" | "tel";
    autocomplete: string;
    looksRight: (typed: string) => boolean;
    send: (value: string) => unknown;
  }
>;

/**
 * "Change email address" / "Change phone number". The server tells the old address
 * (ASVS 6.3.7) and refuses to move the address sign-in codes go to (AUTH-142).
 */
export function ContactForm(props: {
  kind: "email" | "phone";
  onDone: () => void;
  onCancel: () => void;
}) {
  const form = forms[props.kind];
  const id = `new-${props.kind}`;
  const [value, setValue] = createSignal("");
  const fieldFailure = (problem: "required" | "invalid") => ({
    fieldId: id,
    text: () => t(problem === "required" ? form.required : form.invalid),
  });
  const change = createFormState({
    reauthenticate: true,
    fieldFailure: (f) =>
      f.field === props.kind
        ? fieldFailure(f.problem === "required" ? "required" : "invalid")
        : undefined,
  });

  const submit = change.handleSubmit(() => {
    const typed = value().trim();
    if (typed === "") return change.fail([fieldFailure("required")]);
    if (!form.looksRight(typed)) return change.fail([fieldFailure("invalid")]);
    return change.send(() => form.send(typed), props.onDone);
  });

  return (
    <Show
      when={!change.reauth()}
      fallback={<ReauthenticateForm onDone={change.retry} onCancel={props.onCancel} />}
    >
      <section aria-labelledby={`${id}-heading`}>
        <FocusedHeading>
          <span id={`${id}-heading`}>{t(form.heading)}</span>
        </FocusedHeading>
        <FormSummary form={change} />
        <form class="form" novalidate onSubmit={submit}>
          <TextField
            id={id}
            name={props.kind}
            label={t(form.label)}
            hint={t(form.hint)}
            error={change.messageFor(id)}
            value={value()}
            onInput={setValue}
            type={form.type}
            autocomplete={form.autocomplete}
            autocapitalize="none"
            spellcheck={false}
          />
          <div class="button-row">
            <Button variant="primary" type="submit">
              {t("security.save")}
            </Button>
            <Button onClick={props.onCancel}>{t("security.cancel")}</Button>
          </div>
        </form>
      </section>
    </Show>
  );
}
