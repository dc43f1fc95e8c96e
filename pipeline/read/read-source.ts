import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { basename } from "node:path";
import { TweeluikError } from "../errors.ts";
import { describeLimit, describeSize, MAX_SOURCE_TEXT_BYTES } from "./limits.ts";
import { spellGlyphs } from "./glyphs.ts";
import { inferPageStarts } from "./infer-pages.ts";
import { glueRaisedMarks, joinRaisedMarks } from "./marks.ts";
import { isPhysicalLayout, unfoldPhysicalLayout } from "./physical.ts";
import type { PageConvention, RawSource, SourceLine } from "../document/types.ts";

/**
 * Decode a source file's bytes strictly: empty, binary and broken UTF-8 input
 * are refused with the file and line named, so nothing half-read goes on.
 */
export function decodeSource(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new TweeluikError("input:empty", "the file is empty", { file });
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new TweeluikError("input:binary", "the file holds a NUL byte: not a text file", {
      file,
      line: lineOf(bytes, nul),
    });
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const body = text.replace(/^\uFEFF/, "");
    if (body.trim() === "") throw new TweeluikError("input:empty", "the file holds only white space", { file });
    return body;
  } catch (err) {
    if (err instanceof TweeluikError) throw err;
    const at = firstInvalidUtf8(bytes);
    throw new TweeluikError("input:encoding", `invalid UTF-8 at byte ${at}`, { file, line: lineOf(bytes, at) });
  }
}

/** Read `source/<slug>.txt` into numbered lines with a first guess at pages. */
export function readSource(file: string): RawSource {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error("not a file");
    if (st.size > MAX_SOURCE_TEXT_BYTES) tooLarge(file, st.size);
    bytes = readFileSync(file);
  } catch (cause) {
    if (cause instanceof TweeluikError) throw cause;
    throw new TweeluikError("input:missing", "cannot read the source file", { file, cause });
  }
  return splitSource(decodeSource(bytes, file), file);
}

/** Refuses a source over the limit, naming the line where its text passes it (only that much is read). */
function tooLarge(file: string, size: number): never {
  const head = Buffer.alloc(MAX_SOURCE_TEXT_BYTES);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const line = lineOf(head, head.length);
  throw new TweeluikError("input:too-large", `the source holds ${describeSize(size)}; the limit is ${describeLimit()}, the most the PDF editions are set from: its text passes the limit at line ${line}; publish it in parts`, { file, line });
}

/**
 * How the extraction marks pages, detected from the text's lines themselves:
 *  - `form-feed`: a form feed (\f) between pages, as poppler's `pdftotext` writes in every
 *    mode; pages are certain.
 *  - `lead-space`: a line that starts with exactly one space and then text opens a page
 *    (the office's earlier extractions); a guess the normaliser refines, since the same
 *    space also marks a bullet whose glyph was lost.
 *  - `plain`: no page marks at all.
 */
export function detectConvention(lines: readonly string[]): PageConvention {
  if (lines.some((t) => t.includes("\f"))) return "form-feed";
  return lines.some((t, i) => i > 0 && /^ \S/.test(t)) ? "lead-space" : "plain";
}

/**
 * Split decoded text into lines (LF, CRLF or CR) with a page for each, by the
 * convention the text uses (detectConvention). Form feeds are taken out of
 * the lines; the line after one opens a page.
 */
export function splitSource(text: string, file: string): RawSource {
  // (a ligature an extraction gave as one character is its letters, a hyphen printed as U+2010 or as
  // a soft hyphen at a line's end is "-": read/glyphs.ts)
  const all = spellGlyphs(text).replace(/\r\n?/g, "\n").split("\n");
  if (all.length > 1 && all[all.length - 1] === "") all.pop();
  const physical = isPhysicalLayout(all);
  // (a raised mark an extraction set on a line of its own goes back into its line; each line keeps
  // the number of its first line in the file)
  const { raw, numbers } = physical ? { raw: all, numbers: all.map((_, i) => i + 1) } : joinRaisedMarks(all);
  // (in a physical layout a leading space is margin, not a page mark)
  let convention: PageConvention = physical && !/\f/.test(text) ? "plain" : detectConvention(raw);
  let page = 1;
  let seenText = false;
  let opening = false;
  const lines: SourceLine[] = raw.map((t, i) => {
    const text = t.replace(/\f/g, "");
    if (convention === "form-feed") {
      // pdftotext ends every page with a feed; the first text after one opens the next page
      // (empty pages still count, so page numbers stay the PDF's)
      const feeds = t.length - text.length;
      if (feeds > 0 && seenText) {
        page += feeds;
        opening = true;
      }
    } else if (convention === "lead-space" && i > 0 && /^ \S/.test(t)) {
      page++;
      opening = true;
    }
    const pageStart = opening && text.trim() !== "";
    if (pageStart) opening = false;
    if (text.trim()) seenText = true;
    return pageStart ? { line: numbers[i]!, page, text, pageStart } : { line: numbers[i]!, page, text };
  });
  // (no page marks: the pages where the folios printed on them tell them, read/infer-pages.ts)
  const inferred = convention === "plain" ? inferPageStarts(lines) : undefined;
  if (inferred) {
    convention = "inferred";
    const starts = new Set(inferred.starts);
    let p = 1;
    lines.forEach((l, i) => {
      if (starts.has(i)) {
        p++;
        l.pageStart = true;
      }
      l.page = p;
    });
  }
  const slug = basename(file).replace(/\.[^.]+$/, "");
  // (a physical-layout extraction's columns, margins and raised labels are undone here: read/physical.ts)
  if (physical) return { file, slug, convention, layout: "physical", lines: unfoldPhysicalLayout(lines) };
  // (a note mark set off by a space at a line's end goes back against the sentence it closes)
  return { file, slug, convention, lines: glueRaisedMarks(lines) };
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}
