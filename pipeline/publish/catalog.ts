import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";
import subsetFont from "subset-font";
import { loadYamlConfig } from "../config/load.ts";
import { inLang, sourceConfigSchema, type SourceConfig } from "../config/schema.ts";
import { LANGS, type Lang } from "../document/types.ts";
import { fontFile } from "../render-epub/design.ts";
import { editionIdentifier } from "../render-epub/to-pandoc-ast.ts";
import { writeFilesAtomic } from "../fs/atomic-write.ts";
import { MEMBERS_DIR, placedPath } from "./access.ts";
import { catalogPage, FONT_CHARS, PAGE_FONTS } from "./catalog-page.ts";
import { makeCover, type DrawnCover } from "./covers.ts";
import { listFiles } from "./files.ts";
import type { Artefact } from "./manifest.ts";
import { opdsCatalogue, type CatalogFile, type Edition } from "./opds.ts";

export type { Edition } from "./opds.ts";

/** What `tweeluik serve` and the catalogue page read: the editions of one catalogue (catalog.json, members/catalog.json). */
export interface CatalogData {
  title: Record<Lang, string>;
  editions: Edition[];
}

export interface CatalogOptions {
  /** Entries per page of an acquisition feed (default 50). */
  pageSize?: number;
  /** The catalogue page's fonts, made beforehand (makePageFonts); made here when not given. */
  pageFonts?: Promise<PageFonts>;
  /**
   * Covers drawn beforehand (covers.ts, drawCover), by `<lang>/<slug>`: used where drawn from the
   * very file the edition has, drawn here otherwise.
   */
  covers?: ReadonlyMap<string, Promise<DrawnCover | undefined>>;
}

/**
 * Write the catalogue of every edition in the manifest: the public OPDS
 * catalogue (catalog.xml, opds/, opensearch.xml), catalog.json and the
 * catalogue page (index.html) over the public editions, and the same below
 * members/ over every edition, with the members-only ones; cover images
 * (covers/, members/covers/) from each edition's EPUB or PDF. Feed files that
 * no longer belong to the catalogue are removed. Called after a build is
 * promoted; a public catalogue never names a members-only edition.
 */
export async function publishCatalog(root: string, output: string, artefacts: readonly Artefact[], opts: CatalogOptions = {}): Promise<CatalogData> {
  const pageSize = opts.pageSize ?? 50;
  const slugs = [...new Set(artefacts.filter((a) => a.format === "epub" || a.format === "pdf").map((a) => a.slug))].sort();
  const configs = new Map<string, SourceConfig>();
  for (const slug of slugs) {
    const file = join(root, "source", `${slug}.yaml`);
    if (existsSync(file)) configs.set(slug, loadYamlConfig(file, sourceConfigSchema, `source/${slug}.yaml`));
  }
  // The page's fonts are made while the covers are drawn (pdftoppm runs beside this process).
  const fonts = writePageFonts(output, opts.pageFonts);
  // Covers of a few editions at a time, one per core: the editions keep their order.
  const limit = pLimit(Math.max(1, availableParallelism()));
  const made: Promise<Edition>[] = [];
  for (const slug of slugs) {
    const c = configs.get(slug);
    if (!c) continue;
    const access = c.access ?? "public";
    for (const lang of LANGS) {
      const file = (fmt: "epub" | "pdf") => artefacts.find((a) => a.slug === slug && a.lang === lang && a.format === fmt);
      const [epub, pdf] = [file("epub"), file("pdf")];
      if (!epub && !pdf) continue;
      const base = placedPath(`covers/${lang}/${slug}`, access);
      for (const ext of [".png", ".thumb.png"]) rmSync(join(output, placedPath(`covers/${lang}/${slug}`, access === "members" ? "public" : "members") + ext), { force: true });
      made.push(
        limit(async (): Promise<Edition> => {
          const cover = await makeCover(output, base, { epub: epub?.path, pdf: pdf?.path }, opts.covers?.get(`${lang}/${slug}`));
          return {
            slug,
            lang,
            kind: c.kind,
            date: c.date,
            title: c.title[lang],
            summary: c.description?.[lang],
            publisher: inLang(c.publisher, lang),
            author: inLang(c.author ?? c.publisher, lang),
            access,
            id: editionIdentifier(slug, lang),
            files: {
              ...(epub ? { epub: { path: epub.path, bytes: epub.bytes } } : {}),
              ...(pdf ? { pdf: { path: pdf.path, bytes: pdf.bytes, pages: pdf.pages } } : {}),
            },
            ...(cover ? { cover } : {}),
          };
        }),
      );
    }
  }
  // (every cover and the fonts are waited for before a failure is reported: none writes on after)
  const settled = await Promise.allSettled([fonts, ...made]);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  const editions = settled.slice(1).map((r) => (r as PromiseFulfilledResult<Edition>).value);
  const title = houseTitle([...configs.values()]);
  const pub = editions.filter((e) => e.access === "public");
  const files: CatalogFile[] = [
    ...catalogueFiles(pub, "", title, pageSize),
    ...catalogueFiles(editions, MEMBERS_DIR, title, pageSize),
  ];
  writeFilesAtomic(files.map((f) => [join(output, f.path), f.body] as const));
  // Feeds of a kind or a page that is gone, entries of editions no longer in this catalogue.
  const keep = new Set(files.map((f) => f.path));
  for (const dir of ["opds", `${MEMBERS_DIR}/opds`]) {
    for (const rel of listFiles(join(output, dir))) {
      const path = `${dir}/${rel}`;
      if (!keep.has(path) && path.endsWith(".xml")) rmSync(join(output, path), { force: true });
    }
    removeEmptyDirs(join(output, dir));
  }
  return { title, editions };
}

/** One catalogue (public or members) as files: OPDS feeds, catalog.json and index.html. */
function catalogueFiles(editions: readonly Edition[], dir: string, title: Record<Lang, string>, pageSize: number): CatalogFile[] {
  const at = (p: string) => (dir ? `${dir}/${p}` : p);
  const data: CatalogData = { title, editions: [...editions] };
  return [
    ...opdsCatalogue(editions, { dir, title: title.nl === title.en ? title.nl : `${title.nl} · ${title.en}`, author: title.nl, pageSize }),
    { path: at("catalog.json"), body: `${JSON.stringify(data, null, 2)}\n` },
    { path: at("index.html"), body: catalogPage(data, { dir }) },
  ];
}

/** The publisher most publications name: the catalogue's title. */
function houseTitle(configs: readonly SourceConfig[]): Record<Lang, string> {
  const count = new Map<string, { n: number; value: Record<Lang, string> }>();
  for (const c of configs) {
    const value = { nl: inLang(c.publisher, "nl"), en: inLang(c.publisher, "en") };
    const key = JSON.stringify(value);
    count.set(key, { n: (count.get(key)?.n ?? 0) + 1, value });
  }
  const best = [...count.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))[0];
  return best?.[1].value ?? { nl: "Publicaties", en: "Publications" };
}

function removeEmptyDirs(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir, { withFileTypes: true })) if (name.isDirectory()) removeEmptyDirs(join(dir, name.name));
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
}

/** The catalogue page's web fonts, by their path below the output folder. */
export type PageFonts = ReadonlyMap<string, Uint8Array>;

/**
 * The catalogue page's web fonts: WOFF2 subsets of the house fonts
 * (FONT_CHARS). They depend on nothing but the fonts and this code, so a
 * build can make them (or take them from its cache) before the catalogue.
 */
export async function makePageFonts(): Promise<PageFonts> {
  const made = await Promise.all(PAGE_FONTS.map(async (f) => [f.file, new Uint8Array(await subsetFont(readFileSync(fontFile(f.family, f.style)), FONT_CHARS, { targetFormat: "woff2" }))] as const));
  return new Map(made);
}

/** Writes the page's fonts that the output folder does not hold yet. */
async function writePageFonts(output: string, fonts?: Promise<PageFonts>): Promise<void> {
  const missing = PAGE_FONTS.filter((f) => !existsSync(join(output, f.file)));
  if (missing.length === 0) return;
  const made = await (fonts ?? makePageFonts());
  writeFilesAtomic(missing.map((f) => [join(output, f.file), made.get(f.file)!] as const));
}
