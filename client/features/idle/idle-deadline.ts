import type { SessionTime } from "../../../shared/contracts/account.ts";

/** When this device expects the session to end, in its own clock, and why. */
export interface Deadline {
  /** Local epoch milliseconds. */
  at: number;
  limit: SessionTime["limit"];
  /** The server's instant, as it said it: the marker of "nobody used the session since". */
  endsAt: string;
}

/**
 * The deadline after a new answer from the server. The server's `endsAt` only moves when the
 * session is used (a request, "Stay signed in", another tab); while it stands still the first
 * count keeps running on this device's clock, so a clock that differs from the server's, or a
 * slow answer, cannot stretch it. When it moves, counting restarts from the time it says is
 * left.
 *
 * @example nextDeadline(undefined, { endsAt, remainingMs: 1_800_000, limit: "idle" }, Date.now())
 */
export function nextDeadline(
  known: Deadline | undefined,
  answer: SessionTime,
  now: number,
): Deadline {
  if (known && known.endsAt === answer.endsAt) return known;
  return { at: now + answer.remainingMs, limit: answer.limit, endsAt: answer.endsAt };
}

/** "2:00", "0:09": minutes and seconds left, rounded up so "0:00" means it is over. */
export function formatCountdown(ms: number, locale: string): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const digits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  return `${new Intl.NumberFormat(locale).format(minutes)}:${digits.format(seconds)}`;
}

/**
 * Whether to tell screen-reader users the time left now: on opening, then at 1:00, 0:30 and
 * 0:10 — often enough to act on, not so often that it drowns what they are reading.
 */
export function shouldAnnounce(previousMs: number, nowMs: number): boolean {
  return [60_000, 30_000, 10_000].some((mark) => previousMs > mark && nowMs <= mark);
}
