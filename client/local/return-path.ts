/**
 * Where a person was when their session ran out (client/features/idle), so that signing in
 * again as the same person goes back there, to the draft they left (ADR 29). Someone else
 * signing in is not sent to another person's page. In localStorage, plain: an opaque user id and
 * a path of ours (the sign-in page checks it with `safeNextPath` before going there).
 */
const returnKey = "hearth.returnAfterIdle";

export function rememberReturnPath(userId: string, path: string): void {
  try {
    localStorage.setItem(returnKey, JSON.stringify({ userId, path }));
  } catch {
    // Storage switched off: the person lands on the home page instead.
  }
}

/** The path `userId` left at an idle sign-out, once; undefined for anyone else. */
export function takeReturnPath(userId: string): string | undefined {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(returnKey) ?? "null");
    if (typeof saved !== "object" || saved === null) return undefined;
    const { userId: who, path } = saved as { userId?: unknown; path?: unknown };
    if (who !== userId || typeof path !== "string") return undefined;
    localStorage.removeItem(returnKey);
    return path;
  } catch {
    return undefined;
  }
}
