/**
 * What the server may say about an error in its log (docs/security.md).
 *
 * An error's message is not safe to print: Drizzle's names the failed query with its
 * parameters (a message's body, an appointment's reason), PostgreSQL's own messages and
 * `detail` quote the values that broke a rule ("Key (email)=(…) already exists"), and a mail
 * transport's names the address. So only what cannot carry a value is kept: the class names
 * down the `cause` chain, the SQLSTATE code, the constraint, table and column names, and the
 * stack's frames (file and line, without the message line the stack starts with).
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let frames: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (!(current instanceof Error)) {
      parts.push(typeof current);
      break;
    }
    const fields = current as Error & {
      code?: unknown;
      constraint?: unknown;
      table?: unknown;
      column?: unknown;
    };
    const facts = [
      safeWord("code", fields.code),
      safeWord("constraint", fields.constraint),
      safeWord("table", fields.table),
      safeWord("column", fields.column),
    ].filter((fact) => fact !== null);
    parts.push(facts.length > 0 ? `${safeName(current)} (${facts.join(", ")})` : safeName(current));
    // Our own frames, from the outermost error that has any: where in Hearth it failed. The
    // stack's first line, the message, is left out.
    if (frames.length === 0) {
      frames = (current.stack ?? "")
        .split("\n")
        .filter((line) => /^\s+at /.test(line) && !line.includes("node_modules"))
        .slice(0, 8);
    }
    current = current.cause;
  }
  return [parts.join(" ← "), ...frames].join("\n");
}

/** Logs a failure with where it happened and what `describeError` allows; never its message. */
export function logFailure(
  where: string,
  error: unknown,
  facts: Record<string, string | number> = {},
) {
  const extra = Object.entries(facts).map(([key, value]) => `${key}=${value}`);
  console.error([`[${where}]`, ...extra].join(" "), describeError(error));
}

/** A class name is code, not data; anything odd about it is dropped. */
function safeName(error: Error): string {
  // A bundled driver's class names are minified ("O"); its `name` says more.
  const name = error.name && error.name !== "Error" ? error.name : error.constructor?.name;
  return name && /^[A-Za-z][A-Za-z0-9_]{0,60}$/.test(name) ? name : "Error";
}

/**
 * SQLSTATE codes, errno names and identifiers only: a value of any other shape is not
 * printed, so a driver that puts data in one of these fields cannot leak it here.
 */
function safeWord(label: string, value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value);
  return /^[A-Za-z0-9_]{1,63}$/.test(text) ? `${label} ${text}` : null;
}
