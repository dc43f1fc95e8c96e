import { availableParallelism, tmpdir } from "node:os";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import pLimit from "p-limit";
import { BuildCache, type CachedArtefact } from "./build/cache.ts";
import { artefactKey, catalogueKey, codeDigest, editionKeys, FileDigests } from "./build/keys.ts";
import { lockOutput } from "./build/lock.ts";
import { removeOrphanTemp } from "./build/process.ts";
import { reuseOrRun } from "./build/reuse-step.ts";
import { pandocVersion } from "./build/tools.ts";
import { copyStaged, openStaging, recoverOutput, resolveOutput, writeStaged } from "./build/staging.ts";
import { listSlugs } from "./config/sources.ts";
import { checkStructure } from "./document/structure.ts";
import type { Diagnostic, Lang, NormalisedDocument, RenderableDocument, TranslatedDocument } from "./document/types.ts";
import { TweeluikError } from "./errors.ts";
import { toMarkdown } from "./markdown/to-markdown.ts";
import { placeByAccess } from "./publish/access.ts";
import { withholdDrafts, type WithheldEdition } from "./publish/drafts.ts";
import { describe, writeManifest, type Artefact } from "./publish/manifest.ts";
import { reportFor, type StageReport } from "./publish/report.ts";
import { EPUB_TEMP_PREFIX } from "./render-epub/work-dir.ts";
import { markDraft, translationCompleteness } from "./translate/completeness.ts";
import type { QaReport } from "./translate/index.ts";
import type { RenderPool } from "./render-pdf/pool.ts";
import type { PageFonts } from "./publish/catalog.ts";
import type { DrawnCover } from "./publish/covers.ts";

export type OutputFormat = "md" | "pdf" | "epub";
const FORMATS: readonly OutputFormat[] = ["md", "pdf", "epub"];
const LANGS: readonly Lang[] = ["nl", "en"];
/** Cache entries no build used for this many days are removed after a build; a change undone within that time is still reused. */
const CACHE_MAX_AGE_DAYS = 14;

export interface BuildOptions {
  /** Project root: holds source/, locales/, templates/. */
  root: string;
  /** Output folder (default <root>/output). */
  output?: string;
  /** Slugs to build; all of source/*.txt when empty. */
  slugs?: string[];
  /**
   * Steps run at the same time (p-limit): one file's writing (a document's preparations take
   * turns of their own: they run in this thread); and, one fewer (at least one), the number of
   * PDF renderer processes, whose renders wait for a process rather than a step: this process
   * keeps a core for preparing documents and finishing EPUBs. Default: the machine's cores.
   */
  concurrency?: number;
  /** Formats to write (default all). */
  formats?: ReadonlyArray<OutputFormat>;
  /** Rebuild every file, whatever the cache holds (the cache is refreshed). */
  force?: boolean;
  /** The build cache (default <root>/.tweeluik-cache). */
  cacheDir?: string;
  /** After a build, cache entries it did not use and no build used for this many days are removed (default 14). */
  cacheMaxAgeDays?: number;
  /** Publish English editions whose translation is not finished (marked as such) instead of holding them back in drafts/. */
  publishDrafts?: boolean;
  /** Called with progress lines. */
  log?: (line: string) => void;
  /** Called when a document moves to a step (`normalise`, `translate`, `pdf nl`…): `done` of `total` steps. */
  progress?: (slug: string, step: string, done: number, total: number) => void;
}

export interface DocumentResult {
  slug: string;
  reports: StageReport[];
  artefacts: Artefact[];
  error?: TweeluikError;
}

export interface BuildResult {
  documents: DocumentResult[];
  /** True when nothing failed and no document carries an error diagnostic. */
  ok: boolean;
  promoted: boolean;
  /** English editions held back as drafts (translation not finished), with why. */
  withheld?: WithheldEdition[];
}

interface DocumentContext {
  root: string;
  /** Every source's slug (keys leave out other documents' memory). */
  slugs: readonly string[];
  staging: string;
  formats: readonly OutputFormat[];
  cache: BuildCache;
  /** pandoc's version: part of an EPUB's key. */
  pandoc: string;
  progress: NonNullable<BuildOptions["progress"]>;
  /** Every input file hashed once per build. */
  digests: FileDigests;
  /** Runs a step that writes one file (Markdown, EPUB) when a core is free: one limit for the whole build. */
  run: <T>(step: () => Promise<T>) => Promise<T>;
  /**
   * The preparations, one at a time, each as soon as the one before is done: they run in this
   * process's one thread, so two at once would use one core, and they wait for no file to be
   * written, since every PDF and EPUB of a document waits for its preparation.
   */
  prepareInTurn: <T>(step: () => Promise<T>) => Promise<T>;
  /** Starts drawing an edition's catalogue cover from its EPUB, just written. */
  drawCover: (lang: Lang, slug: string, epub: string) => void;
  /** The build's renderer processes for PDFs (`renderersFor(concurrency)`), started when first asked for. */
  renderers: () => Promise<RenderPool>;
}

/** One edition's files as the cache holds them; a file missing from the cache is rebuilt. */
interface EditionPlan {
  lang: Lang;
  files: { format: OutputFormat; key: string; cached?: CachedArtefact }[];
  reportKey: string;
  report?: StageReport;
}

const complete = (p: EditionPlan): boolean => p.report !== undefined && p.files.every((f) => f.cached);

/**
 * The whole pipeline for one source, in the order it runs (the stages' modules are loaded
 * when a stage runs: a build that takes everything from the cache loads none of them):
 * read → normalise → translate → write (Markdown, PDF, EPUB) for nl and en.
 * Each step is skipped where the cache holds its result for the same inputs
 * (see build/keys.ts): an edition whose files are all cached is copied as it is.
 * The preparation (cache check, normalise, translate) is one step, run as soon
 * as the document before has been prepared (ctx.prepareInTurn), and every file
 * written is one, each run when a core is free (ctx.run): the PDFs of one long
 * document render on several cores while others wait for theirs. The Dutch
 * edition's files start as soon as its document is there, while the English one
 * is translated.
 * Everything is written below `staging`; nothing in the output changes here.
 */
async function buildDocument(slug: string, ctx: DocumentContext): Promise<DocumentResult> {
  const { root, staging, formats, cache } = ctx;
  if (!existsSync(join(root, "source", `${slug}.yaml`))) {
    throw new TweeluikError("input:missing", "a published edition needs its metadata: source/<slug>.yaml is missing", { file: `source/${slug}.yaml` });
  }
  const total = 2 + LANGS.length * formats.length;
  const progress = (step: string, done: number) => ctx.progress(slug, step, done, total);
  // Every file still to write, each a step of its own, started as soon as its edition's document
  // is ready (the Dutch files while the English document is being translated); the results are
  // taken in edition and format order, so what the build records does not depend on which write
  // ended first. (an edition taken whole from the cache has every file cached: nothing to write)
  const writes = new Map<Lang, (Promise<Awaited<ReturnType<typeof write>>> | undefined)[]>();
  let done = 0;
  const ready: EditionReady = (plan, doc, all) => {
    // (files taken from the cache count as done)
    if (writes.size === 0) done = 2 + all.flatMap((p) => p.files).filter((f) => f.cached).length;
    const handedOver: Promise<void>[] = [];
    const files = plan.files.map((f) => {
      if (f.cached) return undefined;
      const file = join(staging, `${plan.lang}/${slug}.${f.format}`);
      let handOver: (() => void) | undefined;
      if (f.format === "pdf") handedOver.push(new Promise<void>((resolve) => (handOver = resolve)));
      const step = async () => {
        try {
          progress(`${f.format} ${plan.lang}`, done);
          const written = await write(doc, f.format, file, ctx.renderers, handOver);
          // (the catalogue's cover of the edition, drawn beside the build from now on)
          if (f.format === "epub") ctx.drawCover(plan.lang, slug, file);
          done++;
          return written;
        } finally {
          handOver?.();
        }
      };
      // (a PDF waits for a renderer process, not for a step: its work is done there)
      return f.format === "pdf" ? step() : ctx.run(step);
    });
    // (a write that fails while the English document is still being made is taken up below,
    // with the others; until then its failure must not count as unhandled)
    for (const w of files) w?.catch(() => undefined);
    writes.set(plan.lang, files);
    return handedOver.length > 0 ? Promise.all(handedOver).then(() => undefined) : undefined;
  };
  // (a file that failed fails its document; the others are waited for, so none writes into a
  // staging folder that is being removed)
  const started = (): Promise<unknown>[] => [...writes.values()].flat().filter((w) => w !== undefined);
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await ctx.prepareInTurn(() => prepare(slug, ctx, progress, ready));
  } catch (err) {
    await Promise.allSettled(started());
    throw err;
  }
  const { plans, docs, qa } = prepared;

  const artefacts: Artefact[] = [];
  const reports: StageReport[] = [];
  const settled = await Promise.allSettled(started());
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) throw failure.reason;

  for (const [k, plan] of plans.entries()) {
    const { lang } = plan;
    const base = `${lang}/${slug}`;
    const reportPath = `reports/${slug}.${lang}.json`;
    if (complete(plan)) {
      for (const f of plan.files) artefacts.push(place(f.cached!, staging, `${base}.${f.format}`, slug, lang, f.format));
      const report = plan.report!;
      writeStaged(join(staging, reportPath), reportText(report));
      artefacts.push({ ...describe(staging, reportPath, slug, lang, "report", null), reused: true });
      reports.push(report);
      continue;
    }
    const doc = docs[lang]!;
    for (const [j, f] of plan.files.entries()) {
      const path = `${base}.${f.format}`;
      if (f.cached) {
        doc.diagnostics.push(...f.cached.diagnostics);
        artefacts.push(place(f.cached, staging, path, slug, lang, f.format));
        continue;
      }
      const { pages, diagnostics } = (await writes.get(lang)![j]!)!;
      doc.diagnostics.push(...diagnostics);
      const artefact = { ...describe(staging, path, slug, lang, f.format, pages), reused: false };
      cache.putArtefact(f.key, join(staging, path), { bytes: artefact.bytes, sha256: artefact.sha256, pages, diagnostics });
      artefacts.push(artefact);
    }
    const report = reportFor(doc, lang === "en" ? qa : undefined);
    writeStaged(join(staging, reportPath), reportText(report));
    cache.putJson("reports", plan.reportKey, report);
    artefacts.push({ ...describe(staging, reportPath, slug, lang, "report", null), reused: false });
    reports.push(report);
  }
  return { slug, reports, artefacts };
}

/**
 * Called when an edition that is not cached whole has its document: its files can be written.
 * With PDFs to write: resolves when they are with the renderer processes (or their writes have ended).
 */
type EditionReady = (plan: EditionPlan, doc: RenderableDocument, plans: readonly EditionPlan[]) => Promise<void> | undefined;

/**
 * A document's plan and what its writers need: which files the cache holds, the
 * Dutch document (normalised, or from the cache) and the English one translated
 * from it, each only where an edition is not cached whole. The structure check's
 * diagnostics are on each document to write; `ready` is told of each such
 * edition as soon as its document is there.
 */
async function prepare(
  slug: string,
  ctx: DocumentContext,
  progress: (step: string, done: number) => void,
  ready: EditionReady,
): Promise<{ plans: EditionPlan[]; docs: Partial<Record<Lang, RenderableDocument>>; qa?: QaReport }> {
  const { root, formats, cache } = ctx;
  progress("checking the cache", 0);
  const keys = editionKeys(root, slug, ctx.slugs, ctx.digests);
  const plans: EditionPlan[] = LANGS.map((lang) => {
    const files = formats.map((format) => {
      const key = artefactKey(keys[lang], format, format === "epub" ? ctx.pandoc : "");
      return { format, key, cached: cache.artefact(key) };
    });
    const reportKey = artefactKey(keys[lang], `report:${formats.join("+")}`);
    return { lang, files, reportKey, report: cache.json<StageReport>("reports", reportKey) };
  });

  // PDFs to render: the renderer processes start now, while this document is prepared.
  if (plans.some((p) => p.files.some((f) => f.format === "pdf" && !f.cached))) void ctx.renderers().then((pool) => pool.warm());
  // Prepare the documents an edition that is not cached whole needs: the Dutch one (from the
  // cache when its inputs are unchanged), and the English one translated from it.
  const docs: Partial<Record<Lang, RenderableDocument>> = {};
  let qa: QaReport | undefined;
  // Doubtful structure (an empty heading, a note referenced twice…) is reported once per
  // edition; every writer handles it, and reports what it did with notes it could not link.
  // The edition's PDFs are handed to the renderer processes before this thread goes on: what
  // comes next (translating, the next document) runs without a break in this thread, and a
  // renderer waiting for its document meanwhile would stand idle.
  // (an edition without PDFs goes on at once)
  const edition = (plan: EditionPlan): Promise<void> | undefined => {
    if (complete(plan)) return undefined;
    const doc = docs[plan.lang]!;
    doc.diagnostics.push(...checkStructure(doc));
    return ready(plan, doc, plans);
  };
  if (!plans.every(complete)) {
    let nl = cache.value<NormalisedDocument>("documents", keys.nl);
    if (!nl) {
      progress("normalise", 0);
      // source/<slug>.txt through the text path, or source/<slug>.pdf through the PDF reader
      const { normaliseSource } = await import("./normalise/source.ts");
      nl = (await normaliseSource(root, slug)).doc;
      cache.putValue("documents", keys.nl, nl);
    }
    docs.nl = nl;
    const handedOver = edition(plans[0]!);
    if (handedOver) await handedOver;
    if (!complete(plans[1]!)) {
      progress("translate", 1);
      const { loadTranslateContext, translateWithReport } = await import("./translate/index.ts");
      const translated = translateWithReport(nl, loadTranslateContext(root, slug));
      // an unfinished translation is rendered with the "translation in progress" mark
      docs.en = markDraft(translated.doc as TranslatedDocument, translationCompleteness(translated.report.coverage));
      qa = translated.report;
      const handedOver = edition(plans[1]!);
      if (handedOver) await handedOver;
    }
  }
  return { plans, docs, qa };
}

/**
 * Write one edition in one format. Returns a PDF's pages and the writer's diagnostics (the
 * caller puts them on the document: writes of one document run at the same time).
 */
async function write(
  doc: RenderableDocument,
  format: OutputFormat,
  file: string,
  renderers: () => Promise<RenderPool>,
  /** Called when a PDF's document is with the renderer processes. */
  handedOver?: () => void,
): Promise<{ pages: number | null; diagnostics: Diagnostic[] }> {
  switch (format) {
    case "md": {
      const diagnostics: Diagnostic[] = [];
      writeStaged(file, toMarkdown(doc, diagnostics));
      return { pages: null, diagnostics };
    }
    case "pdf": {
      const { renderPdf } = await import("./render-pdf/index.ts");
      // (renderPdf gives the document to the pool before it first waits)
      const rendering = renderPdf(doc, { outFile: file, pool: await renderers() });
      handedOver?.();
      const pdf = await rendering;
      return { pages: pdf.pages, diagnostics: pdf.diagnostics };
    }
    case "epub": {
      const { renderEpub } = await import("./render-epub/index.ts");
      const epub = await renderEpub(doc, { outFile: file, pandocPriority: PANDOC_PRIORITY });
      return { pages: null, diagnostics: epub.diagnostics };
    }
    default: {
      const unknown: never = format;
      throw new TypeError(`Expected a format of ${FORMATS.join(", ")}, got ${String(unknown)}`);
    }
  }
}

/** Copy a cached file into the staging folder. */
function place(cached: CachedArtefact, staging: string, path: string, slug: string, lang: Lang, format: OutputFormat): Artefact {
  copyStaged(cached.file, join(staging, path));
  return { path, slug, lang, format, bytes: cached.bytes, sha256: cached.sha256, pages: cached.pages, reused: true };
}

const reportText = (report: StageReport): string => `${JSON.stringify(report, null, 2)}\n`;

/**
 * The nice value of the build's pandoc processes: lower than the renderer processes'. The PDFs are
 * a build's longest path (one renderer works through them while this thread prepares documents and
 * finishes EPUBs); pandoc yields the cores to them and runs in what they leave, which on an idle
 * machine is everything. On 2 cores, the five sources' cold build, five runs each in turn, twice:
 * 11.0 and 12.1 s with pandoc at the build's own priority, 10.5 and 11.2 s at nice 10.
 */
const PANDOC_PRIORITY = 10;

/**
 * PDF renderer processes for a build that runs `concurrency` steps at a time: one fewer, at least
 * one. The build's own thread is busy for much of a build (preparing the next documents,
 * finishing EPUBs, pandoc beside it); a renderer on every core made the processes take turns on
 * the cores, and each extra renderer pays again for starting Node, react-pdf and a cold engine and
 * shapes its words again. On 2 cores, the five sources' cold build: 12.1 s with two renderers,
 * 11.2 s with one (six runs each).
 */
export function renderersFor(concurrency: number): number {
  return Math.max(1, concurrency - 1);
}

/** The catalogue page's fonts (publish/catalog.ts), from the cache where this code made them before. */
async function cachedPageFonts(cache: BuildCache): Promise<PageFonts> {
  const key = artefactKey(codeDigest(), "page-fonts");
  const cached = cache.value<PageFonts>("page-fonts", key);
  if (cached) return cached;
  const { makePageFonts } = await import("./publish/catalog.ts");
  const made = await makePageFonts();
  cache.putValue("page-fonts", key, made);
  return made;
}

/**
 * Build every edition of the given sources with bounded concurrency, reusing
 * from the cache every file whose inputs are unchanged. One build per output
 * folder at a time (a lock beside it). All files go to a staging folder
 * beside the output first, holding the complete next output; only a build in
 * which every document succeeded takes the output's place, so a failed or
 * killed build leaves the previous output intact.
 */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  const { root } = opts;
  const log = opts.log ?? (() => {});
  const known = listSlugs(root);
  const slugs = opts.slugs?.length ? opts.slugs : known;
  for (const s of slugs) {
    if (!known.includes(s)) throw new TweeluikError("input:missing", `no source for slug "${s}" (expected source/${s}.txt)`, { file: join(root, "source", `${s}.txt`) });
  }
  const concurrency = opts.concurrency ?? Math.max(1, availableParallelism());
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError("Expected `concurrency` to be a whole number from 1 and up");
  const formats = FORMATS.filter((f) => (opts.formats ?? FORMATS).includes(f));
  const output = resolveOutput(resolve(opts.output ?? join(root, "output")));
  const digests = new FileDigests();
  const cache = new BuildCache(opts.cacheDir ?? join(root, ".tweeluik-cache"), !opts.force);
  const pandoc = formats.includes("epub") ? await pandocVersion(cache) : "";

  let pool: Promise<RenderPool> | undefined;
  const renderers = (): Promise<RenderPool> => (pool ??= import("./render-pdf/pool.ts").then(({ RenderPool }) => new RenderPool({ size: renderersFor(concurrency) })));

  mkdirSync(dirname(output), { recursive: true });
  const release = lockOutput(output);
  try {
    for (const line of recoverOutput(output)) log(`previous build was interrupted: ${line}`);
    for (const dir of removeOrphanTemp(tmpdir(), EPUB_TEMP_PREFIX)) log(`removed ${dir}, left by a build that was killed`);
    const staging = openStaging(output);
    // Covers for the catalogue, each drawn as soon as its EPUB is written, with pdftoppm at
    // pandoc's priority: made while the renderers still work, not after them. (a failure here is
    // the catalogue's, which draws the cover again and reports it)
    const covers = new Map<string, Promise<DrawnCover | undefined>>();
    const drawCover = (lang: Lang, slug: string, epub: string): void => {
      // (read now: a members-only edition's file moves below members/ before the catalogue)
      const bytes = readFileSync(epub);
      const drawn = import("./publish/covers.ts").then((m) => m.drawCover({ name: epub, epub: bytes }, { priority: PANDOC_PRIORITY }));
      drawn.catch(() => undefined);
      covers.set(`${lang}/${slug}`, drawn);
    };
    try {
      const ctx: DocumentContext = { root, slugs: known, staging: staging.dir, formats, cache, pandoc, progress: opts.progress ?? (() => {}), digests, run: pLimit(concurrency), prepareInTurn: pLimit(1), renderers, drawCover };
      const building = slugs.map(async (slug): Promise<DocumentResult> => {
        const started = Date.now();
        try {
          const r = await buildDocument(slug, ctx);
          const files = r.artefacts.filter((a) => a.format !== "report");
          const reused = files.filter((a) => a.reused).length;
          log(`${slug}: ${reused === files.length ? "unchanged" : "built"} in ${((Date.now() - started) / 1000).toFixed(1)} s (${files.length - reused} written, ${reused} reused)`);
          return r;
        } catch (err) {
          const error = err instanceof TweeluikError ? err : new TweeluikError("render:failed", `${slug}: ${(err as Error).message}`, { cause: err });
          log(`${slug}: FAILED ${error.format()}`);
          return { slug, reports: [], artefacts: [], error };
        }
      });
      // The catalogue page's fonts depend on no document: they are made (or taken from the cache)
      // once every document is prepared, while the documents' files are still being written, not
      // after them. (a failure here is the catalogue's, reported when it waits for them)
      const pageFonts = ctx.prepareInTurn(() => cachedPageFonts(cache));
      const documents = await Promise.all(building);
      // (nothing goes on after the build: a failed one too waits for them)
      await pageFonts.catch(() => undefined);
      const drawn = Promise.allSettled(covers.values());

      const failed = documents.some((d) => d.error);
      const hasErrors = documents.some((d) => d.reports.some((r) => r.summary.error > 0));
      if (failed) {
        await drawn;
        staging.discard();
        return { documents, ok: false, promoted: false };
      }
      // The staging folder now becomes the complete next output: the manifest and the catalogue
      // are written there, and members-only editions go below members/ there, before the swap.
      staging.fill();
      // English editions whose translation is not finished go to drafts/, outside the published set.
      const { artefacts: published, withheld } = withholdDrafts(staging.dir, documents, opts.publishDrafts);
      const placed = placeByAccess(root, staging.dir, staging.dir, published);
      const manifest = writeManifest(staging.dir, placed);
      // The catalogue (feeds, covers, index page) is made again only when what it shows changed.
      await reuseOrRun(cache, "catalogue", catalogueKey(root, manifest.artefacts, digests), staging.dir, async () => {
        const { publishCatalog } = await import("./publish/catalog.ts");
        await publishCatalog(root, staging.dir, manifest.artefacts, { pageFonts, covers });
      });
      await drawn;
      staging.commit();
      const days = opts.cacheMaxAgeDays ?? CACHE_MAX_AGE_DAYS;
      const pruned = cache.prune(days * 86_400_000);
      if (pruned.files > 0) log(`build cache: removed ${pruned.files} files (${(pruned.bytes / 1_048_576).toFixed(1)} MB) no build used for ${days} days`);
      return { documents, ok: !hasErrors, promoted: true, withheld };
    } catch (err) {
      await Promise.allSettled(covers.values());
      staging.discard();
      throw err;
    }
  } finally {
    release();
    if (pool) (await pool).close();
  }
}

export { listSlugs };
