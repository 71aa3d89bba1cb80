import { type JSX, onCleanup, onMount } from "solid-js";
import "./dialog.css";

/**
 * A modal dialog: opened with showModal(), so the page behind is inert and Tab stays inside;
 * labelled by its heading (`titleId`); focus goes to the element marked `autofocus` (else the
 * first button) and, when it closes, back to where it was. Escape asks `onClose`. What happens
 * inside it is said through a live region inside it: outside, a modal's inert page is not heard.
 *
 * @example <Dialog titleId="x-title" onClose={cancel}><h2 id="x-title">…</h2>…</Dialog>
 */
export function Dialog(props: {
  titleId: string;
  describedBy?: string;
  role?: "dialog" | "alertdialog";
  class?: string;
  onClose: () => void;
  children: JSX.Element;
}) {
  let dialog: HTMLDialogElement | undefined;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  onMount(() => {
    if (!dialog) return;
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
    const first =
      dialog.querySelector<HTMLElement>("[autofocus]") ?? dialog.querySelector("button");
    first?.focus();
  });
  onCleanup(() => {
    if (dialog?.open && typeof dialog.close === "function") dialog.close();
    if (opener?.isConnected) opener.focus();
  });

  return (
    <dialog
      ref={dialog}
      class={`dialog ${props.class ?? ""}`}
      role={props.role}
      aria-modal="true"
      aria-labelledby={props.titleId}
      aria-describedby={props.describedBy}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onKeyDown={(event) => {
        // Where the browser has no cancel event for Escape (and to be sure it is asked once).
        if (event.key !== "Escape") return;
        event.preventDefault();
        props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}
