import { createMemoryHistory, MemoryRouter } from "@solidjs/router";
import { render } from "@solidjs/testing-library";
import { AppRoutes } from "../app.tsx";
import { AppShell } from "../app-shell.tsx";

/** The whole app, as main.tsx mounts it, at `location`; answers its history to follow it. */
export function openApp(location: string) {
  const history = createMemoryHistory();
  history.set({ value: location, replace: true, scroll: false });
  render(() => (
    <MemoryRouter history={history} root={AppShell}>
      <AppRoutes />
    </MemoryRouter>
  ));
  return history;
}
