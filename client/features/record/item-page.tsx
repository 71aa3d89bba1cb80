import { useParams } from "@solidjs/router";
import { type JSX, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { createDeviceQuery, type DeviceSource } from "../../local/device-query.ts";
import { Page } from "../../ui/page.tsx";
import { BackLink, ClinicalHeading, NotOnDevice, PrintButton } from "./record-parts.tsx";

export type Section =
  | "results"
  | "vitals"
  | "history"
  | "documents"
  | "medications"
  | "allergies"
  | "immunizations"
  | "problems"
  | "visits"
  | "procedures"
  | "other";

/** The item id of a detail URL (/record/<section>/<id>), from the record's one route. */
export function useItemId(): () => string {
  const params = useParams();
  return () => (params.path ?? "").split("/").filter(Boolean)[1] ?? "";
}

/**
 * The frame of every list page: title, introduction, print button, and the section's content
 * once the device has answered (with "Reading your record…" until then).
 */
export function SectionPage<T>(props: {
  section: Section;
  intro?: string;
  query: (source: DeviceSource) => Promise<T>;
  children: (value: T) => JSX.Element;
}) {
  const read = createDeviceQuery(() => props.query);
  const value = () => {
    const r = read();
    return r.state === "ready" ? { value: r.value } : undefined;
  };
  return (
    <Page title={t(`record.sections.${props.section}`)}>
      <Show when={props.intro}>
        <p>{props.intro}</p>
      </Show>
      <p class="secondary-text">{t("record.clinicalLanguage")}</p>
      <PrintButton />
      <Show when={value()} fallback={<p class="app-loading">{t("record.loading")}</p>}>
        {(ready) => props.children(ready().value)}
      </Show>
    </Page>
  );
}

/**
 * The frame of every detail page (/record/<section>/:id): the item's name as the h1 (the
 * record's own words, lang="en"), a link back to the list, and the "not on this device"
 * explanation (REC-403) for an id the device does not hold.
 */
export function ItemPage<T>(props: {
  section: Section;
  query: (source: DeviceSource, id: string) => Promise<T | undefined>;
  title: (item: T) => string;
  children: (item: T) => JSX.Element;
}) {
  const itemId = useItemId();
  const read = createDeviceQuery(() => {
    const id = itemId();
    const query = props.query;
    return (source) => query(source, id);
  });
  const section = () => t(`record.sections.${props.section}`);
  const list = () => `/record/${props.section}`;
  const state = () => {
    const r = read();
    return r.state === "ready" ? { item: r.value } : undefined;
  };
  return (
    <Show
      when={state()}
      fallback={
        <Page title={section()}>
          <p class="app-loading">{t("record.loading")}</p>
        </Page>
      }
    >
      {(ready) => (
        <Show
          when={ready().item}
          fallback={
            <Page title={section()}>
              <NotOnDevice href={list()} section={section()} />
            </Page>
          }
        >
          {(item) => (
            <ClinicalHeading title={props.title(item())}>
              <BackLink href={list()} section={section()} />
              {props.children(item())}
              <PrintButton />
            </ClinicalHeading>
          )}
        </Show>
      )}
    </Show>
  );
}
