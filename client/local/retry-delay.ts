/**
 * How long the sync engine waits before trying again after a failed run while the browser is
 * online (ADR 29): about 1 s, 2 s, 5 s, 15 s, then every 60 s. Quick at first, because the
 * usual cause is a dropped answer or a server restart that is over in a moment; slower later,
 * so a server that is down is not hammered by every open tab.
 */
const scheduleMs: readonly number[] = [1_000, 2_000, 5_000, 15_000, 60_000];

/**
 * Each delay is moved by up to this fraction either way, so the tabs and devices that lost the
 * same server at the same moment do not all come back in the same instant.
 */
export const retryJitter = 0.2;

/**
 * The wait before retry number `attempt` (0 for the first retry after a failure); `random`
 * gives a number in [0, 1), as Math.random does.
 *
 * @example retryDelayMs(0, () => 0.5) // 1000
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(Math.max(0, Math.floor(attempt)), scheduleMs.length - 1);
  const base = scheduleMs[step] as number;
  const spread = 1 - retryJitter + 2 * retryJitter * random();
  return Math.round(base * spread);
}
