/**
 * Cache keys: the hash of exactly what an edition depends on.
 *
 * - Dutch edition: the pipeline's own code and templates (pipeline/, templates/, patches/,
 *   the interface words in locales/<lang>/ui.json), the engines' versions (package-lock.json,
 *   Node), the fallback fonts, source/<slug>.txt (or .pdf) and .yaml, and the other sources' texts
 *   (the normaliser's evidence for line-end hyphens), plus project files under locales/
 *   that are neither translation memory nor glossary.
 * - English edition: the Dutch key, plus the memory files the document reads
 *   (locales/en/<slug>.json and locales/en/shared.json) and the glossary folder. Another
 *   document's memory is not part of it, so a changed translation rebuilds only the
 *   English editions of its own document.
 * - Each file of an edition: the edition's key, its format, and for EPUB pandoc's version.
 */
import { createHash, type Hash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceFile } from "../config/sources.ts";
import { sha256 } from "../publish/files.ts";

/** Bump to drop every cached entry when what is cached changes shape. */
const CACHE_FORMAT = "1";

const CODE_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FALLBACK_FONTS = "/usr/share/fonts/truetype/dejavu";

export interface EditionKeys {
  nl: string;
  en: string;
}

let codeKey: string | undefined;

/** The hash of the pipeline's code, templates, patches, engine versions and fallback fonts (once per process). */
export function codeDigest(): string {
  if (codeKey) return codeKey;
  const h = createHash("sha256");
  add(h, "format", CACHE_FORMAT);
  add(h, "node", process.version);
  for (const dir of ["pipeline", "templates", "patches"]) for (const f of walk(join(CODE_ROOT, dir))) addFile(h, CODE_ROOT, f);
  addFile(h, CODE_ROOT, join(CODE_ROOT, "package-lock.json"));
  for (const lang of readdirIfAny(join(CODE_ROOT, "locales"))) addFile(h, CODE_ROOT, join(CODE_ROOT, "locales", lang, "ui.json"));
  // The PDF's fallback glyphs come from the system: their size and date stand for their content.
  for (const f of readdirIfAny(FALLBACK_FONTS).sort()) {
    const st = statSync(join(FALLBACK_FONTS, f));
    add(h, `font:${f}`, `${st.size}:${st.mtimeMs}`);
  }
  codeKey = h.digest("hex");
  return codeKey;
}

/**
 * The keys of both editions of `slug` in the project at `root`; `slugs`
 * are every source's slug (the others' memory files are left out).
 */
export function editionKeys(root: string, slug: string, slugs: readonly string[], digests = new FileDigests()): EditionKeys {
  const source = join(root, "source");
  const locales = join(root, "locales");
  const memoryOf = (f: string): string | undefined => {
    const m = /^[^/]+\/([^/]+)\.json$/.exec(f);
    return m && (m[1] === "shared" || slugs.includes(m[1]!)) ? m[1] : undefined;
  };
  const localeFiles = walk(locales).map((f) => [f, relative(locales, f).split(sep).join("/")] as const);

  const nl = createHash("sha256");
  add(nl, "code", codeDigest());
  add(nl, "slug", slug);
  addFile(nl, root, sourceFile(root, slug)?.path ?? join(source, `${slug}.txt`), digests);
  addFile(nl, root, join(source, `${slug}.yaml`), digests);
  for (const f of readdirIfAny(source).filter((f) => f.endsWith(".txt") && f !== `${slug}.txt`).sort()) addFile(nl, root, join(source, f), digests);
  for (const [f, rel] of localeFiles) if (!memoryOf(rel) && !rel.startsWith("glossary/")) addFile(nl, root, f, digests);
  const nlKey = nl.digest("hex");

  const en = createHash("sha256");
  add(en, "nl", nlKey);
  for (const [f, rel] of localeFiles) {
    const owner = memoryOf(rel);
    if (owner === slug || owner === "shared" || rel.startsWith("glossary/")) addFile(en, root, f, digests);
  }
  return { nl: nlKey, en: en.digest("hex") };
}

/** The key of one file of an edition: the edition's key, the format, and the version of the engine that writes it. */
export function artefactKey(editionKey: string, format: string, engine = ""): string {
  const h = createHash("sha256");
  add(h, "edition", editionKey);
  add(h, "format", format);
  add(h, "engine", engine);
  return h.digest("hex");
}

function add(h: Hash, label: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  h.update(`${label}\0${bytes.length}\0`);
  h.update(bytes);
}

/** A file by its path below `base` and its content's digest ("absent" when there is none). */
function addFile(h: Hash, base: string, file: string, digests?: FileDigests): void {
  const name = relative(base, file).split(sep).join("/");
  add(h, `file:${name}`, (digests ?? new FileDigests()).of(file));
}

/**
 * Digests of files, each read once: one build hashes every source text for
 * every document's key (the corpus). Make one per build, never keep it
 * longer: files change between builds.
 */
export class FileDigests {
  private readonly known = new Map<string, string>();

  of(file: string): string {
    let d = this.known.get(file);
    if (d === undefined) {
      d = existsSync(file) ? sha256(readFileSync(file)) : "absent";
      this.known.set(file, d);
    }
    return d;
  }
}

function readdirIfAny(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Every file below `dir` (following links), sorted. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirIfAny(dir).sort()) {
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) out.push(...walk(p));
    else if (st.isFile()) out.push(p);
  }
  return out;
}

/**
 * The key of the catalogue (feeds, covers, index page): the code, every
 * source's metadata, and the published files as the manifest lists them.
 */
export function catalogueKey(root: string, artefacts: readonly { path: string; sha256: string; bytes: number; pages: number | null }[], digests = new FileDigests()): string {
  const h = createHash("sha256");
  add(h, "code", codeDigest());
  const source = join(root, "source");
  for (const f of readdirIfAny(source).filter((f) => f.endsWith(".yaml")).sort()) addFile(h, root, join(source, f), digests);
  add(h, "artefacts", JSON.stringify(artefacts.map(({ path, sha256, bytes, pages }) => [path, sha256, bytes, pages])));
  return h.digest("hex");
}
