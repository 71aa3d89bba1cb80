import { createMemoryHistory, MemoryRouter, Route, type RouteSectionProps } from "@solidjs/router";
import { render, screen } from "@solidjs/testing-library";
import { expect, it } from "vitest";
import { errorCatalog } from "../../../shared/errors.ts";
import ErrorCodeRedirect from "./error-code-redirect.tsx";

function open(path: string) {
  const history = createMemoryHistory();
  history.set({ value: path, replace: true, scroll: false });
  render(() => (
    <MemoryRouter history={history}>
      <Route path="/help/code/:code" component={ErrorCodeRedirect} />
      <Route
        path="/help/:guideId"
        component={(props: RouteSectionProps) => <h1>Guide {props.params.guideId}</h1>}
      />
    </MemoryRouter>
  ));
  return history;
}

it("opens the guide the catalog names for a code", async () => {
  const history = open("/help/code/AUTH-105");
  expect(await screen.findByRole("heading", { name: `Guide ${errorCatalog["AUTH-105"].guide}` }));
  expect(history.get()).toBe(`/help/${errorCatalog["AUTH-105"].guide}`);
});

it("opens the general error-code guide for a code it does not know", async () => {
  open("/help/code/NOPE-999");
  expect(await screen.findByRole("heading", { name: "Guide error-code" })).toBeTruthy();
});
