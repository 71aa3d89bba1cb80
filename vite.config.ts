import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";
import { directionOf, locales } from "./shared/locales/index.ts";

/** Hearth's brand colour: the header bar, the icon's background, the installed app's frame. */
const themeColor = "#8a3510";

/**
 * Writes the "Hearth needs JavaScript" message into index.html in every language, from the
 * locale files, so even this one static message is translated. A plugin rather than inline
 * script: the CSP allows no inline script (`script-src 'self'`).
 */
function noScriptInEveryLanguage(): Plugin {
  return {
    name: "hearth-noscript",
    transformIndexHtml(html) {
      const lines = locales.map((locale) => {
        const messages = JSON.parse(
          readFileSync(new URL(`./shared/locales/${locale}.json`, import.meta.url), "utf8"),
        ) as { boot: { noScript: string } };
        return `<p lang="${locale}" dir="${directionOf(locale)}">${escapeHtml(messages.boot.noScript)}</p>`;
      });
      return html.replace(
        /<!-- noscript:[^>]*-->/,
        `<noscript><div class="no-script">${lines.join("")}</div></noscript>`,
      );
    },
  };
}

/**
 * What every page needs, in one chunk: Solid, the router and our code
 * outside the feature pages. Left to itself Rolldown cuts this into several small shared
 * chunks, which costs a slow phone extra round trips and the sign-in page about 2 KB of gzip.
 * Dexie stays out (only a signed-in person needs it, with the sync engine); the languages are
 * JSON files, not code.
 */
function isBootModule(id: string): boolean {
  const path = id.replaceAll("\\", "/");
  if (/\/node_modules\/(solid-js|@solidjs\/router)\//.test(path)) return true;
  // Valibot serves the forms and sync contracts of lazy pages; pulled into boot by the shared
  // contracts, it cost the sign-in page over a kilobyte it never uses.
  if (/\/node_modules\/valibot\//.test(path)) return false;
  // What only a signed-in person needs (Dexie, the sync engine and its status) loads lazily.
  if (/\/client\/local\//.test(path))
    return /\/(session|session-state|connectivity|device-user|forget-user|tab-signal|return-path|retry-delay)\.ts$/.test(
      path,
    );
  if (/\/client\/(api\/sync|api\/device-keys|ui\/sync-status-banner)\.tsx?$/.test(path))
    return false;
  // What only some pages before or after sign-in use: the second step's approval from another
  // device, and the field for choosing a new password with its strength estimator (~235 KB gzip).
  if (
    /\/client\/(api\/approval|ui\/new-password-field|ui\/password-strength)\.(ts|tsx|css)$/.test(
      path,
    )
  )
    return false;
  // What only signed-in pages show: signing out with its dialog, notices of kept writes, drafts.
  if (
    /\/client\/ui\/(dialog|sign-out-button|sign-out-dialog|kept-writes-notice|draft-kept-notice)\.(tsx|css)$/.test(
      path,
    )
  )
    return false;
  // Contracts serve the pages that call their APIs, most of them lazy and many with valibot
  // schemas: only those every page needs (who is signed in, the sign-in form's limits) are boot.
  if (/\/shared\/contracts\//.test(path)) return /\/(me|sign-in-limits)\.ts$/.test(path);
  // A form's check with a shared schema loads valibot, which the sign-in page does without.
  if (/\/client\/ui\/schema-check\.ts$/.test(path)) return false;
  // Help's guides, contracts and widgets belong to the help pages' lazy chunks, not to boot.
  if (/\/shared\/guides\/|\/client\/ui\/text-area\.tsx$/.test(path)) return false;
  // The record's dates and sentences with isolated clinical words serve the record and home
  // pages only (docs/decisions/0023-calendar-dates.md).
  if (/\/client\/i18n\/format-when\.ts$|\/client\/ui\/sentence\.tsx$/.test(path)) return false;
  // The namespaces' URLs (each a hashed, incompressible name) load with the first page that
  // needs words from one.
  if (/\/client\/i18n\/namespace-urls\.ts$|\/shared\/locales\/[\w-]+\//.test(path)) return false;
  if (/\/client\/(i18n|ui|api|local)\//.test(path)) return true;
  // Of shared/, only what every page uses: the languages (and their files' URLs) and the shape
  // of an error code. The error catalog serves the server and the help pages, not the first
  // download (client/ui/error-explanation.tsx links to /help/code/<code>).
  return /\/shared\/(locales\/(index\.ts|\w+\.json)|error-code-shape\.ts)/.test(path);
}

/** The feature folder a module belongs to ("appointments"), or null outside one or in auth. */
function featureChunk(id: string): string | null {
  const match = /\/client\/features\/([\w-]+)\//.exec(id.replaceAll("\\", "/"));
  return match?.[1] && match[1] !== "auth" ? match[1] : null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export default defineConfig({
  root: "client",
  publicDir: "public",
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // Read by scripts/bundle-budget.ts to find what the sign-in page loads.
    manifest: true,
    // Hashed names under /assets/: the server can mark them immutable.
    assetsDir: "assets",
    modulePreload: {
      polyfill: false,
      // The route table imports every page lazily, and Vite would list each page's JS
      // dependencies in the entry chunk (over 1 KB gzip, growing with each page) so it could
      // preload them. The sign-in page's budget is worth more: from the entry, a page's chunks
      // load as the browser meets their imports (the service worker has them all after the first
      // visit). Pages keep preloading their own lazy parts; CSS is always listed.
      resolveDependencies: (_file, deps, { hostType, hostId }) =>
        hostType === "js" && /(^|\/)index-[\w-]+\.js$/.test(hostId) ? [] : deps,
    },
    // Locale files must stay files: the CSP's connect-src does not allow fetching data: URLs.
    assetsInlineLimit: (file) => (file.endsWith(".json") ? false : undefined),
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Its own chunk, or Rolldown folds it into boot, where the sign-in page pays for it.
            { name: "valibot", test: /[\\/]node_modules[\\/]valibot[\\/]/, priority: 2 },
            // Small helpers the unlock page (features/lock) shares with sign-in and access: each
            // its own chunk, or Rolldown folds it into the lock chunk, and the sign-in page or
            // the unlock page then loads the other's dependencies (Dexie, the password meter).
            { name: "safe-next", test: /[\\/]client[\\/]safe-next\.ts$/, priority: 2 },
            { name: "boot", test: isBootModule, priority: 1 },
            // One chunk per feature (records, inbox, appointments, support…): the route table in
            // the entry chunk then names a dozen files, not one per page, each a hashed name
            // that gzip cannot shrink — the sign-in page pays for every one. Sign-in's own pages
            // stay apart, so the sign-in page loads only itself.
            { name: featureChunk, test: (id: string) => featureChunk(id) !== null, priority: 0 },
            // The device store and sync engine, which every signed-in feature shares: one chunk,
            // rather than pieces folded into whichever feature Rolldown met first.
            // Not the approval API: the second step of sign-in calls it, with no device store yet.
            {
              name: "device",
              test: (id: string) =>
                /[\\/]client[\\/](local|api)[\\/]/.test(id) &&
                !/[\\/]api[\\/]approval\.ts$/.test(id),
              priority: 1,
            },
          ],
        },
      },
    },
  },
  resolve: {
    alias: [
      // workbox-window's package points bundlers at its ES5 build; the ES2017 one is half the
      // size (1.3 KB against 2.4 KB gzip), and every browser that runs Hearth runs ES2017.
      { find: /^workbox-window$/, replacement: "workbox-window/build/workbox-window.prod.mjs" },
    ],
  },
  server: {
    proxy: { "/api": "http://localhost:8787" },
  },
  plugins: [
    solid(),
    noScriptInEveryLanguage(),
    VitePWA({
      strategies: "injectManifest",
      // Relative to Vite's root (client/): the service worker is client/sw.ts.
      srcDir: ".",
      filename: "sw.ts",
      // main.tsx registers it with workbox-window, which also runs the update flow.
      injectRegister: false,
      injectManifest: {
        // The app shell, every language and every page's chunk: all of it works offline. The
        // plugin adds the web manifest and its icons by itself.
        globPatterns: ["**/*.{js,css,html,svg}", "assets/*.json", "icons/apple-touch-icon.png"],
        // The password strength estimator (~235 KB gzip of dictionaries) is fetched only by the
        // pages where a password is chosen, which need the network anyway; every device
        // downloading it in the background would cost slow links for nothing.
        globIgnores: ["**/password-strength-*.js"],
      },
      manifest: {
        id: "/",
        name: "Hearth",
        short_name: "Hearth",
        description: "Your health record and care team",
        start_url: "/",
        scope: "/",
        display: "standalone",
        theme_color: themeColor,
        background_color: "#ffffff",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          {
            src: "/icons/icon-maskable-512.png",
            sizes: "512x512",
            type: "image/png",
            purpose: "maskable",
          },
        ],
      },
    }),
  ],
});
