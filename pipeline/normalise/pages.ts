import type { RawSource } from "../document/types.ts";
import { diag, dropLines, isBlank, type LineCtx, type Ln } from "./lines.ts";

/**
 * Turn the reader's lines into normaliser lines, refining page breaks:
 * a standalone page number (a line holding only 1–3 digits between blank
 * lines) is removed, reported, and marks the next text line as a page start.
 * The reader's own guess (a line opening with exactly one space) is kept as
 * `pageStart`; later passes decide whether that space opened a page or is a
 * bullet whose glyph was lost.
 */
export function toLines(raw: RawSource): Ln[] {
  const leadSpace = (raw.convention ?? "lead-space") === "lead-space";
  return raw.lines.map((l, i) => {
    const ln: Ln = {
      line: l.line,
      page: l.page,
      raw: l.text.replace(/\t/g, " ").replace(/[\u00a0\u2007\u202f]/g, " ").replace(/[\u00ad\u200b]/g, ""),
      pageStart: leadSpace ? i > 0 && /^ \S/.test(l.text) : l.pageStart === true,
    };
    if (l.indent) ln.indent = l.indent;
    return ln;
  });
}

const PAGE_NUMBER = /^\s*\d{1,3}\s*$/;

export function removePageNumbers(lines: Ln[], ctx: LineCtx): Ln[] {
  const isPageNumber = (l: Ln, i: number): boolean =>
    PAGE_NUMBER.test(l.raw) && (i === 0 || isBlank(lines[i - 1])) && (i === lines.length - 1 || isBlank(lines[i + 1]));
  return dropLines(
    lines,
    (l, i) => {
      if (!isPageNumber(l, i)) return false;
      diag(ctx, "info", "normalise:page-number", `removed page number "${l.raw.trim()}"`, l);
      return true;
    },
    () => true,
  );
}
