/**
 * Staging beside the output folder, never inside it: the output folder is put
 * online as it is, so nothing half-built may ever appear in it.
 *
 * A build stages a complete copy of the next output (the files it does not
 * write are copied from the current one) in `.<name>.staging-<pid>` beside
 * `<name>`, then swaps the two folders with two renames. Killed at any
 * moment, the output folder is the previous complete output, or (between
 * the two renames) missing with the previous output kept as
 * `.<name>.old-<pid>`, which the next build (under the output lock) puts back.
 */
import { constants, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { TweeluikError } from "../errors.ts";
import { onAbort, processAlive } from "./process.ts";

export interface Staging {
  /** The folder the build writes its next output into. */
  dir: string;
  /** Copy in every file of the current output the build did not write: the staged folder is then the complete next output. */
  fill(): void;
  /** Make the staged folder the output (the previous output goes). */
  commit(): void;
  /** Remove the staged folder; the output stays as it was. */
  discard(): void;
}

/**
 * The output folder as a real path (a symbolic link to a folder is followed,
 * so the swap replaces the folder, not the link); refuses an output that
 * exists and is not a folder.
 */
export function resolveOutput(output: string): string {
  let st;
  try {
    st = lstatSync(output);
  } catch {
    return output;
  }
  if (st.isSymbolicLink()) {
    try {
      return resolveOutput(realpathSync(output));
    } catch (cause) {
      throw new TweeluikError("output:invalid", "the output folder is a link to nothing", { file: output, cause });
    }
  }
  if (!st.isDirectory()) throw new TweeluikError("output:invalid", "the output folder is a file, not a folder: move it away or choose another --output", { file: output });
  return output;
}

const stagingName = (name: string, pid: number) => `.${name}.staging-${pid}`;
const oldName = (name: string, pid: number) => `.${name}.old-${pid}`;

/**
 * Undo what killed builds left beside (and, from earlier versions, inside)
 * the output folder: staged folders are removed; a previous output parked
 * by a swap that was cut short is put back when the output folder is
 * missing. Call with the output lock held. Returns what was removed or put back.
 */
export function recoverOutput(output: string): string[] {
  const parent = dirname(output);
  const name = basename(output);
  const done: string[] = [];
  const leftovers = existsSync(parent) ? readdirSync(parent).filter((f) => f.startsWith(`.${name}.staging-`) || f.startsWith(`.${name}.old-`)) : [];
  // A parked output first: it is the last complete output when the swap was cut short.
  for (const f of leftovers.filter((f) => f.startsWith(`.${name}.old-`)).sort()) {
    const p = join(parent, f);
    if (!existsSync(output)) {
      renameSync(p, output);
      done.push(`restored ${output} from ${p}`);
    } else {
      rmSync(p, { recursive: true, force: true });
      done.push(`removed ${p}`);
    }
  }
  for (const f of leftovers.filter((f) => f.startsWith(`.${name}.staging-`))) {
    const p = join(parent, f);
    rmSync(p, { recursive: true, force: true });
    done.push(`removed ${p}`);
  }
  // Earlier versions staged inside the output folder (.staging-<pid>).
  if (existsSync(output)) {
    for (const f of readdirSync(output)) {
      const m = /^\.staging-(\d+)$/.exec(f);
      if (m && (Number(m[1]) === process.pid || !processAlive(Number(m[1])))) {
        rmSync(join(output, f), { recursive: true, force: true });
        done.push(`removed ${join(output, f)}`);
      }
    }
  }
  return done;
}

/**
 * Stage the next output of `output`: a folder beside it, which the build
 * writes into and fill() completes with a copy of every other current file
 * (copies, not hard links: a writer that wrote into a staged file in place
 * would otherwise change the live output). Removed if the process ends
 * before commit() or discard().
 */
export function openStaging(output: string): Staging {
  const parent = dirname(output);
  const name = basename(output);
  const dir = join(parent, stagingName(name, process.pid));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const unregister = onAbort(() => rmSync(dir, { recursive: true, force: true }));
  let open = true;
  return {
    dir,
    fill() {
      if (existsSync(output)) copyTree(output, dir, true);
    },
    commit() {
      if (!open) throw new Error("staging already closed");
      open = false;
      swap(dir, output, join(parent, oldName(name, process.pid)));
      unregister();
    },
    discard() {
      if (!open) return;
      open = false;
      rmSync(dir, { recursive: true, force: true });
      unregister();
    },
  };
}

/** Put `staged` in the place of `output` (two renames); where a folder cannot be renamed (a mount point), file by file. */
function swap(staged: string, output: string, parked: string): void {
  if (!existsSync(output)) {
    renameSync(staged, output);
    return;
  }
  try {
    renameSync(output, parked);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EBUSY" && code !== "EXDEV" && code !== "EPERM" && code !== "EACCES") throw err;
    promoteFiles(staged, output);
    rmSync(staged, { recursive: true, force: true });
    return;
  }
  renameSync(staged, output);
  rmSync(parked, { recursive: true, force: true });
}

/** Move every staged file over its place in `output` (an atomic rename each). */
function promoteFiles(staged: string, output: string): void {
  for (const name of readdirSync(staged)) {
    const from = join(staged, name);
    const to = join(output, name);
    if (lstatSync(from).isDirectory()) {
      mkdirSync(to, { recursive: true });
      promoteFiles(from, to);
    } else renameSync(from, to);
  }
}

/** Copy the files below `from` that `to` does not have into `to` (a copy-on-write clone where the file system can). */
function copyTree(from: string, to: string, top: boolean): void {
  for (const name of readdirSync(from)) {
    if (top && name.startsWith(".staging-")) continue;
    const src = join(from, name);
    const dst = join(to, name);
    const st = lstatSync(src);
    if (st.isDirectory()) {
      mkdirSync(dst, { recursive: true });
      copyTree(src, dst, false);
    } else if (st.isFile() && !existsSync(dst)) copyFileSync(src, dst, constants.COPYFILE_FICLONE);
  }
}

/**
 * Write a file into the staging folder. No temporary file, no flush: the
 * staging folder is out of sight until the swap, which is what makes the
 * output change all at once.
 */
export function writeStaged(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

/** Copy a file (from the cache) into the staging folder. */
export function copyStaged(from: string, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(from, file, constants.COPYFILE_FICLONE);
}
