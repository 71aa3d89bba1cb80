import type { ErrorCode, FieldProblem } from "../errors.ts";
import type { FhirWhen } from "../fhir-when.ts";
import type { Locale } from "../locales/index.ts";
import type { AppointmentMutationArgs } from "./appointments.ts";
import type { InboxMutationArgs } from "./inbox.ts";

/**
 * The sync protocol between a device and the server (docs/decisions/0013-sync-protocol.md):
 * pull brings rows above a per-patient cursor, push sends the outbox's mutations, each applied
 * at most once. Bump `syncProtocol` for a change old clients cannot follow.
 *
 * Shapes and limits only; the valibot schemas the server checks requests with are in
 * sync-schemas.ts, so the client (which needs none of them) does not carry valibot's code.
 */
export const syncProtocol = 1;

/** Rows in one pull page, at most; the server may send fewer (it also bounds bytes). */
export const pullPageMaxRows = 1000;
export const pullPageDefaultRows = 500;
/** Mutations in one push, at most: a long offline outbox goes in several requests. */
export const pushMaxMutations = 50;
/** Patients whose cursors one pull may carry. */
export const pullMaxCursors = 100;

/** `POST /api/sync/pull`. Cursors (opaque strings) for patients the user may not see are ignored. */
export interface PullRequest {
  protocol: typeof syncProtocol;
  cursors: Record<string, string>;
  limit?: number;
}

/** One patient the user may see, with where their stream now stands for this device. */
export interface PulledPatient {
  id: string;
  name: string | null;
  birthDate: string | null;
  /** The user's own record (false for someone they look after). */
  self: boolean;
  cursor: string;
  /**
   * The device's cursor could not be answered incrementally (too old, or from a server that
   * has since been restored): drop everything held for this patient, then apply this page.
   */
  reset: boolean;
  /** More rows wait for this patient beyond this page. */
  more: boolean;
}

/** A resource written (or re-written) at `version`, with the index columns pages query by. */
export interface PulledResource {
  patientId: string;
  id: string;
  type: string;
  version: number;
  deleted: false;
  resource: { resourceType: string; id: string; [field: string]: unknown };
  /** A calendar date as written or a UTC instant: a FhirWhen (shared/fhir-when.ts). */
  effectiveAt: FhirWhen | null;
  status: string | null;
  codeSystem: string | null;
  code: string | null;
  category: string | null;
}

/** A resource deleted at `version`: the device deletes its copy. */
export interface PulledTombstone {
  patientId: string;
  id: string;
  type: string;
  version: number;
  deleted: true;
}

export type PulledRow = PulledResource | PulledTombstone;

export interface PullResponse {
  protocol: typeof syncProtocol;
  /** Every patient the user may see now: the device forgets anyone not listed. */
  patients: PulledPatient[];
  rows: PulledRow[];
  /** Some patient has more rows: pull again with the new cursors. */
  more: boolean;
}

/**
 * The arguments of each mutation the server knows (checked by `mutationArgs` in
 * sync-schemas.ts). Messaging and scheduling add theirs.
 */
export interface MutationArgsByName extends AppointmentMutationArgs, InboxMutationArgs {
  "profile.setLanguage": { locale: Locale };
}
export type MutationName = keyof MutationArgsByName;
export type MutationArgs<N extends MutationName> = MutationArgsByName[N];

/**
 * A write made on a device: `id` is a uuid made there, so a retry is recognisably the same
 * write; `author` is the account it was made under (docs/abuse-cases.md 13).
 */
export interface Mutation {
  id: string;
  name: string;
  args: unknown;
  author: string;
}

export type MutationResult =
  | { id: string; status: "applied"; result?: unknown }
  | { id: string; status: "rejected"; code: ErrorCode; fields?: FieldProblem[] };

export interface PushResponse {
  /** One per mutation sent, in the order sent. */
  results: MutationResult[];
}
