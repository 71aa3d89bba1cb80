/**
 * How deep a request body may nest. Hearth's contracts go four or five levels down; the
 * limit is far above that and far below what recursive code (a digest, a schema, a
 * stringify) can walk before the stack runs out, which 5,000 levels did (docs/security.md).
 */
export const jsonMaxDepth = 64;

/** What makes a parsed body unfit to go any further, before any schema or digest sees it. */
export type JsonTrouble = "tooDeep" | "nul";

/**
 * The first trouble in a parsed JSON value, or null. Iterative, so the walk itself cannot
 * overflow. A NUL in any string or key is refused here because PostgreSQL cannot store it
 * in text or jsonb and would fail the whole request (a 500) after the handler started.
 */
export function jsonTrouble(value: unknown, maxDepth = jsonMaxDepth): JsonTrouble | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof item === "string") {
      if (item.includes("\u0000")) return "nul";
      continue;
    }
    if (item === null || typeof item !== "object") continue;
    if (depth >= maxDepth) return "tooDeep";
    if (Array.isArray(item)) {
      for (const child of item) stack.push({ value: child, depth: depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(item)) {
      if (key.includes("\u0000")) return "nul";
      stack.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}
