// The dependency rule of docs/architecture.md ("One package, four folders"), enforced: client and
// server each import only their own folder and shared/, shared/ imports only itself, and a
// feature folder never imports another feature's files. Lazy `import()` counts: a page loaded
// later is still a dependency.
import { describe, expect, it } from "vitest";
import { type Import, importsIn, repoImports } from "./repo-files.ts";

/** Why an import breaks the rule, or undefined when it keeps it. */
function breach(from: string, to: string): string | undefined {
  const [fromTop] = from.split("/");
  const [toTop] = to.split("/");
  if (fromTop === "shared" && toTop !== "shared") return "shared/ imports nothing of ours";
  if ((fromTop === "client" || fromTop === "server") && toTop !== fromTop && toTop !== "shared") {
    if (fromTop === "client" && toTop === "server" && isClientTest(from)) return undefined;
    return `${fromTop}/ imports only ${fromTop}/ and shared/`;
  }
  const fromFeature = featureOf(from);
  const toFeature = featureOf(to);
  if (fromFeature && toFeature && fromFeature !== toFeature) {
    return `features/${fromFeature} imports a file of features/${toFeature}: what two features need goes to client/ui (presentation) or client/local (data)`;
  }
  return undefined;
}

/**
 * Test code of the client may use the server's: to make its data (the record generator, the
 * index columns) or to run the device's sync against the real server (the client-sync project,
 * client/test/real-server.ts). It is never built into the app, which is what the rule guards.
 */
function isClientTest(path: string): boolean {
  return path.startsWith("client/test/") || /\.test\.tsx?$/.test(path);
}

function featureOf(path: string): string | undefined {
  return /^client\/features\/([^/]+)\//.exec(path)?.[1];
}

function describeImport(found: Import, why: string): string {
  return `${found.file}:${found.line} imports "${found.specifier}" (${found.target}): ${why}`;
}

describe("the dependency rule", () => {
  const imports = repoImports(["client", "server", "shared"]);

  it("holds for every import in client/, server/ and shared/", () => {
    const breaches = imports.flatMap((found) => {
      const why = breach(found.file, found.target);
      return why ? [describeImport(found, why)] : [];
    });
    expect(breaches, `${breaches.length} imports break the rule:\n${breaches.join("\n")}`).toEqual(
      [],
    );
  });

  it("finds imports of every kind, lazy ones included, and not those in comments or strings", () => {
    const source = [
      'import a from "../a.ts";',
      'import type { B } from "./b.ts";',
      'export * from "./c.ts";',
      "const page = lazy(() => import(",
      '  "../../features/inbox/d.tsx"));',
      'import "./e.css";',
      '// import("./not-this.ts")',
      "const text = \"import('./nor-this.ts')\";",
      'import { x } from "solid-js";',
    ].join("\n");
    expect(
      importsIn("client/features/home/f.tsx", source).map((i) => `${i.line} ${i.target}`),
    ).toEqual([
      "1 client/features/a.ts",
      "2 client/features/home/b.ts",
      "3 client/features/home/c.ts",
      "5 client/features/inbox/d.tsx",
      "6 client/features/home/e.css",
    ]);
  });

  it("names each way the rule can be broken", () => {
    expect(breach("client/app.tsx", "server/app.ts")).toMatch(/client\/ imports only/);
    expect(breach("server/app.ts", "client/app.tsx")).toMatch(/server\/ imports only/);
    expect(breach("shared/errors.ts", "client/ui/button.tsx")).toMatch(/shared\/ imports nothing/);
    expect(breach("shared/errors.ts", "server/config.ts")).toMatch(/shared\/ imports nothing/);
    expect(breach("server/app.ts", "e2e/fixtures.ts")).toMatch(/server\/ imports only/);
    expect(
      breach("client/features/home/home-page.tsx", "client/features/inbox/inbox-home-card.tsx"),
    ).toMatch(/features\/home imports a file of features\/inbox/);
    expect(breach("client/local/x.test.ts", "server/test/app.ts")).toBeUndefined();
    expect(breach("client/home-cards.tsx", "client/features/inbox/x.tsx")).toBeUndefined();
    expect(breach("client/features/inbox/x.tsx", "client/ui/button.tsx")).toBeUndefined();
    expect(breach("client/features/inbox/x.tsx", "shared/errors.ts")).toBeUndefined();
  });
});
