import { Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { AppShell } from "./app-shell.tsx";
import { lazyWithWords } from "./i18n/lazy-with-words.ts";
import { requireSignIn } from "./require-sign-in.tsx";

// Every page is its own chunk: the sign-in page must load in 40 KB of gzipped JavaScript
// (scripts/bundle-budget.ts), so nothing else is in the way.
const SignInPage = lazy(() => import("./features/auth/sign-in-page.tsx"));
const HomePage = lazy(() => import("./features/home/home-page.tsx"));
// Every /record page is one chunk behind one route (client/features/record/record-pages.tsx).
const RecordPages = lazyWithWords(
  ["record", "tests"],
  () => import("./features/record/record-pages.tsx"),
);
const HelpPage = lazyWithWords(["guides"], () => import("./features/help/help-page.tsx"));
const GuidePage = lazyWithWords(["guides"], () => import("./features/help/guide-page.tsx"));
const CheckDevicePage = lazy(() => import("./features/help/check-device-page.tsx"));
const ResetAppPage = lazy(() => import("./features/help/reset-app-page.tsx"));
const AskForHelpPage = lazy(() => import("./features/help/ask-for-help-page.tsx"));
const ErrorCodeRedirect = lazy(() => import("./features/help/error-code-redirect.tsx"));
const NotFoundPage = lazy(() => import("./features/help/not-found-page.tsx"));
const SecondStepPage = lazy(() => import("./features/auth/second-step-page.tsx"));
// Signed-out access (ADR 18): activation, forgotten password and username.
const ActivatePage = lazyWithWords(["access"], () => import("./features/access/activate-page.tsx"));
const ForgotPasswordPage = lazyWithWords(
  ["access"],
  () => import("./features/access/forgot-password-page.tsx"),
);
const ForgotUsernamePage = lazyWithWords(
  ["access"],
  () => import("./features/access/forgot-username-page.tsx"),
);
const TwoStepPage = lazy(() => import("./features/account/two-step-page.tsx"));
const NewPasswordPage = lazyWithWords(
  ["support", "access"],
  () => import("./features/auth/new-password-page.tsx"),
);
const SupportQueuePage = lazyWithWords(
  ["support"],
  () => import("./features/support/queue-page.tsx"),
);
const SupportRequestPage = lazyWithWords(
  ["support", "guides"],
  () => import("./features/support/request-page.tsx"),
);
const SupportPersonPage = lazyWithWords(
  ["support", "guides"],
  () => import("./features/support/person-page.tsx"),
);
const InboxPage = lazyWithWords(["inbox"], () => import("./features/inbox/inbox-page.tsx"));
const AppointmentPages = lazyWithWords(
  ["appointments"],
  () => import("./features/appointments/appointment-pages.tsx"),
);
// The same chunk for the clinician's paths, as a lazy component of its own: two routes sharing
// one broke the route table in client/app.test.tsx.
const ClinicPages = lazyWithWords(
  ["appointments"],
  () => import("./features/appointments/appointment-pages.tsx"),
);
const NewMessagePage = lazyWithWords(
  ["inbox"],
  () => import("./features/inbox/new-message-page.tsx"),
);
const ThreadPage = lazyWithWords(["inbox"], () => import("./features/inbox/thread-page.tsx"));
const AccountPage = lazyWithWords(
  ["security", "access", "lock"],
  () => import("./features/account/account-page.tsx"),
);
const PasskeySignInPage = lazyWithWords(
  ["security"],
  () => import("./features/account/passkey-sign-in-page.tsx"),
);
const ActivityPage = lazyWithWords(
  ["security"],
  () => import("./features/account/activity-page.tsx"),
);

// Offline with the copy locked (ADR 29): its PIN opens it.
const UnlockPage = lazyWithWords(["lock"], () => import("./features/lock/unlock-page.tsx"));

/** The route table; tests mount it in a MemoryRouter. */
export function AppRoutes() {
  return (
    <>
      <Route path="/" component={requireSignIn(HomePage)} />
      <Route path="/inbox" component={requireSignIn(InboxPage)} />
      <Route path="/appointments/*path" component={requireSignIn(AppointmentPages)} />
      <Route path="/clinic/*path" component={requireSignIn(ClinicPages)} />
      <Route path="/inbox/new" component={requireSignIn(NewMessagePage)} />
      <Route path="/inbox/:threadId" component={requireSignIn(ThreadPage)} />
      <Route path="/record/*path" component={requireSignIn(RecordPages)} />
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/sign-in/second-step" component={SecondStepPage} />
      <Route path="/sign-in/passkey" component={PasskeySignInPage} />
      <Route path="/activate" component={ActivatePage} />
      <Route path="/forgot-password" component={ForgotPasswordPage} />
      <Route path="/forgot-username" component={ForgotUsernamePage} />
      <Route path="/sign-in/new-password" component={NewPasswordPage} />
      <Route path="/unlock" component={UnlockPage} />
      <Route path="/support" component={requireSignIn(SupportQueuePage)} />
      <Route path="/support/requests/:reference" component={requireSignIn(SupportRequestPage)} />
      <Route path="/support/accounts/:id" component={requireSignIn(SupportPersonPage)} />
      <Route path="/support/patients/:id" component={requireSignIn(SupportPersonPage)} />
      <Route path="/account" component={requireSignIn(AccountPage)} />
      <Route path="/account/two-step" component={requireSignIn(TwoStepPage)} />
      <Route path="/account/activity" component={requireSignIn(ActivityPage)} />
      <Route path="/help" component={HelpPage} />
      <Route path="/help/check" component={CheckDevicePage} />
      <Route path="/help/reset" component={ResetAppPage} />
      <Route path="/help/ask" component={AskForHelpPage} />
      <Route path="/help/code/:code" component={ErrorCodeRedirect} />
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
