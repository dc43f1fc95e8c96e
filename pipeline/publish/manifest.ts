import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Lang } from "../document/types.ts";
import { fileDigest, writeFileAtomic } from "./files.ts";

export type Format = "md" | "pdf" | "epub" | "report";

export interface Artefact {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  slug: string;
  lang: Lang;
  format: Format;
  bytes: number;
  sha256: string;
  /** Pages of a PDF; null for the other formats. */
  pages: number | null;
  /**
   * True when the build that wrote the file took it from the build cache (its
   * inputs were unchanged), false when it made it anew.
   */
  reused?: boolean;
}

export interface Manifest {
  generator: string;
  artefacts: Artefact[];
}

/** Describe one built file for the manifest (size and digest read from disk). */
export function describe(outputDir: string, path: string, slug: string, lang: Lang, format: Format, pages: number | null): Artefact {
  return { path, slug, lang, format, ...fileDigest(join(outputDir, path)), pages };
}

/**
 * Merge new artefacts into output/manifest.json: files written by this build
 * replace their entries; entries of files it did not write are kept while the
 * file exists (their size and digest read again), so `build <slug>` or
 * `build --format md` updates only its own part. Sorted, and free of
 * timestamps, so the same output gives the same manifest.
 */
export function writeManifest(outputDir: string, artefacts: Artefact[]): Manifest {
  const file = join(outputDir, "manifest.json");
  const written = new Set(artefacts.map((a) => a.path));
  let kept: Artefact[] = [];
  if (existsSync(file)) {
    try {
      const old = JSON.parse(readFileSync(file, "utf8")) as Manifest;
      kept = (old.artefacts ?? [])
        .filter((a) => !written.has(a.path) && existsSync(join(outputDir, a.path)))
        .map((a) => ({ ...a, ...fileDigest(join(outputDir, a.path)) }));
    } catch {
      kept = [];
    }
  }
  const all = [...kept, ...artefacts].sort((a, b) => a.path.localeCompare(b.path));
  const manifest: Manifest = { generator: "tweeluik", artefacts: all };
  writeFileAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
