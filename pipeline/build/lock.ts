/**
 * One build per output folder at a time: a lock file beside the folder
 * (`.<name>.lock`, never inside it, since the folder is put online as it is) holding the
 * pid of the build that writes it. A lock whose process is gone is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { TweeluikError } from "../errors.ts";
import { onAbort, processStart, sameProcessAlive } from "./process.ts";

interface LockInfo {
  pid: number;
  /** The process's start time (see processStart), to tell a reused pid. */
  start?: string;
  host: string;
}

/** The lock file of an output folder. */
export function lockFileOf(output: string): string {
  return join(dirname(output), `.${basename(output)}.lock`);
}

/**
 * Take the lock of `output` for this process. Throws `output:locked`
 * naming the holder when another live build holds it; a lock left by a process that
 * no longer runs (killed) is taken over. Returns the release function.
 */
export function lockOutput(output: string): () => void {
  const file = lockFileOf(output);
  const mine: LockInfo = { pid: process.pid, start: processStart(process.pid), host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new TweeluikError("output:invalid", `cannot create the output lock: ${(err as Error).message}`, { file, cause: err });
      }
      const holder = readLock(file);
      if (holder && holder.host === mine.host && holder.pid === process.pid) {
        throw new TweeluikError("output:locked", `this process is already building ${output}`, { file });
      }
      if (holder && (holder.host !== mine.host || sameProcessAlive(holder.pid, holder.start))) {
        const who = holder.host === mine.host ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
        throw new TweeluikError("output:locked", `another build (${who}) is writing ${output}; wait for it to finish or stop it`, { file });
      }
      if (!holder && Date.now() - mtimeOf(file) < 5_000) {
        throw new TweeluikError("output:locked", `another build is taking the lock of ${output}`, { file });
      }
      // Stale (its process is gone) or unreadable (a lock cut short while written): take it over.
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(mine)}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      unregister();
      if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
    };
    const unregister = onAbort(release);
    return release;
  }
  throw new TweeluikError("output:locked", `another build keeps taking the lock of ${output}`, { file });
}

function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as Partial<LockInfo>;
    return typeof info.pid === "number" && typeof info.host === "string" ? (info as LockInfo) : undefined;
  } catch {
    return undefined;
  }
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
