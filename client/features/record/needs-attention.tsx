import { createSignal, For, type JSX, onMount, Show } from "solid-js";
import { whenPassed } from "../../../shared/fhir-when.ts";
import { formatWhen } from "../../i18n/format-when.ts";
import { loadNamespaces, t } from "../../i18n/i18n.ts";
import { createDeviceQuery } from "../../local/device-query.ts";
import { Sentence } from "../../ui/sentence.tsx";
import { type RecordAttention, recordAttention } from "./attention.ts";

/**
 * "What needs attention" on the home page: new results, medicines taken now, and the next
 * things to do. Read from the device, so it is there offline. Other features add their own
 * line through `extra` (one `<li>` each: unread messages, the next appointment), put together
 * in client/home-cards.tsx.
 */
export function NeedsAttention(props: { extra?: JSX.Element }) {
  // The record's words load here, not in the route table: every byte there is the sign-in
  // page's (scripts/bundle-budget.ts).
  // A signal, not a resource: the rest of the home page must not wait (suspend) for them.
  const [words, setWords] = createSignal(false);
  onMount(() => void loadNamespaces(["record"]).then(() => setWords(true)));
  return (
    <Show when={words()}>
      <Attention extra={props.extra} />
    </Show>
  );
}

function Attention(props: { extra?: JSX.Element }) {
  const now = Date.now();
  const attention = createDeviceQuery(() => (source) => recordAttention(source, now));
  const value = (): RecordAttention | undefined => {
    const read = attention();
    return read.state === "ready" ? read.value : undefined;
  };
  return (
    <section class="needs-attention" aria-labelledby="attention-heading">
      <h2 id="attention-heading">{t("record.home.heading")}</h2>
      <Show when={value()} fallback={<p class="app-loading">{t("record.loading")}</p>}>
        {(now) => (
          <ul class="needs-attention__list">
            <li>
              <Show when={now().newResults > 0} fallback={t("record.home.noNewResults")}>
                <strong>{t("record.home.newResults", { count: now().newResults })}</strong>
              </Show>{" "}
              <a href="/record/results">{t("record.home.seeResults")}</a>
            </li>
            <li>
              {t("record.home.activeMedications", { count: now().activeMedications })}{" "}
              <a href="/record/medications">{t("record.home.seeMedications")}</a>
            </li>
            {props.extra}
          </ul>
        )}
      </Show>
      <h3>{t("record.home.dueHeading")}</h3>
      <Show when={value()}>
        {(now) => (
          <Show when={now().due.length > 0} fallback={<p>{t("record.home.nothingDue")}</p>}>
            <ul class="needs-attention__list">
              <For each={now().due}>
                {(due) => (
                  <li>
                    <a href="/record/immunizations">
                      <Sentence
                        key={
                          due.due !== undefined && whenPassed(due.due)
                            ? "record.home.overdue"
                            : "record.home.due"
                        }
                        parts={{
                          vaccine: <bdi lang="en">{due.vaccine}</bdi>,
                          date:
                            due.due === undefined ? t("record.dateUnknown") : formatWhen(due.due),
                        }}
                      />
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <p>
        <a href="/record">{t("record.home.openRecord")}</a>
      </p>
    </section>
  );
}
