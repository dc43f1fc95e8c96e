import { readFileSync, statSync } from "node:fs";
import { TweeluikError } from "../errors.ts";
import { spellGlyphs } from "./glyphs.ts";
import { describeLimit, MAX_SOURCE_TEXT_BYTES } from "./limits.ts";
import { readStructTree, type StructTree } from "./structure.ts";

/**
 * A PDF read as evidence: per page, the text runs with their position, size
 * and font, as pdf.js (pdfjs-dist) reports them. Nothing is decided here;
 * pipeline/read/layout.ts turns runs into lines in reading order.
 *
 * Coordinates are PDF user space turned upside down: y grows downwards from the
 * top of the page, so "above" is a smaller y. A run's y is its baseline.
 */
export interface PdfRun {
  text: string;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  width: number;
  /** Font size in points (the text matrix's vertical scale). */
  size: number;
  font: string;
  bold: boolean;
  italic: boolean;
  /** In a tagged PDF: the marked content the run is drawn in (its MCID on this page). */
  mcid?: number;
  /** In a tagged PDF: the run is drawn as an artifact (a running head, a page number). */
  artifact?: boolean;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  runs: PdfRun[];
}

export interface PdfSourceInfo {
  file: string;
  pages: PdfPage[];
  /** Document title from the PDF's metadata, if any. */
  title?: string;
  /** The document's natural language from its catalog (/Lang, e.g. "en-GB"), if it says one. */
  lang?: string;
  /** True when the PDF declares itself tagged (a structure tree is present). */
  tagged: boolean;
  /** The structure tree of a tagged PDF, when it can be read (structure.ts). */
  tree?: StructTree;
}

/** Refused above this size: a publication of hundreds of pages is far below it. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;
/** Refused above this many pages. */
export const MAX_PDF_PAGES = 2000;

const BOLD = /bold|black|heavy|semibold|demibold|extrabold|ultrabold|[-,](?:bd|sb|bl)\b|cmbx|cmb\d|bx\d/i;
const ITALIC = /italic|oblique|[-,]it\b|cmti|cmsl|slanted/i;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsModule: Promise<PdfJs> | undefined;
function pdfjs(): Promise<PdfJs> {
  pdfjsModule ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsModule;
}

/**
 * Read a PDF file's text runs. Encrypted, damaged, scanned (no text layer)
 * and oversized PDFs are refused with one line naming the file (and page).
 */
export async function readPdf(path: string, file = path): Promise<PdfSourceInfo> {
  let bytes: Uint8Array;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error("not a file");
    if (st.size > MAX_PDF_BYTES) throw new TweeluikError("input:too-large", `the PDF is ${Math.round(st.size / 1048576)} MB; the limit is ${MAX_PDF_BYTES / 1048576} MB`, { file });
    bytes = new Uint8Array(readFileSync(path));
  } catch (cause) {
    if (cause instanceof TweeluikError) throw cause;
    throw new TweeluikError("input:missing", "cannot read the PDF file", { file, cause });
  }
  return readPdfBytes(bytes, file);
}

export async function readPdfBytes(bytes: Uint8Array, file: string): Promise<PdfSourceInfo> {
  if (bytes.length === 0) throw new TweeluikError("input:empty", "the file is empty", { file });
  if (!startsWithPdfHeader(bytes)) throw new TweeluikError("input:pdf-damaged", "not a PDF file (no %PDF- header)", { file });
  const lib = await pdfjs();
  let doc: Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
  try {
    // pdf.js may take over the buffer it is given; the structure tree is read from the bytes after it
    doc = await lib.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false }).promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === "PasswordException") throw new TweeluikError("input:pdf-encrypted", "the PDF is encrypted with a password; export it without one", { file });
    throw new TweeluikError("input:pdf-damaged", `the PDF cannot be read: ${(err as Error).message}`, { file });
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new TweeluikError("input:too-large", `the PDF has ${doc.numPages} pages; the limit is ${MAX_PDF_PAGES}`, { file });
    const markInfo = await doc.getMarkInfo().catch(() => null);
    const tagged = markInfo?.Marked === true;
    const pages: PdfPage[] = [];
    let textBytes = 0;
    const fonts = new Map<string, { name: string; bold: boolean; italic: boolean }>();
    for (let p = 1; p <= doc.numPages; p++) {
      let page: Awaited<ReturnType<typeof doc.getPage>>;
      let content: Awaited<ReturnType<typeof page.getTextContent>>;
      try {
        page = await doc.getPage(p);
        // marked content: in a tagged PDF the link to the structure tree; in any PDF the text a
        // passage stands for (/ActualText)
        content = await page.getTextContent({ disableNormalization: false, includeMarkedContent: true });
      } catch (err) {
        throw new TweeluikError("input:pdf-damaged", `page ${p} cannot be read: ${(err as Error).message}`, { file });
      }
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const height = y1 - y0;
      type TextItem = { str: string; transform: number[]; width: number; fontName: string };
      type Mark = { mcid?: number; artifact: boolean };
      // the text items, each with the marked content it is drawn in (in a tagged PDF: the link
      // to its structure tree); marked content nests, an inner one without an MCID keeps the outer's
      const items: { it: TextItem; mark: Mark | undefined }[] = [];
      const stack: (Mark & { actual?: ActualText })[] = [];
      const actuals: ActualText[] = [];
      for (const it of content.items as (TextItem | { type: string; id?: string | null; tag?: string | null; actualText?: string })[]) {
        if ("str" in it) {
          items.push({ it, mark: tagged ? stack[stack.length - 1] : undefined });
          for (const m of stack) m.actual?.items.push(it);
        } else if (it.type === "beginMarkedContent" || it.type === "beginMarkedContentProps") {
          const outer = stack[stack.length - 1];
          const m = it.id ? /_mc(\d+)$/.exec(it.id) : null;
          const mcid = m ? Number(m[1]) : outer?.mcid;
          const actual = typeof it.actualText === "string" ? { text: it.actualText, items: [] } : undefined;
          if (actual) actuals.push(actual);
          stack.push({ ...(mcid !== undefined ? { mcid } : {}), artifact: it.tag === "Artifact" || !!outer?.artifact, ...(actual ? { actual } : {}) });
        } else if (it.type === "endMarkedContent") stack.pop();
      }
      // Font names (for weight and style) are known once a page's operator list has loaded
      // them; fonts are shared between pages, so only pages with a new font pay for it. A
      // letter-spaced line needs the operator list too: its word spaces are only there.
      const spaced = items.filter(({ it }) => letterSpaced(it.str));
      if (spaced.length || items.some(({ it }) => !fonts.has(it.fontName))) {
        const ops = await page.getOperatorList();
        for (const { it } of items) {
          if (fonts.has(it.fontName)) continue;
          const f = page.commonObjs.has(it.fontName) ? (page.commonObjs.get(it.fontName) as { name?: string } | null) : null;
          const name = f?.name ?? "";
          fonts.set(it.fontName, { name, bold: BOLD.test(name), italic: ITALIC.test(name) });
        }
        if (spaced.length) {
          const shown = shownTexts(ops, lib.OPS.showText);
          for (const { it } of spaced) it.str = wordsOfSpaced(it.str, shown) ?? it.str;
        }
      }
      for (const a of actuals) applyActualText(a);
      const runs: PdfRun[] = [];
      for (const { it, mark } of items) {
        if (it.str === "" || /^\s+$/.test(it.str)) continue;
        const [a, b, , d, e, f] = it.transform as [number, number, number, number, number, number];
        if (Math.abs(b) > 0.01 * Math.abs(a)) continue; // rotated text (margins, stamps) is not running text
        const font = fonts.get(it.fontName)!;
        runs.push({
          ...(mark?.mcid !== undefined ? { mcid: mark.mcid } : {}),
          ...(mark?.artifact ? { artifact: true } : {}),
          text: repairGlyphs(it.str),
          x: e - x0,
          y: height - (f - y0),
          width: it.width,
          size: Math.abs(d) || Math.abs(a),
          font: font.name.replace(/^[A-Z]{6}\+/, ""),
          bold: font.bold,
          italic: font.italic,
        });
      }
      pages.push({ number: p, width: x1 - x0, height, runs });
      textBytes += runs.reduce((n, r) => n + Buffer.byteLength(r.text) + 1, 0);
      if (textBytes > MAX_SOURCE_TEXT_BYTES)
        throw new TweeluikError("input:too-large", `the PDF's text passes ${describeLimit()} on page ${p} of ${doc.numPages}; that is the most the PDF editions are set from: publish it in parts`, { file });
      page.cleanup();
    }
    if (pages.every((pg) => pg.runs.length === 0))
      throw new TweeluikError("input:pdf-no-text", "the PDF has no text layer (a scan?); text recognition (OCR) is not supported: extract the text first or use the born-digital PDF", { file });
    const info = (await doc.getMetadata().catch(() => undefined))?.info as { Title?: string; Language?: string } | undefined;
    const out: PdfSourceInfo = { file, pages, tagged };
    if (info?.Title?.trim()) out.title = info.Title.trim();
    if (typeof info?.Language === "string" && info.Language.trim()) out.lang = info.Language.trim();
    if (tagged) {
      const tree = await readStructTree(bytes);
      if (tree) out.tree = tree;
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/**
 * A line set with wide letter-spacing ("T H E M AV E R H A A L"): pdf.js puts a space
 * wherever the gap between two letters is wider than a tenth of the size, and the
 * word spaces are no wider than that, so the words are lost in its text. Kerned pairs
 * and runs stay together ("CO LU M N", "FACTS & F I G U R E S"): three or more tokens,
 * 1.6 letters a token on average.
 */
export function letterSpaced(s: string): boolean {
  const tokens = s.trim().split(/\s+/);
  const letters = tokens.reduce((n, t) => n + [...t].length, 0);
  return tokens.length >= 3 && letters <= 1.6 * tokens.length;
}

/** Text drawn inside marked content with an /ActualText: the text it stands for, and the items drawn. */
interface ActualText {
  text: string;
  items: { str: string }[];
}

/**
 * Text drawn in another case than it is written ("COLUMN" set from "Column" by a style) reads
 * as its /ActualText says: where the letters drawn are the ActualText's letters in another case,
 * each letter takes the ActualText's case, so every item keeps its place and width. An
 * ActualText that says other letters (a ligature spelled out, a hyphen that is no text) is left
 * alone: those are repaired from the glyphs (repairGlyphs).
 */
export function applyActualText(a: ActualText): void {
  const wanted = [...a.text.replace(/\s+/gu, "")];
  const drawn = a.items.flatMap((it) => [...it.str.replace(/\s+/gu, "")]);
  if (wanted.length === 0 || wanted.length !== drawn.length || wanted.some((c, k) => c !== drawn[k] && c.toLowerCase() !== drawn[k]!.toLowerCase())) return;
  let k = 0;
  for (const it of a.items) it.str = [...it.str].map((c) => (/\s/u.test(c) ? c : wanted[k++]!)).join("");
}

/** What a text-showing operator draws (NFKC), its space glyphs as spaces; and its letters without them, each with its place in the text. */
interface Shown {
  text: string;
  letters: string;
  at: number[];
}

/** The text each text-showing operator of a page draws. */
function shownTexts(ops: { fnArray: number[]; argsArray: unknown[][] }, showText: number): Shown[] {
  const out: Shown[] = [];
  ops.fnArray.forEach((fn, i) => {
    if (fn !== showText) return;
    const glyphs = ops.argsArray[i]?.[0];
    if (!Array.isArray(glyphs)) return;
    const text = glyphs
      .map((g: unknown) => (g && typeof g === "object" ? ((g as { isSpace?: boolean }).isSpace ? " " : String((g as { unicode?: unknown }).unicode ?? "")) : ""))
      .join("")
      .normalize("NFKC");
    const at: number[] = [];
    let letters = "";
    for (let k = 0; k < text.length; k++) if (!/\s/.test(text[k]!)) { letters += text[k]; at.push(k); }
    out.push({ text, letters, at });
  });
  return out;
}

/**
 * The words of a letter-spaced line, from the glyphs the page draws: the same letters
 * in one text-showing operator, with its space glyphs as the only word breaks.
 * Undefined when no operator draws those letters.
 */
function wordsOfSpaced(str: string, shown: readonly Shown[]): string | undefined {
  const letters = str.normalize("NFKC").replace(/\s+/g, "");
  for (const s of shown) {
    const k = s.letters.indexOf(letters);
    if (k >= 0) return s.text.slice(s.at[k], s.at[k + letters.length - 1]! + 1).replace(/\s+/g, " ");
  }
  return undefined;
}

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow up to 1024 bytes of junk (PDF 32000-1, 7.5.2 note).
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1024))).toString("latin1");
  return head.includes("%PDF-");
}

/**
 * Ligature glyphs become their letters and hyphens printed as other characters "-" (read/glyphs.ts);
 * other soft hyphens and zero-width marks go. A space
 * before a closing bracket goes too: pdf.js sets one where the bracket's glyph stands a
 * little apart (its side bearing, a justified line), and no typesetter sets it
 * ("(de voorbereiding van )" is "(de voorbereiding van)").
 */
export function repairGlyphs(s: string): string {
  return spellGlyphs(s)
    .replace(/[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g, "")
    .replace(/(?<=[\p{L}\p{N}.’”'"%]) +(?=[)\]])/gu, "");
}
