// `npm run bench:unlock`: how long a patient waits from entering the PIN to their record being
// readable, on the generated 12-year patient (docs/benchmarks.md, "Unlock").
// Printed, never asserted (docs/architecture.md).
//
// Runs in Node through tsx, like the other benches: the device modules it loads need nothing of
// Vite's at load time (client/i18n/namespace-urls.ts, the one import.meta.glob, is imported
// lazily and never reached here). IndexedDB is fake-indexeddb, as in the client-sync tests,
// imported before Dexie so Dexie finds it.
//
// A real server (createApp on @hono/node-server) on an in-memory PGlite holds one patient from
// `largePatient()`. The device goes the app's own way: sign-in, the copy opened with a new
// device key (openCopyOnline), a PIN set (setPin), the whole record pulled by the sync engine
// into the sealed device database. Then, each run, as after a reload offline: the key leaves
// memory, the database closes, `unlockWithPin` opens it (argon2id, unwrap, the lock row), and
// the record is read through the sealing middleware: the results list's first screen, and every
// row of the patient. The KDF and the unwrap are also timed alone, with the same lock row.
//
// Node's WebCrypto and hash-wasm's WASM run at about a desktop browser's speed; fake-indexeddb
// is JavaScript, slower than a browser's IndexedDB, so the read figures are an upper bound for a
// desktop and a phone's are slower still. BENCH_YEARS and BENCH_RUNS change the size and runs.
import "fake-indexeddb/auto";
import { signIn } from "../client/api/auth.ts";
import { resultsTimeline } from "../client/features/record/result-timeline.ts";
import { openCopyOnline, setPin, unlockWithPin } from "../client/local/lock/copy-lock.ts";
import { forgetDataKey } from "../client/local/lock/data-key.ts";
import { pinKdf, pinWrappingKey } from "../client/local/lock/pin-key.ts";
import { unwrapKey } from "../client/local/lock/wrap.ts";
import { openUserDatabase } from "../client/local/open-database.ts";
import { createSyncEngine } from "../client/local/sync-engine.ts";
import { closeUserDatabase } from "../client/local/user-database.ts";
import { openDatabase } from "../server/db/open.ts";
import { largePatient } from "../server/fhir/generator/demo-patients.ts";
import { generatePatientRecord } from "../server/fhir/generator/patient-record.ts";
import { addPatientWithRecord } from "../server/test/records.ts";
import { startBenchServer } from "./bench-server.ts";

const years = Number(process.env.BENCH_YEARS ?? 12);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const pin = "482916";

const database = await openDatabase({});
const bundle = generatePatientRecord(largePatient(42, years));
await addPatientWithRecord(database.db, "bench", JSON.stringify(bundle));

const { origin, server } = await startBenchServer(database.db);
const request = { baseUrl: origin };

// What the browser adds to the app's fetches: the session cookie, and Origin.
const realFetch = globalThis.fetch;
let cookie = "";
globalThis.fetch = async (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("cookie", cookie);
  headers.set("origin", origin);
  const response = await realFetch(input, { ...init, headers });
  for (const set of response.headers.getSetCookie()) {
    const pair = set.split(";")[0] ?? "";
    if (pair.startsWith("hearth_session=")) cookie = pair;
  }
  return response;
};

const signedIn = await signIn({ username: "bench", password: "hearth-demo" }, request);
if (!signedIn.ok || !("me" in signedIn.data)) throw new Error("sign-in failed");
const userId = signedIn.data.me.id;
const opened = await openCopyOnline(userId, request);
if (opened.outcome !== "opened") throw new Error(`the copy did not open: ${opened.outcome}`);
await setPin(userId, pin);
const { db } = await openUserDatabase(userId);
const syncStarted = performance.now();
const synced = await createSyncEngine({ userId, db, request }).sync();
if (!synced.ok) throw new Error(`sync failed: ${JSON.stringify(synced)}`);
const syncMs = performance.now() - syncStarted;
const patientId = (await db.patients.filter((p) => p.self).first())?.id as string;
await mustBeSealed(db.backendDB());

const phases = {
  kdf: [] as number[],
  unwrap: [] as number[],
  unlock: [] as number[],
  firstScreen: [] as number[],
  toFirstScreen: [] as number[],
  readAll: [] as number[],
  total: [] as number[],
};
let rows = 0;
let firstScreenEntries = 0;
/**
 * A page's fresh heap, as after a reload: the garbage of the step before (6,000 opened rows)
 * would otherwise be collected during the next argon2id, doubling it (package.json runs this
 * with --expose-gc).
 */
const freshHeap = () => (globalThis as { gc?: () => void }).gc?.();

/** One unlock as after a reload (nothing in memory, the database not open), then the reads. */
async function unlockAndRead(): Promise<void> {
  forgetDataKey(userId);
  closeUserDatabase();
  freshHeap();
  const started = performance.now();
  const unlocked = await unlockWithPin(userId, pin);
  if (unlocked.outcome !== "opened") throw new Error(`unlock: ${unlocked.outcome}`);
  const unlockedAt = performance.now();
  const { db: copy } = await openUserDatabase(userId);
  const { entries } = await resultsTimeline({ db: copy, patientId }, 50);
  const firstScreenAt = performance.now();
  const all = await copy.resources.where("patientId").equals(patientId).toArray();
  const readAt = performance.now();
  phases.unlock.push(unlockedAt - started);
  phases.firstScreen.push(firstScreenAt - unlockedAt);
  phases.toFirstScreen.push(firstScreenAt - started);
  phases.readAll.push(readAt - firstScreenAt);
  phases.total.push(readAt - started);
  rows = all.length;
  firstScreenEntries = entries.length;
}

/** The two steps of the unlock's crypto alone, on the same lock row. */
async function unlockCrypto(): Promise<void> {
  const lock = await (await openUserDatabase(userId)).db.lock.get("lock");
  if (!lock?.byPin) throw new Error("no PIN in the lock");
  freshHeap();
  let at = performance.now();
  const wrapping = await pinWrappingKey(pin, lock.byPin.salt, lock.byPin);
  phases.kdf.push(performance.now() - at);
  at = performance.now();
  const dataKey = await unwrapKey(wrapping, lock.byPin);
  phases.unwrap.push(performance.now() - at);
  if (!dataKey) throw new Error("the PIN did not unwrap the data key");
}

for (let i = 0; i < runs; i++) {
  await unlockAndRead();
  await unlockCrypto();
}

/** What is timed must be the sealed copy: a resource row at rest holds no FHIR in the clear. */
function mustBeSealed(idb: IDBDatabase): Promise<void> {
  return new Promise((resolve, reject) => {
    const first = idb.transaction("resources").objectStore("resources").openCursor();
    first.onsuccess = () => {
      const row = first.result?.value as Record<string, unknown> | undefined;
      if (row && "sealed" in row && !("resource" in row)) resolve();
      else reject(new Error("the device's resource rows are not sealed"));
    };
    first.onerror = () => reject(first.error);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
const line = (name: string, xs: number[]) =>
  `| ${name} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`;
const count = (n: number) => n.toLocaleString("en-US");

console.log(
  `Unlock with a PIN in Node ${process.version} (fake-indexeddb), ${runs} runs; PGlite in memory`,
);
console.log(
  `Patient: ${years} years, ${count(bundle.entry?.length ?? 0)} resources generated, ${count(rows)} rows on the device (first sync ${ms(syncMs)})`,
);
console.log(`| step | median | min | max |`);
console.log(`|---|---:|---:|---:|`);
console.log(
  line(`PIN key: argon2id ${pinKdf.memoryKiB} KiB, ${pinKdf.iterations} passes`, phases.kdf),
);
console.log(line("unwrap the data key (AES-GCM)", phases.unwrap));
console.log(line("unlockWithPin: open database, lock row, KDF, unwrap", phases.unlock));
console.log(line(`results list, first screen (${firstScreenEntries} entries)`, phases.firstScreen));
console.log(line(`read all ${count(rows)} rows of the patient, opened`, phases.readAll));
console.log(line("PIN entered → results list readable", phases.toFirstScreen));
console.log(line("PIN entered → every row read", phases.total));

server.closeAllConnections();
server.close();
await database.close();
// The tab channel (client/local/tab-signal.ts) would keep Node waiting.
process.exit(0);
