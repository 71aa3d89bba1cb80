import { announcement } from "./announce.ts";

export { announce } from "./announce.ts";

/**
 * The one polite live region of the page. It is in the layout from the start, because
 * screen readers ignore live regions that appear at the same time as their text.
 */
export function LiveRegion() {
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement()}
    </div>
  );
}
