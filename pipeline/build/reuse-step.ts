/**
 * Reuse of a build step that writes files into the staged output (the
 * catalogue: feeds, covers, index page) when its inputs are unchanged.
 *
 * The cache records, under the step's input key, the files the step wrote
 * and their digests. When the staged output (a copy of the current output)
 * already holds exactly those files, the step is not run again; otherwise it
 * runs, and what it wrote is recorded.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { sha256 } from "../publish/files.ts";
import type { BuildCache } from "./cache.ts";

interface StepRecord {
  /** Path below the output → sha256 of what the step wrote there. */
  files: Record<string, string>;
}

/** Run `step` on `dir` unless the files it wrote for the same `key` are there already. Returns true when reused. */
export async function reuseOrRun(cache: BuildCache, kind: string, key: string, dir: string, step: () => Promise<unknown>): Promise<boolean> {
  const record = cache.json<StepRecord>(kind, key);
  if (record && Object.keys(record.files).length > 0 && Object.entries(record.files).every(([path, digest]) => digestOf(join(dir, path)) === digest)) return true;
  const before = stamps(dir);
  await step();
  const files: Record<string, string> = {};
  for (const [path, stamp] of stamps(dir)) if (before.get(path) !== stamp) files[path] = digestOf(join(dir, path))!;
  cache.putJson(kind, key, { files } satisfies StepRecord);
  return false;
}

function digestOf(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** Every file below dir with what changes when it is written anew (inode, size, time). */
function stamps(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, `${rel}${e.name}/`);
      else if (e.isFile()) {
        const st = statSync(p);
        out.set(`${rel}${e.name}`, `${st.ino}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(dir, "");
  return out;
}
