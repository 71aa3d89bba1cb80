import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Refused: another process (or another opening in this one) has the PGlite folder open. Its
 * message is the whole explanation, printed as the one line the server stops with.
 */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

/** Folders this process holds, so a second opening in the same process is refused too. */
const held = new Set<string>();

/**
 * PGlite is one PostgreSQL inside one process: two processes on one folder each keep their own
 * idea of its files and overwrite each other's writes, acknowledged ones included
 * (docs/security.md). A lock file in the folder, holding the owner's pid, lets the second refuse to
 * start. A lock whose pid is no longer running was left by a crash (or a kill -9) and is taken
 * over. Returns the release, which close() calls; exiting without it leaves a lock that is stale.
 */
export function lockDataDir(dataDir: string): () => void {
  const folder = resolve(dataDir);
  const path = join(folder, "hearth.lock");
  if (held.has(path)) throw lockedError(dataDir, process.pid);
  mkdirSync(folder, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = ownerOf(path);
      if (owner !== null && owner !== process.pid && isRunning(owner)) {
        throw lockedError(dataDir, owner);
      }
      // Stale: its process is gone. (Our own pid here is a restart that got the same pid, as
      // pid 1 in a container does, since this process holds nothing yet.)
      try {
        unlinkSync(path);
      } catch {
        // Another starter removed it first; the next `wx` decides which of us gets it.
      }
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    held.add(path);
    const release = () => {
      if (!held.delete(path)) return;
      process.off("exit", release);
      try {
        if (ownerOf(path) === process.pid) unlinkSync(path);
      } catch {
        // Already gone.
      }
    };
    // A process that exits without closing the database (an error at start) leaves no lock.
    process.on("exit", release);
    return release;
  }
  throw lockedError(dataDir, ownerOf(path) ?? 0);
}

function lockedError(dataDir: string, pid: number): DataDirLockedError {
  return new DataDirLockedError(
    `the embedded database in ${dataDir} is already open in another Hearth process (pid ${pid}); ` +
      "the embedded database serves one process only: to run several processes, use PostgreSQL " +
      "(set DATABASE_URL)",
  );
}

function ownerOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
