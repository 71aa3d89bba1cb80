import { createEffect, type JSX, onMount } from "solid-js";
import { t } from "../i18n/i18n.ts";

/**
 * Headings shown so far. The first page after the app starts leaves focus alone (so the skip
 * link stays the first thing the keyboard reaches); every later page is a navigation.
 */
let headingsShown = 0;

interface PageProps {
  /** The page's one h1, and the start of the document title. */
  title: string;
  /** GOV.UK: a page showing form errors says so first in its title. */
  hasErrors?: boolean;
  children?: JSX.Element;
}

/**
 * One page: its h1 and its document title. On every navigation focus moves to the h1, so a
 * screen reader announces the new page and the keyboard starts from the top of it.
 *
 * @example <Page title={t("help.title")}>…</Page>
 */
export function Page(props: PageProps) {
  let heading: HTMLHeadingElement | undefined;
  createEffect(() => {
    const title = `${props.title} – ${t("app.name")}`;
    document.title = props.hasErrors ? t("form.errorTitle", { title }) : title;
  });
  onMount(() => {
    if (headingsShown++ > 0) heading?.focus();
  });
  return (
    <>
      <h1 class="page-heading" tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      {props.children}
    </>
  );
}
