import { createSignal, For } from "solid-js";
import { directionOf, type Locale, localeNames, locales } from "../../shared/locales/index.ts";
import { changeLocale, currentLocale, t } from "./i18n.ts";
import { languageChosenEvent, rememberLocale } from "./locale-choice.ts";
import "./language-menu.css";

/**
 * The header's language menu: a disclosure button that shows one button per language, each
 * named in its own language (and marked with `lang`, so screen readers pronounce it right).
 * Buttons rather than a <select> that acts on change: choosing is an explicit press, which
 * keeps WCAG 3.2.2 (no change of context on input).
 */
export function LanguageMenu() {
  const [open, setOpen] = createSignal(false);
  let container: HTMLDivElement | undefined;
  let toggle: HTMLButtonElement | undefined;

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) toggle?.focus();
  };
  const choose = async (locale: Locale) => {
    await changeLocale(locale);
    rememberLocale(locale);
    close(true);
    // Signed in, the signed-in frame saves it to the account too, through the outbox.
    window.dispatchEvent(new CustomEvent(languageChosenEvent, { detail: locale }));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open()) close(true);
  };
  // Close when focus leaves the menu (Tab past the last language, or a tap elsewhere).
  const onFocusOut = (event: FocusEvent) => {
    if (!container?.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <div class="language-menu" ref={container} on:keydown={onKeyDown} on:focusout={onFocusOut}>
      <button
        type="button"
        class="button button--secondary language-menu__toggle"
        aria-expanded={open() ? "true" : "false"}
        aria-controls="language-menu-list"
        ref={toggle}
        onClick={() => setOpen(!open())}
      >
        <GlobeIcon />
        {t("language.label")}
      </button>
      <ul class="language-menu__list" id="language-menu-list" hidden={!open()}>
        <For each={locales}>
          {(locale) => (
            <li>
              <button
                type="button"
                class="language-menu__choice"
                lang={locale}
                dir={directionOf(locale)}
                aria-current={currentLocale() === locale ? "true" : undefined}
                onClick={() => void choose(locale)}
              >
                {localeNames[locale]}
              </button>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

/** A globe: recognisable by people who cannot read the language the page is in. */
function GlobeIcon() {
  return (
    <svg
      class="language-menu__icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
    >
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  );
}
