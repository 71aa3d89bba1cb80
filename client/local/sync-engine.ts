import type { ErrorCode } from "../../shared/errors.ts";
import type { RequestOptions } from "../api/request.ts";
import { countPending, outboxWriteEvent } from "./outbox.ts";
import { pullUntilCaughtUp, type StepResult } from "./pull.ts";
import { pushOutbox } from "./push.ts";
import { retryDelayMs } from "./retry-delay.ts";
import { storageErrorCode } from "./storage.ts";
import { browserTabLocks, type TabLocks } from "./tab-lock.ts";
import type { SyncState, UserDatabase } from "./user-database.ts";

export interface SyncEngineOptions {
  userId: string;
  db: UserDatabase;
  /** Where the API is: the same origin in the app, a test server in tests. */
  request?: RequestOptions;
  /** Web Locks in the browser; tests give two engines one `makePageLocks()` to be two tabs. */
  locks?: TabLocks;
  now?: () => Date;
  pageSize?: number;
  /** How often an open, used page syncs on its own (default five minutes). */
  intervalMs?: number;
  /** The server said the session has ended (AUTH-102); the engine has stopped. */
  onSessionEnded?: () => void;
  /**
   * The wait before retry number `attempt` (0 first) after a run failed while online; tests
   * make it short. Default: `retryDelayMs` (about 1 s, 2 s, 5 s, 15 s, then 60 s, jittered).
   */
  retryDelay?: (attempt: number) => number;
  /**
   * Runs `run` after `ms`; returns what cancels it. setTimeout by default; tests pass their own
   * to fire a retry, or see that none is waiting, without waiting for time to pass.
   */
  schedule?: (run: () => Promise<void>, ms: number) => () => void;
  /** Whether the browser says it has a network (navigator.onLine; true where there is none). */
  isOnline?: () => boolean;
}

export type SyncReason = "start" | "online" | "visible" | "interval" | "write" | "retry" | "manual";

/**
 * Failures that another try may cure by itself: the network or the server, not the session
 * (AUTH-102 stops the engine), a refusal, or the device's own storage.
 */
const retryableCodes: ReadonlySet<ErrorCode> = new Set([
  "NET-601",
  "NET-602",
  "SRV-501",
  "SRV-502",
]);

/** Retries made whether or not anyone uses the page: about 1 s, 2 s, 5 s, 15 s and 60 s. */
const unattendedRetries = 5;

function scheduleWithTimer(run: () => Promise<void>, ms: number): () => void {
  const timer = setTimeout(() => void run(), ms);
  return () => clearTimeout(timer);
}

function browserOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

/** What one call to `sync` did: `ran` is false when another tab had just done the work. */
export interface SyncRun {
  ran: boolean;
  ok: boolean;
  code?: ErrorCode;
  requests: number;
}

const initialState: SyncState = { key: "sync", runsStarted: 0, lastCompletedRun: 0 };

/**
 * The device's sync loop (docs/architecture.md, "Data flow"): push the outbox, then pull until
 * caught up. It runs at start, when the network comes back, when the page becomes visible,
 * after a write, and every few minutes while the page is open and used — never from the
 * service worker alone (Background Sync is Chromium's only). A run that failed on the network
 * or the server while the browser is online is retried with backoff (`retry-delay.ts`) until
 * one succeeds; offline, the 'online' event does that instead.
 *
 * One tab syncs at a time: a run holds the Web Lock `hearth-sync:<user>`. A tab that waited
 * for the lock skips its run if a run that began after it asked has finished and nothing is
 * waiting in the outbox; it sees the result through Dexie (liveQuery) instead. What every tab
 * shows — when the last sync finished, why the last one failed — is kept in Dexie too.
 *
 * @example
 * const engine = createSyncEngine({ userId: me.id, db, onSessionEnded });
 * engine.start();
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const { userId, db } = options;
  const locks = options.locks ?? browserTabLocks();
  const now = options.now ?? (() => new Date());
  const retryDelay = options.retryDelay ?? ((attempt: number) => retryDelayMs(attempt));
  const isOnline = options.isOnline ?? browserOnline;
  const schedule = options.schedule ?? scheduleWithTimer;
  const lockName = `hearth-sync:${userId}`;
  let started = false;
  let inFlight: Promise<SyncRun> | undefined;
  let again = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  // The idle timeout must still end a session nobody is using (ASVS 7.3.1; HIPAA automatic
  // logoff): the timer syncs only if the person did something since its last tick.
  let activeSinceTick = true;
  // A failed run while online is tried again on a timer, not left for the next visibility
  // change, write or tick (ADR 29: a dropped answer left the device minutes behind).
  let cancelRetryTimer: (() => void) | undefined;
  let retryAttempt = 0;
  // Past the first few, retries follow the tick's rule, so a server that answers (and so
  // refreshes the session) but keeps failing cannot keep an unused session alive: the retry
  // waits for the person to do something, unless writes are waiting to be sent.
  let activeSinceRetry = false;
  let retryWaitsForActivity = false;

  async function state(): Promise<SyncState> {
    return (await db.syncState.get("sync")) ?? initialState;
  }

  async function runOnce(): Promise<StepResult> {
    let requests = 0;
    // Writes made while the pull ran are sent before stopping; twice is plenty.
    for (let round = 0; round < 2; round++) {
      const pushed = await pushOutbox(db, userId, options.request);
      requests += pushed.requests;
      if (!pushed.ok) return { ...pushed, requests };
      const pulled = await pullUntilCaughtUp(db, {
        ...options.request,
        pageSize: options.pageSize,
      });
      requests += pulled.requests;
      if (!pulled.ok) return { ...pulled, requests };
      if ((await countPending(db, userId)) === 0) break;
    }
    return { ok: true, requests };
  }

  async function runLocked(): Promise<SyncRun> {
    const askedAfter = (await state()).runsStarted;
    return locks.request(lockName, async () => {
      const current = await state();
      const doneMeanwhile = current.lastCompletedRun > askedAfter;
      if (doneMeanwhile && (await countPending(db, userId)) === 0) {
        return { ran: false, ok: true, requests: 0 };
      }
      const run = current.runsStarted + 1;
      await db.syncState.put({ ...current, runsStarted: run });
      const outcome = await runOnce();
      if (outcome.ok) {
        await db.syncState.update("sync", {
          lastSyncedAt: now().toISOString(),
          lastError: undefined,
          lastCompletedRun: run,
        });
        return { ran: true, ok: true, requests: outcome.requests };
      }
      await db.syncState.update("sync", { lastError: outcome.code });
      return { ran: true, ok: false, code: outcome.code, requests: outcome.requests };
    });
  }

  /**
   * Syncs now, or joins the run already going in this tab (which then runs once more, so a
   * write made during it is not left waiting).
   */
  function sync(_reason: SyncReason = "manual"): Promise<SyncRun> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    cancelRetry();
    inFlight = (async () => {
      let result: SyncRun;
      do {
        again = false;
        try {
          result = await runLocked();
        } catch (error) {
          // The device's own storage failed (full, or closed under us by a sign-out).
          result = { ran: true, ok: false, code: storageErrorCode(error), requests: 0 };
        }
        if (result.code === "AUTH-102") {
          stop();
          options.onSessionEnded?.();
          break;
        }
      } while (again);
      afterRun(result);
      return result;
    })().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  /** Resets the backoff after a success; after a curable failure while online, waits and retries. */
  function afterRun(result: SyncRun): void {
    cancelRetry();
    if (result.ok) {
      retryAttempt = 0;
      return;
    }
    if (!started || !result.code || !retryableCodes.has(result.code) || !isOnline()) return;
    const wait = retryDelay(retryAttempt);
    retryAttempt++;
    cancelRetryTimer = schedule(retry, wait);
  }

  async function retry(): Promise<void> {
    cancelRetryTimer = undefined;
    if (retryAttempt > unattendedRetries && !activeSinceRetry) {
      const pending = await countPending(db, userId).catch(() => 0);
      if (pending === 0) {
        retryWaitsForActivity = started;
        return;
      }
    }
    activeSinceRetry = false;
    await sync("retry");
  }

  function cancelRetry(): void {
    cancelRetryTimer?.();
    cancelRetryTimer = undefined;
    retryWaitsForActivity = false;
  }

  const onOnline = () => void sync("online");
  // The 'online' event will sync; a timer firing offline would only fail again.
  const onOffline = () => {
    cancelRetry();
    retryAttempt = 0;
  };
  const onVisible = () => {
    if (document.visibilityState !== "visible") return;
    activeSinceTick = true;
    activeSinceRetry = true;
    void sync("visible");
  };
  const onWrite = () => void sync("write");
  const onActivity = () => {
    activeSinceTick = true;
    activeSinceRetry = true;
    if (retryWaitsForActivity) {
      retryWaitsForActivity = false;
      void sync("retry");
    }
  };
  const onTick = async () => {
    const pending = await countPending(db, userId).catch(() => 0);
    if (!activeSinceTick && pending === 0) return;
    activeSinceTick = false;
    void sync("interval");
  };

  /** Listens for the moments to sync, and syncs once now. */
  function start(): Promise<SyncRun> {
    if (!started) {
      started = true;
      window.addEventListener("online", onOnline);
      window.addEventListener("offline", onOffline);
      window.addEventListener(outboxWriteEvent, onWrite);
      window.addEventListener("pointerdown", onActivity, { passive: true });
      window.addEventListener("keydown", onActivity, { passive: true });
      document.addEventListener("visibilitychange", onVisible);
      timer = setInterval(() => void onTick(), options.intervalMs ?? 5 * 60_000);
    }
    return sync("start");
  }

  function stop(): void {
    if (!started) return;
    started = false;
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
    window.removeEventListener(outboxWriteEvent, onWrite);
    window.removeEventListener("pointerdown", onActivity);
    window.removeEventListener("keydown", onActivity);
    document.removeEventListener("visibilitychange", onVisible);
    clearInterval(timer);
    cancelRetry();
    retryAttempt = 0;
  }

  return { start, stop, sync, tick: onTick };
}
