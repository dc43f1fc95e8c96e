/**
 * The PDF writer: RenderableDocument → PDF file, with the house templates in
 * templates/pdf (@react-pdf/renderer). Documents are rendered in a few warm
 * renderer processes (pool.ts → child.ts → render.ts), one document at a time
 * each, on as many cores as the machine has.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { KINDS, type Diagnostic, type RenderableDocument } from "../document/types.ts";
import { TweeluikError } from "../errors.ts";
import { isIsoDate } from "../../templates/pdf/dates.ts";
import { renderPool, type RenderPool } from "./pool.ts";
import { inspectPdf } from "./inspect.ts";

export interface RenderPdfOptions {
  /** Where the PDF goes; written atomically (temp file + rename). */
  outFile: string;
  /** The renderer processes to use (default: the process's own pool, one per core). */
  pool?: RenderPool;
}

export interface RenderPdfResult {
  pages: number;
  bytes: number;
  /**
   * What the writer did with doubtful structure (a note nothing refers to, a
   * reference with no note, an unknown node): the PDF is made all the same.
   */
  diagnostics: Diagnostic[];
}

/**
 * Renders `doc` with the house template of its kind and writes it to
 * `opts.outFile`. A failure leaves an existing file at that path untouched.
 */
export async function renderPdf(doc: RenderableDocument, opts: RenderPdfOptions): Promise<RenderPdfResult> {
  checkInput(doc, opts);
  const name = nameOf(doc);
  const { pdf, diagnostics } = await render(doc, opts.pool);
  const { pages } = await inspectPdf(pdf);
  await writeAtomically(opts.outFile, pdf, name);
  return { pages, bytes: pdf.length, diagnostics };
}

/** Renders `doc` to PDF bytes without writing (tests, proofs). */
export async function renderPdfBuffer(doc: RenderableDocument): Promise<Buffer> {
  checkInput(doc, { outFile: "(buffer)" });
  return (await render(doc)).pdf;
}

async function render(doc: RenderableDocument, pool: RenderPool = renderPool()): Promise<{ pdf: Buffer; diagnostics: Diagnostic[] }> {
  try {
    return await pool.render(doc);
  } catch (cause) {
    throw new TweeluikError("render:failed", `PDF of ${nameOf(doc)} could not be rendered: ${(cause as Error)?.message ?? String(cause)}`, {
      file: doc.children[0]?.position.file,
      cause,
    });
  }
}

function nameOf(doc: RenderableDocument): string {
  return `${doc.meta.slug} (${doc.lang})`;
}

function checkInput(doc: RenderableDocument, opts: RenderPdfOptions): void {
  if (!doc || doc.type !== "document" || (doc.stage !== "normalised" && doc.stage !== "translated")) {
    throw new TweeluikError("render:failed", "Expected a normalised or translated document (type \"document\")", { file: opts?.outFile });
  }
  if (!KINDS.includes(doc.meta?.kind)) {
    throw new TweeluikError("render:failed", `Document ${doc.meta?.slug}: expected meta.kind to be one of ${KINDS.join(", ")}, got ${JSON.stringify(doc.meta?.kind)}`);
  }
  if (typeof opts?.outFile !== "string" || opts.outFile === "") {
    throw new TweeluikError("render:failed", `Document ${doc.meta.slug}: expected outFile to be a non-empty path`);
  }
  if (typeof doc.meta.date !== "string" || !isIsoDate(doc.meta.date)) {
    throw new TweeluikError("render:failed", `Document ${doc.meta.slug}: expected meta.date as YYYY-MM-DD, YYYY-MM or YYYY, got ${JSON.stringify(doc.meta.date)}`);
  }
}

async function writeAtomically(file: string, data: Uint8Array, name: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (cause) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new TweeluikError("render:failed", `PDF of ${name} could not be written to ${file}: ${(cause as Error).message}`, { file, cause });
  }
}
