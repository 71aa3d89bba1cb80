import { createMemo, createSignal, For, Show } from "solid-js";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { createDeviceQuery } from "../../local/device-query.ts";
import { Clinical } from "./record-parts.tsx";
import { testsByLetter, testsOnDevice } from "./test-index.ts";
import { CalledByClinic } from "./test-names.tsx";

/** Moves to a letter's heading (or back to the letters) without a change of route. */
function jumpTo(event: MouseEvent, id: string) {
  event.preventDefault();
  const target = document.getElementById(id);
  target?.scrollIntoView({ block: "start" });
  target?.focus();
}

/**
 * "Find a test" on the results page: every test of the record once, A to Z by the plain name in
 * the reader's language (Intl.Collator), under a compact row of letters, each linking to the
 * test's history. Closed at first, so the newest results stay on the first screen; once open,
 * any test is a letter and a tap away on a phone. The Observations are read only when it is
 * opened.
 */
export function FindATest() {
  const [open, setOpen] = createSignal(false);
  const tests = createDeviceQuery(() => (open() ? testsOnDevice : undefined));
  const groups = createMemo(() => {
    const read = tests();
    return read.state === "ready" ? testsByLetter(read.value, currentLocale()) : undefined;
  });
  const letterId = (index: number) => `find-test-letter-${index}`;
  return (
    <section class="record-find-test" aria-labelledby="find-test-heading">
      <h2 id="find-test-heading">{t("record.commonTests.findHeading")}</h2>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>{t("record.commonTests.findSummary")}</summary>
        <Show
          when={groups()}
          // Nothing is read (nor said to be loading) until the list is opened.
          fallback={open() ? <p class="app-loading">{t("record.loading")}</p> : null}
        >
          {(all) => (
            <Show when={all().length > 0} fallback={<p>{t("record.results.empty")}</p>}>
              <nav
                id="find-test-letters"
                tabIndex={-1}
                aria-label={t("record.commonTests.lettersLabel")}
              >
                <ul class="record-letters">
                  <For each={all()}>
                    {(group, index) => (
                      <li>
                        <a
                          href={`#${letterId(index())}`}
                          on:click={(event) => jumpTo(event, letterId(index()))}
                        >
                          {group.letter ?? t("record.commonTests.otherLetter")}
                        </a>
                      </li>
                    )}
                  </For>
                </ul>
              </nav>
              <For each={all()}>
                {(group, index) => (
                  <section class="record-letter" aria-labelledby={letterId(index())}>
                    <h3 id={letterId(index())} tabIndex={-1}>
                      {group.letter ?? t("record.commonTests.otherLetter")}
                    </h3>
                    <ul class="record-test-list">
                      <For each={group.tests}>
                        {(test) => (
                          <li>
                            <a href={`/record/results/${encodeURIComponent(test.id)}`}>
                              <Show when={test.plain} fallback={<Clinical>{test.name}</Clinical>}>
                                {test.plain}
                              </Show>
                            </a>
                            <Show when={test.plain && test.name && test.name !== test.plain}>
                              <span class="record-clinic-name secondary-text">
                                <CalledByClinic name={test.name} />
                              </span>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ul>
                    <p class="record-to-letters">
                      <a
                        href="#find-test-letters"
                        on:click={(event) => jumpTo(event, "find-test-letters")}
                      >
                        {t("record.commonTests.toLetters")}
                      </a>
                    </p>
                  </section>
                )}
              </For>
            </Show>
          )}
        </Show>
      </details>
    </section>
  );
}
