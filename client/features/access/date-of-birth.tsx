import { t } from "../../i18n/i18n.ts";
import "../../ui/form.css";
import "./access.css";

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/**
 * The date as YYYY-MM-DD, or why not: "required" when nothing was typed, "invalid" when the
 * parts do not make a real date in the past (31 February, a year of two digits, next year).
 */
export function isoDateOf(parts: DateParts, today = new Date()): string | "required" | "invalid" {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((p) => p.trim());
  if (!day && !month && !year) return "required";
  if (!/^\d{1,2}$/.test(day ?? "") || !/^\d{1,2}$/.test(month ?? "") || !/^\d{4}$/.test(year ?? ""))
    return "invalid";
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real =
    date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1900 || date.getTime() > today.getTime()) return "invalid";
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

interface DateOfBirthFieldProps {
  value: DateParts;
  onInput: (value: DateParts) => void;
  error?: string | undefined;
}

/**
 * GOV.UK's date input: day, month and year as three labelled boxes in a fieldset, numeric
 * keyboards on phones, the browser's own birthday autofill. An error links to the day box
 * (id "birth-day"), where a correction starts.
 */
export function DateOfBirthField(props: DateOfBirthFieldProps) {
  const part = (key: keyof DateParts, autocomplete: string, width: string) => (
    <div class="date-input__item">
      <label class="field__label date-input__label" for={`birth-${key}`}>
        {t(`access.activate.birthDate.${key}`)}
      </label>
      <input
        class={`field__input date-input__input date-input__input--${width}`}
        id={`birth-${key}`}
        name={`birth-${key}`}
        inputmode="numeric"
        autocomplete={autocomplete}
        value={props.value[key]}
        aria-invalid={props.error ? "true" : undefined}
        onInput={(event) => props.onInput({ ...props.value, [key]: event.currentTarget.value })}
      />
    </div>
  );
  return (
    <div class="field" classList={{ "field--error": Boolean(props.error) }}>
      <fieldset
        class="date-input"
        aria-describedby={props.error ? "birth-hint birth-error" : "birth-hint"}
      >
        <legend class="field__label">{t("access.activate.birthDate.legend")}</legend>
        <div class="field__hint" id="birth-hint">
          {t("access.activate.birthDate.hint")}
        </div>
        {props.error ? (
          <p class="field__error" id="birth-error">
            <span class="visually-hidden">{t("form.errorPrefix")} </span>
            {props.error}
          </p>
        ) : null}
        <div class="date-input__items">
          {part("day", "bday-day", "2")}
          {part("month", "bday-month", "2")}
          {part("year", "bday-year", "4")}
        </div>
      </fieldset>
    </div>
  );
}
