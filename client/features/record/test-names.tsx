import { type JSX, Show } from "solid-js";
import "./test-names.css";
import { t } from "../../i18n/i18n.ts";
import { Page } from "../../ui/page.tsx";
import { isolate } from "./bidi.ts";
import { plainNameOf } from "./common-tests.ts";
import type { Json } from "./fhir-read.ts";
import { Clinical, ClinicalHeading, Isolated } from "./record-parts.tsx";
import { nameOf } from "./result-flags.ts";

/**
 * "Called by your clinic: TSH SerPl-aCnc": the sentence comes from the locale files (its words
 * and punctuation in the reader's order), the name from the record, isolated and marked as
 * English (`isolate`, `Isolated`) so an English name in an Arabic sentence keeps its direction.
 */
export function CalledByClinic(props: { name: string }) {
  return <Isolated text={t("record.commonTests.calledByClinic", { name: isolate(props.name) })} />;
}

/**
 * A test's name in a list: the plain name from the table of common tests in the reader's
 * language, with the clinic's own name beside it in smaller type; the clinic's name alone
 * when the table does not know the test.
 */
export function TestName(props: {
  plain: string | undefined;
  clinic: string;
  /** What follows the name on its line (a caption's date), before the clinic's name. */
  children?: JSX.Element;
}) {
  return (
    <Show
      when={props.plain}
      fallback={
        <>
          <Clinical>{props.clinic}</Clinical>
          {props.children}
        </>
      }
    >
      {(plain) => (
        <>
          {plain()}
          {props.children}
          <Show when={props.clinic && props.clinic !== plain()}>
            <span class="record-clinic-name secondary-text">
              <CalledByClinic name={props.clinic} />
            </span>
          </Show>
        </>
      )}
    </Show>
  );
}

/**
 * A test's page: its h1 is the plain name in the reader's language, followed by the name the
 * clinic uses; a test the table does not know keeps the clinic's name as its heading, marked
 * as English (ClinicalHeading).
 */
export function TestHeading(props: { resource: Json; children: JSX.Element }) {
  const clinic = () => nameOf(props.resource);
  return (
    <Show
      when={plainNameOf(props.resource)}
      fallback={<ClinicalHeading title={clinic()}>{props.children}</ClinicalHeading>}
    >
      {(plain) => (
        <Page title={plain()}>
          <Show when={clinic() && clinic() !== plain()}>
            <p class="record-clinic-name secondary-text">
              <CalledByClinic name={clinic()} />
            </p>
          </Show>
          {props.children}
        </Page>
      )}
    </Show>
  );
}
