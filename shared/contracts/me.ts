import type { Locale } from "../locales/index.ts";

export const roles = ["patient", "clinician", "support", "admin"] as const;
export type Role = (typeof roles)[number];

/** What `GET /api/me` and a successful sign-in answer with. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The language the person chose for their account; null until they choose one. */
  locale: Locale | null;
  /** Signed in with a temporary password from support: must choose a new one first (SUP-107). */
  mustChangePassword?: true;
}

export interface HealthResponse {
  status: "ok";
  version: string;
  /** The server's clock, so a device can tell when its own is wrong (authenticator codes). */
  time: string;
}
