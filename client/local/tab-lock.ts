/**
 * The part of the Web Locks API the sync engine uses: run `work` while holding `name`, waiting
 * for any other holder (another tab, or this one) to finish first.
 */
export interface TabLocks {
  request<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/**
 * The browser's Web Locks (one holder per name across every tab of the origin), where the
 * browser has them; otherwise a lock that only covers this page. Without Web Locks two tabs
 * may sync at once, which costs requests but nothing else: pulls and pushes are idempotent.
 */
export function browserTabLocks(): TabLocks {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (locks) {
    return {
      request: <T>(name: string, work: () => Promise<T>) => locks.request(name, work) as Promise<T>,
    };
  }
  return makePageLocks();
}

/**
 * Locks held in this page only: each request waits for the one before it under the same name.
 * Two sync engines given the same instance behave like two tabs under Web Locks.
 */
export function makePageLocks(): TabLocks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, work: () => Promise<T>): Promise<T> {
      const before = tails.get(name) ?? Promise.resolve();
      const run = before.then(work, work);
      const tail = run.catch(() => undefined);
      tails.set(name, tail);
      void tail.then(() => {
        if (tails.get(name) === tail) tails.delete(name);
      });
      return run;
    },
  };
}
