import type { Me } from "../../shared/contracts/me.ts";

/** Ana as /api/me answers for her, for client tests that sign her in on this device. */
export const ana: Me = {
  id: "u-ana",
  username: "ana",
  displayName: "Ana Rivera",
  role: "patient",
  locale: "en",
};
