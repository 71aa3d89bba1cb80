import { type Component, lazy } from "solid-js";
import type { Namespace } from "../../shared/locales/index.ts";
import { loadNamespaces } from "./i18n.ts";

/**
 * A lazily loaded page whose words live in namespaces of their own: the page's code and its
 * words are fetched side by side, and the page renders once both are here, so no key flashes
 * on screen.
 *
 * @example const GuidePage = lazyWithWords(["guides"], () => import("./guide-page.tsx"));
 */
export function lazyWithWords<P extends object>(
  namespaces: readonly Namespace[],
  load: () => Promise<{ default: Component<P> }>,
) {
  return lazy(async () => {
    const [page] = await Promise.all([load(), loadNamespaces(namespaces)]);
    return page;
  });
}
