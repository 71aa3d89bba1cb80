import { type JSX, Show } from "solid-js";
import "./status-banner.css";

interface StatusBannerProps {
  /** Colour and edge of the banner; the title must say the same thing in words. */
  tone: "info" | "success" | "warning" | "error";
  title?: string;
  children?: JSX.Element;
}

/**
 * A visible message about the state of things (offline, signed out, a new version). It is
 * not a live region: announce changes through `announce()` so they are said once.
 *
 * @example <StatusBanner tone="warning" title={t("status.offline")} />
 */
export function StatusBanner(props: StatusBannerProps) {
  return (
    <div class={`status-banner status-banner--${props.tone}`}>
      <Show when={props.title}>
        <p class="status-banner__title">{props.title}</p>
      </Show>
      <Show when={props.children}>
        <div class="status-banner__body">{props.children}</div>
      </Show>
    </div>
  );
}
