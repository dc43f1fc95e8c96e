import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Block, Diagnostic, Position, RenderableDocument } from "../document/types.ts";
import { inlinesOf, plainText } from "../document/text.ts";
import { onAbort } from "../build/process.ts";
import { EPUB_TEMP_PREFIX } from "./work-dir.ts";
import { TweeluikError } from "../errors.ts";
import { fullDate } from "../i18n/ui.ts";
import { writeFileAtomic } from "../fs/atomic-write.ts";
import { coverSvg } from "./cover.ts";
import { fontFile } from "./design.ts";
import { finishEpub } from "./finish-epub.ts";
import type { SubsetResult } from "./subset-fonts.ts";
import { convertWithPandoc } from "./pandoc.ts";
import { toPandocAst } from "./to-pandoc-ast.ts";

const TEMPLATES = fileURLToPath(new URL("../../templates/epub/", import.meta.url));
export const EPUB_CSS = join(TEMPLATES, "style.css");
export const EPUB_TEMPLATE = join(TEMPLATES, "epub3.xhtml");

/**
 * The house fonts the stylesheet declares (style.css @font-face), embedded by
 * finishEpub (not pandoc, which would zip them whole first), which subsets
 * each to the characters the edition sets in it and drops those it does not use.
 */
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

export { EPUB_TEMP_PREFIX } from "./work-dir.ts";

export interface RenderEpubOptions {
  outFile: string;
  /** Set a generated cover image (default true). */
  cover?: boolean;
  /** Extra pandoc arguments, appended to the writer's own (tests use it to make pandoc fail). */
  pandocArgs?: readonly string[];
  /** pandoc's scheduling priority, a nice value (default this process's): the build lowers it beside its PDF renderers. */
  pandocPriority?: number;
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

  // Named with the pid: a build removes the folders of processes that were killed (removeOrphanTemp).
  const work = mkdtempSync(join(tmpdir(), `${EPUB_TEMP_PREFIX}${process.pid}-`));
  const forget = onAbort(() => rmSync(work, { recursive: true, force: true }));
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
      ...(opts.pandocArgs ?? []),
    ];
    const { output, warnings } = await convertWithPandoc({
      input: JSON.stringify(ast),
      from: "json",
      to: "epub3",
      args,
      cwd: work,
      env: { SOURCE_DATE_EPOCH: String(epoch) },
      priority: opts.pandocPriority,
      file: outFile,
    });
    for (const w of warnings) diagnostics.push({ severity: "warning", code: "epub:pandoc", message: w.replace(/^\[WARNING\]\s*/, "") });

    let epub: Uint8Array;
    try {
      const fonts = EPUB_FONTS.map(([family, style]) => fontFile(family, style));
      const finished = await finishEpub(output, { lang: doc.lang, date: fullDate(doc.meta.date), hasCover: withCover, title: doc.meta.title, kind: doc.meta.kind, fonts });
      epub = finished.epub;
      diagnostics.push(...missingGlyphs(doc, finished.fonts));
    } catch (cause) {
      throw new TweeluikError("render:failed", `cannot finish pandoc's EPUB: ${(cause as Error).message}`, { file: outFile, cause });
    }
    writeAtomically(outFile, epub);
    return { bytes: epub.length, diagnostics };
  } finally {
    rmSync(work, { recursive: true, force: true });
    forget();
  }
}

/**
 * One warning per character the embedded faces have no glyph for
 * (`epub:missing-glyph`), at the first block that has it; a reading system
 * draws it in a fallback font, which looks out of place.
 */
function missingGlyphs(doc: RenderableDocument, fonts: SubsetResult): Diagnostic[] {
  const faces = new Map<string, string[]>();
  for (const m of fonts.missing) {
    const name = `${m.face.family} ${m.face.weight}${m.face.style === "italic" ? " italic" : ""}`;
    for (const c of m.chars) faces.set(c, [...(faces.get(c) ?? []), name]);
  }
  return [...faces].map(([c, names]) => {
    const cp = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    const position = firstPositionWith(doc.children, c) ?? doc.notes.find((n) => plainText(n.children).includes(c))?.position;
    return {
      severity: "warning" as const,
      code: "epub:missing-glyph",
      message: `${cp} “${c}” has no glyph in ${names.join(", ")}: reading systems draw it in a fallback font`,
      ...(position ? { position } : {}),
    };
  });
}

/** The position of the first block (depth first) whose text holds `c`. */
function firstPositionWith(blocks: readonly Block[], c: string): Position | undefined {
  for (const b of blocks) {
    const inlines = inlinesOf(b);
    if (inlines ? plainText(inlines).includes(c) : false) return b.position;
    const kids = (b as { children?: unknown }).children;
    if (!inlines && Array.isArray(kids)) {
      const inner = firstPositionWith(kids as Block[], c);
      if (inner) return inner;
    }
  }
  return undefined;
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
