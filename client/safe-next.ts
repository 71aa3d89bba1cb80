/** A made-up origin to resolve against: only what stays on it is a path of ours. */
const probe = "https://hearth.invalid";

/**
 * Where to go after signing in, from the `?next=` parameter, but only if it is a path on this
 * site; anything else goes home. The open-redirect defence of OWASP's "Unvalidated Redirects
 * and Forwards" cheat sheet: `//evil.example`, `/\evil.example`, `/\t/evil.example`,
 * `javascript:…` and absolute URLs all resolve to another origin or scheme, so are refused.
 *
 * @example safeNextPath("/records?tab=labs") // "/records?tab=labs"
 * @example safeNextPath("//evil.example")     // "/"
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  // Browsers treat "\" as "/" and drop tabs and newlines: "/\evil" and "/\t/evil" are "//evil".
  if (next.includes("\\") || hasControlCharacter(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, probe);
  } catch {
    return "/";
  }
  if (url.origin !== probe) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/sign-in?next=/sign-in" would bring a signed-in person straight back here.
  return url.pathname === "/sign-in" || path.startsWith("//") ? "/" : path;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
