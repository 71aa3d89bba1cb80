/**
 * The whole database schema, as drizzle-kit and `openDatabase` see it: one file per area,
 * re-exported here. An area's tables import what they reference from schema-core.ts, never
 * from this file (that would be an import cycle). Migrations: `npm run db:generate`.
 */

export * from "./schema-appointments.ts";
export * from "./schema-approval.ts";
export * from "./schema-core.ts";
export * from "./schema-inbox.ts";
export * from "./schema-security.ts";
export * from "./schema-support.ts";
