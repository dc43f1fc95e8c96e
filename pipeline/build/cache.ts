/**
 * The build cache: content-addressed entries outside the output folder
 * (default `.tweeluik-cache/` at the project root). An entry is written to a
 * temporary file and renamed into place, its description last, so a killed
 * build never leaves an entry that looks complete. An entry's time is that of
 * its last use; after a build, entries it did not use that no build used for
 * a while are removed (prune), so the cache does not grow with every change.
 */
import { constants, copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { dirname, join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { Diagnostic } from "../document/types.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";

/** A built file in the cache, with what its writer reported. */
export interface CachedArtefact {
  /** The cached bytes (copy them; never write into this file). */
  file: string;
  bytes: number;
  sha256: string;
  pages: number | null;
  /** What the writer reported while making it, in order. */
  diagnostics: Diagnostic[];
}

export class BuildCache {
  /** `dir`: the cache folder; `read` false: look nothing up (a forced build), but still store. */
  constructor(
    readonly dir: string,
    readonly read = true,
  ) {}

  /** The files of the entries this build looked up or stored. */
  private readonly used = new Set<string>();

  private path(kind: string, key: string, ext: string): string {
    const p = join(this.dir, kind, key.slice(0, 2), `${key}${ext}`);
    this.used.add(p);
    return p;
  }

  /** Marks a file found in the cache as used now. */
  private touch(file: string): void {
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // Read-only or gone: the entry was read all the same.
    }
  }

  /**
   * Removes the entries this build did not use whose last use is older than
   * `maxAgeMs`, and temporary files of writes that never finished (a killed
   * build) older than an hour. Returns how many files and bytes went.
   */
  prune(maxAgeMs: number, now = Date.now()): { files: number; bytes: number } {
    let files = 0;
    let bytes = 0;
    const walk = (dir: string): boolean => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return false;
      }
      let left = entries.length;
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (walk(p)) left--;
          continue;
        }
        if (this.used.has(p)) continue;
        const st = statSync(p, { throwIfNoEntry: false });
        if (!st) continue;
        const age = now - st.mtimeMs;
        if (age > (p.endsWith(".tmp") ? Math.min(maxAgeMs, 3_600_000) : maxAgeMs)) {
          rmSync(p, { force: true });
          files++;
          bytes += st.size;
          left--;
        }
      }
      // An emptied folder below the cache's own goes too.
      if (left === 0 && dir !== this.dir) {
        try {
          rmdirSync(dir);
          return true;
        } catch {
          return false; // another build put something there meanwhile
        }
      }
      return false;
    };
    walk(this.dir);
    return { files, bytes };
  }

  /** The cached file of `key`, or undefined. */
  artefact(key: string): CachedArtefact | undefined {
    const meta = this.json<Omit<CachedArtefact, "file">>("artefacts", key);
    if (!meta) return undefined;
    const file = this.path("artefacts", key, ".bin");
    this.touch(file);
    return { ...meta, file };
  }

  /** Store a built file (copied) under `key`. */
  putArtefact(key: string, file: string, meta: Omit<CachedArtefact, "file">): void {
    const to = this.path("artefacts", key, ".bin");
    mkdirSync(dirname(to), { recursive: true });
    const tmp = `${to}.${process.pid}.tmp`;
    try {
      copyFileSync(file, tmp, constants.COPYFILE_FICLONE);
      renameSync(tmp, to);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    this.putJson("artefacts", key, meta);
  }

  /** A cached JSON value of `kind` under `key`, or undefined. */
  json<T>(kind: string, key: string): T | undefined {
    if (!this.read) return undefined;
    const file = this.path(kind, key, ".json");
    try {
      const value = JSON.parse(readFileSync(file, "utf8")) as T;
      this.touch(file);
      return value;
    } catch {
      return undefined;
    }
  }

  putJson(kind: string, key: string, value: unknown): void {
    writeFileAtomic(this.path(kind, key, ".json"), `${JSON.stringify(value)}\n`);
  }

  /** A cached value of `kind` under `key` (structured clone, as sent to a render process), or undefined. */
  value<T>(kind: string, key: string): T | undefined {
    if (!this.read) return undefined;
    const file = this.path(kind, key, ".v8");
    try {
      const value = deserialize(readFileSync(file)) as T;
      this.touch(file);
      return value;
    } catch {
      return undefined;
    }
  }

  putValue(kind: string, key: string, value: unknown): void {
    writeFileAtomic(this.path(kind, key, ".v8"), serialize(value));
  }
}
