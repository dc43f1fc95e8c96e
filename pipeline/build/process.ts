/**
 * The build's hold on its own process: which processes are still alive, and
 * what must be undone when the process ends early (SIGINT, SIGTERM, an
 * uncaught error): render children stopped, staging and temporary folders
 * removed, the output lock released.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

/** True when a process with this id exists (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * When the process started (clock ticks since boot, from /proc/<pid>/stat), or
 * undefined where /proc is not available. With the pid it tells a process
 * from a later one that was given the same id.
 */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** True when the process that wrote `pid` (started at `start`, if known) is still running. */
export function sameProcessAlive(pid: number, start?: string): boolean {
  if (!processAlive(pid)) return false;
  if (start === undefined) return true;
  const now = processStart(pid);
  return now === undefined || now === start;
}

const cleanups = new Set<() => void>();

/**
 * Register a synchronous clean-up to run if the process ends before it is
 * unregistered (signal, exit). Returns the function that unregisters it.
 */
export function onAbort(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Run every registered clean-up once, newest first; a failing one does not stop the others. */
export function runCleanups(): void {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {
      // Best effort: the process is ending.
    }
  }
}

process.on("exit", runCleanups);

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
let installed = false;

/**
 * Make SIGINT, SIGTERM and SIGHUP end the process cleanly: run the clean-ups
 * and exit 130, 143 or 129 (128 + the signal's number), as a shell does. The
 * handlers run between two steps of the event loop, so a step in progress
 * (a rename of the output) is never cut in half.
 */
export function exitCleanlyOnSignals(onSignal?: (signal: NodeJS.Signals) => void): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT) as [NodeJS.Signals, number][]) {
    process.on(signal, () => {
      onSignal?.(signal);
      runCleanups();
      process.exit(code);
    });
  }
}

/**
 * Remove the folders `<prefix><pid>-…` in `dir` whose process no longer
 * runs (temporary folders of a killed process). Returns the removed paths.
 */
export function removeOrphanTemp(dir: string, prefix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(join(dir, name));
  }
  return removed;
}
