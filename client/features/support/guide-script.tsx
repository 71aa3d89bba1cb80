import { createSignal, For, Show } from "solid-js";
import type { CheckResult, StoredDiagnostic } from "../../../shared/contracts/help.ts";
import { answerKey, findGuide, type GuideNode, guides } from "../../../shared/guides/index.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { checkResultText } from "./check-result-line.tsx";
import { wordsFor } from "./support-words.ts";

/** What the person's device already found for a check node, if the report ran that check. */
function doneBy(node: GuideNode, report: StoredDiagnostic | null): CheckResult | undefined {
  if (node.kind !== "check") return undefined;
  return report?.results.find((result) => result.check === node.check);
}

/**
 * The guide for the person's problem as a script for staff (ADR 20): every node in order, its
 * words exactly as the person sees them in /help, the answers they may give, and — from their
 * device report — which checks are already done and how they came out. Staff can switch to
 * another guide when the suggested one does not fit.
 */
export function GuideScript(props: { guide: string; report: StoredDiagnostic | null }) {
  const [chosen, setChosen] = createSignal<string>();
  const [picked, setPicked] = createSignal("");
  const guide = () => findGuide(chosen() ?? props.guide) ?? guides[0];
  const nodeWord = (node: GuideNode, part: string) =>
    wordsFor(`guides.${guide()?.id}.${node.id}.${part}`);
  return (
    <Show when={guide()}>
      {(current) => (
        <section class="support-panel support-script" aria-labelledby="support-script-heading">
          <h2 id="support-script-heading">
            {t("support.script.heading", { guide: wordsFor(`guides.${current().id}.title`) })}
          </h2>
          <p>{t("support.script.intro")}</p>
          <ol class="support-script__nodes">
            <For each={current().nodes}>
              {(node) => (
                <li>
                  <p class="support-script__title">{nodeWord(node, "title")}</p>
                  <For each={node.says ?? []}>{(part) => <p>{nodeWord(node, part)}</p>}</For>
                  <Show when={(node.steps ?? []).length > 0}>
                    <ol>
                      <For each={node.steps ?? []}>{(part) => <li>{nodeWord(node, part)}</li>}</For>
                    </ol>
                  </Show>
                  <Show when={node.kind === "question" ? node.answers : undefined}>
                    {(answers) => (
                      <p class="secondary-text">
                        {t("support.script.answers", {
                          answers: answers()
                            .map((answer) => wordsFor(answerKey(current().id, node.id, answer.id)))
                            .join(" · "),
                        })}
                      </p>
                    )}
                  </Show>
                  <Show when={node.kind === "check"}>
                    <Show
                      when={doneBy(node, props.report)}
                      fallback={<p class="secondary-text">{t("support.script.notChecked")}</p>}
                    >
                      {(result) => (
                        <p class="support-script__done">
                          <span aria-hidden="true">✓ </span>
                          {t("support.script.checked", { result: checkResultText(result()) })}
                        </p>
                      )}
                    </Show>
                  </Show>
                  <Show when={node.kind === "end" ? node.outcome : undefined}>
                    {(outcome) => (
                      <p class="secondary-text">
                        {outcome() === "resolved"
                          ? t("support.script.resolved")
                          : t("support.script.contact")}
                      </p>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ol>
          <div class="support-inline-form">
            <label class="field__label" for="support-guide-choice">
              {t("support.script.choose")}
            </label>
            <select
              id="support-guide-choice"
              class="field__input"
              value={picked() || current().id}
              onChange={(event) => setPicked(event.currentTarget.value)}
            >
              <For each={guides}>
                {(option) => (
                  <option value={option.id}>{wordsFor(`guides.${option.id}.title`)}</option>
                )}
              </For>
            </select>
            <Button onClick={() => setChosen(picked() || current().id)}>
              {t("support.script.show")}
            </Button>
          </div>
        </section>
      )}
    </Show>
  );
}
