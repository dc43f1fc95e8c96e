/**
 * The build cache: content-addressed entries outside the output folder
 * (default `.tweeluik-cache/` at the project root). An entry is written to a
 * temporary file and renamed into place, its description last, so a killed
 * build never leaves an entry that looks complete.
 */
import { constants, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
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

  private path(kind: string, key: string, ext: string): string {
    return join(this.dir, kind, key.slice(0, 2), `${key}${ext}`);
  }

  /** The cached file of `key`, or undefined. */
  artefact(key: string): CachedArtefact | undefined {
    const meta = this.json<Omit<CachedArtefact, "file">>("artefacts", key);
    return meta && { ...meta, file: this.path("artefacts", key, ".bin") };
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
    try {
      return JSON.parse(readFileSync(this.path(kind, key, ".json"), "utf8")) as T;
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
    try {
      return deserialize(readFileSync(this.path(kind, key, ".v8"))) as T;
    } catch {
      return undefined;
    }
  }

  putValue(kind: string, key: string, value: unknown): void {
    writeFileAtomic(this.path(kind, key, ".v8"), serialize(value));
  }
}
