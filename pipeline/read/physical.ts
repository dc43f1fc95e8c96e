import type { SourceLine } from "../document/types.ts";
import { glueRaisedMarks } from "./marks.ts";

/**
 * An extraction that keeps the page's physical layout (poppler's `pdftotext
 * -layout`, and extractors like it) sets every glyph in a grid of characters:
 * the page's margin and a paragraph's indent become leading spaces, a
 * right-aligned date or page number is pushed out by a run of spaces, the two
 * columns of a page stand side by side on one line, and a raised footnote
 * label stands on a row of its own above its text.
 *
 * The reader undoes what only stands for position, so the normaliser sees
 * lines as the other modes give them: a two-column stretch of a page is read
 * as its left column and then its right, leading spaces are taken off (the
 * indent beyond the column's edge is kept in `indent`), a space that
 * justification set before a line-end hyphen goes, a note label on a row
 * of its own goes back in front of its text, and a note mark the grid set off
 * from the sentence end before it goes back against it. Lines are moved, never
 * changed in their words; every part keeps its source line.
 */

/** Share of a text's lines that show the grid (an indent of two or more spaces, or a run of three inside). */
const GRID_SHARE = 0.05;

/** True when the text reads as a physical-layout extraction (see above). */
export function isPhysicalLayout(lines: readonly string[]): boolean {
  let text = 0;
  let grid = 0;
  for (const t of lines) {
    if (!t.trim()) continue;
    text++;
    if (/^ {2,}\S/.test(t) || /\S {3,}\S/.test(t)) grid++;
  }
  return text >= 5 && grid / text >= GRID_SHARE;
}

interface Cells {
  src: SourceLine;
  /** The line's characters (code points): pdftotext sets one to a cell. */
  chars: string[];
}

/** Unfold a physical-layout extraction's lines (all pages), page by page. */
export function unfoldPhysicalLayout(lines: readonly SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  let page: SourceLine[] = [];
  const flush = (): void => {
    out.push(...glueRaisedMarks(joinRaisedLabels(unfoldPage(lowerRaisedMarks(page)))));
    page = [];
  };
  for (const l of lines) {
    if (l.pageStart && page.length) flush();
    page.push(l);
  }
  flush();
  return out;
}

/** How many columns from a raised mark's own the end of the sentence or clause it closes may stand. */
const MARK_DRIFT = 8;

/** A row of only note marks: one to three digits each, apart by spaces. */
const MARKS_ROW = /^\s*\d{1,3}(?:\s+\d{1,3})*\s*$/;

/**
 * Note marks raised above their line: Ghostscript's txtwrite sets a raised mark on a row of its
 * own over the line that carries it, at its column, and leaves its place in that line blank or
 * lets the next word take it ("afgesproken.   In de praktijk" under a "4"). A row of only marks
 * goes into the next row, each right after the sentence or clause that ends nearest its column
 * (up to MARK_DRIFT columns either way: a long line's glyphs drift from the grid's columns),
 * else after the word that ends nearest it (two columns either way); a blank
 * its place left after it is taken up, so a two-column page's columns stay where they were. A
 * row of which a mark stands at no word's end stays as it is: a page's number centred over a
 * running head, a note's label over its text (joinRaisedLabels).
 */
function lowerRaisedMarks(page: readonly SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (let i = 0; i < page.length; i++) {
    const row = page[i]!;
    const host = page[i + 1];
    if (!MARKS_ROW.test(row.text) || row.pageStart || !host?.text.trim() || MARKS_ROW.test(host.text)) {
      out.push(row);
      continue;
    }
    const rowChars = Array.from(row.text);
    const marks: { col: number; text: string }[] = [];
    for (let k = 0; k < rowChars.length; k++) {
      if (rowChars[k] === " " || (k > 0 && rowChars[k - 1] !== " ")) continue;
      let e = k;
      while (e < rowChars.length && rowChars[e] !== " ") e++;
      marks.push({ col: k, text: rowChars.slice(k, e).join("") });
    }
    const chars = Array.from(host.text);
    const ends = (e: number): boolean => e > 0 && chars[e - 1] !== " " && (e === chars.length || chars[e] === " ");
    // (a mark closes a sentence or clause more often than a word: such an end a few columns
    // further off goes first, a long line's columns drifting from its glyphs' places)
    const closes = (e: number): boolean => ends(e) && /[\p{L}\p{N}][.,;:!?)”’"']$/u.test(chars.slice(Math.max(0, e - 2), e).join(""));
    const near = (m: { col: number }, test: (e: number) => boolean, reach: number): number | undefined => {
      for (let d = 0; d <= reach; d++) for (const e of [m.col - 1 - d, m.col - 1 + d]) if (test(e)) return e;
      return undefined;
    };
    // (a mark over the line's start, before it or within two columns of it, is a note's label over
    // its note: joinRaisedLabels)
    const from = chars.findIndex((c) => c !== " ");
    const at = marks.map((m) => (m.col <= from + 2 ? undefined : near(m, closes, MARK_DRIFT) ?? near(m, ends, 2)));
    if (at.some((e) => e === undefined)) {
      out.push(row);
      continue;
    }
    // (from the last mark back, so that each place stands where it was found)
    for (let k = marks.length - 1; k >= 0; k--) {
      const e = at[k]!;
      const mark = Array.from(marks[k]!.text);
      // (the blank after the word takes the mark where it holds it and a space besides)
      let gap = 0;
      while (chars[e + gap] === " ") gap++;
      chars.splice(e, Math.min(mark.length, Math.max(0, gap - 1)), ...mark);
    }
    out.push({ ...host, text: chars.join("") });
    i++;
  }
  return out;
}

/** One page: columns apart, then the page's margin off. */
function unfoldPage(page: readonly SourceLine[]): SourceLine[] {
  const cells: Cells[] = page.map((src) => ({ src, chars: Array.from(src.text.replace(/\t/g, " ")) }));
  const gutter = findGutter(cells);
  const parts: { src: SourceLine; chars: string[]; col: 0 | 1 | 2 }[] = [];
  if (!gutter) {
    for (const c of cells) parts.push({ ...c, col: 0 });
  } else {
    const [from, to] = gutter;
    const textAt = (c: Cells, i: number): boolean => i < c.chars.length && c.chars[i] !== " ";
    // where a line parts into its columns: after the gutter where it sets nothing there (and more
    // than one space stands between its two sides), else at a run of two spaces or more that
    // reaches within three columns of the gutter (a column's longest line may stand into it); -1
    // for a line across the gutter
    const splitAt = (c: Cells): number => {
      let clear = true;
      for (let k = from; k < to && clear; k++) clear = !textAt(c, k);
      if (clear) {
        // (one space between words is a line across a narrow gutter, not two columns)
        let a = from;
        while (a > 0 && !textAt(c, a - 1)) a--;
        let b = to;
        while (b < c.chars.length && !textAt(c, b)) b++;
        return a > 0 && b < c.chars.length && b - a < 2 ? -1 : to;
      }
      for (let k = Math.max(1, from - 3); k < Math.min(c.chars.length - 1, to + 3); k++) {
        if (c.chars[k] === " " && c.chars[k + 1] === " " && textAt(c, k - 1)) {
          let end = k;
          while (end < c.chars.length && c.chars[end] === " ") end++;
          if (end < c.chars.length) return end;
        }
      }
      return -1;
    };
    const nonBlank = cells.map((c, i) => (blank(c) ? -1 : i)).filter((i) => i >= 0);
    const first = nonBlank[0];
    const last = nonBlank[nonBlank.length - 1];
    // (a page's first and last line set apart by an empty line are its head and foot, kept whole: a
    // running head with its page number far right is not two columns)
    const apart = (i: number, step: 1 | -1): boolean => blank(cells[i + step]);
    // (… where the line's right part does not stand at the right column's edge)
    const edgeRight = Math.min(...cells.map((c) => lead(c.chars, to)).filter((k) => k >= 0));
    const offEdge = (c: Cells): boolean => {
      const k = lead(c.chars, to);
      return k < 0 || k > edgeRight + (c.chars.length - edgeRight) / 4;
    };
    let band: { left: Cells[]; right: Cells[] } = { left: [], right: [] };
    const flushBand = (): void => {
      // (where the two columns' baselines differ, a row holds one column's line and nothing of the
      // other's: such a row is no gap in the other column; a row empty in both is)
      const keep = (own: Cells[], other: Cells[]) => own.filter((c, k) => !(blank(c) && !blank(other[k]!)));
      for (const c of keep(band.left, band.right)) parts.push({ ...c, col: 1 });
      for (const c of keep(band.right, band.left)) parts.push({ ...c, col: 2 });
      band = { left: [], right: [] };
    };
    cells.forEach((c, i) => {
      const at = splitAt(c);
      // (… or whose right part is a page's number alone: an extraction that sets no empty lines)
      const folio = at >= 0 && /^\d{1,4}$/.test(c.chars.slice(at).join("").trim());
      if (at < 0 || (offEdge(c) && ((i === first && (apart(i, 1) || folio)) || (i === last && i !== first && (apart(i, -1) || folio))))) {
        flushBand();
        parts.push({ ...c, col: 0 });
        return;
      }
      band.left.push({ src: c.src, chars: c.chars.slice(0, at) });
      band.right.push({ src: c.src, chars: c.chars.slice(at) });
    });
    flushBand();
  }
  // each column's edge: the least indent of its lines, but for the page's head and foot (a
  // running head in the margin, a centred page number)
  const edge = [Infinity, Infinity, Infinity];
  const shown = parts.filter((p) => !blank(p));
  const head = shown[0];
  const foot = shown[shown.length - 1];
  const furniture = new Set<(typeof parts)[number]>();
  if (head && blank(parts[parts.indexOf(head) + 1])) furniture.add(head);
  if (foot && foot !== head && blank(parts[parts.indexOf(foot) - 1])) furniture.add(foot);
  for (const p of parts) {
    const at = lead(p.chars);
    if (at >= 0 && !furniture.has(p)) edge[p.col] = Math.min(edge[p.col]!, at);
  }
  for (const p of furniture) if (edge[p.col] === Infinity) edge[p.col] = lead(p.chars);
  // (the page's first line of text opens it, where the page was opened)
  let opening = page.some((l) => l.pageStart);
  return parts.map((p) => {
    // (a justified line's word spacing may stand before its line-end hyphen: "de mi -" / "nister")
    const text = p.chars.join("").trim().replace(/(\p{L}) -$/u, "$1-");
    const at = lead(p.chars);
    const line: SourceLine = { line: p.src.line, page: p.src.page, text };
    if (text && opening) {
      line.pageStart = true;
      opening = false;
    }
    if (text && at > edge[p.col]!) line.indent = at - edge[p.col]!;
    return line;
  });
}

/**
 * The columns a two-column stretch leaves free between its columns, if the
 * page has one: a run of two or more character columns in the page's middle
 * that few lines set text in, with many lines of text on either side of it,
 * each at least half as wide as its side (text columns, not a table's cells).
 */
function findGutter(cells: readonly Cells[]): [number, number] | undefined {
  const rows = cells.filter((c) => !blank(c));
  if (rows.length < 8) return undefined;
  const width = Math.max(...rows.map((c) => c.chars.length));
  const occupied = new Array<number>(width).fill(0);
  for (const c of rows) c.chars.forEach((ch, i) => { if (ch !== " ") occupied[i]!++; });
  let best: { from: number; to: number; both: number } | undefined;
  for (let from = Math.floor(width * 0.25); from < Math.ceil(width * 0.75); from++) {
    if (occupied[from]! > rows.length * 0.2) continue;
    let to = from;
    while (to < width && occupied[to]! <= rows.length * 0.2) to++;
    if (to - from >= 2) {
      // (the run's core: the widest stretch of the columns fewest lines set text in, where a
      // column's longest line may reach into the run and a line across the page crosses it; of
      // two as wide, the later, next to the right column)
      let least = Infinity;
      for (let k = from; k < to; k++) least = Math.min(least, occupied[k]!);
      let a = from;
      let b = from;
      for (let k = from; k < to; k++) {
        if (occupied[k] !== least) continue;
        let e = k;
        while (e < to && occupied[e] === least) e++;
        if (e - k >= b - a) [a, b] = [k, e];
        k = e;
      }
      const clear = rows.filter((c) => lead(c.chars, a) < 0 || lead(c.chars, a) >= b);
      const left = clear.filter((c) => sideText(c, 0, a) >= a * 0.5).length;
      const right = clear.filter((c) => sideText(c, b, c.chars.length) >= (width - b) * 0.5).length;
      const both = Math.min(left, right);
      if (both >= Math.max(4, rows.length * 0.1) && (!best || both > best.both)) best = { from: a, to: b, both };
    }
    from = to;
  }
  return best && [best.from, best.to];
}

/** The first cell from `from` on that holds text, or -1. */
function lead(chars: readonly string[], from = 0): number {
  for (let k = from; k < chars.length; k++) if (chars[k] !== " ") return k;
  return -1;
}

function blank(c: { chars: readonly string[] } | undefined): boolean {
  return !c || lead(c.chars) < 0;
}

/** How many cells of chars[from, to) hold text, from the first to the last. */
function sideText(c: Cells, from: number, to: number): number {
  const part = c.chars.slice(from, to);
  const a = lead(part);
  if (a < 0) return 0;
  let b = part.length - 1;
  while (part[b] === " ") b--;
  return b - a + 1;
}

/**
 * A footnote's label raised above its text's row ("1" / "Adviesaanvraag …")
 * goes back in front of it, as the other modes read it: a line of only a
 * label (one to three digits or a symbol) followed at once by a line that
 * starts further in than the label ends.
 */
function joinRaisedLabels(lines: SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const next = lines[i + 1];
    if (/^(\d{1,3}|[*†‡§])$/.test(l.text) && next?.text && next.page === l.page && (next.indent ?? 0) > (l.indent ?? 0) + l.text.length) {
      const joined: SourceLine = { ...next, line: l.line, text: `${l.text} ${next.text}` };
      if (l.pageStart) joined.pageStart = true;
      if (l.indent) joined.indent = l.indent;
      else delete joined.indent;
      out.push(joined);
      i++;
      continue;
    }
    out.push(l);
  }
  return out;
}
