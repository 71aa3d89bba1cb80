import { For, Show } from "solid-js";

/**
 * A fieldset of radio buttons, its error above them and tied to the group, as the actions
 * form lays them out: one clear choice, moved between with the arrow keys.
 */
export function RadioChoices<T extends string>(props: {
  id: string;
  legend: string;
  values: readonly T[];
  label: (value: T) => string;
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset
      class="support-choices"
      aria-describedby={props.error ? `${props.id}-error` : undefined}
    >
      <legend class="field__label">{props.legend}</legend>
      <Show when={props.error}>
        {(error) => (
          <p class="field__error" id={`${props.id}-error`}>
            {error()}
          </p>
        )}
      </Show>
      <For each={props.values}>
        {(value) => (
          <div class="support-choice">
            <input
              type="radio"
              id={`${props.id}-${value}`}
              name={props.id}
              value={value}
              checked={props.value === value}
              onChange={() => props.onChange(value)}
            />
            <label for={`${props.id}-${value}`}>{props.label(value)}</label>
          </div>
        )}
      </For>
    </fieldset>
  );
}
