import type { Diagnostic, NormalisedDocument } from "../document/types.ts";
import { textAfterMarker, type Layout, type LayoutLine } from "../read/layout.ts";
import { assemble, documentKind, type NormaliseConfig, type NormaliseOptions } from "./index.ts";
import type { RawNote } from "./footnotes.ts";
import { buildLexicon } from "./lexicon.ts";
import { BACK_LINK, textOf, type Ln } from "./lines.ts";
import { labelledItem, type RawBlock } from "./segment.ts";

/**
 * The normaliser's front for a PDF read with its layout (pipeline/read/layout.ts):
 * the blocks are decided from evidence the plain text does not have — size and
 * weight for headings, the vertical gap, first-line indent and the width left
 * on a line for paragraph ends, list markers set apart by a gap, the note area
 * at a column's foot. From there on the passes are the text path's (assemble).
 */
export function normaliseLayout(
  lay: Layout,
  source: { file: string; slug: string; title?: string },
  config?: NormaliseConfig,
  opts: NormaliseOptions = {},
): NormalisedDocument {
  const kind = documentKind(config, opts);
  const diagnostics: Diagnostic[] = [];
  for (const f of lay.furniture) {
    diagnostics.push({ severity: "info", code: f.why === "contents" ? "normalise:contents" : "normalise:furniture", message: `${f.why} left out: "${f.text.slice(0, 80)}"`, position: { file: source.file, line: 0, page: f.page } });
  }
  const lns: Ln[] = lay.lines.map((l, i) => ({ line: i + 1, page: l.page, raw: l.text, pageStart: i === 0 || lay.lines[i - 1]!.page !== l.page }));
  const lex = buildLexicon(
    lns.map((l) => l.raw),
    opts.corpus ?? [],
    opts.lang,
  );
  const { blocks, notes } = blocksFromLayout(lay, lns);
  if (notes.length === 0) notes.push(...takeEndnotes(blocks, diagnostics, source.file));
  return assemble({ file: source.file, slug: source.slug, firstText: source.title ?? lay.lines[0]?.text, rawBlocks: blocks, rawNotes: notes, lex, kind, config, diagnostics });
}

const HEADING_NUMBER = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=\S)/;

/** A heading block of these lines; a number opening its first line ("2.1 ") becomes its marker. */
export function headingBlock(lines: Ln[], texts: string[]): RawBlock {
  const m = HEADING_NUMBER.exec(texts[0]!);
  const block: RawBlock = { t: "heading", lines, texts: m ? [texts[0]!.slice(m[0].length), ...texts.slice(1)] : texts };
  if (m) block.marker = m[1]!.replace(/\.$/, "");
  return block;
}

/** A page's column with fewer lines of body text than this takes its right edge from the pages of its side. */
const FEW_LINES = 8;

/** Heading styles by size and weight, largest first: their rank is the heading's depth. */
function headingStyles(lines: LayoutLine[], body: number): string[] {
  const styles = new Map<string, { size: number; bold: boolean; n: number }>();
  for (const l of lines) {
    if (!isHeadingStyle(l, body)) continue;
    const k = styleKey(l);
    const s = styles.get(k) ?? { size: l.size, bold: l.bold, n: 0 };
    s.n++;
    styles.set(k, s);
  }
  return [...styles.entries()].sort((a, b) => b[1].size - a[1].size || Number(b[1].bold) - Number(a[1].bold)).map(([k]) => k);
}

const styleKey = (l: LayoutLine): string => `${Math.round(l.size * 2) / 2}|${l.bold ? "b" : ""}`;

function isHeadingStyle(l: LayoutLine, body: number): boolean {
  if (l.noteArea) return false;
  // (a bold line that opens with a section number is one a little smaller than the body, too:
  // LaTeX's lowest heading levels in a sans face scaled to the serif's x-height)
  return l.size >= body + 0.9 || (l.bold && l.size >= body - 0.3) || (l.bold && l.size >= 0.85 * body && /^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+\p{Lu}/u.test(l.text));
}

function blocksFromLayout(lay: Layout, lns: Ln[]): { blocks: RawBlock[]; notes: RawNote[] } {
  const { lines, bodySize, pitch } = lay;
  const styles = headingStyles(lines, bodySize);
  const blocks: RawBlock[] = [];
  const notes: RawNote[] = [];
  let cur: { block: RawBlock; last: LayoutLine; hang?: number } | undefined;
  // the last paragraph set with a hanging indent: its first line and where its later lines stand
  let lastHang: { first: LayoutLine; x: number } | undefined;
  let note: RawNote | undefined;
  let lastLabel = 0;
  let run = 0;
  // a page's column, and the column on pages of the same side (mirrored margins differ)
  const columnKey = (l: LayoutLine): string => `${l.page}|${l.column.index}`;
  const sideKey = (l: LayoutLine): string => `${l.column.index}|${l.page % 2}`;
  const bodySized = (l: LayoutLine): boolean => !l.noteArea && Math.abs(l.size - bodySize) <= 0.6;
  // the right edge of a column: where its long body-text lines end (a title or a table set
  // wider in the same region does not move it)
  // (a page with a few lines of text, the end of a chapter or of the document, has its side's
  // edge: pages of that side, where their lines tell it)
  const rights = new Map<string, number[]>();
  const sideRights = new Map<string, number[]>();
  // (a page's column, the pages of its side)
  const sideOf = new Map<string, string>();
  for (const l of lines) {
    if (!bodySized(l)) continue;
    const k = columnKey(l);
    rights.set(k, [...(rights.get(k) ?? []), l.right]);
    sideRights.set(sideKey(l), [...(sideRights.get(sideKey(l)) ?? []), l.right]);
    sideOf.set(k, sideKey(l));
  }
  const p90 = (rs: number[]): number => [...rs].sort((a, b) => a - b)[Math.floor(0.9 * (rs.length - 1))]!;
  const edge = new Map(
    [...rights].map(([k, rs]) => {
      const side = sideRights.get(sideOf.get(k)!)!;
      return [k, rs.length < FEW_LINES && side.length >= FEW_LINES ? p90(side) : p90(rs)];
    }),
  );
  const rightOf = (l: LayoutLine): number => edge.get(columnKey(l)) ?? l.column.right;
  /** A line that runs to its column's right edge: a line the typesetter wrapped. */
  const full = (l: LayoutLine): boolean => l.right >= rightOf(l) - 1.5 * l.size;
  // the left edge of a column's body text: where most of its body-size lines start; or where the
  // document's body text starts in that column on pages of that side, where this page has text
  // there (a page that is mostly an indented list keeps the edge its lead-in stands at)
  const tally = (counts: Map<string, Map<number, number>>, k: string, x: number): void => {
    const m = counts.get(k) ?? new Map<number, number>();
    m.set(x, (m.get(x) ?? 0) + 1);
    counts.set(k, m);
  };
  const lefts = new Map<string, Map<number, number>>();
  const fullStarts = new Map<string, Map<number, number>>();
  const sides = new Map<string, Map<number, number>>();
  for (const l of lines) {
    if (!bodySized(l)) continue;
    const x = Math.round(l.left);
    tally(lefts, columnKey(l), x);
    tally(sides, sideKey(l), x);
    if (full(l)) tally(fullStarts, columnKey(l), x);
  }
  const modeOf = (m: Map<number, number>): number => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  const left = new Map(
    [...lefts].map(([k, m]) => {
      const side = sides.get(sideOf.get(k)!)!;
      const usual = modeOf(side);
      const chosen = (m.get(usual) ?? 0) >= 1 ? usual : modeOf(m);
      // further left, where full lines start (a paragraph's wrapped lines, three or more and one
      // in ten of the column's lines): the edge, and the lines at `chosen` are set in (a page
      // that is all one indented list under a lead-in, in a one-page document)
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      const further = [...(fullStarts.get(k) ?? [])].filter(([x, n]) => x < chosen - 1 && n >= Math.max(3, 0.1 * total)).map(([x]) => x);
      return [k, further.length ? Math.min(...further) : chosen];
    }),
  );
  const leftOf = (l: LayoutLine): number => left.get(columnKey(l)) ?? l.column.left;
  const indentOf = (l: LayoutLine): number => l.left - leftOf(l);
  const bodyLine = (l: LayoutLine | undefined): l is LayoutLine => !!l && !l.noteArea && !l.marker && !isHeadingStyle(l, bodySize) && Math.abs(l.size - bodySize) <= 0.6;
  const sameColumn = (a: LayoutLine, b: LayoutLine): boolean => a.page === b.page && a.column.index === b.column.index;
  // Text set justified: its full lines end on the column's edge, to the point. There, a line
  // that ends short of the edge is the last of its paragraph (or item), whatever its next
  // line's first word: where the document is set so, strictly (no line that breaks a word
  // ends short: a typesetter that leaves some lines unstretched leaves those too), and lines
  // starting where this one starts in its column reach the edge (a box or a table cell set
  // narrower, ragged, never does), in a column whose full lines reach the edge as the
  // document's do (a ragged sidebar's column does not).
  const measured = new Set<string>();
  const columns = new Map<string, { full: number; edge: number }>();
  const brokenShort: LayoutLine[] = [];
  const startKey = (l: LayoutLine): string => `${columnKey(l)}|${Math.round(l.left)}`;
  for (const l of lines) {
    if (!bodyLine(l) || !full(l)) continue;
    const c = columns.get(columnKey(l)) ?? { full: 0, edge: 0 };
    columns.set(columnKey(l), c);
    c.full++;
    if (Math.abs(l.right - rightOf(l)) <= 0.5) {
      c.edge++;
      measured.add(startKey(l));
    } else if (/\p{L}-$/u.test(l.text)) brokenShort.push(l);
  }
  const fullLines = [...columns.values()].reduce((n, c) => n + c.full, 0);
  const onEdge = [...columns.values()].reduce((n, c) => n + c.edge, 0);
  const strict = !brokenShort.some((l) => measured.has(startKey(l)));
  const justifiedDoc = fullLines >= 20 && onEdge >= 0.9 * fullLines && strict;
  const justified = (l: LayoutLine): boolean => {
    const c = columns.get(columnKey(l));
    return justifiedDoc && measured.has(startKey(l)) && !!c && c.edge >= 0.9 * c.full;
  };
  // Lines indented from the body's left edge, two or more in a row, reaching the column's right
  // edge: a list whose bullets are not text (drawn as shapes, or lost in the export).
  const listIndent = new Set<number>();
  // (the lines of a list under a heading: an item each)
  const oneEach = new Set<number>();
  for (let i = 0; i < lines.length; ) {
    const l = lines[i]!;
    if (!bodyLine(l) || indentOf(l) < 0.8 * l.size) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && bodyLine(lines[j]) && sameColumn(lines[j]!, l) && Math.abs(lines[j]!.left - l.left) < 0.3 * l.size) j++;
    // a full line whose text goes on at the margin below is a paragraph's indented first line, not
    // an item (a one-line paragraph before it set in as well made the two look like a list)
    const last = lines[j - 1]!;
    const after = lines[j];
    const opensParagraph = !!after && bodyLine(after) && sameColumn(after, last) && indentOf(after) < 0.3 * l.size && full(last);
    const run = lines.slice(i, opensParagraph ? j - 1 : j);
    // lines hanging at the text of a marked item (or a numbered one) just before are that item's
    const before = lines[i - 1];
    const hangsOnItem = before && sameColumn(before, l) && (before.marker || /^(?:\d{1,2}|[a-zA-Z])[.)]\s/.test(before.text)) && Math.abs(before.x - l.left) < 0.6 * l.size;
    // a list follows text set at the column's edge (its lead-in); an indented passage at the
    // top of a column or under a heading is a lead or a quotation, not a list
    // (a lead-in that ends on a colon at the foot of a column announces the list at the top of the next)
    const leadIn = before && bodyLine(before) && indentOf(before) < 0.3 * l.size && (sameColumn(before, l) || /:$/.test(before.text.trim()));
    // … or goes on from the foot of the column before, where such a list ended at the same indent
    const carriesOn = !!before && !sameColumn(before, l) && listIndent.has(i - 1) && Math.abs(before.left - l.left) < 0.3 * l.size;
    // (where no line of the run reaches the edge, its items are short: a lead-in that ends on a
    // colon announces them, or the list they carry on)
    const announced = !!leadIn && /:$/.test(before!.text.trim());
    // … or a heading names them: three lines or more set in under a heading, none reaching the
    // edge, are an item each ("Feiten en cijfers" over "Containeroverslag: 14,1 miljoen TEU" …),
    // where a quotation or a lead set in under it fills its lines
    const headed = !!before && isHeadingStyle(before, bodySize) && sameColumn(before, l) && run.length >= 3 && !run.some(full);
    if (run.length >= 2 && (run.some(full) || announced || headed || carriesOn) && !hangsOnItem && (leadIn || carriesOn || headed) && !run.some((x) => x.italic))
      for (let k = i; k < i + run.length; k++) {
        listIndent.add(k);
        if (headed) oneEach.add(k);
      }
    i = j;
  }

  const close = (): void => {
    if (cur) blocks.push(cur.block);
    cur = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const ln = lns[i]!;
    // small type above a page's notes, after a note the page before cut off in mid-sentence
    // (LibreOffice continues a long note at the top of the next page's notes): its rest
    const noteEnd = note?.lines[note.lines.length - 1];
    if (l.aboveNotes && note && noteEnd && lines[noteEnd.line - 1]!.page < l.page && !/[.!?]["”’)]*$/u.test(textOf(noteEnd).trim())) {
      note.lines.push(ln);
      continue;
    }
    if (l.noteArea) {
      const m = /^(\d{1,3})(?:[.)]?\s+|(?=[\p{L}“‘"'(]))/u.exec(l.marker ? `${l.marker} ` : l.text);
      const label = l.label ?? (l.marker && /^\d{1,3}$/.test(l.marker) ? l.marker : m?.[1]);
      // (a number other than the next opens a note only where the notes' labels stand: the
      // current note's first line, or another column or page; a line of a note that goes on at
      // the margin left of its label's place opens with a number of its text, "40 landelijke …";
      // and only a number the notes could have come to: 1 where they start again, or one of the
      // next three where a note was lost)
      const opener = note?.lines[0] ? lines[note.lines[0].line - 1]! : undefined;
      const atLabel = !opener || !sameColumn(opener, l) || Math.abs(l.x - opener.x) < 0.7 * l.size;
      const n = Number(label);
      const plausible = n === 1 || (n > lastLabel && n <= lastLabel + 3);
      if (label !== undefined && (!note || n === lastLabel + 1 || (atLabel && plausible))) {
        if (n <= lastLabel) run++;
        lastLabel = n;
        note = { label, run, lines: [ln] };
        notes.push(note);
        ln.raw = l.marker ? `${l.marker} ${textAfterMarker(l)}` : l.text;
      } else if (note) note.lines.push(ln);
      continue;
    }
    const heading = isHeadingStyle(l, bodySize) && l.text.length < 250;
    if (heading) {
      const prev = cur?.last;
      const sameHeading =
        cur?.block.t === "heading" && prev && styleKey(prev) === styleKey(l) && prev.page === l.page && (l.gapAbove ?? Infinity) < 1.6 * l.size;
      if (sameHeading && cur) {
        cur.block.lines.push(ln);
        cur.block.texts.push(l.text);
        cur.last = l;
        continue;
      }
      close();
      const text = l.marker ? `${l.marker} ${l.text.slice(l.text.indexOf(" ") + 1)}` : l.text;
      const block = headingBlock([ln], [text]);
      block.depth = Math.min(3, Math.max(1, styles.indexOf(styleKey(l)) + 1)) as 1 | 2 | 3;
      cur = { block, last: l };
      continue;
    }
    if (l.marker) {
      // a marker set apart from the text: a bullet, or a number or letter ("1   Text", "a)  Text")
      close();
      const block: RawBlock = { t: "item", lines: [ln], ...labelledItem(l.marker, textAfterMarker(l)) };
      cur = { block, last: l, hang: l.x };
      continue;
    }
    // "1. Text" with the lines after it hanging at the text: a numbered item whose number is in the same run
    // (or "– Text", a dash bullet in the same run as its text): the lines after it hang at the
    // text, or the item before it opened at the same place
    const numbered = /^((?:\d{1,2}|[a-zA-Z])[.)]|[–—-])\s+(?=\S)/.exec(l.text);
    const next = lines[i + 1];
    const hangs = !!next && bodyLine(next) && sameColumn(next, l) && next.left > l.left + 0.8 * l.size && next.left < l.left + 4 * l.size;
    const prevItem = cur?.block.t === "item" && cur.last && sameColumn(cur.last, l) ? lines[cur.block.lines[0]!.line - 1] : undefined;
    const sameAsBefore = !!prevItem && Math.abs(prevItem.left - l.left) < 0.3 * l.size && /^[–—-]\s/.test(prevItem.text) === /^[–—-]/.test(numbered?.[1] ?? "");
    // (a dash item of one line, hanging nothing, opens a list where the next line opens with the
    // same dash at the same place: "– een verplichte kredietwaardigheidstoets" / "– registratie …")
    const dashRun = !!numbered && /^[–—-]$/.test(numbered[1]!) && !!next && bodyLine(next) && sameColumn(next, l) && Math.abs(next.left - l.left) < 0.3 * l.size && next.text.startsWith(`${numbered[1]!} `);
    // (a numbered item of one line opens a list where the next line of text, in this column or
    // at the top of the next page, opens with the next number at the same place: "1. Hoe groot
    // …?" / the page's notes / "2. Wie zijn …?")
    const n = numbered && /^\d/.test(numbered[1]!) ? Number(numbered[1]!.slice(0, -1)) : undefined;
    let after = i + 1;
    while (n !== undefined && after < lines.length && after <= i + 12 && !bodyLine(lines[after])) after++;
    const nextBody = n !== undefined ? lines[after] : undefined;
    const numberRun =
      n !== undefined && !!nextBody && bodyLine(nextBody) && (sameColumn(nextBody, l) || nextBody.page === l.page + 1) && Math.abs(nextBody.left - l.left) < 0.3 * l.size && nextBody.text.startsWith(`${n + 1}${numbered![1]!.slice(-1)} `);
    // (a bullet glyph opening the line, a space before the text: an item however near the text it
    // stands, as WeasyPrint sets "• Eigenaar-bewoners …" with the bullet a quarter of an em away)
    const bullet = !numbered && /^[•▪◦●○■►▸‣⁃]\s+(?=\S)/u.exec(l.text);
    if (bullet && bodyLine(l)) {
      close();
      const block: RawBlock = { t: "item", lines: [ln], ...labelledItem(bullet[0].trim(), l.text.slice(bullet[0].length)) };
      cur = { block, last: l, hang: hangs ? next!.left : l.left + (l.right - l.left) * (bullet[0].length / Math.max(1, l.text.length)) };
      continue;
    }
    if (numbered && bodyLine(l) && (hangs || sameAsBefore || dashRun || numberRun)) {
      close();
      const block: RawBlock = { t: "item", lines: [ln], ...labelledItem(numbered[1]!, l.text.slice(numbered[0].length)) };
      cur = { block, last: l, hang: hangs ? next!.left : l.left + (l.right - l.left) * (numbered[0].length / Math.max(1, l.text.length)) };
      continue;
    }
    if (listIndent.has(i)) {
      const inItem = cur?.block.t === "item" && cur.hang !== undefined && Math.abs(cur.hang - l.left) < 0.3 * l.size && !oneEach.has(i);
      if (inItem && cur && continues(cur.last, l, cur.hang, rightOf(cur.last), pitch, bodySize, { justified: justified(cur.last) })) {
        cur.block.lines.push(ln);
        cur.block.texts.push(l.text);
        cur.last = l;
        continue;
      }
      close();
      cur = { block: { t: "item", lines: [ln], texts: [l.text], ordered: false, marker: "•" }, last: l, hang: l.left };
      continue;
    }
    // a paragraph set with a hanging indent (its lines after the first set in) ends where a line
    // stands back at its first line's place: the next entry of a CV box, of a bibliography
    const first = cur?.block.t === "para" ? lines[cur.block.lines[0]!.line - 1] : undefined;
    const backAtHang = !!first && !!cur && cur.last !== first && sameColumn(first, cur.last) && sameColumn(cur.last, l) && cur.last.x >= first.x + 0.6 * l.size && Math.abs(l.x - first.x) < 0.3 * l.size;
    // a paragraph's second line set in as far as the one before it hung: its last line, not a new paragraph
    const hangsAsBefore = !!first && cur?.last === first && !!lastHang && sameColumn(lastHang.first, l) && Math.abs(first.x - lastHang.first.x) < 0.3 * l.size && Math.abs(l.x - lastHang.x) < 0.3 * l.size;
    // … or as the next paragraph hangs: a full first line, this line set in, the next back at the
    // first line's place and the one after it set in as far (two entries of two lines each)
    const [next1, next2] = [lines[i + 1], lines[i + 2]];
    const hangsAsAfter =
      !!first && cur?.last === first && !!next1 && !!next2 && sameColumn(first, l) && sameColumn(l, next1) && sameColumn(next1, next2) &&
      full(first) && l.x >= first.x + 0.6 * l.size && Math.abs(next1.x - first.x) < 0.3 * l.size && Math.abs(next2.x - l.x) < 0.3 * l.size;
    if (cur && cur.block.t !== "heading" && !backAtHang && continues(cur.last, l, cur.hang, rightOf(cur.last), pitch, bodySize, { next: lines[i + 1], hangsAsBefore: hangsAsBefore || hangsAsAfter, justified: justified(cur.last) })) {
      if (first && cur.last === first && sameColumn(first, l) && l.x >= first.x + 0.6 * l.size) lastHang = { first, x: l.x };
      cur.block.lines.push(ln);
      cur.block.texts.push(l.text);
      cur.last = l;
      continue;
    }
    close();
    cur = { block: { t: "para", lines: [ln], texts: [l.text] }, last: l };
  }
  close();
  return { blocks, notes };
}

/**
 * Whether line `l` goes on the block whose last line is `prev` (`next`: the line after `l`, which
 * tells a hanging indent from a first-line indent; `hangsAsBefore`: the paragraph before hung its
 * lines where `l` stands, which tells it for a paragraph's second and last line; `justified`:
 * `prev` is set justified, so it ends its paragraph where it ends short of the edge).
 */
function continues(
  prev: LayoutLine,
  l: LayoutLine,
  hang: number | undefined,
  right: number,
  pitch: number,
  body: number,
  { next, hangsAsBefore = false, justified = false }: { next?: LayoutLine; hangsAsBefore?: boolean; justified?: boolean } = {},
): boolean {
  if (Math.abs(prev.size - l.size) > 0.6 || prev.bold !== l.bold || prev.italic !== l.italic) return false;
  const samePlace = prev.page === l.page && prev.column.index === l.column.index && l.y > prev.y;
  if (samePlace && l.gapAbove !== undefined && l.gapAbove > 1.3 * pitch * (l.size / body)) return false;
  // an item's lines hang at its text; a line back at the margin ends the item
  if (hang !== undefined && l.x < hang - 0.5 * l.size) return false;
  // a first-line indent opens a paragraph, on a column's or page's top line too; not where the line before broke a word ("post-" /
  // "doctoraal"), and not in a hanging indent (a paragraph's lines after its first all set in:
  // the line after this full one is set in as far)
  const broken = /\p{L}-$/u.test(prev.text) && /^\p{Ll}/u.test(l.text);
  const hanging = hangsAsBefore || (next !== undefined && next.page === l.page && next.column.index === l.column.index && next.y > l.y && Math.abs(next.x - l.x) < 0.3 * l.size && l.right >= right - 1.5 * l.size);
  if (hang === undefined && !broken && !hanging && l.x > l.column.left + 0.6 * l.size && Math.abs(prev.x - prev.column.left) < 0.3 * l.size) return false;
  // justified text: the line before ended short of the edge, so it ended its paragraph
  if (justified && prev.right < right - 1 && !/-$/.test(prev.text)) return false;
  // the first word of this line would have fitted at the end of the line before: that line ended a paragraph
  const space = 0.28 * l.size;
  if (prev.right + space + l.firstWordWidth < right - 0.5 * l.size && !/-$/.test(prev.text)) return false;
  return true;
}

/**
 * Endnotes: a document without page-foot notes that ends in a list numbered
 * 1, 2, 3 … whose items end with a back-link arrow (as a browser prints
 * pandoc's or Word's endnotes) has its notes there. They leave the blocks and
 * become notes, linked to their references like footnotes.
 */
export function takeEndnotes(blocks: RawBlock[], diagnostics: Diagnostic[], file: string): RawNote[] {
  // a numbered item, or a paragraph that opens with its number ("3. Zie …")
  const numberOf = (b: RawBlock): string | undefined =>
    b.t === "item" && b.ordered ? b.marker : b.t === "para" ? /^(\d{1,3})[.)]?\s/.exec(b.texts[0] ?? "")?.[1] : undefined;
  let start = blocks.length;
  while (start > 0 && numberOf(blocks[start - 1]!) !== undefined) start--;
  // the list may end in lines that are no note (a closing line, a colophon): not handled
  let items = blocks.slice(start);
  const first = items.findIndex((b) => numberOf(b) === "1");
  if (first < 0) return [];
  start += first;
  items = items.slice(first);
  if (!items.every((b, k) => numberOf(b) === String(k + 1))) return [];
  const arrows = items.filter((b) => BACK_LINK.test(b.texts[b.texts.length - 1] ?? "")).length;
  if (arrows < Math.max(1, 0.5 * items.length)) return [];
  blocks.splice(start);
  for (const b of items) if (b.t === "para") b.texts[0] = b.texts[0]!.replace(/^\d{1,3}[.)]?\s+/, "");
  diagnostics.push({ severity: "info", code: "normalise:endnotes", message: `${items.length} endnotes at the end of the document (numbered, with back links)`, position: { file, line: items[0]!.lines[0]!.line, page: items[0]!.lines[0]!.page } });
  return items.map((b, k) => {
    const label = String(k + 1);
    const lines = b.lines.map((l, k) => ({ ...l, raw: k === 0 ? `${label} ${b.texts[0]}` : b.texts[k]! }));
    return { label, run: 0, lines };
  });
}
