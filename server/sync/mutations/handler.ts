import type { MutationArgs, MutationName } from "../../../shared/contracts/sync.ts";
import type { ErrorCode, FieldProblem } from "../../../shared/errors.ts";
import type { User } from "../../auth/session.ts";
import type { Config } from "../../config.ts";
import type { ForeignId } from "../../foreign-ids.ts";
import type { Transaction } from "../../records/patient-version.ts";

/** Who a mutation is applied for, and when (the injected clock), under which settings. */
export interface MutationContext {
  user: User;
  now: Date;
  config: Config;
}

/**
 * How the server applies one kind of mutation. `apply` runs inside the transaction that also
 * records the mutation as applied, so the two commit together or not at all. A handler that
 * writes a patient's data does it with `bumpPatientVersion`/`lockPatients` on `tx`
 * (server/records/patient-version.ts), and refuses with `MutationRejected` when the write
 * can no longer be made (a slot someone else booked meanwhile, docs/abuse-cases.md 14).
 */
export interface MutationHandler<N extends MutationName> {
  /**
   * The ids in `args` that this mutation makes (a new visit's, a new message's): one already
   * used in another patient's record is refused with SYNC-804. Every other id in `args` is a
   * reference, refused with REQ-304 when it is in a record the user may not see. Both checks
   * run in push.ts before `apply` (server/foreign-ids.ts), for every kind, so a handler cannot
   * forget them; saying which ids are new is the handler's part.
   */
  creates(args: MutationArgs<N>): readonly string[];
  apply(tx: Transaction, context: MutationContext, args: MutationArgs<N>): Promise<unknown>;
}

/** Thrown by a handler to refuse a mutation with a catalog code; nothing it wrote is kept. */
export class MutationRejected extends Error {
  override name = "MutationRejected";
  constructor(
    readonly code: ErrorCode,
    readonly fields?: FieldProblem[],
    /** The id refused because another record holds it, for the audit log. */
    readonly target?: ForeignId,
  ) {
    super(code);
  }
}
