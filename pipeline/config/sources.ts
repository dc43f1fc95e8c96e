import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { RawSource } from "../document/types.ts";
import { TweeluikError } from "../errors.ts";
import { siblingTexts } from "../read/corpus.ts";
import { readSource } from "../read/read-source.ts";
import { loadYamlConfig } from "./load.ts";
import { sourceConfigSchema, type SourceConfig } from "./schema.ts";

/** The slugs of <root>/source/*.txt and *.pdf, sorted. */
export function listSlugs(root: string): string[] {
  const dir = join(root, "source");
  if (!existsSync(dir)) return [];
  const slugs = readdirSync(dir)
    .filter((f) => /\.(txt|pdf)$/.test(f))
    .map((f) => f.slice(0, -4));
  return [...new Set(slugs)].sort();
}

/**
 * The file a source is read from: source/<slug>.txt, else source/<slug>.pdf.
 * With both, the text wins: it is what the office corrected, and the
 * corrections in source/<slug>.yaml name its lines.
 */
export function sourceFile(root: string, slug: string): { path: string; name: string; format: "txt" | "pdf" } | undefined {
  for (const format of ["txt", "pdf"] as const) {
    const path = join(root, "source", `${slug}.${format}`);
    if (existsSync(path)) return { path, name: `source/${slug}.${format}`, format };
  }
  return undefined;
}

/**
 * Read source/<slug>.txt, its source/<slug>.yaml (undefined when there is
 * none) and the texts of the other sources (the normaliser's corpus). Positions name the file as `source/<slug>.txt`, the way the office
 * knows it, whatever the working folder.
 */
export function readSourceInputs(root: string, slug: string): { raw: RawSource; config: SourceConfig | undefined; corpus: string[] } {
  const txt = join(root, "source", `${slug}.txt`);
  if (!existsSync(txt)) {
    throw new TweeluikError("input:missing", `no source for slug "${slug}" (known: ${listSlugs(root).join(", ") || "none"})`, { file: `source/${slug}.txt` });
  }
  const raw = { ...readSource(txt), file: `source/${slug}.txt` };
  // The other sources: the normaliser's evidence for line-end hyphens. Every caller
  // (build, translate, bench) passes the same, so they all see the same segments.
  return { raw, config: readSourceConfig(root, slug), corpus: siblingTexts(txt) };
}

/** source/<slug>.yaml, or undefined when there is none. */
export function readSourceConfig(root: string, slug: string): SourceConfig | undefined {
  const yaml = join(root, "source", `${slug}.yaml`);
  // Named as the office knows it, like the source: a correction's diagnostics point at source/<slug>.yaml:LINE.
  return existsSync(yaml) ? loadYamlConfig(yaml, sourceConfigSchema, `source/${slug}.yaml`) : undefined;
}
