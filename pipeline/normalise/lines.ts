import type { Diagnostic, Position, SourceLine } from "../document/types.ts";

/**
 * One physical source line as the normaliser's line passes see it. Passes
 * drop lines (artefacts) or annotate them; they never rewrite a line's words,
 * so every word of the output can be traced to its source line.
 */
export interface Ln {
  line: number;
  page: number;
  /** The text as read, including leading and trailing white space. */
  raw: string;
  /** True when a new page starts at this line (reader's guess, refined by pages.ts). */
  pageStart: boolean;
  /** In a double-spaced extraction: an empty line followed this one (spacing.ts). */
  gapAfter?: boolean;
  /** Set-apart text found by its shape (magazine.ts): kept out of the running text. */
  role?: LineRole;
  /** Part of a line set vertically, a few letters a line (magazine.ts): joined to the line before without a space. */
  glue?: boolean;
  /** A line of the document's title, found by its place in a header block (minutes-meta.ts). */
  title?: boolean;
  /** In an extraction that kept the page's layout: spaces set in beyond its column's edge (read/physical.ts). */
  indent?: number;
}

export type LineRole = "pullquote" | "caption" | "byline" | "kicker";

/**
 * How many spaces further in a line must be set, where the extraction kept the indents, to be
 * set in: the grid of characters rounds a line's start to one either way.
 */
export const SET_IN = 2;

/** How much further in line a is set than line b (negative where it stands out), where the extraction kept the indents. */
export function setInFrom(a: Ln, b: Ln): number {
  return (a.indent ?? 0) - (b.indent ?? 0);
}

/** Shared state of the line passes: the file name and the diagnostics so far. */
export interface LineCtx {
  file: string;
  diagnostics: Diagnostic[];
}

export const isBlank = (l: Ln | undefined): boolean => l !== undefined && l.raw.trim() === "";
/** A line holding only white space but not empty: the report's paragraph break. */
export const isSpaceOnly = (l: Ln | undefined): boolean => l !== undefined && l.raw.length > 0 && l.raw.trim() === "";
/** A line that starts with exactly one space and then text. */
export const hasLeadSpace = (l: Ln): boolean => /^ \S/.test(l.raw);
export const textOf = (l: Ln): string => l.raw.replace(/\s+/g, " ").trim();

/** The next line of text after line `i`, and whether an empty line came between. */
export function nextText(lines: readonly Ln[], i: number): { j: number; blank: boolean } | undefined {
  let blank = false;
  for (let j = i + 1; j < lines.length; j++) {
    if (isBlank(lines[j])) blank = true;
    else return { j, blank };
  }
  return undefined;
}

/** The line of text just above line `i`, back to line `from`, if any. */
export function lineAbove(lines: readonly Ln[], i: number, from = 0): number | undefined {
  for (let j = i - 1; j >= from; j--) if (!isBlank(lines[j])) return j;
  return undefined;
}

export function posOf(file: string, first: Ln, last?: Ln): Position {
  const p: Position = { file, line: first.line, page: first.page };
  if (last && last.line !== first.line) p.endLine = last.line;
  return p;
}

export function diag(
  ctx: LineCtx,
  severity: Diagnostic["severity"],
  code: string,
  message: string,
  at?: Ln | Position,
): void {
  const d: Diagnostic = { severity, code, message };
  if (at) d.position = "raw" in at ? posOf(ctx.file, at) : at;
  ctx.diagnostics.push(d);
}

/**
 * Not after a title before a name ("de heer dr." / "S. van Ommen"), nor after a name's initial
 * that follows a title, "heer" or "mevrouw", or another initial ("de heer G." / "Pauwels",
 * "mevrouw dr. L.H." / "Brouwer-Tan"): no sentence ends on its point.
 */
const NOT_AFTER_TITLE = String.raw`(?<!(?:^|[\s(])(?:[Dd]rs?|[Mm]r|[Pp]rof|[Ii]r|[Ii]ng|[Dd]hr|[Mm]w|[Mm]evr|[Jj]hr))(?<!(?:(?:^|\s)(?:heer|mevrouw|[Dd]rs?\.|[Mm]r\.|[Pp]rof\.|[Ii]r\.|[Ii]ng\.)\s|[A-ZÀ-ÞĲ]\.)[A-ZÀ-ÞĲ])`;
/** Closing quotes or brackets after a sentence's or clause's punctuation. */
const CLOSERS = String.raw`[’”'")\]]*`;
/** A note mark glued to a line's end, if any: "3", "3,4". */
const GLUED_MARK = String.raw`(?:\d{1,3}(?:,\s?\d{1,3})*)?`;
/** Sentence-final punctuation, optionally followed by closing quotes or brackets (not a title's point). */
export const ENDS_SENTENCE = new RegExp(`${NOT_AFTER_TITLE}[.!?…]${CLOSERS}$`);
/** A sentence end as ENDS_SENTENCE, a note mark glued to it or not ("… verdubbelen.6"). */
export const ENDS_NOTED_SENTENCE = new RegExp(`${NOT_AFTER_TITLE}[.!?…]${CLOSERS}${GLUED_MARK}$`);
/** The back-link arrow a browser prints after an endnote ("↩︎"), with the space before it, at a line's end. */
export const BACK_LINK = /\s*↩\uFE0E?\s*$/u;
/** A line end after which a new block may well begin (a glued note number after it does not count; not a title's point). */
export const ENDS_CLAUSE = new RegExp(`${NOT_AFTER_TITLE}[.!?:;…]${CLOSERS}${GLUED_MARK}$`);
export const STARTS_LOWER = /^[a-zà-ÿ]/;
export const STARTS_UPPER = /^[A-ZÀ-ÞĲ]/;

/**
 * The lines without the dropped ones (page furniture). A dropped line stands
 * at a page boundary when `opensPage` says so; the next line of text then
 * opens the page instead.
 */
export function dropLines(lines: readonly Ln[], drop: (l: Ln, i: number) => boolean, opensPage: (l: Ln) => boolean): Ln[] {
  const out: Ln[] = [];
  let opening = false;
  lines.forEach((l, i) => {
    if (drop(l, i)) {
      if (opensPage(l)) opening = true;
      return;
    }
    if (opening && !isBlank(l)) {
      out.push({ ...l, pageStart: true });
      opening = false;
    } else out.push(l);
  });
  return out;
}
