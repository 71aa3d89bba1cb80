import { createSignal } from "solid-js";

const [online, setOnline] = createSignal(
  typeof navigator === "undefined" ? true : navigator.onLine,
);

if (typeof window !== "undefined") {
  window.addEventListener("online", () => setOnline(true));
  window.addEventListener("offline", () => setOnline(false));
}

/**
 * Whether the browser thinks it has a network. `false` is reliable; `true` only means "maybe",
 * so requests still handle NET-601/NET-602 themselves.
 */
export { online };
