import { Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { AppShell } from "./app-shell.tsx";
import { lazyWithWords } from "./i18n/lazy-with-words.ts";
import { requireSignIn } from "./require-sign-in.tsx";

// Every page is its own chunk: the sign-in page must load in 40 KB of gzipped JavaScript
// (scripts/bundle-budget.ts), so nothing else is in the way.
const SignInPage = lazy(() => import("./features/auth/sign-in-page.tsx"));
const HomePage = lazy(() => import("./features/home/home-page.tsx"));
const HelpPage = lazyWithWords(["guides"], () => import("./features/help/help-page.tsx"));
const GuidePage = lazyWithWords(["guides"], () => import("./features/help/guide-page.tsx"));
const CheckDevicePage = lazy(() => import("./features/help/check-device-page.tsx"));
const ResetAppPage = lazy(() => import("./features/help/reset-app-page.tsx"));
const AskForHelpPage = lazy(() => import("./features/help/ask-for-help-page.tsx"));
const NotFoundPage = lazy(() => import("./features/help/not-found-page.tsx"));
const SecondStepPage = lazy(() => import("./features/auth/second-step-page.tsx"));
const TwoStepPage = lazy(() => import("./features/account/two-step-page.tsx"));

/** The route table; tests mount it in a MemoryRouter. */
export function AppRoutes() {
  return (
    <>
      <Route path="/" component={requireSignIn(HomePage)} />
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/sign-in/second-step" component={SecondStepPage} />
      <Route path="/account/two-step" component={requireSignIn(TwoStepPage)} />
      <Route path="/help" component={HelpPage} />
      <Route path="/help/check" component={CheckDevicePage} />
      <Route path="/help/reset" component={ResetAppPage} />
      <Route path="/help/ask" component={AskForHelpPage} />
      <Route path="/help/:guideId" component={GuidePage} />
      <Route path="*" component={NotFoundPage} />
    </>
  );
}

export function App() {
  return (
    <Router root={AppShell}>
      <AppRoutes />
    </Router>
  );
}
