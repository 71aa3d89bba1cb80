import { For, type JSX, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import "./appointments.css";

export interface Choice {
  value: string;
  /** The whole accessible name: for a slot, the full date and time, not "09:00" alone. */
  label: string;
  hint?: string;
}

interface ChoiceGroupProps {
  /** The group's id: the first radio gets it, so an error summary link lands on the group. */
  id: string;
  name: string;
  legend: string;
  /** Renders the legend as the page's heading-level text (h2) when it asks the one question. */
  legendAsHeading?: boolean;
  hint?: string;
  error?: string;
  choices: readonly Choice[];
  value: string | undefined;
  onChange: (value: string) => void;
  children?: JSX.Element;
}

/**
 * GOV.UK radios: a fieldset whose legend asks the question, one labelled radio per answer, the
 * error under the legend with a visually hidden "Error:". Arrow keys move between answers, as
 * native radios do, so a list of times is fully operable from the keyboard.
 */
export function ChoiceGroup(props: ChoiceGroupProps) {
  const hintId = () => `${props.id}-hint`;
  const errorId = () => `${props.id}-error`;
  const describedBy = () =>
    [props.hint ? hintId() : "", props.error ? errorId() : ""].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div class="field" classList={{ "field--error": Boolean(props.error) }}>
      <fieldset class="choice-group" aria-describedby={describedBy()}>
        <legend class="choice-group__legend">
          <Show when={props.legendAsHeading} fallback={props.legend}>
            <h2 class="choice-group__heading">{props.legend}</h2>
          </Show>
        </legend>
        <Show when={props.hint}>
          <div class="field__hint" id={hintId()}>
            {props.hint}
          </div>
        </Show>
        <Show when={props.error}>
          <p class="field__error" id={errorId()}>
            <span class="visually-hidden">{t("form.errorPrefix")} </span>
            {props.error}
          </p>
        </Show>
        <ul class="choice-group__list">
          <For each={props.choices}>
            {(choice, index) => {
              const id = () => (index() === 0 ? props.id : `${props.id}-${index()}`);
              return (
                <li class="choice">
                  <input
                    class="choice__input"
                    type="radio"
                    id={id()}
                    name={props.name}
                    value={choice.value}
                    checked={props.value === choice.value}
                    onChange={() => props.onChange(choice.value)}
                    aria-describedby={choice.hint ? `${id()}-hint` : undefined}
                  />
                  <label class="choice__label" for={id()}>
                    {choice.label}
                  </label>
                  <Show when={choice.hint}>
                    <span class="choice__hint" id={`${id()}-hint`}>
                      {choice.hint}
                    </span>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
        {props.children}
      </fieldset>
    </div>
  );
}
