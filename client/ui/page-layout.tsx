import type { JSX } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { LiveRegion } from "./live-region.tsx";
import "./page-layout.css";

interface PageLayoutProps {
  /** Controls at the end of the header: language menu, sign-out button. */
  actions: JSX.Element;
  /** The links of the main menu, as `<li>` elements. */
  navigation: JSX.Element;
  /** Messages about the whole app (a new version is ready), shown above every page. */
  banners?: JSX.Element;
  children?: JSX.Element;
}

const mainId = "main-content";

/**
 * The frame around every page: skip link, then header, nav, main and footer landmarks, and
 * the live region. Pages render inside `main` and bring their own h1 (see Page).
 */
export function PageLayout(props: PageLayoutProps) {
  // Focus main ourselves: the router would treat "#main-content" as a navigation.
  const skipToMain = (event: MouseEvent) => {
    event.preventDefault();
    const main = document.getElementById(mainId);
    main?.focus();
    main?.scrollIntoView();
  };
  return (
    <div class="app">
      <a class="skip-link" href={`#${mainId}`} on:click={skipToMain}>
        {t("layout.skipLink")}
      </a>
      <header class="app-header">
        <div class="app-header__inner">
          <a class="app-header__name" href="/">
            {/* Decorative (alt=""): the app name is the link's text. An image, not inline SVG,
                so the sign-in page's JavaScript does not carry it; the favicon is cached anyway. */}
            <img class="app-header__logo" src="/favicon.svg" alt="" width="32" height="32" />
            {t("app.name")}
          </a>
          <div class="app-header__actions">{props.actions}</div>
        </div>
      </header>
      <nav class="app-nav" aria-label={t("layout.mainMenu")}>
        <div class="app-nav__inner">
          <ul>{props.navigation}</ul>
        </div>
      </nav>
      <main class="app-main" id={mainId} tabIndex={-1}>
        <div class="app-banners">{props.banners}</div>
        {props.children}
      </main>
      <footer class="app-footer">
        <div class="app-footer__inner">
          <p>{t("layout.footer")}</p>
        </div>
      </footer>
      <LiveRegion />
    </div>
  );
}
