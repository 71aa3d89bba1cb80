import { type Accessor, createResource } from "solid-js";
import type {
  BookablePractitioner,
  BookablePractitioners,
  FreeSlot,
  FreeSlotsResponse,
  VisitType,
} from "../../../shared/contracts/appointments.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { online } from "../../local/connectivity.ts";
import type { UserDatabase } from "../../local/user-database.ts";
import { fetchFreeSlots, fetchPractitioners, savedOptions, slotsKey } from "./appointments-api.ts";

/** What the wizard offers, and whether it is the live answer or what this device saved. */
export interface Offer<T> {
  data: T;
  /** Set when read from the device (offline): when the server gave it. */
  savedAt?: string;
  /** Set when neither the server nor the device had it. */
  problem?: ErrorCode;
}

/**
 * Bookable clinicians: from the server when online (and saved), else as last saved, so a
 * booking can be started offline and the request queued (the server decides when it arrives).
 */
export function createPractitioners(
  db: Accessor<UserDatabase | undefined>,
): Accessor<Offer<BookablePractitioner[]> | undefined> {
  const [offer] = createResource(
    () => db(),
    async (open): Promise<Offer<BookablePractitioner[]>> => {
      if (online()) {
        const result = await fetchPractitioners(open);
        if (result.ok) return { data: result.data.practitioners };
      }
      const saved = await savedOptions<BookablePractitioners>(open, "practitioners");
      if (saved) return { data: saved.data.practitioners, savedAt: saved.savedAt };
      return { data: [], problem: "NET-601" };
    },
  );
  return offer;
}

/** Free slots of one clinician and kind, live or as last saved (past ones dropped). */
export function createFreeSlots(
  choice: Accessor<{ db: UserDatabase; scheduleId: string; visitType: VisitType } | undefined>,
): Accessor<Offer<FreeSlot[]> | undefined> & { loading: boolean } {
  const [offer] = createResource(choice, async ({ db, scheduleId, visitType }) => {
    if (online()) {
      const result = await fetchFreeSlots(db, scheduleId, visitType);
      if (result.ok) return { data: result.data.slots } as Offer<FreeSlot[]>;
    }
    const saved = await savedOptions<FreeSlotsResponse>(db, slotsKey(scheduleId, visitType));
    if (!saved) return { data: [], problem: "NET-601" } as Offer<FreeSlot[]>;
    const now = Date.now();
    return {
      data: saved.data.slots.filter((slot) => Date.parse(slot.start) > now),
      savedAt: saved.data.at,
    } as Offer<FreeSlot[]>;
  });
  return offer as Accessor<Offer<FreeSlot[]> | undefined> & { loading: boolean };
}
