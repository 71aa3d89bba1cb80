import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

// One project per side of the dependency rule (docs/architecture.md, "Tests"), and one for the
// repository's own rules (scripts/).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "server",
          include: ["server/**/*.test.ts"],
          environment: "node",
          // Migrates one PGlite for the run; each file's database is a copy of it.
          globalSetup: ["server/test/pglite-template.ts"],
          // PGlite instances are large; one file at a time per core keeps memory and time sane.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [solid()],
        resolve: { conditions: ["development", "browser"] },
        test: {
          name: "client",
          include: ["client/**/*.test.{ts,tsx}"],
          exclude: ["client/**/*.server.test.ts"],
          environment: "jsdom",
          setupFiles: ["client/test/setup.ts"],
          // Above Testing Library's 10 s wait (client/test/setup.ts): on a busy machine the
          // first test of a file also waits for lazy pages to be compiled.
          testTimeout: 20_000,
        },
      },
      {
        // The device's sync engine against the real server, started in the test: Node, where
        // the server runs, with fake-indexeddb for the device's storage.
        test: {
          name: "client-sync",
          include: ["client/**/*.server.test.ts"],
          environment: "node",
          globalSetup: ["server/test/pglite-template.ts"],
          setupFiles: ["fake-indexeddb/auto"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "shared",
          include: ["shared/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        // The repository held to its own rules: the dependency rule, documents cited.
        test: {
          name: "scripts",
          include: ["scripts/**/*.test.ts"],
          environment: "node",
        },
      },
    ],
  },
});
