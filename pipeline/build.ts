import { availableParallelism } from "node:os";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pLimit from "p-limit";
import { loadYamlConfig } from "./config/load.ts";
import { sourceConfigSchema } from "./config/schema.ts";
import type { Diagnostic, Lang, RenderableDocument } from "./document/types.ts";
import { TweeluikError } from "./errors.ts";
import { toMarkdown } from "./markdown/to-markdown.ts";
import { normalise } from "./normalise/index.ts";
import { promote, writeFileAtomic } from "./publish/files.ts";
import { describe, writeManifest, type Artefact } from "./publish/manifest.ts";
import { reportFor, type StageReport } from "./publish/report.ts";
import { readSource } from "./read/read-source.ts";
import { renderEpub } from "./render-epub/index.ts";
import { checkPandoc } from "./render-epub/pandoc.ts";
import { renderPdf } from "./render-pdf/index.ts";
import { loadTranslateContext, translateDocument } from "./translate/index.ts";

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

/** The slugs of source/*.txt, sorted. */
export function listSlugs(root: string): string[] {
  const dir = join(root, "source");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -4))
    .sort();
}

/**
 * The whole pipeline for one source, in the order it runs:
 * read → normalise → translate → write (Markdown, PDF, EPUB) for nl and en.
 * Everything is written below `staging`; nothing in the output changes here.
 */
async function buildDocument(slug: string, root: string, staging: string, formats: ReadonlySet<string>): Promise<DocumentResult> {
  const raw = readSource(join(root, "source", `${slug}.txt`));
  const config = loadYamlConfig(join(root, "source", `${slug}.yaml`), sourceConfigSchema);
  const nl = normalise(raw, config);
  const en = translateDocument(nl, loadTranslateContext(root, slug));

  const artefacts: Artefact[] = [];
  const reports: StageReport[] = [];
  for (const doc of [nl, en] as RenderableDocument[]) {
    const lang: Lang = doc.lang;
    const base = `${lang}/${slug}`;
    if (formats.has("md")) {
      writeFileAtomic(join(staging, `${base}.md`), toMarkdown(doc));
      artefacts.push(describe(staging, `${base}.md`, slug, lang, "md", null));
    }
    if (formats.has("pdf")) {
      const { pages } = await renderPdf(doc, { outFile: join(staging, `${base}.pdf`) });
      artefacts.push(describe(staging, `${base}.pdf`, slug, lang, "pdf", pages));
    }
    if (formats.has("epub")) {
      await renderEpub(doc, { outFile: join(staging, `${base}.epub`) });
      artefacts.push(describe(staging, `${base}.epub`, slug, lang, "epub", null));
    }
    const report = reportFor(doc);
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
  writeManifest(output, slugs, documents.flatMap((d) => d.artefacts));
  return { documents, ok: !hasErrors, promoted: true };
}

export type { Diagnostic };
