import { createEffect, on } from "solid-js";
import type { RecordFilter } from "./date-filter.tsx";

/** Calls `reset` whenever the URL's filter changes (not on the first run). */
export function createFilterKey(filter: RecordFilter, reset: () => void): void {
  createEffect(
    on(
      () => `${filter.query()}|${filter.from() ?? ""}|${filter.to() ?? ""}`,
      () => reset(),
      { defer: true },
    ),
  );
}
