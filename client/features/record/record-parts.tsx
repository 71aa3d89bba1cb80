import { For, Index, type JSX, onMount, Show } from "solid-js";
import { formatWhen } from "../../i18n/format-when.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { Page } from "../../ui/page.tsx";
import { isolatedPieces } from "./bidi.ts";
import type { FhirWhen } from "./fhir-read.ts";
import { flagText } from "./measure-text.ts";
import type { Flag } from "./result-flags.ts";

/**
 * Words from the record itself (test names, medicine names, notes), shown as the clinic wrote
 * them, marked as English so a screen reader in another language pronounces them right, and
 * isolated (bdi) so an English name inside an Arabic sentence does not reorder it.
 */
export function Clinical(props: { children: JSX.Element }) {
  return <bdi lang="en">{props.children}</bdi>;
}

/** The record's free-text notes on an item, under a heading: the clinic's words, as written. */
export function RecordNotes(props: { heading: string; notes: readonly string[] }) {
  return (
    <Show when={props.notes.length > 0}>
      <h2>{props.heading}</h2>
      <For each={props.notes}>
        {(note) => (
          <p dir="auto" lang="en">
            {note}
          </p>
        )}
      </For>
    </Show>
  );
}

/** A sentence built with `isolate()`: the record's words each in their own `<bdi lang="en">`. */
export function Isolated(props: { text: string }) {
  const pieces = () => isolatedPieces(props.text);
  // Odd pieces are the record's words; by position (Index), as equal pieces may repeat.
  return (
    <Index each={pieces()}>
      {(piece, index) => (index % 2 === 1 ? <Clinical>{piece()}</Clinical> : piece())}
    </Index>
  );
}

/**
 * When something happened, at the precision the record gives ("2019", "May 2019", "10 May 2019"),
 * or "Date not recorded". With `withTime`, an instant also gets its time and the zone it is told in.
 */
export function When(props: { time: FhirWhen | null | undefined; withTime?: boolean }) {
  return (
    <Show when={props.time ?? undefined} fallback={t("record.dateUnknown")}>
      {(time) => (
        <time dateTime={time()}>{formatWhen(time(), { time: props.withTime ?? false })}</time>
      )}
    </Show>
  );
}

/**
 * A flag in words, with a shape beside it (▲ ▼ !) so it is never told by colour alone
 * (WCAG 1.4.1); the shape is decorative, the words are what a screen reader says.
 */
export function FlagText(props: { flag: Flag | undefined }) {
  const mark = () => {
    switch (props.flag) {
      case "high":
      case "critical-high":
        return "▲";
      case "low":
      case "critical-low":
        return "▼";
      case "normal":
        return "";
      default:
        return "!";
    }
  };
  return (
    <Show when={props.flag}>
      {(flag) => (
        <span class={`record-flag record-flag--${flag()}`}>
          <Show when={mark()}>
            <span aria-hidden="true">{mark()} </span>
          </Show>
          {flagText(flag())}
        </span>
      )}
    </Show>
  );
}

/** "New" beside a result not yet opened on this device. */
export function NewMark() {
  return <span class="record-new">{t("record.results.new")}</span>;
}

/** The link back to a section's list. */
export function BackLink(props: { href: string; section: string }) {
  return (
    <p class="record-back">
      <a href={props.href}>{t("record.backTo", { section: props.section })}</a>
    </p>
  );
}

/** Prints the page as it is: the print stylesheet (record.css) drops the app's frame. */
export function PrintButton() {
  return (
    <p class="record-print">
      <Button onClick={() => window.print()}>{t("record.print")}</Button>
    </p>
  );
}

/** A detail page whose item is not on this device (a stale link, or not yet synced). */
export function NotOnDevice(props: { href: string; section: string }) {
  return (
    <>
      <ErrorExplanation code="REC-403" />
      <BackLink href={props.href} section={props.section} />
    </>
  );
}

/**
 * A labelled fact in a details list: shown only when there is something to say. A `when` that
 * is given but empty (`when={p.resolved}` with no date) hides the fact: what the record does not
 * hold is left out, never printed as an empty "Recorded by:" or "Resolved: date not recorded".
 */
export function Fact(props: { label: string; children: JSX.Element; when?: unknown }) {
  return (
    <Show when={"when" in props ? props.when : true}>
      <div class="record-fact">
        <dt>{props.label}</dt>
        <dd>{props.children}</dd>
      </div>
    </Show>
  );
}

/**
 * A page whose h1 is the record's own words (a test's or medicine's name): the heading is
 * marked lang="en" like every other piece of clinical text. `Page` takes a plain title, so the
 * attribute is set on its heading once it is rendered.
 */
export function ClinicalHeading(props: { title: string; children: JSX.Element }) {
  let frame: HTMLDivElement | undefined;
  onMount(() => frame?.querySelector("h1")?.setAttribute("lang", "en"));
  return (
    <div ref={frame}>
      <Page title={props.title}>{props.children}</Page>
    </div>
  );
}
