import { availableParallelism } from "node:os";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pLimit from "p-limit";
import { loadYamlConfig } from "./config/load.ts";
import { sourceConfigSchema } from "./config/schema.ts";
import { listSlugs, readSourceInputs } from "./config/sources.ts";
import { checkStructure } from "./document/structure.ts";
import type { Lang, RenderableDocument } from "./document/types.ts";
import { TweeluikError } from "./errors.ts";
import { toMarkdown } from "./markdown/to-markdown.ts";
import { normalise } from "./normalise/index.ts";
import { promote, writeFileAtomic } from "./publish/files.ts";
import { indexPage, opdsFeed, type CatalogEntry } from "./publish/catalog.ts";
import { describe, writeManifest, type Artefact } from "./publish/manifest.ts";
import { reportFor, type StageReport } from "./publish/report.ts";
import { renderEpub } from "./render-epub/index.ts";
import { checkPandoc } from "./render-epub/pandoc.ts";
import { renderPdf } from "./render-pdf/index.ts";
import { loadTranslateContext, translateWithReport } from "./translate/index.ts";

export interface BuildOptions {
  /** Project root: holds source/, locales/, templates/. */
  root: string;
  /** Output folder (default <root>/output). */
  output?: string;
  /** Slugs to build; all of source/*.txt when empty. */
  slugs?: string[];
  /** Documents built at the same time (p-limit); default: the machine's cores. */
  concurrency?: number;
  /** Formats to write (default all). */
  formats?: ReadonlyArray<"md" | "pdf" | "epub">;
  /** Called with progress lines. */
  log?: (line: string) => void;
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
}

/**
 * The whole pipeline for one source, in the order it runs:
 * read → normalise → translate → write (Markdown, PDF, EPUB) for nl and en.
 * Everything is written below `staging`; nothing in the output changes here.
 */
async function buildDocument(slug: string, root: string, staging: string, formats: ReadonlySet<string>): Promise<DocumentResult> {
  const { raw, config, corpus } = readSourceInputs(root, slug);
  if (!config) throw new TweeluikError("input:missing", "a published edition needs its metadata: source/<slug>.yaml is missing", { file: `source/${slug}.yaml` });
  // Line-end hyphens are decided with the whole corpus's word forms as evidence.
  const nl = normalise(raw, config, { corpus });
  const { doc: en, report: qa } = translateWithReport(nl, loadTranslateContext(root, slug));

  const artefacts: Artefact[] = [];
  const reports: StageReport[] = [];
  for (const doc of [nl, en] as RenderableDocument[]) {
    const lang: Lang = doc.lang;
    const base = `${lang}/${slug}`;
    // Doubtful structure (an empty heading, a note referenced twice…) is reported once per
    // edition; every writer handles it, and reports what it did with notes it could not link.
    doc.diagnostics.push(...checkStructure(doc));
    if (formats.has("md")) {
      writeFileAtomic(join(staging, `${base}.md`), toMarkdown(doc, doc.diagnostics));
      artefacts.push(describe(staging, `${base}.md`, slug, lang, "md", null));
    }
    if (formats.has("pdf")) {
      const pdf = await renderPdf(doc, { outFile: join(staging, `${base}.pdf`) });
      doc.diagnostics.push(...pdf.diagnostics);
      artefacts.push(describe(staging, `${base}.pdf`, slug, lang, "pdf", pdf.pages));
    }
    if (formats.has("epub")) {
      const epub = await renderEpub(doc, { outFile: join(staging, `${base}.epub`) });
      doc.diagnostics.push(...epub.diagnostics);
      artefacts.push(describe(staging, `${base}.epub`, slug, lang, "epub", null));
    }
    const report = reportFor(doc, doc.lang === "en" ? qa : undefined);
    const reportPath = `reports/${slug}.${lang}.json`;
    writeFileAtomic(join(staging, reportPath), `${JSON.stringify(report, null, 2)}\n`);
    artefacts.push(describe(staging, reportPath, slug, lang, "report", null));
    reports.push(report);
  }
  return { slug, reports, artefacts };
}

/**
 * Build every edition of the given sources with bounded concurrency. All
 * files go to a staging folder first; only a build in which every document
 * succeeded is moved into the output folder, so a failed build leaves the
 * previous output intact.
 */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  const { root } = opts;
  const output = opts.output ?? join(root, "output");
  const log = opts.log ?? (() => {});
  const known = listSlugs(root);
  const slugs = opts.slugs?.length ? opts.slugs : known;
  for (const s of slugs) {
    if (!known.includes(s)) throw new TweeluikError("input:missing", `no source for slug "${s}" (expected source/${s}.txt)`, { file: join(root, "source", `${s}.txt`) });
  }
  const concurrency = opts.concurrency ?? Math.max(1, availableParallelism());
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError("Expected `concurrency` to be a whole number from 1 and up");
  const formats = new Set(opts.formats ?? ["md", "pdf", "epub"]);
  if (formats.has("epub")) await checkPandoc();

  const staging = join(output, `.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const limit = pLimit(concurrency);
  const documents = await Promise.all(
    slugs.map((slug) =>
      limit(async (): Promise<DocumentResult> => {
        const started = Date.now();
        try {
          const r = await buildDocument(slug, root, staging, formats);
          log(`${slug}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          return r;
        } catch (err) {
          const error = err instanceof TweeluikError ? err : new TweeluikError("render:failed", `${slug}: ${(err as Error).message}`, { cause: err });
          log(`${slug}: FAILED ${error.format()}`);
          return { slug, reports: [], artefacts: [], error };
        }
      }),
    ),
  );

  const failed = documents.some((d) => d.error);
  const hasErrors = documents.some((d) => d.reports.some((r) => r.summary.error > 0));
  if (failed) {
    rmSync(staging, { recursive: true, force: true });
    return { documents, ok: false, promoted: false };
  }
  promote(staging, output);
  const manifest = writeManifest(output, documents.flatMap((d) => d.artefacts));
  writeCatalog(root, output, manifest.artefacts);
  return { documents, ok: !hasErrors, promoted: true };
}

/** output/catalog.xml (OPDS) and output/index.html over every source that has editions in the manifest. */
function writeCatalog(root: string, output: string, artefacts: readonly Artefact[]): void {
  const entries: CatalogEntry[] = listSlugs(root)
    .filter((slug) => artefacts.some((a) => a.slug === slug))
    .map((slug) => {
      const c = loadYamlConfig(join(root, "source", `${slug}.yaml`), sourceConfigSchema);
      return { slug, kind: c.kind, date: c.date, titles: c.title, descriptions: c.description, publisher: c.publisher, author: c.author };
    });
  writeFileAtomic(join(output, "catalog.xml"), opdsFeed(entries, artefacts));
  writeFileAtomic(join(output, "index.html"), indexPage(entries, artefacts));
}

export { listSlugs };
