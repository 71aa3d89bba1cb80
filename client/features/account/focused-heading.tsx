import { type JSX, onMount } from "solid-js";

/**
 * An h2 that takes focus when it appears: a step that replaces part of a page is announced
 * and the keyboard starts from it, as a new page's h1 does (client/ui/page.tsx).
 */
export function FocusedHeading(props: { children: JSX.Element }) {
  let heading: HTMLHeadingElement | undefined;
  onMount(() => heading?.focus());
  return (
    <h2 tabIndex={-1} ref={heading}>
      {props.children}
    </h2>
  );
}
