import { diag, ENDS_CLAUSE, ENDS_NOTED_SENTENCE, isBlank, STARTS_LOWER, textOf, type LineCtx, type Ln } from "./lines.ts";
import { follows } from "./segment.ts";

/**
 * The blocks of a two-column page in reading order, where the extraction
 * interleaved them. pdftotext's default mode orders a page's blocks (runs of
 * lines between empty lines) by where they stand, and on a page whose title
 * spans both columns it may take them from the two columns in turn: "1
 * Inleiding", "2.2 Verzuim …", "1.1 Achtergrond …", "2.2.1 Ziekteverzuim …".
 * Each column's blocks stay in their order, so the page is a merge of two
 * runs, and the reading order is the first run, then the second.
 *
 * The evidence is the document's heading numbering: a page is taken apart
 * only where its numbered headings do not follow each other (each the next
 * sibling, a first child or the next of an ancestor of the one before,
 * counting from the last heading of the pages before). Of the ways to split
 * its blocks into two runs that keep their order, the one is chosen whose
 * headings follow each other with the fewest breaks, then whose note
 * references do (each the one after the reference before it: a block without
 * a heading may stand in either column, "verschijnsel is.2" reads after
 * "verkenning.1"; counting from the pages before), then whose blocks join
 * best (text that goes on in lower case after a block that broke off
 * mid-sentence, a capital after one that did not, a list's item after a
 * colon), then whose two columns are nearest in length (a full page's
 * columns are about as long), then that moves the fewest blocks (on a page
 * of at most MAX_BLOCKS blocks). It is kept only where it has fewer breaks
 * in the heading numbering than the page as extracted, and no more in the
 * references. A page without that evidence (a magazine's: no numbered
 * headings) is mended only where it shows one block out of place
 * (resumed). A page read as two runs has its second run open as a page
 * does, so the first column's notes at its foot are a page's notes. Every
 * page taken apart is reported. Lines are moved, never changed (but for
 * that mark), so every word keeps its source line.
 */
export function orderColumns(lines: Ln[], ctx: LineCtx): Ln[] {
  const pages: Ln[][] = [];
  for (const l of lines) {
    if (pages.length === 0 || l.pageStart) pages.push([]);
    pages[pages.length - 1]!.push(l);
  }
  const out: Ln[] = [];
  let last: number[] | undefined;
  let lastRef: number | undefined;
  for (const page of pages) {
    const blocks = blocksOf(page);
    const numbered = reorder(blocks, last, lastRef);
    const one = numbered ? undefined : resumed(blocks, last, lastRef);
    const order = numbered ?? one?.order;
    if (order) {
      const moved = order.map((k) => blocks[k]!);
      // (the second run opens the second column as a page's text opens: what stands before it, the
      // first column's foot, its notes among it, closes a page's text, as the notes of a page do)
      const second = numbered ? order.findIndex((k, n) => n > 0 && k < order[n - 1]!) : -1;
      // (an empty line keeps each moved block apart from the next)
      for (let k = 0; k < moved.length; k++) {
        const b = moved[k]!;
        const top = k === second ? b.lines.findIndex((l) => !isBlank(l)) : -1;
        out.push(...(top < 0 ? b.lines : b.lines.map((l, i) => (i === top ? { ...l, pageStart: true } : l))));
        if (k + 1 < moved.length && !isBlank(b.lines[b.lines.length - 1])) out.push({ ...b.lines[b.lines.length - 1]!, raw: "", pageStart: false });
      }
      if (one) {
        const b = blocks[one.moved]!;
        diag(ctx, "info", "normalise:columns", `page ${b.lines[0]!.page}: a block that goes on in lower case read after the one block that broke off mid-sentence ("${b.first.slice(0, 40)}" after "${blocks[one.after]!.end.slice(-40)}")`, b.lines[0]);
      } else {
        const first = blocks[order.find((k, n) => k !== n)!]!;
        diag(ctx, "info", "normalise:columns", `page ${first.lines[0]!.page}: its blocks read as two columns, one after the other, where the extraction took them in turn (${blocks.length} blocks, ${order.filter((k, n) => k !== n).length} moved)`, first.lines[0]);
      }
      for (const k of order) [last, lastRef] = [blocks[k]!.numbers.at(-1) ?? last, blocks[k]!.refs.at(-1) ?? lastRef];
    } else {
      out.push(...page);
      for (const b of blocks) [last, lastRef] = [b.numbers.at(-1) ?? last, b.refs.at(-1) ?? lastRef];
    }
  }
  return out;
}

interface Block {
  /** Its lines, the empty lines after it included. */
  lines: Ln[];
  /** Its lines of text. */
  texts: string[];
  /** The numbers of the numbered headings in it, in order ("2.1" → [2, 1]). */
  numbers: number[][];
  first: string;
  /** Its last line of text before the notes set on after it, if any. */
  end: string;
  /** The numbers of the note references in it, in order ("verschijnsel is.2" → 2). */
  refs: number[];
}

/** A note's reference: one or two digits set close after a word or its punctuation ("arbeidsmarkt.9", "Grondwet4 ."). */
const REF = /(?<=(?:\p{L}|[)’”'"])[.,;:]?)(\d{1,2})(?=[\s.,;:)]|$)/gu;

/** A numbered heading's line: a number in levels, or one number set alone on a block of its own. */
const HEADING = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s+[‘“'"]?\p{Lu}/u;

/** A line that opens with a capital (or a quote before one). */
const CAPITAL = /^[\p{Lu}‘“'"]/u;

/** A note's first line: its number, then a capital. */
const NOTE_START = /^\d{1,2}\s+\p{Lu}/u;

/** A list item's marker at a line's start: a bullet, a number or a letter with a point or bracket. */
const ITEM = /^(?:[•·▪–-]|\d{1,2}[.)]|[a-z][.)])\s/u;

/**
 * Whether a block opens with a heading of one number (a note opens with one number too): the
 * block is the heading alone, wrapped to a short second line in lower case that closes no
 * clause; or the heading's line is short against the block's lines of text (at most 0.8 of
 * their median: a heading is set in a larger type, a note's first line fills the measure) and
 * a line in a capital follows it, or a short line in lower case that closes no clause and then
 * one in a capital (a heading wrapped).
 */
function opensWithHeading(text: string[]): boolean {
  const [t, next, after] = text;
  const wraps = (x: string | undefined, max: number): boolean => x !== undefined && STARTS_LOWER.test(x) && x.length <= max && !/[.,;:!?]$/.test(x);
  if (text.length === 2) return wraps(next, 40);
  if (text.length < 3) return false;
  const lengths = text.map((x) => x.length).sort((a, b) => a - b);
  const max = 0.8 * lengths[lengths.length >> 1]!;
  return t!.length <= max && (CAPITAL.test(next!) || (wraps(next, max) && CAPITAL.test(after ?? "")));
}

/** The number of a numbered heading's line, if the line reads as one: short, closing no clause, not broken at a hyphen (a note's line may be). */
function headingNumber(t: string): number[] | undefined {
  const m = HEADING.exec(t);
  if (!m || t.length > 70 || /[.,;:!?]$/.test(t) || /\p{L}-$/u.test(t)) return undefined;
  return m[1]!.split(".").map(Number);
}

function blocksOf(page: Ln[]): Block[] {
  const out: Block[] = [];
  let cur: Ln[] = [];
  const close = (): void => {
    const text = cur.filter((l) => !isBlank(l)).map(textOf);
    if (text.length) {
      const numbers: number[][] = [];
      text.forEach((t, k) => {
        const n = headingNumber(t);
        if (!n) return;
        // (one number is a heading's only as a block of its own, above its first subsection, or
        // opening a block as a heading does: a note opens with one number too)
        if (n.length === 1 && !(text.length === 1 || (k === 0 && opensWithHeading(text)) || text.slice(k + 1, k + 4).some((x) => x.startsWith(`${n[0]}.1 `)))) return;
        numbers.push(n);
      });
      const refs = text.flatMap((t) => [...t.matchAll(REF)].map((m) => Number(m[1])));
      out.push({ lines: cur, texts: text, numbers, first: text[0]!, end: text[text.length - 1]!, refs });
    } else if (out.length) out[out.length - 1]!.lines.push(...cur);
    else out.push({ lines: cur, texts: [], numbers: [], first: "", end: "", refs: [] });
    cur = [];
  };
  for (let i = 0; i < page.length; i++) {
    const l = page[i]!;
    cur.push(l);
    if (isBlank(l) && (i + 1 >= page.length || !isBlank(page[i + 1]))) close();
    // (a block that opens with two numbered headings' lines holds the two columns' headings,
    // set side by side: the first stands alone)
    else if (cur.length === 1 && i + 1 < page.length && !isBlank(l) && !isBlank(page[i + 1]) && headingNumber(textOf(l)) && headingNumber(textOf(page[i + 1]!))) close();
  }
  if (cur.length) close();
  // (a column's notes that the extraction set on after its text without an empty line: the text
  // ends before them; a note opens with the number of a reference on the page)
  const refs = new Set(out.flatMap((b) => b.refs));
  for (const b of out) {
    const k = b.texts.findIndex((t, n) => n > 0 && refs.has(Number(/^(\d{1,2})\s+\S/.exec(t)?.[1])));
    if (k > 0) b.end = b.texts[k - 1]!;
  }
  return out;
}

function breaks(blocks: Block[], order: number[], last: number[] | undefined): number {
  let n = 0;
  let p = last;
  for (const k of order)
    for (const q of blocks[k]!.numbers) {
      if (!follows(p, q)) n++;
      p = q;
    }
  return n;
}

/** How often a note reference in this order is not the one after the reference before it (the pages' before counted from `last`). */
function refBreaks(blocks: Block[], order: number[], last: number | undefined): number {
  let n = 0;
  let p = last;
  for (const k of order)
    for (const r of blocks[k]!.refs) {
      if (p !== undefined && r !== p + 1) n++;
      p = r;
    }
  return n;
}

/**
 * How badly the blocks join in this order: text that goes on in lower case after a block that
 * did not break off mid-sentence counts 2; text that opens with a capital after a block that
 * did counts 1, and so does a block that is no list item after one that ends on a colon (a
 * list's lead-in). A block broke off where its last line closes no clause and is a line of
 * running text (of 30 characters or more, in a block of two lines or more), not a heading or a
 * head.
 */
function misjoins(blocks: Block[], order: number[]): number {
  let n = 0;
  for (let k = 1; k < order.length; k++) {
    const a = blocks[order[k - 1]!]!;
    const b = blocks[order[k]!]!;
    if (!b.first) continue;
    const open = brokeOff(a) && textLines(a) >= 2;
    if (/:$/.test(a.end) && !ITEM.test(b.first)) n += 1;
    else if (STARTS_LOWER.test(b.first)) n += open ? 0 : 2;
    else if (open) n += 1;
  }
  return n;
}

/** Whether score `a` is better than `b`: the first figure that differs is lower. */
function lessThan(a: number[], b: number[]): boolean {
  const k = a.findIndex((x, i) => x !== b[i]);
  return k >= 0 && a[k]! < b[k]!;
}

/**
 * The most blocks a page may have to be taken apart: the splits tried are 2^(n−1), so this keeps
 * a page to a few milliseconds (8192 splits); a two-column page has about a dozen.
 */
const MAX_BLOCKS = 14;

/** The blocks' reading order as two runs, where it mends the page's heading numbering; undefined where the page reads as extracted. */
function reorder(blocks: Block[], last: number[] | undefined, lastRef: number | undefined): number[] | undefined {
  const n = blocks.length;
  const identity = blocks.map((_, k) => k);
  const before = breaks(blocks, identity, last);
  if (before === 0 || n > MAX_BLOCKS || blocks.filter((b) => b.numbers.length).length < 2) return undefined;
  let best: { order: number[]; score: number[] } | undefined;
  const length = (run: number[]): number => run.reduce((n, k) => n + textLines(blocks[k]!), 0);
  // (each mask puts the blocks of its set bits in the second run; the first block opens the page)
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    const first: number[] = [];
    const second: number[] = [];
    for (let k = 0; k < n; k++) (k > 0 && mask & (1 << (k - 1)) ? second : first).push(k);
    const order = [...first, ...second];
    const score = [breaks(blocks, order, last), refBreaks(blocks, order, lastRef), misjoins(blocks, order), Math.abs(length(first) - length(second)), second.length];
    if (!best || lessThan(score, best.score)) best = { order, score };
  }
  if (!best || best.score[0]! >= before || best.score[1]! > refBreaks(blocks, identity, lastRef) || best.score[2]! > misjoins(blocks, identity)) return undefined;
  return best.order;
}

/**
 * A page whose second column's first block the extraction set among the first column's blocks
 * (pdftotext's default mode takes it early, beside the first column's top), without heading
 * numbering to tell: one block of two lines or more that opens in lower case after a block that
 * closed a sentence, or of three lines or more after a colon (it goes on from elsewhere; a list's
 * items may open in lower case after a colon, short), and one block of running text, of three
 * lines or more, that breaks off mid-sentence before a block that opens with a capital, or before
 * the page's last block where that is a note (it goes on elsewhere), the page's last block aside
 * (its sentence goes on over the page). Where the page has exactly one of each, and the first
 * stands before the second, the first is moved to follow the second; undefined where not, or
 * where the move breaks the heading numbering or the note references.
 */
function resumed(blocks: Block[], last: number[] | undefined, lastRef: number | undefined): { order: number[]; moved: number; after: number } | undefined {
  const lower: number[] = [];
  const open: number[] = [];
  for (let k = 1; k < blocks.length; k++) {
    const a = blocks[k - 1]!;
    const b = blocks[k]!;
    if (!b.first) continue;
    if (STARTS_LOWER.test(b.first) && textLines(b) >= 2 && (ENDS_NOTED_SENTENCE.test(a.end) || (/:$/.test(a.end) && textLines(b) >= 3))) lower.push(k);
    if ((CAPITAL.test(b.first) || (k === blocks.length - 1 && NOTE_START.test(b.first))) && brokeOff(a) && !/^[•·▪–-]\s/.test(a.end) && textLines(a) >= 3) open.push(k - 1);
  }
  if (lower.length !== 1 || open.length !== 1 || lower[0]! >= open[0]!) return undefined;
  const [l, o] = [lower[0]!, open[0]!];
  const rest = blocks.map((_, k) => k).filter((k) => k !== l);
  const order = [...rest.slice(0, rest.indexOf(o) + 1), l, ...rest.slice(rest.indexOf(o) + 1)];
  const identity = blocks.map((_, k) => k);
  if (breaks(blocks, order, last) > breaks(blocks, identity, last) || refBreaks(blocks, order, lastRef) > refBreaks(blocks, identity, lastRef)) return undefined;
  return { order, moved: l, after: o };
}

/** Whether a block breaks off mid-sentence: its last line closes no clause and is a line of running text, of 30 characters or more. */
const brokeOff = (b: Block): boolean => !ENDS_CLAUSE.test(b.end) && b.end.length >= 30;

/** How many lines of text a block has (its empty lines aside). */
const textLines = (b: Block): number => b.texts.length;
