import type {
  DBCore,
  DBCoreCursor,
  DBCoreMutateRequest,
  DBCoreTable,
  DBCoreTableSchema,
  Middleware,
} from "dexie";
import { open, seal } from "./seal.ts";

/**
 * Encryption at rest for a person's device database, as a Dexie middleware, so that no page,
 * query or sync step has to remember it (docs/decisions/0029-device-copy-lock.md).
 *
 * Every row of a sealed table is stored as the fields IndexedDB must index (its primary key and
 * index key paths, and the few `plainFields` listed below with why) and `sealed`: the rest of
 * the row, sealed with the data key. Reads give back the whole row. With the copy locked
 * (`keyOf` answers undefined) reads and writes of sealed tables throw, so nothing unsealed is
 * ever written and nothing sealed is mistaken for data.
 */

/** Tables that hold no health data, kept as they are: sync cursors and state, the lock itself. */
const unsealedTables: ReadonlySet<string> = new Set(["cursors", "syncState", "lock"]);

/**
 * Fields kept readable beyond the indexes, because they must be read while the copy is locked:
 * whose each queued write is, what kind, when, and whether it was sent, so a sign-out or another
 * person's sign-in can say "2 changes not sent yet" without opening anything.
 */
const plainFields: Readonly<Record<string, readonly string[]>> = {
  outbox: ["author", "name", "createdAt", "state", "applied", "code"],
};

export const sealedField = "sealed";

export function sealingMiddleware(
  keyOf: () => Uint8Array | undefined,
  onLocked: () => Error,
): Middleware<DBCore> {
  return {
    stack: "dbcore",
    name: "hearth-sealing",
    create(down: DBCore): Partial<DBCore> {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          if (unsealedTables.has(name)) return table;
          return sealedTable(table, rowFormat(table.schema, plainFields[name] ?? []), () => {
            const key = keyOf();
            if (!key) throw onLocked();
            return key;
          });
        },
      };
    },
  };
}

interface RowFormat {
  /** Top-level fields kept as they are. */
  plain: ReadonlySet<string>;
}

function rowFormat(schema: DBCoreTableSchema, extra: readonly string[]): RowFormat {
  const plain = new Set<string>(extra);
  for (const index of [schema.primaryKey, ...schema.indexes]) {
    const paths = index.keyPath === null ? [] : [index.keyPath].flat();
    // A nested key path ("a.b") keeps its whole top-level field readable.
    for (const path of paths) plain.add(path.split(".")[0] as string);
  }
  return { plain };
}

function sealRow(format: RowFormat, key: Uint8Array, row: unknown): unknown {
  if (typeof row !== "object" || row === null) return row;
  const kept: Record<string, unknown> = {};
  const hidden: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) {
    if (field === sealedField) continue;
    if (format.plain.has(field)) kept[field] = value;
    else hidden[field] = value;
  }
  kept[sealedField] = seal(key, hidden);
  return kept;
}

function openRow(key: Uint8Array, row: unknown): unknown {
  if (typeof row !== "object" || row === null || !(sealedField in row)) return row;
  const { [sealedField]: sealed, ...kept } = row as Record<string, unknown>;
  return { ...(open(key, sealed as Uint8Array) as object), ...kept };
}

function sealedTable(table: DBCoreTable, format: RowFormat, key: () => Uint8Array): DBCoreTable {
  return {
    ...table,
    mutate(req: DBCoreMutateRequest) {
      if (req.type !== "add" && req.type !== "put") return table.mutate(req);
      const k = key();
      const values = req.values.map((row) => sealRow(format, k, row));
      if (req.type === "add") return table.mutate({ ...req, values });
      // The change specs below would let Dexie's cache apply plain changes to sealed rows:
      // send the whole sealed rows alone.
      const { updates: _u, changeSpec: _c, criteria: _r, ...plainPut } = req;
      return table.mutate({ ...plainPut, values });
    },
    get(req) {
      return table.get(req).then((row) => openRow(key(), row));
    },
    getMany(req) {
      return table.getMany(req).then((rows) => {
        const k = key();
        return rows.map((row) => openRow(k, row));
      });
    },
    query(req) {
      return table.query(req).then((res) => {
        if (!req.values) return res;
        const k = key();
        return { ...res, result: res.result.map((row) => openRow(k, row)) };
      });
    },
    openCursor(req) {
      return table.openCursor(req).then((cursor) => {
        if (!cursor || !req.values) return cursor;
        return openingCursor(cursor, key());
      });
    },
  };
}

/**
 * The cursor as it is, but its value opened (once per row it stops at). The key getters are
 * forwarded too: IndexedDB's own getters refuse to run on any object but the cursor itself.
 */
function openingCursor(cursor: DBCoreCursor, key: Uint8Array): DBCoreCursor {
  let at: unknown;
  let opened: unknown;
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: {
      get() {
        const row = cursor.value;
        if (row !== at) {
          at = row;
          opened = openRow(key, row);
        }
        return opened;
      },
    },
  });
}
