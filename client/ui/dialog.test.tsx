import { fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal, Show } from "solid-js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { expectNoAxeViolations } from "../test/axe.ts";
import { Dialog } from "./dialog.tsx";

// Rendered alone, without a Page to name the document: axe asks for a title.
beforeEach(() => {
  document.title = "Dialog";
});

function Opener(props: { onClose?: () => void }) {
  const [open, setOpen] = createSignal(false);
  const close = () => {
    props.onClose?.();
    setOpen(false);
  };
  return (
    <main>
      <h1>Page</h1>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <Show when={open()}>
        <Dialog titleId="test-dialog-title" describedBy="test-dialog-text" onClose={close}>
          <h2 id="test-dialog-title">Leave this page?</h2>
          <p id="test-dialog-text">What you typed is kept.</p>
          <button type="button" onClick={close}>
            Stay
          </button>
          <button type="button" autofocus onClick={close}>
            Leave
          </button>
        </Dialog>
      </Show>
    </main>
  );
}

describe("Dialog", () => {
  it("is named by its heading, focuses its autofocus control, and gives focus back on closing", async () => {
    render(() => <Opener />);
    await expectNoAxeViolations();
    const opener = screen.getByRole("button", { name: "Open" });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Leave this page?" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(dialog.getAttribute("aria-describedby")).toBe("test-dialog-text");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Leave" }));
    await expectNoAxeViolations();

    fireEvent.click(screen.getByRole("button", { name: "Stay" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("asks to close on Escape, once", () => {
    const onClose = vi.fn();
    render(() => <Opener onClose={onClose} />);
    fireEvent.click(screen.getByRole("button", { name: "Open" }));
    fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledOnce();
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
