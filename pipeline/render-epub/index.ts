import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic, RenderableDocument } from "../document/types.ts";
import { TweeluikError } from "../errors.ts";
import { fullDate } from "../i18n/ui.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import { coverSvg } from "./cover.ts";
import { fontFile } from "./design.ts";
import { finishEpub } from "./finish-epub.ts";
import { convertWithPandoc } from "./pandoc.ts";
import { toPandocAst } from "./to-pandoc-ast.ts";

const TEMPLATES = fileURLToPath(new URL("../../templates/epub/", import.meta.url));
export const EPUB_CSS = join(TEMPLATES, "style.css");
export const EPUB_TEMPLATE = join(TEMPLATES, "epub3.xhtml");

/** The house fonts the stylesheet uses (style.css @font-face), embedded in every EPUB. */
export const EPUB_FONTS: ReadonlyArray<["serif" | "sans", string]> = [
  ["serif", "regular"],
  ["serif", "italic"],
  ["serif", "semibold"],
  ["serif", "bold"],
  ["serif", "boldItalic"],
  ["sans", "regular"],
  ["sans", "italic"],
  ["sans", "semibold"],
  ["sans", "bold"],
  ["sans", "boldItalic"],
];

export interface RenderEpubOptions {
  outFile: string;
  /** Set a generated cover image (default true). */
  cover?: boolean;
  /** Extra pandoc arguments, appended to the writer's own (tests use it to make pandoc fail). */
  pandocArgs?: readonly string[];
}

export interface RenderEpubResult {
  bytes: number;
  /** Doubtful input found while rendering (unknown nodes, dangling notes, pandoc warnings). */
  diagnostics: Diagnostic[];
}

/**
 * Write `doc` as an EPUB 3: the document as a Pandoc JSON AST piped into
 * pandoc (`-f json -t epub3`) with the house stylesheet, fonts and template,
 * then made reproducible (fixed identifier, SOURCE_DATE_EPOCH, normalised
 * zip) and written atomically, so a failure leaves a previous file intact.
 */
export async function renderEpub(doc: RenderableDocument, opts: RenderEpubOptions): Promise<RenderEpubResult> {
  if (typeof opts?.outFile !== "string" || opts.outFile === "") {
    throw new TypeError("Expected `outFile` to be a non-empty path");
  }
  const outFile = resolve(opts.outFile);
  const epoch = sourceDateEpoch(fullDate(doc.meta.date), outFile);
  const diagnostics: Diagnostic[] = [];
  const ast = toPandocAst(doc, diagnostics);

  const work = mkdtempSync(join(tmpdir(), "tweeluik-epub-"));
  try {
    const withCover = opts.cover !== false;
    if (withCover) {
      const cover = join(work, "cover.svg");
      writeFileSync(cover, coverSvg(doc));
      ast.meta["cover-image"] = { t: "MetaString", c: cover };
    }
    const args = [
      `--template=${EPUB_TEMPLATE}`,
      `--css=${EPUB_CSS}`,
      "--toc",
      "--toc-depth=2",
      // pandoc 2.17 has no --split-level yet (3.0): this is its name there.
      "--epub-chapter-level=1",
      ...EPUB_FONTS.map(([family, style]) => `--epub-embed-font=${fontFile(family, style)}`),
      ...(opts.pandocArgs ?? []),
    ];
    const { output, warnings } = await convertWithPandoc({
      input: JSON.stringify(ast),
      from: "json",
      to: "epub3",
      args,
      cwd: work,
      env: { SOURCE_DATE_EPOCH: String(epoch) },
      file: outFile,
    });
    for (const w of warnings) diagnostics.push({ severity: "warning", code: "epub:pandoc", message: w.replace(/^\[WARNING\]\s*/, "") });

    let epub: Uint8Array;
    try {
      epub = finishEpub(output, { lang: doc.lang, date: fullDate(doc.meta.date), hasCover: withCover, title: doc.meta.title, kind: doc.meta.kind });
    } catch (cause) {
      throw new TweeluikError("render:failed", `cannot finish pandoc's EPUB: ${(cause as Error).message}`, { file: outFile, cause });
    }
    writeAtomically(outFile, epub);
    return { bytes: epub.length, diagnostics };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Seconds since the epoch of the document date at 12:00 UTC (noon: the same calendar day everywhere). */
function sourceDateEpoch(date: string, file: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T12:00:00Z`) : NaN;
  if (Number.isNaN(ms)) {
    throw new TweeluikError("render:failed", `the document date "${date}" is not an ISO date (YYYY-MM-DD)`, { file });
  }
  return Math.floor(ms / 1000);
}

/** Write to a temporary file beside `file`, flush it, then rename over `file`. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  try {
    writeFileAtomic(file, bytes);
  } catch (cause) {
    throw new TweeluikError("render:failed", `cannot write the EPUB: ${(cause as Error).message}`, { file, cause });
  }
}
