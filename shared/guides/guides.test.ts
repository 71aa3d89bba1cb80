import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deviceChecks, guideActions, guides, nextIds, wordKeys } from "./index.ts";

type Tree = { [key: string]: string | Tree };

// Guide words are the "guides" namespace (shared/locales/guides/), loaded with the help pages.
const english = {
  guides: JSON.parse(
    readFileSync(new URL("../locales/guides/en.json", import.meta.url), "utf8"),
  ) as Tree,
};

/** Every leaf key under `tree`, dotted, with `prefix` before it. */
function leafKeys(tree: Tree, prefix: string): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

const expectedGuides = [
  "forgot-username",
  "forgot-password",
  "two-step",
  "locked-out",
  "activation-code",
  "page-will-not-load",
  "app-not-updating",
  "offline",
  "error-code",
];

it("has at least the guides listed here, each once", () => {
  expect(expectedGuides.filter((id) => !guides.some((guide) => guide.id === id))).toEqual([]);
  expect(new Set(guides.map((guide) => guide.id)).size).toBe(guides.length);
});

describe.each(guides.map((guide) => [guide.id, guide] as const))("guide %s", (id, guide) => {
  const byId = new Map(guide.nodes.map((node) => [node.id, node]));

  it("has unique node ids, and every id it leads to exists", () => {
    expect(byId.size).toBe(guide.nodes.length);
    const dangling = [guide.start, ...guide.nodes.flatMap(nextIds)].filter((to) => !byId.has(to));
    expect(dangling).toEqual([]);
  });

  it("reaches every node from its start", () => {
    const seen = new Set<string>();
    const queue = [guide.start];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      const node = byId.get(current);
      if (node) queue.push(...nextIds(node));
    }
    expect(guide.nodes.map((node) => node.id).filter((n) => !seen.has(n))).toEqual([]);
  });

  it("ends every path in a resolution or contact with support", () => {
    // Walk every path (no node twice on one path): each must stop at an end node.
    const stuck: string[] = [];
    const walk = (nodeId: string, path: string[]) => {
      const node = byId.get(nodeId);
      if (!node) return stuck.push([...path, nodeId].join(" → "));
      if (path.includes(nodeId)) return stuck.push(`loop: ${[...path, nodeId].join(" → ")}`);
      const next = nextIds(node);
      if (node.kind === "end") return;
      if (next.length === 0) stuck.push([...path, nodeId].join(" → "));
      for (const to of next) walk(to, [...path, nodeId]);
    };
    walk(guide.start, []);
    expect(stuck).toEqual([]);
    expect(guide.nodes.some((n) => n.kind === "end" && n.outcome === "contact")).toBe(true);
  });

  it("uses only known checks and actions, and questions have two answers or more", () => {
    for (const node of guide.nodes) {
      if (node.kind === "check") expect(deviceChecks).toContain(node.check);
      if (node.kind === "action") expect(guideActions).toContain(node.action);
      if (node.kind === "question") expect(node.answers.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("has its words in en.json, and no words it does not use", () => {
    const needed = new Set([`guides.${id}.title`, ...guide.nodes.flatMap((n) => wordKeys(id, n))]);
    const tree = english.guides[id];
    const present = [
      ...(typeof tree === "object" ? leafKeys(tree, `guides.${id}.`) : []),
      ...leafKeys(english.guides.answers as Tree, "guides.answers."),
    ];
    expect([...needed].filter((key) => !present.includes(key))).toEqual([]);
    const own = present.filter((key) => key.startsWith(`guides.${id}.`));
    expect(own.filter((key) => !needed.has(key))).toEqual([]);
  });
});
