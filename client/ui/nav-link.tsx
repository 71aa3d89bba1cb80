import { useLocation } from "@solidjs/router";
import type { JSX } from "solid-js";

/**
 * A main-menu link that says which page is open (aria-current="page"). A plain <a>: the router
 * handles clicks on every same-site link, and its own <A> costs the sign-in page a JSX spread.
 */
export function NavLink(props: { href: string; children: JSX.Element }) {
  const location = useLocation();
  return (
    <a href={props.href} aria-current={location.pathname === props.href ? "page" : undefined}>
      {props.children}
    </a>
  );
}
