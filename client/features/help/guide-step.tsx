import { createResource, For, Match, onMount, Show, Switch } from "solid-js";
import type { CheckResult } from "../../../shared/contracts/help.ts";
import type { GuideNode } from "../../../shared/guides/types.ts";
import { t } from "../../i18n/i18n.ts";
import { announce } from "../../ui/live-region.tsx";
import { CheckResultText } from "./check-result-text.tsx";
import { makeCheckRun } from "./device-checks.ts";
import { guideActionPaths } from "./guide-actions.ts";
import { answerText, nodeText } from "./guide-words.ts";

interface GuideStepProps {
  guide: string;
  node: GuideNode;
  number: number;
  onNext: (nodeId: string) => void;
  /** After a Continue, an answer or Back: focus the new heading and announce it. */
  moveFocus: boolean;
}

/**
 * One node of a guide: its heading (focused when it replaces another, so screen readers read
 * the new step and the keyboard starts there), words, and the way on.
 */
export function GuideStep(props: GuideStepProps) {
  let heading: HTMLHeadingElement | undefined;
  const title = () => nodeText(props.guide, props.node.id, "title");
  onMount(() => {
    if (!props.moveFocus) return;
    heading?.focus();
    announce(title());
  });
  return (
    <section class="guide-step" aria-labelledby="guide-step-title">
      <p class="guide-step__number">{t("guides.ui.stepOf", { number: props.number })}</p>
      <h2 id="guide-step-title" tabIndex={-1} ref={heading}>
        {title()}
      </h2>
      <For each={props.node.says ?? []}>
        {(part) => <p>{nodeText(props.guide, props.node.id, part)}</p>}
      </For>
      <Show when={props.node.steps}>
        {(steps) => (
          <ol class="guide-step__list">
            <For each={steps()}>
              {(part) => <li>{nodeText(props.guide, props.node.id, part)}</li>}
            </For>
          </ol>
        )}
      </Show>
      <Switch>
        <Match when={props.node.kind === "step" && props.node} keyed>
          {(node) => <ContinueButton onClick={() => props.onNext(node.next)} />}
        </Match>
        <Match when={props.node.kind === "question" && props.node} keyed>
          {(node) => (
            <ul class="guide-answers">
              <For each={node.answers}>
                {(answer) => (
                  <li>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => props.onNext(answer.next)}
                    >
                      {answerText(props.guide, node.id, answer.id)}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
        <Match when={props.node.kind === "check" && props.node} keyed>
          {(node) => <GuideCheck node={node} onNext={props.onNext} />}
        </Match>
        <Match when={props.node.kind === "action" && props.node} keyed>
          {(node) => (
            <>
              <p>
                <a class="button button--primary" href={actionHref(node.action, props.guide)}>
                  {guideActionPaths[node.action] === "/help/ask"
                    ? t("guides.ui.openAskForHelp")
                    : title()}
                </a>
              </p>
              <ContinueButton onClick={() => props.onNext(node.next)} />
            </>
          )}
        </Match>
        <Match when={props.node.kind === "end" && props.node} keyed>
          {(node) => <GuideEnd guide={props.guide} resolved={node.outcome === "resolved"} />}
        </Match>
      </Switch>
    </section>
  );
}

function ContinueButton(props: { onClick: () => void }) {
  return (
    <div class="button-row">
      <button type="button" class="button button--primary" onClick={() => props.onClick()}>
        {t("guides.ui.continue")}
      </button>
    </div>
  );
}

/** Runs the node's check as soon as it is shown, says the result, then offers the way on. */
function GuideCheck(props: {
  node: Extract<GuideNode, { kind: "check" }>;
  onNext: (id: string) => void;
}) {
  const [result] = createResource(async (): Promise<CheckResult> => {
    const found = await makeCheckRun().check(props.node.check);
    return found;
  });
  const passed = () => {
    const outcome = result()?.outcome;
    return outcome === "pass" || outcome === "warn";
  };
  return (
    <div aria-live="polite">
      <Show when={result()} fallback={<p>{t("guides.ui.checking")}</p>}>
        {(found) => (
          <>
            <CheckResultText result={found()} />
            <ContinueButton
              onClick={() => props.onNext(passed() ? props.node.pass : props.node.fail)}
            />
          </>
        )}
      </Show>
    </div>
  );
}

/** Every end offers support: solved or not, the person may still want to talk to someone. */
function GuideEnd(props: { guide: string; resolved: boolean }) {
  return (
    <div class="guide-end">
      <Show when={props.resolved}>
        <p>{t("guides.ui.resolved")}</p>
      </Show>
      <p>{t("guides.ui.contactIntro")}</p>
      <ul class="guide-end__links">
        <li>
          <a href={actionHref("askForHelp", props.guide)}>{t("guides.ui.contactAsk")}</a>
        </li>
        <li>
          <a href={actionHref("checkDevice", props.guide)}>{t("guides.ui.contactCheck")}</a>
        </li>
      </ul>
    </div>
  );
}

/** Help pages learn which guide sent the person, so the report and request can say so. */
function actionHref(action: keyof typeof guideActionPaths, guide: string): string {
  const path = guideActionPaths[action];
  return path.startsWith("/help/") ? `${path}?guide=${encodeURIComponent(guide)}` : path;
}
