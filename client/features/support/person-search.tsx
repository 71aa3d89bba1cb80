import { createSignal, For, Show } from "solid-js";
import type { PersonSummary } from "../../../shared/contracts/support.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { personHref, searchPeople } from "./support-api.ts";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Finds an account by username or email address, or by name with date of birth (ADR 20).
 * Two small forms, each with its own button, so each is one clear question; what was typed
 * stays in the fields whatever the answer.
 */
export function PersonSearch(props: { initialQuery?: string; reference?: string }) {
  const [q, setQ] = createSignal(props.initialQuery ?? "");
  const [name, setName] = createSignal("");
  const [birthDate, setBirthDate] = createSignal("");
  const form = createFormState();
  const [people, setPeople] = createSignal<PersonSummary[]>();

  const run = (query: { q: string } | { name: string; birthDate: string }) => {
    form.clear();
    return form.send(
      () => searchPeople(query),
      (data) => {
        setPeople(data.people);
        announce(
          data.people.length === 0
            ? t("support.search.none")
            : t("support.search.found", { count: data.people.length }),
        );
      },
    );
  };
  const byName = form.handleSubmit(() => {
    if (!q().trim())
      return form.fail([{ fieldId: "support-q", text: () => t("support.search.qRequired") }]);
    return run({ q: q().trim() });
  });
  const byBirthDate = form.handleSubmit(() => {
    const found: FieldFailure[] = [];
    if (name().trim().length < 2)
      found.push({ fieldId: "support-name", text: () => t("support.search.nameRequired") });
    if (!isoDate.test(birthDate().trim()))
      found.push({
        fieldId: "support-birthDate",
        text: () => t("support.search.birthDateInvalid"),
      });
    if (found.length > 0) return form.fail(found);
    return run({ name: name().trim(), birthDate: birthDate().trim() });
  });
  const fieldError = (id: string) => form.messageFor(id);

  return (
    <section class="support-panel" aria-labelledby="support-search-heading">
      <h2 id="support-search-heading">{t("support.search.heading")}</h2>
      <FormSummary form={form} />
      <form class="form" novalidate onSubmit={byName} aria-labelledby="support-by-name">
        <h3 id="support-by-name">{t("support.search.byName")}</h3>
        <TextField
          id="support-q"
          name="q"
          label={t("support.search.q")}
          value={q()}
          onInput={setQ}
          error={fieldError("support-q")}
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
        />
        <Button type="submit" variant="primary">
          {t("support.search.find")}
        </Button>
      </form>
      <form class="form" novalidate onSubmit={byBirthDate} aria-labelledby="support-by-birth">
        <h3 id="support-by-birth">{t("support.search.byBirthDate")}</h3>
        <TextField
          id="support-name"
          name="name"
          label={t("support.search.name")}
          value={name()}
          onInput={setName}
          error={fieldError("support-name")}
          autocomplete="off"
        />
        <TextField
          id="support-birthDate"
          name="birthDate"
          label={t("support.search.birthDate")}
          hint={t("support.search.birthDateHint")}
          value={birthDate()}
          onInput={setBirthDate}
          error={fieldError("support-birthDate")}
          autocomplete="off"
          inputmode="numeric"
        />
        <Button type="submit">{t("support.search.find")}</Button>
      </form>
      <Show when={people()}>
        {(found) => (
          <>
            <h3>{t("support.search.results")}</h3>
            <Show when={found().length > 0} fallback={<p>{t("support.search.none")}</p>}>
              <ul class="support-list">
                <For each={found()}>
                  {(person) => (
                    <li>
                      <a href={personHref(person.kind, person.id, props.reference)}>
                        <bdi>{person.displayName}</bdi>
                        <Show when={person.username}>
                          {(username) => (
                            <>
                              {" "}
                              (<bdi>{username()}</bdi>)
                            </>
                          )}
                        </Show>
                      </a>
                      <Show when={!person.activated}>
                        {" "}
                        <span class="secondary-text">{t("support.search.notActivated")}</span>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
