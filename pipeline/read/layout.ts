import { CONTENTS_HEAD } from "./page-marks.ts";
import type { PdfPage, PdfRun } from "./pdf.ts";

/**
 * Lines in reading order from a PDF's text runs, with the layout evidence the
 * normaliser decides structure from: size, weight, indent, the gap above,
 * the column a line stands in, and the page furniture found by position and
 * repetition (left out here, and reported).
 */
export interface LayoutLine {
  page: number;
  /** Left edge of the text (after a list marker, if any: see `marker`). */
  x: number;
  /** Left edge including the marker. */
  left: number;
  right: number;
  /** Baseline, from the top of the page. */
  y: number;
  /** The size most of the line's letters have. */
  size: number;
  bold: boolean;
  italic: boolean;
  font: string;
  text: string;
  /** Left and right edge of the column the line stands in. */
  column: { left: number; right: number; index: number };
  /** Baseline distance to the line before it in the same column (undefined at a column's top). */
  gapAbove?: number;
  /** Width of the first word, to judge whether it would have fitted on the line before. */
  firstWordWidth: number;
  /** Smaller than the body text and at the bottom of its column: a note area line. */
  noteArea?: boolean;
  /**
   * Set smaller at the bottom of its column, above the note area's first numbered line: the
   * rest of a note the page before cut off, or other small type above the notes.
   */
  aboveNotes?: boolean;
  /** A list marker or note label set apart from the text after it by a gap ("•", "1.", "3"). */
  marker?: string;
  /** A raised, smaller number opening the line: a note's label ("¹Zie …"). */
  label?: string;
}

export interface FurnitureLine {
  page: number;
  text: string;
  why: "running head" | "page number" | "contents";
}

export interface Layout {
  lines: LayoutLine[];
  furniture: FurnitureLine[];
  /** The size most letters of the document have: the body text. */
  bodySize: number;
  /** The usual distance between baselines of body text. */
  pitch: number;
}

interface Seg {
  page: number;
  runs: PdfRun[];
  x: number;
  right: number;
  y: number;
  top: number;
  bottom: number;
  size: number;
}

const MARKER = /^(?:[•·▪◦●○■□►▸‣⁃–—\-*]|\(?\d{1,3}[.)]?|[a-z][.)]|\(?[ivx]{1,4}[.)])$/u;

/** Group a page's runs into rows by baseline, then into segments at wide gaps. */
function segments(page: PdfPage): Seg[] {
  const runs = [...page.runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: PdfRun[][] = [];
  for (const r of runs) {
    // a raised, smaller run (a superscript) belongs to the row whose baseline is just below it
    let row: PdfRun[] | undefined;
    // a row on the same baseline but far away (the other column's line) is taken only when no
    // row next to the run takes it: a note's raised label opening a line in the right column
    // belongs with its text there, not with the left column's line on the text's baseline
    let far: PdfRun[] | undefined;
    for (let k = rows.length - 1; k >= 0 && !row; k--) {
      const base = baseline(rows[k]!);
      const rowSize = Math.max(...rows[k]!.map((x) => x.size));
      const big = Math.max(rowSize, r.size);
      // a superscript (smaller, raised up to 0.6 of the text's size) sits on its text's row,
      // whichever of the two comes first in the sort
      const raised = (small: number, smallY: number, text: number, textY: number): boolean => small < 0.9 * text && smallY < textY && textY - smallY <= 0.6 * text;
      // On the same baseline a run joins the row however far from it (a justified line, a tab
      // stop; segments are cut at gutters below), after the rows next to it; on another
      // baseline (a superscript, a larger word) only when it is next to the row's runs, so that
      // lines of two columns, whose baselines need not line up, are not chained into one row.
      const reach = 0.8 * Math.min(rowSize, r.size);
      const near = rows[k]!.some((x) => r.x <= x.x + x.width + reach && x.x <= r.x + r.width + reach);
      const same = Math.abs(base - r.y) <= 0.1 * big;
      if (near && (same || Math.abs(base - r.y) <= 0.45 * big || raised(r.size, r.y, rowSize, base) || raised(rowSize, base, r.size, r.y))) row = rows[k];
      else if (same) far ??= rows[k];
      if (base < r.y - 3 * big) break;
    }
    // a word on a row's baseline that reached a superscript's row first (the mark sorted before
    // the line, and the justified gap before the word too wide to reach the line's own words:
    // "zijn.²   Dat") goes on its baseline's row, and the mark with it
    if (row && far && row !== far && Math.abs(baseline(row) - r.y) > 0.1 * r.size && row.every((x) => x.size < 0.9 * r.size)) {
      far.push(...row);
      rows.splice(rows.indexOf(row), 1);
      row = far;
    }
    row ??= far;
    if (row && r.size > 0) row.push(r);
    else rows.push([r]);
  }
  // a row of superscripts alone, made before the row of their text (a mark at a line's end, raised
  // towards the line above but not near enough to it: "vergroot.⁷"), goes on the row whose
  // baseline is just below it and whose runs it touches
  for (let k = rows.length - 1; k >= 0; k--) {
    const marks = rows[k]!;
    const y = baseline(marks);
    const text = rows.find((row) => {
      if (row === marks) return false;
      const size = Math.max(...row.map((x) => x.size));
      const reach = 0.8 * size;
      return (
        marks.every((m) => m.size < 0.9 * size) &&
        baseline(row) > y &&
        baseline(row) - y <= 0.6 * size &&
        marks.some((m) => row.some((x) => m.x <= x.x + x.width + reach && x.x <= m.x + m.width + reach))
      );
    });
    if (text) {
      text.push(...marks);
      rows.splice(k, 1);
    }
  }
  const out: Seg[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    // The row's word spacing: a justified line set word by word (as Chromium does) has wide,
    // even gaps; a gutter or a tab stop is wider than the row's other gaps.
    const gaps = row.slice(1).map((r, k) => ({ g: r.x - (row[k]!.x + row[k]!.width), size: r.size })).filter((x) => x.g > 0.1 * x.size).map((x) => x.g);
    let cur: PdfRun[] = [];
    const flush = (): void => {
      if (cur.length) out.push(seg(page.number, cur));
      cur = [];
    };
    for (const r of row) {
      const last = cur[cur.length - 1];
      if (last) {
        const gap = r.x - (last.x + last.width);
        const size = Math.max(last.size, r.size);
        const markerBefore = cur.length === 1 && MARKER.test(last.text.trim());
        if (gap > (markerBefore ? 4 : 1.2) * size && gap > 1.5 * wordSpace(gaps, gap, size)) flush();
      }
      cur.push(r);
    }
    flush();
  }
  return out;
}

/** The usual gap between words on a row, leaving out one gap (the one being judged). */
function wordSpace(gaps: number[], without: number, size: number): number {
  const rest = [...gaps];
  const k = rest.indexOf(without);
  if (k >= 0) rest.splice(k, 1);
  if (rest.length < 2) return 0.3 * size;
  rest.sort((a, b) => a - b);
  return rest[Math.floor(rest.length / 2)]!;
}

function baseline(row: PdfRun[]): number {
  // the baseline of the letters that carry most of the row's text (superscripts sit above it)
  let best = row[0]!;
  for (const r of row) if (r.size > best.size || (r.size === best.size && r.text.length > best.text.length)) best = r;
  return best.y;
}

function seg(page: number, runs: PdfRun[]): Seg {
  const size = dominant(runs.map((r) => [r.size, r.text.length]));
  const y = baseline(runs);
  return {
    page,
    runs,
    x: Math.min(...runs.map((r) => r.x)),
    right: Math.max(...runs.map((r) => r.x + r.width)),
    y,
    top: y - size * 0.8,
    bottom: y + size * 0.25,
    size,
  };
}

/** The value that carries the most weight. */
function dominant(pairs: [number, number][]): number {
  const w = new Map<number, number>();
  for (const [v, n] of pairs) {
    const k = Math.round(v * 4) / 4;
    w.set(k, (w.get(k) ?? 0) + n);
  }
  let best = 0;
  let bw = -1;
  for (const [k, n] of w) if (n > bw || (n === bw && k < best)) [best, bw] = [k, n];
  return best;
}

/**
 * The text of a segment: runs joined with a space where the gap between them is one. A note
 * mark (a number of one to three digits in a face of its own) is followed by the space its
 * smaller size sets when the next run opens a word in capitals: a mark belongs to the word
 * before it, never to the one after ("organisations.²⁴ The"), and the gap that space leaves
 * is narrower than one of the text's own spaces.
 */
function segText(s: Seg): string {
  let out = "";
  let prev: PdfRun | undefined;
  for (const r of s.runs) {
    if (prev) {
      const gap = r.x - (prev.x + prev.width);
      const raised = r.size < 0.9 * s.size && r.y < s.y - 0.15 * s.size;
      const mark = /^\d{1,3}$/.test(prev.text) && prev.font !== r.font && /^\p{Lu}/u.test(r.text) && gap > 0.05 * r.size;
      const space = mark || (gap > 0.15 * Math.min(prev.size, r.size) && !(raised && gap < 0.3 * s.size));
      if (space && !/\s$/.test(out) && !/^\s/.test(r.text)) out += " ";
    }
    out += r.text;
    prev = r;
  }
  return out.replace(/\s+/g, " ").trim();
}

/**
 * Reading order by recursive XY cut: a region is split at a vertical gutter
 * that runs through all of it (columns, read left to right), else at the widest
 * horizontal gap (read top to bottom), and each part again. A gutter counts only with a column of
 * text on each side, so list markers and key/value tables are not split apart.
 */
function readingOrder(segs: Seg[], out: Seg[][]): void {
  if (segs.length === 0) return;
  const v = verticalCut(segs);
  if (v !== undefined) {
    readingOrder(segs.filter((s) => s.right <= v), out);
    readingOrder(segs.filter((s) => s.right > v), out);
    return;
  }
  const h = horizontalCuts(segs);
  if (h.length > 1) {
    for (const part of h) readingOrder(part, out);
    return;
  }
  out.push([...segs].sort((a, b) => a.y - b.y || a.x - b.x));
}

function verticalCut(segs: Seg[]): number | undefined {
  if (segs.length < 6) return undefined;
  const left = Math.min(...segs.map((s) => s.x));
  const right = Math.max(...segs.map((s) => s.right));
  const width = right - left;
  const size = dominant(segs.map((s) => [s.size, s.right - s.x]));
  // free x-intervals: walk the segments sorted by their left edge
  const sorted = [...segs].sort((a, b) => a.x - b.x);
  let reach = sorted[0]!.right;
  let best: { at: number; gap: number } | undefined;
  for (const s of sorted.slice(1)) {
    const gap = s.x - reach;
    if (gap >= 0.8 * size) {
      const at = reach + gap / 2;
      const l = segs.filter((x) => x.right <= at);
      const r = segs.filter((x) => x.x >= at);
      const lw = Math.max(...l.map((x) => x.right)) - Math.min(...l.map((x) => x.x));
      const rw = Math.max(...r.map((x) => x.right)) - Math.min(...r.map((x) => x.x));
      const columnish = (part: Seg[], w: number): boolean => w >= 0.22 * width && part.length >= 3 && part.filter((x) => x.right - x.x > 0.5 * w).length >= 2;
      if (columnish(l, lw) && columnish(r, rw) && (!best || gap > best.gap)) best = { at, gap };
    }
    reach = Math.max(reach, s.right);
  }
  return best?.at;
}

/**
 * The region split at its widest clear band of white across the whole region,
 * taller than an ordinary paragraph gap; each part is then looked at again for
 * columns. Cutting at every such band at once would take a heading gap in one
 * column that happens to line up with a box's margin in the next for a band,
 * and read the lines above it across both columns by height.
 */
function horizontalCuts(segs: Seg[]): Seg[][] {
  const sorted = [...segs].sort((a, b) => a.top - b.top);
  const size = dominant(segs.map((s) => [s.size, s.right - s.x]));
  let reach = -Infinity;
  let best: { at: number; gap: number } | undefined;
  sorted.forEach((s, i) => {
    const gap = s.top - reach;
    if (i > 0 && gap > 1.2 * size && (!best || gap > best.gap)) best = { at: i, gap };
    reach = Math.max(reach, s.bottom);
  });
  return best ? [sorted.slice(0, best.at), sorted.slice(best.at)] : [sorted];
}

const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:(?:pagina|page|blz\.?|p\.)\s*)?\d{1,4}(?:\s*(?:van|of|\/)\s*\d{1,4})?(?:\s*[-–—])?$/i;
/** A page number in roman numerals, as the pages before the text are numbered: "iii", "Pagina ii". */
const ROMAN_PAGE = /^(?:(?:pagina|page|blz\.?|p\.)\s*)?[ivxlc]{1,6}$/i;

function shape(text: string): string {
  return text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}

/**
 * Running heads, footers and page numbers: segments in the top or bottom band
 * of the page that repeat (digits aside) on several pages (both pages of two,
 * in the same size), or that are a page number alone there; and, whatever its
 * text, a band segment beside such a page number on its baseline, or, after the
 * first page, one that carries the page's own number at one end (a two-sided
 * report's head, the current section's heading beside the number).
 */
function findFurniture(pages: PdfPage[], segsByPage: Seg[][]): Set<Seg> {
  const out = new Set<Seg>();
  const n = pages.length;
  const band = (s: Seg, p: PdfPage): "top" | "bottom" | undefined => {
    const ys = segsByPage[p.number - 1]!.map((x) => x.y);
    const first = Math.min(...ys);
    const last = Math.max(...ys);
    if (s.y <= first + 1 && s.y < p.height * 0.15) return "top";
    if (s.y >= last - 1 && s.y > p.height * 0.85) return "bottom";
    // the second row of a two-row head or foot
    if (s.y < p.height * 0.09) return "top";
    if (s.y > p.height * 0.93) return "bottom";
    return undefined;
  };
  const seen = new Map<string, Set<number>>();
  const cands: { s: Seg; key: string }[] = [];
  const numbers: Seg[] = [];
  for (const p of pages) {
    for (const s of segsByPage[p.number - 1]!) {
      const b = band(s, p);
      if (!b) continue;
      const t = segText(s);
      if (PAGE_NUMBER.test(t) || ROMAN_PAGE.test(t)) {
        out.add(s);
        numbers.push(s);
        continue;
      }
      // (two pages are weak evidence: there the size must repeat too, as a running head's does,
      // so a title at the top of page 1 is not taken for the head of page 2 that repeats it)
      const key = `${b}|${Math.round(s.x / 20)}|${shape(t)}${n <= 2 ? `|${Math.round(s.size * 2)}` : ""}`;
      cands.push({ s, key });
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(p.number);
    }
  }
  const need = n < 2 ? Infinity : Math.max(2, Math.ceil(n * 0.3));
  for (const c of cands) if ((seen.get(c.key)?.size ?? 0) >= need) out.add(c.s);
  // a head or foot that carries the page's number beside it is furniture as a whole, where its
  // text changes from page to page (the current section's title: "3 Belemmeringen" beside "3"),
  // or stands on one page only: on the number's baseline, or with the page's own number at one
  // end of the same segment
  for (const c of cands) {
    if (out.has(c.s)) continue;
    const row = numbers.some((x) => x.page === c.s.page && Math.abs(x.y - c.s.y) <= 1);
    const own = new RegExp(`^${c.s.page}\\s+\\S|\\S\\s+${c.s.page}$`).test(segText(c.s));
    if (row || (own && c.s.page > 1)) out.add(c.s);
  }
  return out;
}

/**
 * A table of contents: rows whose last segment is a bare page number at the
 * right, with the entry's text to its left on the same baseline. Generated
 * from the headings, it is not text of the document.
 */
function findContents(segs: Seg[]): Set<Seg> {
  const out = new Set<Seg>();
  const rows = new Map<number, Seg[]>();
  for (const s of segs) {
    const k = Math.round(s.y);
    rows.set(k, [...(rows.get(k) ?? []), s]);
  }
  const right = Math.max(...segs.map((s) => s.right));
  const hits: Seg[][] = [];
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    const last = row[row.length - 1]!;
    const t = segText(last).replace(/^[.\s·…]+/, "");
    if (row.length >= 2 && /^\d{1,4}$/.test(t) && right - last.right < 3 * last.size) hits.push(row);
  }
  if (hits.length === 0) return out;
  // (by the rows' keys, their baselines rounded)
  const top = Math.min(...hits.map((r) => Math.round(r[0]!.y)));
  const bottom = Math.max(...hits.map((r) => Math.round(r[0]!.y)));
  const above = [...rows.entries()].filter(([k]) => k < top - 1).sort((a, b) => b[0] - a[0])[0];
  const headed = !!above && above[1].length === 1 && CONTENTS_HEAD.test(segText(above[1][0]!));
  // (three rows at least, or fewer under a contents' heading: a short document's contents)
  if (hits.length < 3 && !headed) return out;
  for (const row of hits) for (const s of row) out.add(s);
  // (the rows between its entries are entries too: one too long for its line wrapped, or filled
  // its line so that no leader was set and its number joined its text; and a heading over it,
  // "Inhoud", "Inhoudsopgave", "Contents", on the row above the first entry, goes with it)
  for (const [k, row] of rows) if (k > top && k < bottom) for (const s of row) out.add(s);
  // (and so are the rows right under the last entry that fill their line to the right edge with
  // a page number at their end: the last entries, too long for a leader)
  let reach = bottom;
  for (const [k, row] of [...rows.entries()].filter(([k]) => k > bottom).sort((a, b) => a[0] - b[0])) {
    const last = row[row.length - 1]!;
    if (k - reach > 2.5 * last.size || !/\S\s+\d{1,4}$/.test(segText(last)) || right - last.right >= 3 * last.size) break;
    for (const s of row) out.add(s);
    reach = k;
  }
  if (headed) out.add(above[1][0]!);
  return out;
}

export function layout(pages: PdfPage[]): Layout {
  const segsByPage = pages.map((p) => segments(p));
  const all = segsByPage.flat();
  const bodySize = dominant(all.flatMap((s) => s.runs.map((r): [number, number] => [r.size, r.text.length])));
  const furniture = findFurniture(pages, segsByPage);
  const furnitureLines: FurnitureLine[] = [];
  const lines: LayoutLine[] = [];
  const pitches: number[] = [];
  for (const p of pages) {
    let segs = segsByPage[p.number - 1]!.filter((s) => {
      if (!furniture.has(s)) return true;
      const t = segText(s);
      furnitureLines.push({ page: p.number, text: t, why: PAGE_NUMBER.test(t) || ROMAN_PAGE.test(t) ? "page number" : "running head" });
      return false;
    });
    const contents = findContents(segs);
    if (contents.size) {
      for (const s of segs) if (contents.has(s)) furnitureLines.push({ page: p.number, text: segText(s), why: "contents" });
      segs = segs.filter((s) => !contents.has(s));
    }
    const order: Seg[][] = [];
    readingOrder(segs, order);
    // regions that share a left and right edge are one column (a paragraph gap cut them apart)
    let colIndex = 0;
    let prevCol: { left: number; right: number } | undefined;
    for (const region of order) {
      const left = Math.min(...region.map((s) => s.x));
      const right = Math.max(...region.map((s) => s.right));
      const col = { left, right, index: colIndex };
      // a region beside the one before it (not below it) is the next column
      if (prevCol && (left >= prevCol.right - bodySize || right <= prevCol.left + bodySize)) col.index = ++colIndex;
      prevCol = col;
      let before: LayoutLine | undefined;
      for (const s of region) {
        const line = toLine(s, col);
        const prev = before ?? lastInColumn(lines, p.number, col);
        if (prev && prev.page === p.number && s.y > prev.y) {
          line.gapAbove = s.y - prev.y;
          if (Math.abs(prev.size - bodySize) < 0.3 && Math.abs(line.size - bodySize) < 0.3) pitches.push(line.gapAbove);
        }
        lines.push(line);
        before = line;
      }
    }
  }
  const pitch = pitches.length ? dominant(pitches.map((g) => [g, 1])) : bodySize * 1.2;
  markNoteAreas(lines, bodySize);
  return { lines, furniture: furnitureLines, bodySize, pitch };
}

/**
 * The lines of one block whose runs are already known (a structure element's,
 * on one page): rows, segments and reading order as on a page, each region
 * its own column. Nothing else on the page is looked at.
 */
export function blockLines(page: PdfPage, runs: PdfRun[]): LayoutLine[] {
  const order: Seg[][] = [];
  readingOrder(segments({ ...page, runs }), order);
  const out: LayoutLine[] = [];
  for (const region of order) {
    const col = { left: Math.min(...region.map((s) => s.x)), right: Math.max(...region.map((s) => s.right)), index: 0 };
    for (const s of region) out.push(toLine(s, col));
  }
  return out;
}

/** A line's text without its list marker or note label, where that is part of the text. */
export function textAfterMarker(l: LayoutLine): string {
  return l.marker && l.text.startsWith(l.marker) ? l.text.slice(l.marker.length).trim() : l.text;
}

export { PAGE_NUMBER };

function lastInColumn(lines: LayoutLine[], page: number, col: { left: number; right: number }): LayoutLine | undefined {
  const l = lines[lines.length - 1];
  if (!l || l.page !== page) return undefined;
  return Math.abs(l.column.left - col.left) < 20 || (l.x >= col.left - 5 && l.right <= col.right + 5) ? l : undefined;
}

function toLine(s: Seg, col: { left: number; right: number; index: number }): LayoutLine {
  const text = segText(s);
  const first = s.runs[0]!;
  let x = s.x;
  let marker: string | undefined;
  if (s.runs.length > 1) {
    const gap = s.runs[1]!.x - (first.x + first.width);
    const t = first.text.trim();
    if (MARKER.test(t) && gap > 0.4 * s.size) {
      marker = t;
      x = s.runs[1]!.x;
    }
  }
  const chars = s.runs.reduce((n, r) => n + r.text.length, 0);
  const boldChars = s.runs.filter((r) => r.bold).reduce((n, r) => n + r.text.length, 0);
  const italicChars = s.runs.filter((r) => r.italic).reduce((n, r) => n + r.text.length, 0);
  const fonts = new Map<string, number>();
  for (const r of s.runs) fonts.set(r.font, (fonts.get(r.font) ?? 0) + r.text.length);
  const font = [...fonts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const body = marker ? s.runs.slice(1) : s.runs;
  const w0 = body[0]!;
  const word = (text.slice(marker ? text.indexOf(" ") + 1 : 0).split(" ")[0] ?? "");
  const firstWordWidth = w0.text.length ? (w0.width * Math.min(word.length, w0.text.length)) / w0.text.length : 0;
  const line: LayoutLine = {
    page: s.page,
    x,
    left: s.x,
    right: s.right,
    y: s.y,
    size: s.size,
    bold: boldChars > 0.8 * chars,
    italic: italicChars > 0.8 * chars,
    font,
    text,
    column: col,
    firstWordWidth,
  };
  // a bullet in the same run as the text after it ("• Text")
  const glyph = /^([•·▪◦●○■□►▸‣⁃])\s+/u.exec(first.text);
  if (!marker && glyph) {
    marker = glyph[1]!;
    line.x = first.x + (first.width * glyph[0].length) / first.text.length;
  }
  if (marker) line.marker = marker;
  const raised = first.size < 0.9 * s.size && first.y < s.y - 0.15 * s.size;
  if (!marker && raised && s.runs.length > 1 && /^\d{1,3}$/.test(first.text.trim())) line.label = first.text.trim();
  return line;
}

/**
 * The note area: at the bottom of a column, the lines set smaller than the
 * body text, from the first one that opens with a number.
 */
function markNoteAreas(lines: LayoutLine[], bodySize: number): void {
  let end = lines.length;
  while (end > 0) {
    const page = lines[end - 1]!.page;
    let start = end;
    while (start > 0 && lines[start - 1]!.page === page) start--;
    // columns of this page, bottom of each
    const cols = new Map<number, number[]>();
    for (let i = start; i < end; i++) {
      const k = lines[i]!.column.index;
      cols.set(k, [...(cols.get(k) ?? []), i]);
    }
    for (const idx of cols.values()) {
      let k = idx.length;
      while (k > 0 && lines[idx[k - 1]!]!.size < bodySize - 0.6) k--;
      // the area opens at its first numbered line
      const small = k;
      while (k < idx.length && !/^\d{1,3}\b|^[*†‡]/.test(lines[idx[k]!]!.label ?? lines[idx[k]!]!.marker ?? lines[idx[k]!]!.text)) k++;
      for (let j = k; j < idx.length; j++) lines[idx[j]!]!.noteArea = true;
      if (k < idx.length) for (let j = small; j < k; j++) lines[idx[j]!]!.aboveNotes = true;
    }
    end = start;
  }
}
