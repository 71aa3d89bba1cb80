import { pushMaxMutations } from "../../shared/contracts/sync.ts";
import type { RequestOptions } from "../api/request.ts";
import { pushMutations } from "../api/sync.ts";
import { nextPending, recordResults } from "./outbox.ts";
import type { StepResult } from "./pull.ts";
import { storageErrorCode } from "./storage.ts";
import type { UserDatabase } from "./user-database.ts";

/**
 * Sends `author`'s pending writes in the order they were made, a batch at a time, until none
 * is left (docs/architecture.md, "Push"). A write stays in the outbox until the server's answer for
 * it is written down, so a request lost with the network or a server that died before
 * answering means only that it is sent again, and the server answers a replay with its first
 * answer (docs/abuse-cases.md 11, 15). Nobody else's writes are ever sent (docs/abuse-cases.md 13).
 */
export async function pushOutbox(
  db: UserDatabase,
  author: string,
  options: RequestOptions = {},
): Promise<StepResult> {
  let requests = 0;
  for (;;) {
    const batch = await nextPending(db, author, pushMaxMutations);
    if (batch.length === 0) return { ok: true, requests };
    requests++;
    const answer = await pushMutations(
      batch.map(({ id, name, args }) => ({ id, name, args, author })),
      options,
    );
    if (!answer.ok) return { ok: false, code: answer.code, requests };
    const answered = new Set(answer.data.results.map((result) => result.id));
    try {
      await recordResults(db, batch, answer.data.results);
    } catch (error) {
      return { ok: false, code: storageErrorCode(error), requests };
    }
    // A server that answered for none of them would have us send the same batch for ever.
    if (!batch.some((entry) => answered.has(entry.id)))
      return { ok: false, code: "SRV-501", requests };
  }
}
