import type { CheckResult } from "../../../shared/contracts/help.ts";
import type { HealthResponse } from "../../../shared/contracts/me.ts";
import type { DeviceCheck } from "../../../shared/guides/types.ts";
import { identifyBrowser, isSupported } from "./supported-browsers.ts";

/** Slower than this and pages feel stuck on a phone; it is reported as a warning. */
const slowMs = 1500;
/** Authenticator codes allow one 30-second step of drift (server/auth/totp.ts). */
const clockToleranceSeconds = 30;
/** Less free space than this and saving a record offline may fail (DEV-702). */
const lowStorageMb = 50;

interface HealthProbe {
  ok: boolean;
  ms: number;
  /** Server time minus device time, in seconds, corrected for half the round trip. */
  offsetSeconds?: number;
  version?: string;
}

/**
 * One run of checks. The round trip to /api/health is made once and shared by the network
 * and clock checks. Without cookies: a half-finished sign-in has a session that every route
 * but the second step refuses (docs/decisions/0012-partial-sessions.md), and health needs none.
 *
 * @example const run = makeCheckRun(); const result = await run.check("clock");
 */
export function makeCheckRun() {
  let probe: Promise<HealthProbe> | undefined;
  const health = () => {
    probe ??= probeHealth();
    return probe;
  };
  return {
    health,
    check: (check: DeviceCheck): Promise<CheckResult> => runners[check](health),
  };
}

async function probeHealth(): Promise<HealthProbe> {
  const started = Date.now();
  const t0 = performance.now();
  try {
    const response = await fetch("/api/health", {
      cache: "no-store",
      credentials: "omit",
      signal: AbortSignal.timeout(10_000),
    });
    const ms = Math.round(performance.now() - t0);
    if (!response.ok) return { ok: false, ms };
    const body = (await response.json()) as HealthResponse;
    const deviceAtAnswer = started + ms / 2;
    const offsetSeconds = Math.round((Date.parse(body.time) - deviceAtAnswer) / 1000);
    return { ok: true, ms, offsetSeconds, version: body.version };
  } catch {
    return { ok: false, ms: Math.round(performance.now() - t0) };
  }
}

type Runner = (health: () => Promise<HealthProbe>) => Promise<CheckResult>;

const runners: Record<DeviceCheck, Runner> = {
  async network(health) {
    const { ok, ms } = await health();
    if (!ok) return { check: "network", outcome: "fail", says: "fail" };
    return ms > slowMs
      ? { check: "network", outcome: "warn", says: "slow", values: { ms } }
      : { check: "network", outcome: "pass", says: "pass", values: { ms } };
  },

  async cookies() {
    // navigator.cookieEnabled alone misses "block all cookies" in some browsers: write one.
    const name = "hearth_cookie_check";
    let works = false;
    try {
      // biome-ignore lint/suspicious/noDocumentCookie: the check is whether a cookie written here is kept; cookieStore is missing from Firefox and Safari.
      document.cookie = `${name}=1; path=/; SameSite=Strict`;
      works = navigator.cookieEnabled && document.cookie.includes(`${name}=1`);
      // biome-ignore lint/suspicious/noDocumentCookie: removes the test cookie written above.
      document.cookie = `${name}=; path=/; SameSite=Strict; max-age=0`;
    } catch {
      works = false;
    }
    return { check: "cookies", outcome: works ? "pass" : "fail", says: works ? "pass" : "fail" };
  },

  async storage() {
    if (!navigator.storage?.estimate) return { check: "storage", outcome: "unknown", says: "fail" };
    try {
      const { quota = 0, usage = 0 } = await navigator.storage.estimate();
      const free = Math.max(0, Math.floor((quota - usage) / 1_000_000));
      return free < lowStorageMb
        ? { check: "storage", outcome: "warn", says: "low", values: { free } }
        : { check: "storage", outcome: "pass", says: "pass", values: { free } };
    } catch {
      return { check: "storage", outcome: "unknown", says: "fail" };
    }
  },

  async indexeddb() {
    const works = await indexedDbWorks();
    return { check: "indexeddb", outcome: works ? "pass" : "fail", says: works ? "pass" : "fail" };
  },

  async serviceWorker(health) {
    const version = (await health()).version ?? "?";
    const registration =
      "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
    if (registration?.waiting)
      return { check: "serviceWorker", outcome: "warn", says: "waiting", values: { version } };
    if (registration?.active)
      return { check: "serviceWorker", outcome: "pass", says: "pass", values: { version } };
    return { check: "serviceWorker", outcome: "fail", says: "fail", values: { version } };
  },

  async browser() {
    const browser = identifyBrowser(navigator.userAgent);
    if (!browser) return { check: "browser", outcome: "unknown", says: "unknown" };
    const values = { browser: browser.name, major: browser.version };
    return isSupported(browser)
      ? { check: "browser", outcome: "pass", says: "pass", values }
      : { check: "browser", outcome: "fail", says: "fail", values };
  },

  async clock(health) {
    const { ok, offsetSeconds } = await health();
    if (!ok || offsetSeconds === undefined)
      return { check: "clock", outcome: "unknown", says: "unknown" };
    const seconds = Math.abs(offsetSeconds);
    return seconds > clockToleranceSeconds
      ? { check: "clock", outcome: "fail", says: "fail", values: { seconds } }
      : { check: "clock", outcome: "pass", says: "pass", values: { seconds } };
  },
};

/** Opens a scratch database, writes and reads one value, then deletes it. */
function indexedDbWorks(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof indexedDB === "undefined") return resolve(false);
    const name = "hearth-device-check";
    try {
      const opening = indexedDB.open(name, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore("check");
      opening.onerror = () => resolve(false);
      opening.onsuccess = () => {
        const db = opening.result;
        const tx = db.transaction("check", "readwrite");
        tx.objectStore("check").put("ok", "probe");
        tx.oncomplete = () => {
          db.close();
          indexedDB.deleteDatabase(name);
          resolve(true);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          resolve(false);
        };
      };
    } catch {
      resolve(false);
    }
  });
}
