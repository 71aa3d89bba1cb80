import Dexie, { type EntityTable } from "dexie";
import type { Me } from "../../shared/contracts/me.ts";
import type { MutationName, PulledResource } from "../../shared/contracts/sync.ts";
import type { ErrorCode, FieldProblem } from "../../shared/errors.ts";
import { databaseNameFor, lastUserKey } from "./device-user.ts";
import { CopyLockedError, dataKeyOf, forgetDataKey } from "./lock/data-key.ts";
import { sealingMiddleware } from "./lock/sealing-middleware.ts";
import type { WrappedKey } from "./lock/wrap.ts";
import { followOtherTabs } from "./tab-follow.ts";

/** The profile as this device saved it, with when, so pages can say how fresh it is. */
export type SavedProfile = Me & { savedAt: string };

/** One FHIR resource of a record this user may see, as the last pull left it. */
export interface DeviceResource {
  id: string;
  patientId: string;
  type: string;
  version: number;
  resource: { resourceType: string; id: string; [field: string]: unknown };
  /** The index columns the server derived, so pages can sort and filter without parsing. */
  effectiveAt: PulledResource["effectiveAt"];
  status: string | null;
  codeSystem: string | null;
  code: string | null;
  category: string | null;
}

/** A patient whose record this device holds (the user's own; later, people they look after). */
export interface DevicePatient {
  id: string;
  name: string | null;
  birthDate: string | null;
  self: boolean;
}

/** Where this device stands in one patient's stream of changes (opaque, from the server). */
export interface DeviceCursor {
  patientId: string;
  cursor: string;
}

/**
 * A write waiting to reach the server, or one the server refused. `seq` keeps the order they
 * were made in; `author` is the account they were made under, and only that account ever
 * sends them (docs/abuse-cases.md 13). A rejected entry stays until the person has seen it.
 */
export interface OutboxEntry {
  seq?: number;
  id: string;
  name: MutationName;
  args: unknown;
  author: string;
  createdAt: string;
  state: "pending" | "rejected";
  /**
   * The server applied it, and the pull that brings its effect has not yet landed: it is not
   * sent again, and it leaves the outbox in the same transaction as that pull's last page (a
   * write checkpoint, docs/decisions/0013-sync-protocol.md), so a page showing it as in flight
   * never shows it gone before the server's copy is here.
   */
  applied?: true;
  code?: ErrorCode;
  fields?: FieldProblem[];
}

/** What every tab needs to say about syncing: when it last worked, and why it last failed. */
export interface SyncState {
  key: "sync";
  lastSyncedAt?: string;
  lastError?: ErrorCode;
  /** Runs begun on this device (any tab), and the number of the last one that finished. */
  runsStarted: number;
  lastCompletedRun: number;
}

/**
 * A result the person has opened on this device, so the results list stops calling it new.
 * Kept on the device only: it says what this screen has shown, not what the clinic knows.
 */
export interface ViewedResult {
  /** The Observation's (or DiagnosticReport's) id. */
  id: string;
  viewedAt: string;
}

/**
 * What the booking wizard last fetched (bookable clinicians, free slots of one kind), so a
 * booking can be started offline; the server decides when the request arrives (ADR 17).
 */
export interface SavedBookingOptions {
  /** "practitioners", or "slots:<scheduleId>:<visitType>". */
  key: string;
  data: unknown;
  savedAt: string;
}

/**
 * How this copy's data key is kept (docs/decisions/0029-device-copy-lock.md): wrapped by the
 * device key the server holds, and, if the person set one, by their PIN or passkey. Never
 * sealed itself: it is what opens the rest.
 */
export interface CopyLock {
  id: "lock";
  /** The server's id for this device's key (shared/contracts/device-keys.ts). */
  deviceKeyId: string;
  byServer: WrappedKey;
  byPin?: WrappedKey & { salt: Uint8Array; memoryKiB: number; iterations: number };
  byPasskey?: WrappedKey & { credentialId: string; salt: Uint8Array };
  /** Wrong PINs in a row; the fifth deletes the copy. */
  failedPins: number;
  createdAt: string;
}

/**
 * Something being typed or chosen in a form (a message, a reply, a booking, a check-in), kept
 * as the person goes so that an idle sign-out does not lose it (client/local/drafts.ts).
 * `value` is the form's own shape; only `key` is plain (docs/decisions/0029-device-copy-lock.md).
 */
export interface SavedDraft {
  /**
   * Which form: "message:new", "message:reply:<thread>", "booking:new" (or ":<visit moved>"),
   * "check-in:<visit>".
   */
  key: string;
  value: unknown;
  savedAt: string;
}

/**
 * One person's copy of their data on this device. Versioned from the start: a new table or
 * index is a new `version(n)` added below the others, never an edit of a published one, so an
 * upgrade keeps what the device holds — the outbox above all. (Dexie multiplies these numbers
 * by ten for IndexedDB.)
 */
export class UserDatabase extends Dexie {
  profile!: EntityTable<SavedProfile, "id">;
  resources!: EntityTable<DeviceResource, "id">;
  patients!: EntityTable<DevicePatient, "id">;
  cursors!: EntityTable<DeviceCursor, "patientId">;
  outbox!: EntityTable<OutboxEntry, "seq">;
  syncState!: EntityTable<SyncState, "key">;
  viewedResults!: EntityTable<ViewedResult, "id">;
  bookingOptions!: EntityTable<SavedBookingOptions, "key">;
  lock!: EntityTable<CopyLock, "id">;
  drafts!: EntityTable<SavedDraft, "key">;

  constructor(readonly userId: string) {
    super(databaseNameFor(userId));
    // The first published version.
    this.version(1).stores({ profile: "id" });
    // Sync (ADR 13): the record by patient, type and date; cursors; the outbox in order.
    this.version(2).stores({
      resources: "id, patientId, [patientId+type], [patientId+type+effectiveAt]",
      patients: "id",
      cursors: "patientId",
      outbox: "++seq, &id, state",
      syncState: "key",
    });
    // Record pages (ADR 15): a test's history by its code, vital signs and counts by
    // category (no cursor over thousands of rows), and which results were opened.
    this.version(3).stores({
      resources:
        "id, patientId, [patientId+type], [patientId+type+effectiveAt], [patientId+code+effectiveAt], [patientId+type+category]",
      viewedResults: "id",
    });
    // Appointments (ADR 17): what the booking wizard last saw, for booking while offline.
    this.version(5).stores({ bookingOptions: "key" });
    // Record fidelity (ADR 25): dates became FhirWhen keys, calendar dates kept as written
    // (docs/decisions/0023-calendar-dates.md). Rows saved before hold instants for calendar
    // dates, so the record is pulled again from the start; the outbox is kept.
    this.version(6)
      .stores({})
      .upgrade(async (tx) => {
        await tx.table("resources").clear();
        await tx.table("cursors").clear();
        await tx.table("syncState").update("sync", { lastSyncedAt: undefined });
      });
    // The device copy's lock (ADR 29): rows are sealed from now on (lock/sealing-middleware.ts).
    // What was saved before is in the clear, so it goes; the outbox stays and is sealed when
    // the copy's key is first made (lock/copy-lock.ts).
    this.version(7)
      .stores({ lock: "id" })
      .upgrade(async (tx) => {
        for (const table of ["resources", "patients", "cursors", "profile", "bookingOptions"]) {
          await tx.table(table).clear();
        }
        await tx.table("syncState").update("sync", { lastSyncedAt: undefined });
      });
    this.use(
      sealingMiddleware(
        () => dataKeyOf(userId),
        () => new CopyLockedError(userId),
      ),
    );
    // Unsent writes (ADR 29): forms keep what is being typed, so an idle sign-out loses none.
    this.version(8).stores({ drafts: "key" });
    // Signing out deletes this database from another code path (or tab): close quietly, and
    // stay closed, rather than Dexie's default of warning and reopening an empty database.
    this.on("versionchange", () => {
      this.close({ disableAutoOpen: true });
      if (openDatabase === this) openDatabase = undefined;
      return false;
    });
  }
}

let openDatabase: UserDatabase | undefined;

/**
 * Whether `userId` is the person this device's copy now belongs to (device-user.ts), the only
 * one whose database a page may open. Where localStorage cannot be read nobody was ever
 * remembered, nothing can be told apart, and the answer is yes, as before. (Here, not in
 * device-user.ts: the sign-in page's budget.)
 */
function isDeviceUser(userId: string): boolean {
  try {
    return localStorage.getItem(lastUserKey) === userId;
  } catch {
    return true;
  }
}

/** Thrown for a database of someone who is not the device's person now (`isDeviceUser`). */
export class NotDeviceUserError extends Error {
  constructor(userId: string) {
    super(`Refused to open the database of ${userId}: not the person signed in on this device`);
    this.name = "NotDeviceUserError";
  }
}

/**
 * The database of `userId`, opened once per page. Only for the device's person now: a tab that
 * has not yet heard that someone else signed in, or that its person signed out, must not
 * re-create the database just deleted (Dexie would, on the next query).
 */
export function userDatabase(userId: string): UserDatabase {
  if (!isDeviceUser(userId)) throw new NotDeviceUserError(userId);
  if (openDatabase?.name !== databaseNameFor(userId)) {
    openDatabase?.close();
    openDatabase = new UserDatabase(userId);
  }
  return openDatabase;
}

/** Closes and forgets the page's database handle, so the next `userDatabase` opens anew. */
export function closeUserDatabase(): void {
  openDatabase?.close();
  openDatabase = undefined;
}

// Another tab signed in as someone else, signed out, or wiped this copy: close at once, and
// stay closed (Dexie's close() disables auto-open), so no query of this page reopens it.
followOtherTabs((message) => {
  // The copy locks in this tab too: its key leaves memory with the person.
  if (message.kind === "wiped") forgetDataKey(message.userId);
  else forgetDataKey(undefined, message.kind === "signed-in" ? message.userId : undefined);
  if (!openDatabase) return;
  const mine = openDatabase.name;
  const gone =
    message.kind === "signed-out" ||
    (message.kind === "signed-in" && mine !== databaseNameFor(message.userId)) ||
    (message.kind === "wiped" && mine === databaseNameFor(message.userId));
  if (gone) closeUserDatabase();
});
