import * as v from "valibot";
import { locales } from "../locales/index.ts";
import { appointmentMutationArgs } from "./appointments-schemas.ts";
import { inboxMutationArgs } from "./inbox.ts";
import {
  type MutationArgsByName,
  type MutationName,
  pullMaxCursors,
  pullPageMaxRows,
  pushMaxMutations,
  syncProtocol,
} from "./sync.ts";

/** Checks of the sync requests (shared/contracts/sync.ts has the shapes and limits). */
const uuid = v.pipe(v.string(), v.uuid());

/** An opaque position in one patient's stream; only the server reads it (server/sync/cursor.ts). */
const cursor = v.pipe(v.string(), v.maxLength(80));

export const pullRequest = v.strictObject({
  protocol: v.literal(syncProtocol),
  cursors: v.pipe(
    v.record(uuid, cursor),
    v.check((cursors) => Object.keys(cursors).length <= pullMaxCursors),
  ),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(pullPageMaxRows))),
});

/** The arguments of each mutation, checked before its handler runs. */
export const mutationArgs: {
  [N in MutationName]: v.GenericSchema<unknown, MutationArgsByName[N]>;
} = {
  "profile.setLanguage": v.strictObject({ locale: v.picklist(locales) }),
  ...appointmentMutationArgs,
  ...inboxMutationArgs,
};

export function isMutationName(name: unknown): name is MutationName {
  return typeof name === "string" && Object.hasOwn(mutationArgs, name);
}

/** One mutation's envelope; its `args` are checked by `mutationArgs[name]`. */
export const mutation = v.strictObject({
  id: uuid,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  args: v.unknown(),
  author: uuid,
});

/**
 * `POST /api/sync/push`. Each mutation is checked on its own, so one malformed entry is
 * rejected alone instead of blocking the outbox behind it.
 */
export const pushRequest = v.strictObject({
  protocol: v.literal(syncProtocol),
  mutations: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(pushMaxMutations)),
});
