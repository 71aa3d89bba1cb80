import "./ui/base.css";
import { render } from "solid-js/web";
import { App } from "./app.tsx";
import { startI18n } from "./i18n/i18n.ts";
import { initialLocale } from "./i18n/locale-choice.ts";
import { startSession } from "./local/session.ts";
import { registerServiceWorker } from "./service-worker.ts";

// Ask the server who is signed in first, so the request runs while the language loads.
void startSession();

const root = document.getElementById("app");
void startI18n(initialLocale()).then(() => {
  if (root) render(() => <App />, root);
});

// Only the production build has a service worker (vite-plugin-pwa builds sw.ts at build time).
if (import.meta.env.PROD) void registerServiceWorker();
