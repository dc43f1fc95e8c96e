import {
  type LineRole,
  diag,
  ENDS_CLAUSE,
  ENDS_SENTENCE,
  ENDS_NOTED_SENTENCE,
  hasLeadSpace,
  isBlank,
  lineAbove,
  nextText,
  SET_IN,
  setInFrom,
  STARTS_LOWER,
  textOf,
  type LineCtx,
  type Ln,
} from "./lines.ts";
import { isJoined, lastFill, measureOf } from "./measure.ts";

/** A block as found in the line stream, before its text is joined. */
export interface RawBlock {
  t: "para" | "heading" | "item" | "boxTitle";
  lines: Ln[];
  /** The text of each line, the first one without its bullet or number. */
  texts: string[];
  ordered?: boolean;
  /** The printed number of a numbered item or heading ("5.1"), or the bullet glyph. */
  marker?: string;
  /** Index of the box this block belongs to (boxes are numbered from 0). */
  box?: number;
  /** Set-apart text (pull quote, caption, byline, kicker) that floats beside the running text. */
  role?: LineRole;
  /** The block opens a page or column (its first line starts one) or an article (a drop cap): magazine.ts. */
  opens?: boolean;
  /** A heading's depth where layout evidence (its size and weight among the headings) decides it. */
  depth?: 1 | 2 | 3;
}

/**
 * An item by its printed label ("3.", "2)", "•", "a.", "(iv)") and the text after it. A number
 * numbers the list; a letter or a roman numeral, which the document model does not number
 * (`List.start` is a number), stays the first word of the item's text ("a. Stel een loket in …",
 * as the text readers keep it), where the text may refer to it ("de punten a en b"); any other
 * label is the item's bullet.
 */
export function labelledItem(label: string, text: string): Pick<RawBlock, "texts" | "ordered" | "marker"> {
  const bare = label.replace(/[.)(]/g, "").trim();
  if (/^\d{1,3}$/.test(bare)) return { texts: [text], ordered: true, marker: bare };
  if (/^(?:[a-z]|[ivx]{1,4})$/i.test(bare)) return { texts: [`${label.trim()} ${text}`], ordered: false, marker: "" };
  return { texts: [text], ordered: false, marker: label.trim() || "•" };
}

/**
 * Paragraphs that each open with a label numbered in sequence, the same words or digits before
 * the number and a colon after it ("2026-01: Het secretariaat …", "2026-02: De rapporteur …";
 * "Actie 3: …", "Actie 4: …"), three or more in a row: a list whose bullets the extraction lost
 * (a browser draws them). Their labels stay in their text, as the text writes them. Every
 * reader's blocks pass here (the list has no lead-in to tell it).
 */
export function labelledSequences(blocks: RawBlock[]): void {
  const labelOf = (b: RawBlock | undefined): { head: string; n: number } | undefined => {
    if (!b || b.t !== "para" || b.role) return undefined;
    const m = SEQUENCE_LABEL.exec(b.texts[0] ?? "");
    return m ? { head: m[1]!, n: Number(m[2]!) } : undefined;
  };
  for (let i = 0; i < blocks.length; ) {
    const first = labelOf(blocks[i]);
    let j = i + 1;
    for (let prev = first; first && j < blocks.length; j++) {
      const next = labelOf(blocks[j]);
      if (!next || next.head !== first.head || next.n !== prev!.n + 1 || blocks[j]!.box !== blocks[i]!.box) break;
      prev = next;
    }
    if (first && j - i >= 3) for (let k = i; k < j; k++) bulletless(blocks[k]!);
    i = first ? j : i + 1;
  }
}

/** A block made an item of a list whose bullets the extraction lost (no marker, not numbered). */
function bulletless(b: RawBlock): void {
  b.t = "item";
  b.marker = "";
  b.ordered = false;
}

/** A label numbered in a sequence at a paragraph's start: what comes before the number, the number, a colon. */
const SEQUENCE_LABEL = /^((?:\p{L}+ )?(?:[\p{L}\p{N}]*[-./]|\p{L}*))(\d{1,3}):\s+\S/u;

export interface SegmentOptions {
  doubleSpaced: boolean;
  /**
   * The extraction kept the page's layout (read/physical.ts): its lines carry their indents, and
   * its empty lines stand where the typesetter's gaps were wide enough, so an empty line ends a
   * block but a block may end without one.
   */
  physical?: boolean;
  /**
   * Whether a paragraph may run on across a page break. Not in a magazine,
   * where the text after a page break is as likely another column or article
   * (editorial corrections join what belongs together).
   */
  joinAcrossPages: boolean;
  /**
   * Whether a line opening with one space may be a bullet whose glyph was lost
   * (decided from the text when not given). Not in a magazine, where that
   * space opens a page or a column.
   */
  lostBullets?: boolean;
  /**
   * Whether a short question on a line of its own, between blocks, is a heading ("Wat gaat er
   * mis?"), as in advice and reports (default). Not in a magazine, where it is an interviewer's.
   */
  questionHeadings?: boolean;
  /**
   * The document's notes were taken from after its text (endnotes): the text's last block was
   * followed by them, set apart, as by an empty line.
   */
  endnotesAfter?: boolean;
}

const STRONG_BULLET = /^([■•▪●◦○‣➢►✓□])\s*(.*)$/u;
/** A bullet or a list number alone on its line: a marker the extraction set apart from its item. */
const BARE_MARK = /^(?:[■•▪●◦○‣➢►✓□]|\d{1,2}[.)])$/u;
const WEAK_BULLET = /^([-–*o])\s+(\S.*)$/u;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2})*)(\.|\))?(\s*)(\S.*)$/u;
/** A line that opens with a quantity, a number and a word in lower case: "62 melkkoeien", "1,2 miljoen euro". */
const QUANTITY = /^\d+(?:[.,]\d+)*\s+\p{Ll}/u;
const HEADING_START = /^[\p{Lu}‘“'"(]/u;
/** A line that opens on a label: one word in a capital and a colon, then text in lower case ("Besluit: het …"). */
const LABEL_START = /^\p{Lu}[\p{L}-]*: \p{Ll}/u;
/** A line that may open a block after a heading: a capital or a number, a quotation mark or bracket before it. */
const OPENS_BLOCK = /^[‘“'"(]?[\p{Lu}\p{N}]/u;
/**
 * A letter's valediction, a line of its own before the signature: "Hoogachtend,", "Met
 * vriendelijke groet,", "Yours sincerely,".
 */
const VALEDICTION = /^(?:hoogachtend|met (?:de meeste |vriendelijke |hartelijke |collegiale )?(?:hoogachting|groet(?:en)?)|vriendelijke groet(?:en)?|yours (?:sincerely|faithfully)|(?:kind|best) regards|sincerely),$/iu;
/** Labels of set-apart information boxes ("Informatieblok 1. …"). */
const BOX_TITLE = /^(informatieblok|kader|tekstkader|box)\s+\d+\b/iu;

interface Doc {
  lines: Ln[];
  /** A document whose lists lost their bullet glyphs in extraction (an item starts with one space). */
  lostBullets: boolean;
  /** Trailing white space tells a wrapped line from a line that ends a block. */
  trailingSpaceTells: boolean;
  /** The width of a full line (90th percentile of line lengths): a line well short of it ends its block. */
  width: number;
  /** The same per page, where a page has enough lines to tell (a title page, a page of notes differ). */
  pageWidth: Map<number, number>;
  /**
   * Paragraphs are separated by empty lines (half the lines that close a sentence short of the
   * measure have one after them): a short line without one is a line break inside a
   * paragraph, not its end. pdftotext sets no empty lines between paragraphs.
   */
  blankSeparated: boolean;
  /** Empty lines between all lines (spacing.ts): an empty line then does not end a paragraph. */
  doubleSpaced: boolean;
  /** The title printed at the top of the first page, its lines (titleBlock); empty where none is told. */
  title: Ln[];
  /** Numbered lines that continue the document's heading numbering (headingSequence). */
  headings: Set<Ln>;
  /** Glyphs of bullets found alone on their lines, whose items are still to come. */
  pendingItems: string[];
  /** Per page, the bare glyphs or numbers after its last text (closesPage): the markers of items above them. */
  glyphsAfter: Map<number, string[]>;
  /** The lines that are markers drawn after their page's text (a marker alone that only such markers follow on its page: closesPage). */
  trailingMarks: Set<number>;
  /** The pages that hold such lines, known before the lines are read. */
  markerPages: Set<number>;
  /** The line being started opens an item whose bullet the extraction lost (continues() found it). */
  bareItem?: boolean;
  /** The block before the one being continued. */
  blockBefore?: RawBlock;
  /** How many bare glyphs came in a row before the block being started: a list needs two. */
  bareRun: number;
  /** SegmentOptions.questionHeadings. */
  questionHeadings: boolean;
  /** Blocks of a letter's signature: those that follow its valediction (segment). */
  signature: Set<RawBlock>;
  /** Lines that are items of a list of short items whose bullets the extraction lost (shortItemRuns). */
  shortItems: Set<Ln>;
  /** Sentences run on over the page breaks (pagesFlow): a magazine's pages read in one flow. */
  pagesFlow: boolean;
  /** SegmentOptions.physical: the lines carry their indents (Ln.indent). */
  indents: boolean;
  /** Its paragraphs open with a first-line indent (firstLineIndents): a line at the edge goes on. */
  firstLineIndents: boolean;
}

function pageWidths(lines: Ln[], width: number): Map<number, number> {
  const byPage = new Map<number, Ln[]>();
  for (const l of lines) if (!isBlank(l)) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  const out = new Map<number, number>();
  for (const [p, ls] of byPage) if (ls.length >= 8) out.set(p, measureOf(ls, width));
  return out;
}

const firstWord = (t: string): string => t.split(" ")[0] ?? "";

/** The text of the next line with text after line `i`, if any. */
function textAfter(doc: Doc, i: number): string | undefined {
  const n = nextText(doc.lines, i);
  return n === undefined ? undefined : textOf(doc.lines[n.j]!);
}

/** The full line's length on a line's page (the document's where the page is too short to tell). */
const widthAt = (doc: Doc, l: Ln): number => doc.pageWidth.get(l.page) ?? doc.width;

/**
 * Whether the next line's first word would have fitted after `line` within `width` characters
 * (after its last printed line, where the extraction joined printed lines of a `measure`).
 */
const nextWordFits = (line: string, next: string, width: number, measure = width): boolean =>
  lastFill(line.length, measure) + 1 + firstWord(next).length <= width;

/**
 * How much of the measure a paragraph's first line holds where it closes a sentence: it may stand
 * in by an indent the extraction lost (a first-line indent is some 3 to 5 % of the measure), and
 * a paragraph of one line that fills the measure is rarer than a first line that does. Measured
 * on the repository's corpus (text modes, a paragraph's first line closing a sentence at 0.8 to
 * 1.1 of its page's full line): taken for the paragraph's end where the next word fits in 0.94 of
 * the measure, 54 of 347 such lines are read wrong; where it fits in the whole measure, 116.
 */
const FIRST_LINE_ROOM = 0.94;

/**
 * Whether a line ended well before the measure: the next line's first word
 * would have fitted on it, so the typesetter did not wrap there. The measure
 * is the longest line of the block so far or the page's full line, whichever
 * is longer; a paragraph's first line that closes a sentence holds
 * FIRST_LINE_ROOM of it where the extraction lost the lines' indents (not one
 * that closes on a colon, a lead-in, and not a line the extraction joined,
 * whose last printed line is no first line).
 */
function endedShort(prev: string, next: string, cur: RawBlock, l: Ln, doc: Doc): boolean {
  const w = widthAt(doc, l);
  const measure = Math.max(w, ...cur.texts.map((x) => x.length).filter((n) => !isJoined(n, w)));
  const first = !doc.indents && cur.t === "para" && cur.texts.length === 1 && !isJoined(prev.length, w) && !/[:;][’”'")]*\d{0,3}$/u.test(prev);
  return nextWordFits(prev, next, first ? FIRST_LINE_ROOM * measure : measure, measure);
}

function prevText(lines: Ln[], i: number): Ln | undefined {
  const j = lineAbove(lines, i);
  return j === undefined ? undefined : lines[j];
}

/** Documents where a lead space marks lost bullets: lead lines after a colon or in runs. */
function detectLostBullets(lines: Ln[]): boolean {
  let afterColon = 0;
  let runs = 0;
  lines.forEach((l, i) => {
    if (!hasLeadSpace(l) || i === 0) return;
    const p = prevText(lines, i);
    if (p && /:$/.test(textOf(p))) afterColon++;
    // two lead-space lines close together: a run of items, not page starts
    if (p && hasLeadSpace(p) && lines.slice(i - 3, i).includes(p)) runs++;
  });
  return afterColon >= 2 || runs >= 2;
}

/**
 * A bullet at the start of a line. A weak glyph (a dash, an asterisk, "o") opens an item after an
 * empty line or a clause end, or where the item before has the same glyph (a list of items
 * without closing punctuation goes on), or where the `next` line opens with the same glyph and
 * the line before does not go on (a comma, a hyphen, a word no sentence ends on): a list under
 * a heading or a label ("Feiten en cijfers" / "– Overslag …: 437 miljoen ton" / "– …").
 */
function bulletStart(t: string, prev: string | undefined, sawBlank: boolean, cur?: RawBlock, next?: string): { glyph: string; rest: string } | undefined {
  const s = STRONG_BULLET.exec(t);
  if (s) return { glyph: s[1]!, rest: s[2]! };
  const w = WEAK_BULLET.exec(t);
  const listFollows = (): boolean => next !== undefined && next.startsWith(`${w![1]} `) && prev !== undefined && !/[,-]$/.test(prev) && !RUNS_ON.test(prev);
  if (w && (sawBlank || prev === undefined || ENDS_CLAUSE.test(prev) || (cur?.t === "item" && cur.marker === w[1]) || listFollows())) return { glyph: w[1]!, rest: w[2]! };
  return undefined;
}

/**
 * Cut the line stream into blocks: paragraphs joined across hard wraps,
 * page breaks and the footnotes that interrupted them; bullet and numbered
 * items (also those whose glyph was lost); numbered and run-in headings;
 * information boxes. Decisions rest on the shape of the lines around:
 * sentence ends, capitals, blank lines, line length.
 */
export function segment(lines: Ln[], opts: SegmentOptions, ctx: LineCtx): RawBlock[] {
  const doc: Doc = {
    lines,
    lostBullets: opts.lostBullets ?? detectLostBullets(lines),
    trailingSpaceTells: trailingSpaceTells(lines),
    width: 0,
    pageWidth: new Map(),
    blankSeparated: false,
    headings: new Set(),
    title: [],
    pendingItems: [],
    glyphsAfter: new Map(),
    trailingMarks: new Set(),
    markerPages: new Set(),
    bareRun: 0,
    doubleSpaced: opts.doubleSpaced,
    questionHeadings: opts.questionHeadings ?? true,
    signature: new Set(),
    shortItems: new Set(),
    pagesFlow: false,
    indents: opts.physical === true,
    firstLineIndents: false,
  };
  doc.width = measureOf(lines);
  doc.pageWidth = pageWidths(lines, doc.width);
  doc.pagesFlow = opts.joinAcrossPages || pagesFlow(lines);
  doc.blankSeparated = !doc.indents && blankSeparated(doc);
  doc.firstLineIndents = doc.indents && firstLineIndents(lines);
  doc.headings = headingSequence(doc);
  doc.title = titleBlock(doc);
  doc.shortItems = shortItemRuns(doc);
  lines.forEach((l, i) => {
    if (!BARE_MARK.test(textOf(l)) || !closesPage(doc, i)) return;
    doc.trailingMarks.add(i);
    doc.markerPages.add(l.page);
  });
  const blocks: RawBlock[] = [];
  let cur: RawBlock | undefined;
  let prev: string | undefined;
  let prevLn: Ln | undefined;
  let sawBlank = false;
  let box = -1;
  let boxOpen = false;
  let boxHasContent = false;
  let interrupted = false;
  // (whether the line before was a marker drawn after its page's text: startBlock() took it)
  let afterMarkers = false;

  const push = (b: RawBlock): void => {
    if (boxOpen && b.t !== "boxTitle") {
      b.box = box;
      boxHasContent = true;
    }
    // (a paragraph after a letter's valediction, or after a line of its signature, is a line of
    // that signature, up to four of them)
    const before = blocks[blocks.length - 1];
    if (b.t === "para" && before && ((before.t === "para" && before.lines.length === 1 && VALEDICTION.test(before.texts[0]!)) || doc.signature.has(before)) && doc.signature.size < 4) doc.signature.add(b);
    doc.blockBefore = before;
    blocks.push(b);
    cur = b;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (isBlank(l)) {
      sawBlank = true;
      continue;
    }
    const t = textOf(l);
    if (l.role) {
      interrupted = true;
      // set-apart text floats: the paragraph it interrupts goes on after it
      const last = blocks[blocks.length - 1];
      if (l.glue && last?.role === l.role) {
        // a line set vertically, extracted a few letters a line: the letters belong together
        last.texts[0] += l.raw;
        last.lines.push(l);
        last.texts.push("");
      } else if (last?.role === l.role && !sawBlank && l.role === "pullquote") {
        last.lines.push(l);
        last.texts.push(t);
      } else blocks.push({ t: "para", lines: [l], texts: [l.glue ? l.raw : t], role: l.role });
      // a section head between two lines parts them as an empty line would (no hyphen join across it)
      sawBlank = l.role === "kicker";
      continue;
    }
    const wasInterrupted = interrupted;
    interrupted = false;
    // (markers drawn after a page's text follow one another without an empty line: "2." / "3.";
    // each is a marker, not the rest of the block above)
    const trailing = doc.trailingMarks.has(i);
    if (cur && !(trailing && afterMarkers) && continues(cur, prev!, prevLn!, l, t, i, sawBlank, opts, doc, wasInterrupted)) {
      afterMarkers = false;
      cur.lines.push(l);
      cur.texts.push(t);
      prev = t;
      prevLn = l;
      sawBlank = false;
      continue;
    }
    if (boxOpen && boxHasContent && (sawBlank || l.pageStart)) boxOpen = false;
    const b = startBlock(l, t, i, cur, prev, sawBlank, doc, ctx);
    // (a marker drawn after the page's text, taken for an item's above, is no line of the text:
    // the next page's first line follows the block's last, as if the markers were not there)
    if (!b && trailing) {
      afterMarkers = true;
      continue;
    }
    afterMarkers = false;
    if (b) {
      // (markers set apart that found no item before a heading were strays)
      if (b.t === "heading") doc.pendingItems.length = 0;
      if (b.t === "heading" && boxOpen && boxHasContent) boxOpen = false;
      if (b.t === "boxTitle") {
        box++;
        boxOpen = true;
        boxHasContent = false;
      }
      push(b);
    }
    prev = t;
    prevLn = l;
    sawBlank = false;
  }
  if (!doc.blankSeparated && !doc.doubleSpaced) bulletlessItems(blocks, lines, (l) => widthAt(doc, l), opts.endnotesAfter ?? false);
  const listed = doc.blankSeparated ? listsAfterLeadIns(blocks, (l) => widthAt(doc, l), (l) => spaceTellsWrap(doc, l)) : blocks;
  return doc.glyphsAfter.size ? itemsBeforeGlyphs(listed, doc.glyphsAfter, (l) => widthAt(doc, l), (l) => spaceTellsWrap(doc, l)) : listed;
}

/**
 * The items whose markers a typesetter drew after the page's text (WeasyPrint: the bullets or
 * numbers come out alone after the page's last line, `glyphsAfter`): on such a page, the
 * paragraphs after a lead-in that ends on a colon, or after an item (the list going on from the
 * page before), up to a heading or anything but a paragraph, are items, each taking the next
 * marker. The markers come in runs (the same glyph, or numbers counting up: "•" ×4 then "1." …
 * "4."), and a list ends where its run does, so the paragraphs after it stay paragraphs (lists of
 * the same glyph share a run). A paragraph that holds several items, cut where a line ended short
 * (itemsOf), gives them apart where that does not make more items than its run has markers left;
 * where it makes fewer, a line of one word that ended short ends an item too ("… bestaande
 * regelin-" / "gen." / "Er is te weinig …", "… door de regionale" / "mobiliteitsteams" / "betere
 * benutting …"), if that fills the run no further than its end (the run's markers tell that the
 * block holds more items: a justified line's lone word, which the cut needs no longer to rule out).
 * Items set as such already (listsAfterLeadIns), fewer in a row than the run's markers left, are
 * cut again so, each up to its share, and where that gives fewer than its share, at every line that
 * closes a sentence before a capital where that gives the share exactly (recommendations whose
 * lines fill the measure: "… wetgeving." / "Zorg dat … te financieren." / "Bescherm …").
 */
function itemsBeforeGlyphs(blocks: RawBlock[], glyphsAfter: Map<number, string[]>, widthAt: (l: Ln) => number, wraps: (l: Ln) => boolean): RawBlock[] {
  const out: RawBlock[] = [];
  // per page: its runs of markers, the run at hand and how many of its markers are taken
  const state = new Map<number, { runs: string[][]; run: number; used: number }>();
  blocks.forEach((b, at) => {
    const page = b.lines[0]!.page;
    const marks = glyphsAfter.get(page);
    if (marks && !state.has(page)) state.set(page, { runs: markerRuns(marks), run: 0, used: 0 });
    const st = state.get(page);
    const before = out[out.length - 1];
    if (!st || st.run >= st.runs.length) {
      out.push(b);
      return;
    }
    // (the run's next marker, the run spent after its last)
    const take = (): string => {
      const run = st.runs[st.run]!;
      const mark = run[st.used]!;
      if (++st.used >= run.length) [st.run, st.used] = [st.run + 1, 0];
      return mark;
    };
    const left = st.runs[st.run]!.length - st.used;
    // (an item set as one already takes its run's next marker, as its own where it had none; where
    // the items without a marker that follow it from here are fewer than the run's markers left,
    // it may hold more than one: it is cut again as a paragraph would be, and, where that gives
    // fewer than its share, at every line that closes a sentence before a capital where that
    // gives its share exactly)
    if (b.t === "item") {
      let parts = [b];
      if (b.marker === "") {
        let k = 1;
        while (blocks[at + k]?.t === "item" && blocks[at + k]!.marker === "" && blocks[at + k]!.lines[0]!.page === page) k++;
        const share = left - (k - 1);
        if (share > 1) {
          const loose = itemsOf({ ...b, t: "para" }, widthAt, wraps, "one word");
          if (loose.length > 1 && loose.length <= share) parts = loose;
          if (parts.length < share) {
            const sentences = itemsOf({ ...b, t: "para" }, widthAt, wraps, "sentences");
            if (sentences.length === share) parts = sentences;
          }
        }
      }
      for (const part of parts) {
        const mark = take();
        out.push(part.marker === "" ? { ...part, marker: mark, ordered: /^\d/.test(mark) } : part);
      }
      return;
    }
    const lead = isLeadIn(before) as boolean;
    if (b.t !== "para" || b.role || b.box !== undefined || !(lead || before?.t === "item")) {
      out.push(b);
      return;
    }
    // (after an item the list goes on only with its run's markers, or with the page's first run
    // where the item stands on the page before)
    if (!lead && st.used === 0 && before!.lines[0]!.page === page) {
      out.push(b);
      return;
    }
    let parts = itemsOf(b, widthAt, wraps);
    if (parts.length < left) {
      const loose = itemsOf(b, widthAt, wraps, "one word");
      if (loose.length > parts.length && loose.length <= left) parts = loose;
    }
    for (const part of parts.length > 1 && parts.length <= left ? parts : [b]) {
      const mark = take();
      out.push({ ...part, t: "item", marker: mark, ordered: /^\d/.test(mark) });
    }
  });
  return out;
}

/** A page's markers in runs: the same glyph again, or numbers that count up (one may be missing: a note's label took it). */
function markerRuns(marks: string[]): string[][] {
  const runs: string[][] = [];
  for (const m of marks) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    const goesOn = last !== undefined && (/^\d/.test(m) ? /^\d/.test(last) && parseInt(m, 10) > parseInt(last, 10) : m === last);
    if (run && goesOn) run.push(m);
    else runs.push([m]);
  }
  return runs;
}

/** A list's lead-in: a paragraph of running text (not set apart) whose last line ends on a colon. */
const isLeadIn = (b: RawBlock | undefined): b is RawBlock => !!b && b.t === "para" && !b.role && /:$/.test(b.texts[b.texts.length - 1] ?? "");

/** How many items a block after a lead-in is cut into at least (listsAfterLeadIns): a paragraph may end short before another. */
const LIST_AFTER_LEAD_IN = 3;

/**
 * A list whose bullets were not text, in a document whose paragraphs an empty line separates
 * (MuPDF sets a browser's list so): the block after a paragraph that ends on a colon, an empty
 * line between them, holds the items with no empty line among them, each opening a line. It is
 * cut where a line ended short (the next line's first word would have fitted in 0.9 of the
 * measure, as no wrapped line of running text does) and does not end on a comma, a hyphen or a
 * word no sentence ends on, or where a line closes on a semicolon before a line in lower case
 * (Dutch closes every item of such a list but the last so); not where the extraction marks a
 * wrapped line with a space at its end and the line has one; a line of one word neither opens
 * nor closes an item (an extraction of justified text may give a word a line), but for one that
 * closes a clause on a semicolon before a line in lower case ("… verslaglegging te" / "schrappen;"
 * / "het vergroten …"). Cut into
 * LIST_AFTER_LEAD_IN parts at least, each opening with a word or a quantity ("62 melkkoeien";
 * not a dash or a label: a list whose markers the reader missed), they are the list's items;
 * else the block stays as it was.
 */
function listsAfterLeadIns(blocks: RawBlock[], widthAt: (l: Ln) => number, wraps: (l: Ln) => boolean): RawBlock[] {
  const out: RawBlock[] = [];
  for (const b of blocks) {
    const lead = out[out.length - 1];
    const parts = isLeadIn(lead) && lead.box === b.box ? itemsOf(b, widthAt, wraps) : [];
    if (parts.length >= LIST_AFTER_LEAD_IN) out.push(...parts);
    else out.push(b);
  }
  return out;
}

/** The items a block after a lead-in holds (listsAfterLeadIns), or none where it is not cut. */
function itemsOf(b: RawBlock, widthAt: (l: Ln) => number, wraps: (l: Ln) => boolean, cut: "short" | "one word" | "sentences" = "short"): RawBlock[] {
  if (b.t !== "para" || b.role || b.lines.length < 2 || b.texts.length !== b.lines.length) return [];
  const cuts: number[] = [0];
  for (let k = 1; k < b.texts.length; k++) {
    const a = b.texts[k - 1]!;
    const t = b.texts[k]!;
    const w = widthAt(b.lines[k]!);
    const closed = /;$/.test(a) && STARTS_LOWER.test(t);
    const short = (nextWordFits(a, t, 0.9 * w, w) && !RUNS_ON.test(a) && !/[,-]$/.test(a)) || (cut === "sentences" && ENDS_SENTENCE.test(a) && /^\p{Lu}/u.test(t));
    // (cut "one word" or "sentences": a line of one word closes its item too, as one that closes a
    // clause on a semicolon always does: "… dubbele verslaglegging te" / "schrappen;" / "het …")
    const words = (a.includes(" ") || cut !== "short" || closed) && t.includes(" ");
    if ((closed || short) && words && !wraps(b.lines[k - 1]!)) cuts.push(k);
  }
  cuts.push(b.texts.length);
  // (each item opens with a word or a quantity: a block that opens with a dash or a label holds other items)
  if (cuts.slice(0, -1).some((k) => !/^[‘“'"(]?\p{L}{2}/u.test(b.texts[k]!) && !QUANTITY.test(b.texts[k]!))) return [];
  return cuts.slice(1).map((end, n) => ({ t: "item", lines: b.lines.slice(cuts[n], end), texts: b.texts.slice(cuts[n], end), marker: "", ordered: false, box: b.box }));
}

/**
 * A list whose bullets were not text (a browser draws them), its items starting with a capital:
 * after a paragraph that ends on a colon, two or more short blocks (at most three lines each, a
 * capital first, a clause end last) with no empty line among them, where an empty line, a
 * heading or the endnotes follow the last (the extraction sets the list apart as a block of its
 * own, not from the lead-in). Blocks whose lines stand back from the measure by the list's indent (two lines
 * or more, the longest at most 0.94 of the page's full line) count whatever their length, and
 * their run ends, and is closed, by a block of two lines or more that fills the measure again.
 * A run of three blocks at least, whatever their fill, is also closed by a paragraph longer than
 * each of them (four lines or more).
 */
function bulletlessItems(blocks: RawBlock[], lines: Ln[], widthAt: (l: Ln) => number, endnotesAfter: boolean): void {
  const at = new Map<Ln, number>();
  lines.forEach((l, i) => at.set(l, i));
  const first = (b: RawBlock): number => at.get(b.lines[0]!)!;
  const last = (b: RawBlock): number => at.get(b.lines[b.lines.length - 1]!)!;
  // (no empty line between two blocks, but the ones a page break leaves: the page's foot and head
  // were furniture, a list's lead-in may close one page and its items open the next)
  const tight = (a: RawBlock, b: RawBlock): boolean =>
    first(b) === last(a) + 1 || (lines[first(b)]!.page !== lines[last(a)]!.page && lines.slice(last(a) + 1, first(b)).every(isBlank));
  // (an item's lines stand back from the measure by the list's indent: its longest line is well
  // short of the page's full line, where a paragraph of that many lines fills one)
  const longest = (b: RawBlock): number => Math.max(...b.texts.map((t) => t.length)) / widthAt(b.lines[0]!);
  const indented = (b: RawBlock): boolean => b.lines.length >= 2 && longest(b) <= 0.94;
  // (a block that fills the measure again: two lines or more, the longest reaching it)
  const fills = (b: RawBlock): boolean => b.lines.length >= 2 && longest(b) > 0.96;
  const itemLike = (b: RawBlock | undefined): b is RawBlock =>
    !!b && b.t === "para" && !b.role && b.box === undefined && (b.lines.length <= 3 || indented(b)) && /^\p{Lu}/u.test(b.texts[0] ?? "") && /[.;!?][’”'")]*$/u.test(b.texts[b.texts.length - 1] ?? "");
  for (let i = 0; i < blocks.length; i++) {
    const lead = blocks[i]!;
    if (!isLeadIn(lead)) continue;
    let j = i + 1;
    // (items that stand back from the measure end at a block that fills it)
    const ends = (b: RawBlock): boolean => indented(blocks[i + 1]!) && fills(b);
    while (itemLike(blocks[j]) && tight(blocks[j - 1]!, blocks[j]!) && !ends(blocks[j]!)) j++;
    // (or, three items at least, whatever their fill, by a paragraph longer than any of them: four
    // lines or more)
    let k = i + 1;
    while (itemLike(blocks[k]) && tight(blocks[k - 1]!, blocks[k]!)) k++;
    const next = blocks[k];
    const longer = k - (i + 1) >= 3 && !!next && next.t === "para" && !next.role && next.lines.length >= 4 && blocks.slice(i + 1, k).every((b) => b.lines.length < next.lines.length);
    if (longer) j = k;
    if (j - (i + 1) < 2) continue;
    const after = blocks[j];
    // (or, where the items stand back from the measure, by a paragraph that fills it again)
    const items = blocks.slice(i + 1, j);
    const back = items.every(indented) && !!after && after.t === "para" && fills(after);
    // (the document's end closes a list where endnotes followed it, set apart as by an empty line)
    const closed = (!after && endnotesAfter) || (!!after && after.t === "heading") || isBlank(lines[last(blocks[j - 1]!) + 1]) || back || longer;
    if (!closed) continue;
    for (let k = i + 1; k < j; k++) bulletless(blocks[k]!);
    i = j - 1;
  }
}

/** Whether heading number `q` is `p`'s sibling after next ("3" → "5", "2.1" → "2.3"). */
function skipsOne(p: number[], q: number[]): boolean {
  return q.length === p.length && q.slice(0, -1).every((x, k) => p[k] === x) && q[q.length - 1] === p[p.length - 1]! + 2;
}

/**
 * Whether the line at `n` is the second line of a heading whose first ended on a comma: it goes on
 * in lower case, short, closing no clause (a closing quote may end it), and a capital follows.
 */
function commaRunsOn(doc: Doc, n: { j: number; blank: boolean }): boolean {
  if (n.blank) return false;
  const nt = textOf(doc.lines[n.j]!);
  if (!STARTS_LOWER.test(nt) || nt.length > 60 || /[.,;:!?]$/.test(bare(nt))) return false;
  return blockAfter(doc, n.j) !== undefined;
}

/** How many short lines in a row after a lead-in make a list of short items (shortItemRuns). */
const SHORT_ITEMS = 3;

/**
 * The lines of lists of short items whose bullets the extraction lost (a
 * browser draws its list markers, they are no text): after a line that
 * closes on a colon (the list's lead-in), a run of three lines or more, each
 * at most half the measure and none closing a sentence but the last. A
 * paragraph has one line that short, its last; so each line of such a run is
 * an item of its own, in lower case ("geduld", "eerlijke feedback") or not
 * ("Achterhoek (5,1%)"). A line that opens with a capital and ends short of
 * the measure (0.9 of it) on no comma, hyphen or word no sentence ends on,
 * the next line not going on in lower case, counts as short too: a wrapped
 * line of running text is full, and the next rarely opens with a capital.
 * After a label (a short line in a capital that closes no clause, after a
 * sentence's end or an empty line: "Feiten en cijfers"), such a run of
 * capitalised lines is a list as well: headings do not follow each other
 * three times over. Not where the extraction set
 * the lines apart with empty lines (each is a block of its own there), not a
 * line the headings' numbering or a bullet claims, and not where the lead-in
 * is one word or a line of the run a word alone that no sentence ends on (a
 * justified line the extraction gave a word a line each).
 */
function shortItemRuns(doc: Doc): Set<Ln> {
  const items = new Set<Ln>();
  if (doc.blankSeparated || doc.doubleSpaced) return items;
  const lines = doc.lines;
  // (the title printed at the top of the first page is no lead-in, nor a list: lines after it are)
  const after = doc.title.length ? lines.indexOf(doc.title[doc.title.length - 1]!) + 1 : 0;
  for (let i = after; i < lines.length; i++) {
    // (a lead-in of one word, or a word alone that no sentence ends on in the run, is a justified
    // line the extraction gave a word a line each: "factoren:" / "schulden," / "armoede," / "en")
    const lead = textOf(lines[i]!);
    if (isBlank(lines[i]) || !lead.includes(" ")) continue;
    const colon = /:$/.test(lead);
    if (!colon && !isLabel(doc, i)) continue;
    const run: Ln[] = [];
    let words = true;
    for (let n = nextText(lines, i), after: typeof n; n !== undefined; n = after) {
      const l = lines[n.j]!;
      const t = textOf(l);
      const w = widthAt(doc, l);
      after = nextText(lines, n.j);
      // (a line the next goes on from in lower case is a wrapped line of running text)
      const goesOn = after !== undefined && STARTS_LOWER.test(textOf(lines[after.j]!));
      const capital = /^\p{Lu}/u.test(t) && t.length <= 0.9 * w && !/[,-]$/.test(t) && !RUNS_ON.test(` ${t}`) && !goesOn;
      if (l.role || doc.headings.has(l) || !(capital || (colon && t.length <= 0.5 * w)) || bulletStart(t, undefined, true, undefined) || NUMBERED.test(t)) break;
      // (a list after a colon may close on a full stop; after a label, a sentence is the text that follows)
      if (!colon && ENDS_SENTENCE.test(t)) break;
      if (RUNS_ON.test(` ${t}`)) words = false;
      run.push(l);
      if (ENDS_SENTENCE.test(t)) break;
    }
    if (words && run.length >= SHORT_ITEMS) for (const l of run) items.add(l);
  }
  return items;
}

/** A label over a list: a short line in a capital that closes no clause, after a sentence's end or an empty line. */
function isLabel(doc: Doc, i: number): boolean {
  const l = doc.lines[i]!;
  const t = textOf(l);
  if (l.role || !/^\p{Lu}/u.test(t) || t.length > 0.5 * widthAt(doc, l) || ENDS_CLAUSE.test(t) || /[,-]$/.test(t)) return false;
  const j = lineAbove(doc.lines, i);
  return j !== undefined && (j < i - 1 || ENDS_SENTENCE.test(textOf(doc.lines[j]!)));
}

/** The next line of text after line `i`, where it may open a block (OPENS_BLOCK). */
function blockAfter(doc: Doc, i: number): { j: number; blank: boolean } | undefined {
  const after = nextText(doc.lines, i);
  return after !== undefined && OPENS_BLOCK.test(textOf(doc.lines[after.j]!)) ? after : undefined;
}

/** Whether heading number `q` may follow `p`: the next sibling, a first child, or the next of an ancestor. */
export function follows(p: number[] | undefined, q: number[]): boolean {
  if (!p) return true;
  if (q.length === p.length + 1 && q[q.length - 1] === 1 && p.every((x, k) => q[k] === x)) return true;
  if (q.length > p.length) return false;
  return q.slice(0, -1).every((x, k) => p[k] === x) && q[q.length - 1] === p[q.length - 1]! + 1;
}

/**
 * The document's heading numbering, from evidence across the whole text: of
 * the lines that could be numbered headings (a number, then a capital, on a
 * line that ends short of the measure or before an empty line), the longest
 * run in reading order in which each number follows the one before (2 → 3,
 * 2 → 2.1, 2.3 → 3). Numbered list items that sit in a run 1, 2, 3 a few
 * lines apart are no candidates, so a list does not pass for chapters, and a
 * heading still counts when the line before it does not end a sentence.
 */
function headingSequence(doc: Doc): Set<Ln> {
  const cands: { l: Ln; num: number[] }[] = [];
  doc.lines.forEach((l, i) => {
    if (isBlank(l)) return;
    const t = textOf(l);
    const m = NUMBERED.exec(t);
    if (!m || !(m[2] || m[3]) || !HEADING_START.test(m[4]!) || t.length > 120 || /;$/.test(t)) return;
    const n = nextText(doc.lines, i);
    // (a line that ends on a comma is a heading's only where its second line follows: "4 Vaststelling
    // van het advies over arbeidsmigratie ‘Eerlijk werk," / "fatsoenlijk wonen’")
    if (/,$/.test(t) && !(n && commaRunsOn(doc, n))) return;
    if (n && !n.blank && !nextWordFits(t, textOf(doc.lines[n.j]!), 0.88 * widthAt(doc, l), widthAt(doc, l))) return;
    const num = m[1]!.split(".").map(Number);
    if ((numberedListAround(doc, i, num[num.length - 1]!, undefined, num.length) || numberBefore(doc, i, num[num.length - 1]!, num.length)) && m[2]) return;
    cands.push({ l, num });
  });
  // longest chain (dynamic programming over the candidates in reading order); a number the chain
  // passes over (a heading not told as one: "1 2 3 _ 5 6 7 8") counts half a step, so that the
  // chain goes on over it rather than start anew
  const best: number[] = cands.map(() => 1);
  const from: number[] = cands.map(() => -1);
  for (let b = 0; b < cands.length; b++)
    for (let a = 0; a < b; a++) {
      const step = follows(cands[a]!.num, cands[b]!.num) ? 1 : skipsOne(cands[a]!.num, cands[b]!.num) ? 0.5 : 0;
      if (step > 0 && best[a]! + step > best[b]!) {
        best[b] = best[a]! + step;
        from[b] = a;
      }
    }
  let end = best.indexOf(Math.max(0, ...best));
  const out = new Set<Ln>();
  for (; end >= 0; end = from[end]!) out.add(cands[end]!.l);
  return out;
}

function blankSeparated(doc: Doc): boolean {
  let short = 0;
  let blank = 0;
  doc.lines.forEach((l, i) => {
    const n = nextText(doc.lines, i);
    if (isBlank(l) || !n) return;
    const t = textOf(l);
    const next = textOf(doc.lines[n.j]!);
    const w = widthAt(doc, l);
    // a short sentence end before a full line: a paragraph ends there (an empty line before a
    // heading, a list or a note zone says nothing of how paragraphs are separated)
    if (!ENDS_SENTENCE.test(t) || !nextWordFits(t, next, 0.88 * w, w) || next.length < 0.7 * w) return;
    short++;
    if (n.blank) blank++;
  });
  return short > 0 && blank / short >= 0.5;
}

/** Whether the line wrapped by its trailing space, where the extraction marks wraps so (trailingSpaceTells). */
const spaceTellsWrap = (doc: Doc, l: Ln): boolean => doc.trailingSpaceTells && /\s$/.test(l.raw);

function trailingSpaceTells(lines: Ln[]): boolean {
  const text = lines.filter((l) => !isBlank(l));
  const trailing = text.filter((l) => /\s$/.test(l.raw)).length;
  return text.length > 0 && trailing / text.length < 0.9;
}

function continues(cur: RawBlock, prev: string, prevLn: Ln, l: Ln, t: string, i: number, sawBlank: boolean, opts: SegmentOptions, doc: Doc, interrupted = false): boolean {
  if (cur.t === "boxTitle") return false;
  if (doc.shortItems.has(l)) {
    doc.bareItem = true;
    return false;
  }
  if (doc.title.length && cur.lines[0] === doc.title[0]) return doc.title.includes(l);
  if (cur.t === "heading") {
    // (a word broken at a heading line's end goes on on the next line, however long that line:
    // "3 Conceptadvies over de verduurzaming van de gebouwde om-" / "geving en de gevolgen …")
    if (!sawBlank && cur.lines.length < 3 && /\p{L}-$/u.test(prev) && STARTS_LOWER.test(t)) return true;
    const open = (cur.texts.join(" ").match(/\(/g) ?? []).length > (cur.texts.join(" ").match(/\)/g) ?? []).length;
    if (cur.marker !== undefined && !sawBlank && cur.lines.length < 3 && open && t.length <= 60 && /\)$/.test(t)) return true;
    // a numbered heading may run on to a short second line: "voeren beleid", "(R/2999)"
    // so may an unnumbered one (a title over two lines), when the line goes on in lower case
    // and is itself no sentence
    if (cur.marker === undefined && !sawBlank && cur.lines.length < 3 && !hasLeadSpace(l) && (STARTS_LOWER.test(t) || RUNS_ON.test(prev)) && t.length <= 60 && !/[.,;:]$/.test(t) && !/[.,;:!?]$/.test(prev))
      return true;
    // a numbered heading whose line ends on a word no title ends on goes on, also with a line
    // that opens with a number, "… de uitgaven daaraan in" / "2024", or with a capital where the
    // line ends short and text follows: "… verspreiding van AI in" / "Nederlandse organisaties gevorderd?";
    // and whatever its line ends on, with a line that holds a year or a span of years alone, no
    // paragraph of its own: "… voor zorg en welzijn in de periode" / "2021–2025"
    if (cur.marker !== undefined && !sawBlank && cur.lines.length < 3 && (RUNS_ON.test(prev) || (YEARS.test(t) && !ENDS_CLAUSE.test(prev))) && /^[\p{N}\p{Lu}]/u.test(t) && t.length <= 50 && !numberedHeadingLine(t) && (!ENDS_CLAUSE.test(t) || /\p{L}\?$/u.test(t)) && (/^\p{N}/u.test(t) || closesHeading(doc, i, l, t))) return true;
    // (a heading of the numbering whose first line ended on a comma goes on: headingSequence)
    if (cur.marker !== undefined && cur.lines.length === 1 && doc.headings.has(cur.lines[0]!) && /,$/.test(prev) && commaRunsOn(doc, { j: i, blank: sawBlank })) return true;
    return (
      cur.marker !== undefined &&
      !sawBlank &&
      cur.lines.length < 3 &&
      t.length <= 50 &&
      (STARTS_LOWER.test(t) || (t.startsWith("(") && !ENDS_CLAUSE.test(t.slice(0, -1)))) &&
      (!ENDS_SENTENCE.test(prev) || t.startsWith("(")) &&
      !/[,;:]$/.test(prev)
    );
  }
  // a letter's close: its valediction is a line of its own, and so is each line of the signature
  // under it that ends short of the measure (a name and function: "de voorzitter van de raad,
  // drs. A.M. Verhoeven" / "de algemeen secretaris, …")
  if (cur.t === "para" && cur.lines.length === 1 && VALEDICTION.test(prev)) return false;
  if (doc.signature.has(cur) && nextWordFits(prev, t, 0.9 * widthAt(doc, l), widthAt(doc, l))) return false;
  if (bulletStart(t, prev, sawBlank, cur, textAfter(doc, i)) || bareNumber(doc, t, cur) !== undefined) return false;
  // bullets set apart from their items (bare glyphs before the text): each promises one item,
  // and the next begins at a sentence end or after a semicolon
  // (or where a line ended short: the next word would have fitted in 0.9 of the measure, an item
  // being indented, and the line does not end on a word no sentence ends on; where the extraction
  // joined printed lines, whose last one's fill is an estimate, only before a capital)
  if (doc.pendingItems.length > 0) {
    // (the first text after them opens their first item, unless it is the rest of the item before
    // them, broken off: it goes on in lower case from a line that closed no clause, and the item
    // cannot have ended there: a page break lies between, its line ends on a broken word or on a
    // word no sentence ends on, or more than one marker alone stands between, as pdfminer sets a
    // list's other bullets after its first line: "• meer leerwerkplekken … voor de op-" / "•" /
    // "•" / "leidingsfondsen …"; items in lower case that close no clause, each after its own
    // marker, are common on one page)
    if (BARE_MARK.test(prev)) {
      const last = cur.texts[cur.texts.length - 1]!;
      const broken = cur.lines[cur.lines.length - 1]!.page !== l.page || /\p{L}-$/u.test(last) || RUNS_ON.test(last) || marksAbove(doc, i) > 1;
      return cur.t === "item" && broken && STARTS_LOWER.test(t) && !ENDS_CLAUSE.test(last);
    }
    const w = widthAt(doc, l);
    const short = !RUNS_ON.test(prev) && nextWordFits(prev, t, 0.9 * w, w) && (!isJoined(prev.length, w) || /^\p{Lu}/u.test(t));
    // (an item in lower case that closes on a semicolon is closed, however full its line: Dutch
    // closes every item of such a list but the last so; an item that opens a sentence may hold one)
    const closed = /;$/.test(prev) && STARTS_LOWER.test(cur.texts[0] ?? "");
    if (cur.t === "item" && ((ENDS_SENTENCE.test(prev) && /^[\p{Lu}‘“'"(]/u.test(t)) || short || closed)) return false;
  }
  if (doc.headings.has(l)) return false;
  // (in a magazine a page break ends the block, unless its pages read in one flow and the page
  // goes on from a paragraph's line that closed no clause: in lower case, or after a word no
  // sentence ends on; an item's line in lower case there may open the next item)
  if (l.pageStart && !opts.joinAcrossPages && !(doc.pagesFlow && cur.t === "para" && runsOver(prev, t))) return false;
  if (/[\p{L}]-$/u.test(prev) && /^\p{L}/u.test(t) && (!sawBlank || STARTS_LOWER.test(t))) return true;
  if (hasLeadSpace(l)) {
    if (doc.lostBullets && /;$/.test(t) && /[;:]$/.test(prev)) return false;
    // a numbered heading that opens a page ("3. Valkuilen en kansen …") is no page-break continuation
    if (numberedHeadingLine(t)) return false;
    return !ENDS_CLAUSE.test(prev) && (STARTS_LOWER.test(t) || /^\d/.test(t));
  }
  if (!sawBlank) {
    const m = NUMBERED.exec(t);
    // (a number that a word in lower case follows is a quantity, no list number: "62 melkkoeien
    // en 35 stuks jongvee"; after a colon or in a list whose bullets were lost, it may open an
    // item, as a line in lower case does below)
    const bulletless = cur.t === "item" && cur.marker === "";
    const quantity = QUANTITY.test(t) && (/:$/.test(prev) || bulletless);
    if (m && (m[2] || m[3]) && !quantity) {
      // the next number of the list, or a numbered line after a clause end
      if (nextNumber(cur, m[1]!)) return false;
      if (ENDS_CLAUSE.test(prev) && (HEADING_START.test(m[4]!) || /:$/.test(prev))) return false;
    }
    // a line that closes a clause well short of the measure ended its block (no empty line
    // needed: pdftotext sets none between paragraphs); a trailing space, where the extraction
    // marks wraps with one, says it wrapped all the same
    const wrapped = doc.blankSeparated || doc.doubleSpaced || spaceTellsWrap(doc, prevLn);
    // where the extraction kept the lines' indents, a line set in further than the line before
    // it, after a clause end or a colon, opens a block: a paragraph's first line, or after the
    // colon an item of a list whose markers are not text; a line set back out after two lines
    // or more set in alike closes their run (a first-line indent is one line)
    // (the line opens as a block may, or goes on in lower case, as an item may)
    if (doc.indents && (ENDS_CLAUSE.test(prev) || /:$/.test(prev)) && (OPENS_BLOCK.test(t) || /^\p{Ll}/u.test(t))) {
      const deeper = setInFrom(l, prevLn);
      const before = cur.lines.length >= 2 ? cur.lines[cur.lines.length - 2]! : undefined;
      if (deeper >= SET_IN) {
        if (/:$/.test(prev)) doc.bareItem = true;
        return false;
      }
      if (deeper <= -SET_IN && before && Math.abs(setInFrom(before, prevLn)) < SET_IN) return false;
    }
    // pdftotext -raw breaks a line after a raised note number: the rest of that line follows on
    // a line of its own, and the two together fill no more than the measure (and, after a
    // sentence end, fill most of it: a short rest there is a heading or paragraph of its own)
    const together = prev.length + 1 + t.length;
    if (/[\p{L}.,;:)’”]\d{1,3}$/u.test(prev) && together <= 1.05 * widthAt(doc, l) && (!ENDS_CLAUSE.test(prev) || together >= 0.75 * widthAt(doc, l))) return true;
    // (not in a paragraph of a document whose paragraphs open with a first-line indent, where
    // the line is not set in: there the indent tells, and the fill of a justified line does not)
    const atEdge = doc.firstLineIndents && cur.t === "para" && !l.indent;
    if (!wrapped && !quantity && !atEdge && ENDS_CLAUSE.test(prev) && /^[\p{Lu}\p{N}‘“'"(€]/u.test(t) && endedShort(prev, t, cur, l, doc)) return false;
    // a list whose bullets the extraction lost (a browser's list markers are not text): after a
    // line that ends on a colon short of the measure, each line that goes on in lower case (or
    // with a quantity) after a line that ended short (the next word would have fitted in 0.9 of
    // the measure) opens an item; not a line that opens with a conjunction, and not where a
    // line holds one word (an extraction of justified text may give a word a line) unless that
    // word closes a clause with a colon or semicolon, as the last word of an item or of a
    // list's lead-in does, or would not have fitted on the line before it: the typesetter
    // wrapped it there
    const lineBefore = cur.texts.length >= 2 ? cur.texts[cur.texts.length - 2]! : undefined;
    const wrappedWord = lineBefore !== undefined && !nextWordFits(lineBefore, prev, 0.9 * widthAt(doc, l), widthAt(doc, l));
    // (in such a list, a line that closes on a semicolon closes its item, however full: Dutch
    // closes every item but the last so; and an item opens after a colon however full its line
    // where the lines after it close two clauses or more on a semicolon, each followed by a line
    // in lower case, and then one on a full stop: the punctuation Dutch gives such a list's items)
    const closesItem = bulletless && /;$/.test(prev);
    if (!wrapped && (STARTS_LOWER.test(t) || quantity) && !/^(?:en|of|maar|want|dus|dan)\b/.test(t) && t.includes(" ") && (prev.includes(" ") || /[;:]$/.test(prev) || wrappedWord) && (/:$/.test(prev) || (bulletless && !RUNS_ON.test(prev) && !/,$/.test(prev))) && (closesItem || nextWordFits(prev, t, 0.9 * widthAt(doc, l), widthAt(doc, l)) || (/:$/.test(prev) && (semicolonList(doc, i) || shortLineList(doc, i, widthAt(doc, l)))))) {
      doc.bareItem = true;
      return false;
    }
    // a line that ends on a comma so far short of the measure that the next line's first two
    // words would have fitted on it was broken on purpose: a salutation ("Geachte
    // staatssecretaris,"), a line of an address
    if (!wrapped && /,$/.test(prev) && /^\p{Lu}/u.test(t) && lastFill(prev.length, widthAt(doc, l)) + 1 + t.split(" ").slice(0, 2).join(" ").length < 0.8 * widthAt(doc, l)) return false;
    // a line that opens on a label, a word in a capital and a colon before text in lower case
    // ("Besluit: het verslag wordt …", "Actie: …"), after a sentence end, opens a block: a
    // sentence of running text seldom opens so at a line's start (this tells where the line
    // before ended too full to tell by its fill)
    if (!wrapped && LABEL_START.test(t) && ENDS_SENTENCE.test(prev)) return false;
    // on a page that draws its list markers after its text, a line that closes on a colon before
    // one that opens with a capital is a list's lead-in, however full: its items follow
    if (/:$/.test(prev) && /^[‘“'"(]?\p{Lu}/u.test(t) && doc.markerPages.has(l.page)) return false;
    // a heading on a line of its own after a sentence end
    // (a note mark glued to the sentence end counts: "… verdubbelen.6" / "Aanbevelingen")
    if (!wrapped && ENDS_NOTED_SENTENCE.test(prev) && runInHeading(doc, i, l, t)) return false;
    // double-spaced: a short line closing a sentence ends its paragraph
    if (opts.doubleSpaced && prevLn.gapAfter && /^\p{Lu}/u.test(t) && prev.length < 0.75 * doc.width && ENDS_CLAUSE.test(prev)) return false;
    // an item ends at a line well short of the full width, or (double-spaced) at a sentence end
    if (cur.t === "item" && /^[‘“'"(]?\p{Lu}/u.test(t)) {
      // (or, where neither empty lines nor trailing spaces tell wraps, at a line that ended short:
      // the next word would have fitted in 0.9 of the measure, an item being indented, and the
      // line does not end on a word no sentence ends on, also where the item closes no sentence)
      const short = lastFill(prev.length, widthAt(doc, l)) < 0.6 * doc.width || (!wrapped && nextWordFits(prev, t, 0.9 * widthAt(doc, l), widthAt(doc, l)) && !RUNS_ON.test(prev));
      if (short && !/:$/.test(prev)) return false;
      // (the last item of a list whose bullets were lost, after an item that closed on a
      // semicolon, closes the list on a full stop, however full its line)
      const itemBefore = doc.blockBefore;
      if (bulletless && itemBefore?.t === "item" && itemBefore.marker === "" && /;$/.test(itemBefore.texts[itemBefore.texts.length - 1] ?? "") && /[.!?][’”'")]*$/u.test(prev)) return false;
      if (opts.doubleSpaced && prevLn.gapAfter && /[.!?)%\d]$/.test(prev)) return false;
    }
    return true;
  }
  // a bullet whose glyph was lost is often followed by an empty line before its continuation
  // (not where the item closed on a semicolon: the next item follows)
  // (not where the extraction kept the indents and the line stands out from the item's: text after the list)
  if (cur.t === "item" && cur.marker === "" && cur.lines.length === 1 && !hasLeadSpace(l) && !/[.!?…;][’”'")\]]*$/.test(prev) && !(doc.indents && setInFrom(cur.lines[0]!, l) >= SET_IN)) return true;
  // (in a magazine, a capital after set-apart text that interrupted a clause opens other text: a caption)
  if (/,$/.test(prev)) return opts.joinAcrossPages || !interrupted || STARTS_LOWER.test(t);
  // a sentence does not end on a conjunction: "… pouwel@… of" / "Nico Bernts: …"
  if (/\s(?:en|of)$/.test(prev)) return true;
  // in a magazine, a short line whose next word would have fitted on it (the next line shows the
  // measure) was no wrap: display text (a title, a label) set beside a column that goes on below it
  if (!opts.joinAcrossPages && prev.length < 0.6 * t.length && prev.length + 1 + (t.split(" ")[0] ?? "").length <= t.length) return false;
  return !ENDS_CLAUSE.test(prev) && STARTS_LOWER.test(t);
}

/**
 * Whether the document's paragraphs open with a first-line indent, as LaTeX sets them: three
 * lines or more set in by a few spaces (at most eight) after a line that closes a clause, that
 * open with a capital and are followed by a line at the edge (the paragraph goes on under them).
 */
function firstLineIndents(lines: Ln[]): boolean {
  let seen = 0;
  let prev: Ln | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (isBlank(l)) continue;
    const next = lines[i + 1];
    if (prev && (l.indent ?? 0) >= SET_IN && l.indent! <= 8 && ENDS_CLAUSE.test(textOf(prev).trim()) && /^[‘“'"(]?\p{Lu}/u.test(textOf(l).trim()) && next && !isBlank(next) && !next.indent) seen++;
    prev = l;
  }
  return seen >= 3;
}

/**
 * Whether the lines from line i on read as the items of a list punctuated the Dutch way: two
 * lines or more that close on a semicolon, the line after each in lower case, then a line that
 * closes on a full stop, with no empty line between them (twenty lines at most).
 */
function semicolonList(doc: Doc, i: number): boolean {
  let semicolons = 0;
  for (let j = i; j < doc.lines.length && j < i + 20; j++) {
    const l = doc.lines[j]!;
    if (isBlank(l)) return false;
    const t = textOf(l);
    if (/;$/.test(t)) {
      const n = doc.lines[j + 1];
      if (!n || isBlank(n) || !STARTS_LOWER.test(textOf(n))) return false;
      semicolons++;
    } else if (ENDS_SENTENCE.test(t)) return semicolons >= 2;
  }
  return false;
}

/** Whether a page that opens with `t` goes on with the sentence of `prev`, the last line of the page before. */
const runsOver = (prev: string, t: string): boolean => !ENDS_CLAUSE.test(prev) && (STARTS_LOWER.test(t) || RUNS_ON.test(prev));

/**
 * Whether a document's pages read in one flow: of the page breaks after a line that closed no
 * clause, half or more go on with its sentence (runsOver). A magazine whose pages hold several
 * articles, columns, boxes and captions, in whatever order its extraction gives them, ends a page
 * mid-sentence before text that goes on elsewhere; one article set in one column runs on.
 */
function pagesFlow(lines: Ln[]): boolean {
  let open = 0;
  let goes = 0;
  lines.forEach((l, i) => {
    if (!l.pageStart || isBlank(l)) return;
    const p = prevText(lines, i);
    if (!p || ENDS_CLAUSE.test(textOf(p))) return;
    open++;
    if (runsOver(textOf(p), textOf(l))) goes++;
  });
  return open > 0 && goes / open >= 0.5;
}

/**
 * Whether the lines from line i on read as the items of a list set one to a line: lines that go
 * on in lower case with no empty line between them, two or more ending so far short of the
 * measure (`w`) that the next line's first word would have fitted in 0.9 of it (an item is
 * indented), on no word no sentence ends on and on no comma, and none but the last closing a
 * sentence (twenty lines at most). Wrapped prose ends no line short before the next goes on.
 */
function shortLineList(doc: Doc, i: number, w: number): boolean {
  let short = 0;
  for (let j = i; j < doc.lines.length && j < i + 20; j++) {
    const t = textOf(doc.lines[j]!);
    const n = doc.lines[j + 1];
    if (!n || isBlank(n) || !STARTS_LOWER.test(textOf(n))) break;
    if (ENDS_SENTENCE.test(t)) return false;
    if (nextWordFits(t, textOf(n), 0.9 * w, w) && !RUNS_ON.test(t) && !/,$/.test(t)) short++;
  }
  return short >= 2;
}

/** A short line that reads as a numbered heading: number, then a capital, no sentence end. */
function numberedHeadingLine(t: string): boolean {
  const m = NUMBERED.exec(t);
  return m !== null && (m[2] !== undefined || m[3] !== "") && HEADING_START.test(m[4]!) && t.length <= 80 && !ENDS_CLAUSE.test(t);
}

/** Whether `marker` ("3", "2.4") is the number after the current ordered item's. */
function nextNumber(cur: RawBlock | undefined, marker: string): boolean {
  if (cur?.t !== "item" || !cur.ordered || !cur.marker) return false;
  const pm = cur.marker.split(".");
  const m = marker.split(".");
  return pm.length === m.length && Number(m[m.length - 1]) === Number(pm[pm.length - 1]) + 1 && pm.slice(0, -1).join(".") === m.slice(0, -1).join(".");
}

function numberedListAround(doc: Doc, i: number, n: number, cur: RawBlock | undefined, depth: number): boolean {
  if (cur?.t === "item" && cur.ordered && cur.marker) {
    const pm = cur.marker.split(".");
    if (pm.length === depth && Number(pm[pm.length - 1]) === n - 1) return true;
  }
  // the next number must follow before a new block of other text begins
  let blank = false;
  for (let j = i + 1, seen = 0; j < doc.lines.length && seen < 6; j++) {
    const l = doc.lines[j]!;
    if (isBlank(l)) {
      blank = true;
      continue;
    }
    seen++;
    const m = NUMBERED.exec(textOf(l));
    if (m && (m[2] || m[3]) && Number(m[1]!.split(".").pop()) === n + 1 && m[1]!.split(".").length === depth) return true;
    if (blank && !STARTS_LOWER.test(textOf(l))) return false;
  }
  return false;
}

/**
 * Whether the block just above line `i` opens with the number before `n` at the same depth, within
 * six lines of text and one empty line: the list's last item ("1. Investeer …" / "2. Zorg voor een
 * vaste financiering."), which no next number follows.
 */
function numberBefore(doc: Doc, i: number, n: number, depth: number): boolean {
  let blanks = 0;
  for (let j = i - 1, seen = 0; j >= 0 && seen < 6; j--) {
    const l = doc.lines[j]!;
    if (isBlank(l)) {
      if (seen > 0 && ++blanks > 1) return false;
      continue;
    }
    seen++;
    const m = NUMBERED.exec(textOf(l));
    if (m && (m[2] || m[3])) return Number(m[1]!.split(".").pop()) === n - 1 && m[1]!.split(".").length === depth;
  }
  return false;
}

/** How many markers alone stand right above line `i` (empty lines between them aside). */
function marksAbove(doc: Doc, i: number): number {
  let n = 0;
  for (let j = lineAbove(doc.lines, i); j !== undefined && BARE_MARK.test(textOf(doc.lines[j]!)); j = lineAbove(doc.lines, j)) n++;
  return n;
}

/**
 * Whether an item's marker stands alone on the line with text above the item's first line: its
 * glyph ("•"), or an ordered item's number with its point or bracket ("2." over "Projectmatige …").
 */
function markerAbove(doc: Doc, item: RawBlock): boolean {
  const j = lineAbove(doc.lines, doc.lines.indexOf(item.lines[0]!));
  if (j === undefined) return false;
  const t = textOf(doc.lines[j]!);
  return item.ordered ? t === `${item.marker}.` || t === `${item.marker})` : t === item.marker;
}

/** Whether the block before is the item of the number before `n`, that number set apart above it. */
function itemOfNumberBefore(doc: Doc, cur: RawBlock | undefined, n: string): boolean {
  return cur?.t === "item" && cur.ordered === true && Number(cur.marker) + 1 === Number(n) && markerAbove(doc, cur);
}

/** Whether `glyph` stands alone again on the first line with text after the lines of text from `i` on (within twelve lines). */
function glyphAgain(doc: Doc, i: number, glyph: string): boolean {
  let j = i + 1;
  while (j < doc.lines.length && j <= i + 12 && !isBlank(doc.lines[j]) && textOf(doc.lines[j]!) !== glyph) j++;
  while (j < doc.lines.length && isBlank(doc.lines[j])) j++;
  return j < doc.lines.length && j <= i + 14 && textOf(doc.lines[j]!) === glyph;
}

/**
 * A list number alone on its line ("1.", "2)") that comes in order: the first, or the one after the
 * number before it, alone too, or after the item that a number alone on the line above opened
 * (numbers and items in turn, "1." / "Versnippering …" / "2." / "Projectmatige …", as MuPDF sets a
 * LibreOffice list).
 */
function bareNumber(doc: Doc, t: string, cur: RawBlock | undefined): string | undefined {
  const n = /^(\d{1,2})[.)]$/.exec(t)?.[1];
  if (n === undefined) return undefined;
  if (doc.bareRun > 0) return Number(doc.pendingItems[doc.pendingItems.length - 1]) + 1 === Number(n) ? n : undefined;
  return n === "1" || itemOfNumberBefore(doc, cur, n) ? n : undefined;
}

/**
 * Whether line `i`, a bare glyph, is in a run of bare glyphs that closes its page: no text after it
 * on that page but other bare glyphs (the page known: form feeds, or inferred).
 */
function closesPage(doc: Doc, i: number): boolean {
  const page = doc.lines[i]!.page;
  for (let j = i + 1; j < doc.lines.length; j++) {
    const l = doc.lines[j]!;
    if (isBlank(l)) continue;
    if (l.page !== page || l.pageStart) return true;
    if (!BARE_MARK.test(textOf(l))) return false;
  }
  return true;
}

/** Whether the list number `n` stands alone ("n." or "n)") on the first line with text after the lines of text from `i` on. */
function numberAgain(doc: Doc, i: number, n: number): boolean {
  return glyphAgain(doc, i, `${n}.`) || glyphAgain(doc, i, `${n})`);
}

function startBlock(
  l: Ln,
  t: string,
  i: number,
  cur: RawBlock | undefined,
  prev: string | undefined,
  sawBlank: boolean,
  doc: Doc,
  ctx: LineCtx,
): RawBlock | undefined {
  // (taken at once, so that a block another branch opens does not leave it to a later line)
  const bareItem = doc.bareItem;
  doc.bareItem = false;
  if (l === doc.title[0]) return { t: "heading", lines: [l], texts: [t] };
  // (glyphs or numbers alone after the last text of their page are the markers of items above
  // them, which the typesetter drew after their text, as WeasyPrint does; not of the next page's blocks)
  if (doc.trailingMarks.has(i)) {
    diag(ctx, "info", "normalise:empty-item", "a list marker without text after its page's last text: taken for the marker of an item above", l);
    doc.glyphsAfter.set(l.page, [...(doc.glyphsAfter.get(l.page) ?? []), t.replace(/[.)]$/, "")]);
    return undefined;
  }
  // (a number alone, "1." or "2)", is a numbered list's marker set apart the same way, where it
  // comes in order: the first, or the one after the marker before)
  const bare = bareNumber(doc, t, cur);
  if (bare !== undefined) {
    diag(ctx, "info", "normalise:empty-item", "a number without text: the next block, if any, is taken for its item", l);
    doc.pendingItems.push(bare);
    doc.bareRun++;
    return undefined;
  }
  const bullet = bulletStart(t, prev, sawBlank, cur, textAfter(doc, i));
  if (bullet) {
    if (!bullet.rest.trim()) {
      // a glyph alone: the extraction set the bullets apart from their items, which follow
      diag(ctx, "info", "normalise:empty-item", "a bullet without text: the next block, if any, is taken for its item", l);
      doc.pendingItems.push(bullet.glyph);
      doc.bareRun++;
      return undefined;
    }
    return { t: "item", lines: [l], texts: [bullet.rest], ordered: false, marker: bullet.glyph };
  }
  // (one bare glyph alone is a stray, not a list, unless glyph and item alternate: the item before
  // came from the same glyph alone on the line above it, or the same glyph stands alone again right
  // after this block's lines, as pdftotext's default mode sets a bullet apart from an item of
  // several lines: "•" / "a. Stel …" / "netcongestie, …" / "•" / "b. Maak …"; an empty bullet
  // under items whose glyphs stand with their text is a stray still; so is a number alone, unless
  // numbers and items alternate so: the next number stands alone after this block's lines, or the
  // item before is the number before's, whose number stood alone above it)
  const pending = doc.pendingItems[0];
  if (doc.bareRun === 1 && pending !== undefined) {
    const alternate = /^\d+$/.test(pending)
      ? itemOfNumberBefore(doc, cur, pending) || numberAgain(doc, i, Number(pending) + 1)
      : (cur?.t === "item" && cur.marker === pending && markerAbove(doc, cur)) || glyphAgain(doc, i, pending);
    if (!alternate) doc.pendingItems.length = 0;
  }
  doc.bareRun = 0;
  const glyph = doc.pendingItems.shift();
  if (glyph !== undefined && !doc.headings.has(l)) return { t: "item", lines: [l], texts: [t], ordered: /^\d/.test(glyph), marker: glyph };
  if (BOX_TITLE.test(t)) return { t: "boxTitle", lines: [l], texts: [t] };
  const num = NUMBERED.exec(t);
  // (a quantity that opens a bulletless item is no list number, even where the next item's
  // quantity happens to follow it: "1 dag per week …" / "2 jaar om …")
  if (num && (num[2] || num[3]) && !(bareItem && QUANTITY.test(t))) {
    const marker = num[1]!;
    const depth = marker.split(".").length;
    const n = Number(marker.split(".").pop());
    const rest = num[4]!;
    const list = numberedListAround(doc, i, n, cur, depth);
    if (doc.headings.has(l)) return { t: "heading", lines: [l], texts: [t], marker };
    if (!list && num[3] && HEADING_START.test(rest) && !/[,;:]$/.test(t) && t.length <= 200 && !(ENDS_SENTENCE.test(t) && !headingRunsOn(doc, i)))
      return { t: "heading", lines: [l], texts: [t], marker };
    if (list || num[2]) return { t: "item", lines: [l], texts: [rest], ordered: true, marker };
  }
  if (bareItem) return { t: "item", lines: [l], texts: [t], ordered: false, marker: "" };
  // where the extraction kept the lines' indents, a line set in further than a line before it
  // that ends on a colon (an empty line between or not) or than the heading it follows (where
  // paragraphs do not open with a first-line indent) opens an item of a list whose markers are
  // not text ("Actiepunten" / set-in lines), and so does a line set in as far as such an item's
  // first line after it
  if (doc.indents && cur && (l.indent ?? 0) >= SET_IN) {
    const setIn = setInFrom(l, cur.lines[cur.lines.length - 1]!) >= SET_IN;
    // (under a heading, not a line of words whose sentence goes on at the edge on the next line:
    // that is a paragraph's first line set in, as a list's item's lines stand in alike)
    const goesOnAtEdge = (): boolean => {
      const n = nextText(doc.lines, i);
      return !!n && !n.blank && (doc.lines[n.j]!.indent ?? 0) < SET_IN && !ENDS_CLAUSE.test(t) && /\p{L}\S*\s+\S/u.test(t);
    };
    const opens = (setIn && (/:$/.test(prev ?? "") || (cur.t === "heading" && !doc.firstLineIndents && !goesOnAtEdge()))) || (cur.t === "item" && cur.marker === "" && Math.abs(setInFrom(cur.lines[0]!, l)) < SET_IN);
    if (opens && !runInHeading(doc, i, l, t)) return { t: "item", lines: [l], texts: [t], ordered: false, marker: "" };
  }
  // an item whose bullet was lost that closed on a semicolon promises another: after a page
  // break or an empty line, a line that goes on in lower case is that item
  if (cur?.t === "item" && cur.marker === "" && /;$/.test(prev ?? "") && STARTS_LOWER.test(t) && !/^(?:en|of|maar|want|dus|dan)\b/.test(t) && t.includes(" "))
    return { t: "item", lines: [l], texts: [t], ordered: false, marker: "" };
  if (hasLeadSpace(l) && doc.lostBullets && cur && (prev?.endsWith(":") || (cur.t === "item" && cur.marker === "") || cur.t === "heading") && !runInHeading(doc, i, l, t))
    return { t: "item", lines: [l], texts: [t], ordered: false, marker: "" };
  if (runInHeading(doc, i, l, t, doc.questionHeadings)) return { t: "heading", lines: [l], texts: [t] };
  return { t: "para", lines: [l], texts: [t] };
}

/** A numbered heading's line: "2 Ontwikkelingen …", "3.1. Van …". */
const NUMBERED_HEADING = /^\d{1,2}(?:\.\d{1,2})*\.?\s+[\p{Lu}‘“'"(]/u;

/** A line that ends on a question mark, closing quotes or brackets after it. */
const ASKS = /\?[’”'")]*$/;

/**
 * A line that ends on a word no sentence ends on: an article, "te", "van", a conjunction, or a
 * name's particle after the line's first word, its surname on the next line ("mevrouw De" / "Vries").
 */
const NEVER_ENDS = /\s(?:de|een|te|van|en|of)$|\S\s(?:De|Van|Den|Der|Ter|Ten)$/u;
/** A line that ends on a word no sentence or title ends on: an article, a preposition, a conjunction. */
const RUNS_ON = /\s(?:en|of|de|het|een|van|voor|in|op|over|met|tot|bij|naar|aan|om|door|uit|te|als|dat|die)$/u;
/** A year, or a span of years, alone on a line ("2024", "2021–2025", "2026-2030"). */
const YEARS = /^(?:19|20)\d\d(?:\s?[–-]\s?(?:(?:19|20)\d\d|\d\d))?$/u;
/** A title line that goes on on the next line: it ends on a hyphen, comma, colon or a word no title ends on. */
const TITLE_GOES_ON = new RegExp(`(?:[\\p{L}][-,:]|[–—])$|${RUNS_ON.source}`, "u");

/**
 * The document's title as printed at the top of its first page, set in a
 * larger size over one to three lines: the first lines of the text, each but
 * the last going on into the next (it ends on a hyphen, comma, colon or a word
 * no title ends on, or the next line goes on in lower case or is a short line
 * that opens with a number and closes no clause), the last closing
 * no sentence and ending short of the measure (the next line's first word would
 * have fitted), the text after it opening with a capital; 200 characters and
 * 30 words at most. A numbered line or a bullet is no title.
 */
function titleBlock(doc: Doc): Ln[] {
  let i = doc.lines.findIndex((l) => !isBlank(l) && !l.role);
  if (i < 0) return [];
  // (a header block's title, found by its place in the block, is the title as it stands)
  if (doc.lines[i]!.title) {
    const out: Ln[] = [];
    for (let j = i; doc.lines[j]?.title; j++) out.push(doc.lines[j]!);
    return out;
  }
  const first = textOf(doc.lines[i]!);
  if (!/^[‘“'"]?\p{Lu}/u.test(first) || STRONG_BULLET.test(first) || WEAK_BULLET.test(first)) return [];
  const out: Ln[] = [];
  for (let k = 0; k < 3; k++) {
    const l = doc.lines[i]!;
    out.push(l);
    const n = nextText(doc.lines, i);
    if (!n) return [];
    const t = textOf(l);
    const nt = textOf(doc.lines[n.j]!);
    // (a year or a number range goes on a title where it closes no sentence: "… ontwikkelingen" / "2021–2025 en …")
    if (STARTS_LOWER.test(nt) || TITLE_GOES_ON.test(t) || (/^\p{N}/u.test(nt) && !NUMBERED_HEADING.test(nt) && nt.length <= 60 && !/[.;:!,]$/.test(nt))) {
      i = n.j;
      continue;
    }
    const all = out.map(textOf).join(" ");
    if (/[.;!]$/.test(t) || /[,:]$/.test(t) || !OPENS_BLOCK.test(nt)) return [];
    if (all.length > 200 || all.split(" ").length > 30) return [];
    if (!nextWordFits(t, nt, 0.9 * widthAt(doc, l), widthAt(doc, l))) return [];
    return out;
  }
  return [];
}

function headingRunsOn(doc: Doc, i: number): boolean {
  const n = doc.lines[i + 1];
  return n !== undefined && !isBlank(n) && textOf(n).startsWith("(") && textOf(n).length <= 50;
}

/**
 * A line's end without what may stand after its closing punctuation: a closing quotation mark or
 * bracket ("… zo’n goed project.”") or a note mark glued to it ("… schijnzelfstandigheid.4").
 */
const bare = (t: string): string => t.replace(/(?<=[.,;:!?…])\d{1,3}$/u, "").replace(/(?<=[.!?…])[’”"')]+$/u, "");

/** Whether a heading's line `t` may be its last: it ends short of the measure, and a block opens after it. */
function closesHeading(doc: Doc, i: number, l: Ln, t: string): boolean {
  const after = blockAfter(doc, i);
  return after !== undefined && endsShort(doc, l, t, after);
}

/**
 * Whether a heading's (last) line may end there: it is not a line of running text the
 * typesetter wrapped, one that fills over three quarters of the measure, not more than all of
 * it, and either nine tenths of it or so much that the next line's first word would not have
 * fitted. In a narrow column every line of running text is short of 60 characters. A line an
 * empty line ends says nothing of its fill, nor does one wider than the measure (a heading set
 * across columns).
 */
function endsShort(doc: Doc, l: Ln, t: string, n: { j: number; blank: boolean }): boolean {
  const w = widthAt(doc, l);
  return n.blank || t.length <= 0.75 * w || t.length > w || (t.length < 0.9 * w && nextWordFits(t, textOf(doc.lines[n.j]!), w));
}

/**
 * An unnumbered heading on a line of its own: short, no closing punctuation, a sentence follows.
 * With `question`, where the line is known to stand between blocks (the block before ended short
 * of the measure), a question mark may close it: a one-line question that opens a section, the
 * text after it running on in full lines.
 */
function runInHeading(doc: Doc, i: number, l: Ln, t: string, question = false): boolean {
  const asked = question && /\p{L}\?$/u.test(t);
  const n = nextText(doc.lines, i);
  if (!n) return false;
  const next = doc.lines[n.j]!;
  const nt = textOf(next);
  // (a line that wrapped where the next line's first word would still have fitted in 0.85 of the
  // measure, the next line going on in lower case, was set to a narrower measure than the text's,
  // in larger type: a heading's first line may then be longer, up to 16 words on a line that ends
  // well short of the measure)
  const w = widthAt(doc, l);
  const display = !n.blank && STARTS_LOWER.test(nt) && t.split(" ").length >= 3 && nextWordFits(t, nt, 0.85 * w, w);
  // (a question heading may be longer: up to 14 words on a line that ends well short of the measure)
  // (a longer line, up to 14 words, may head a section where it ends well short of the measure:
  // the next line's first word would have fitted in 0.85 of it)
  const long = !n.blank && t.split(" ").length <= 14 && t.length <= 0.75 * w && nextWordFits(t, nt, 0.85 * w, w);
  // (a heading's first line may fill the measure where a second line of a few words goes on from
  // it in lower case and closes nothing, no paragraph ending without punctuation, and where the
  // first holds no comma between clauses, as a sentence that lost its full stop does: "Waarom …
  // kunnen vinden, is de" / "vraag")
  const secondShort = !doc.blankSeparated && !n.blank && STARTS_LOWER.test(nt) && nt.split(" ").length <= 4 && nt.length <= 0.5 * w && !/[.,;:!?…]$/.test(bare(nt)) && !/,\s/.test(t);
  if (asked ? t.length > 0.85 * w || t.split(" ").length > 14 : display || secondShort ? t.split(" ").length > 16 : (t.length > 60 || t.split(" ").length > 10) && !long) return false;
  if (!/^[‘“'"]?\p{Lu}/u.test(t)) return false;
  // (a line that closes a sentence and opens the next is running text: "Ze zijn niet de enigen. Het aantal …")
  if (/\p{Ll}{2}\.[’”'")]*\s+[‘“'"(]?\p{Lu}/u.test(t)) return false;
  // (a word broken at the line's end goes on on the next line: "… naar bus-" / "chauffeur")
  // (and ends the heading well short of the measure, on a word a title may end on)
  const broken = !n.blank && /\p{L}-$/u.test(t) && STARTS_LOWER.test(nt) && nt.length <= 0.6 * widthAt(doc, next) && !RUNS_ON.test(` ${nt}`) && !NEVER_ENDS.test(` ${nt}`);
  if (/[.,;:!?…\-–]$/.test(bare(t)) && !asked && !broken) return false;
  // a line that ends on a conjunction or holds an e-mail address runs on: no heading
  if (/\s(?:en|of)$/.test(t) || /\S@\S/.test(t)) return false;
  // a trailing space tells a wrapped line, but not on a line an empty line ends (single-spaced text)
  if (doc.trailingSpaceTells && /\S\s+$/.test(l.raw) && !(n.blank && !doc.doubleSpaced)) return false;
  // (a question opens a section where the text after it runs on in full lines; a run of short
  // questions, or one question answered by another line, is running text)
  if (asked) {
    const before = prevText(doc.lines, i);
    if (nt.length < 0.7 * widthAt(doc, next) || ASKS.test(nt) || (before && ASKS.test(textOf(before)))) return false;
  }
  // a list whose bullets were lost may follow at once, starting in lower case
  if (doc.lostBullets && !n.blank && hasLeadSpace(next)) return true;
  // a heading over two lines: the second goes on in lower case, is no sentence, and text follows
  // (where empty lines separate the blocks, a heading has one after it and needs no such guess)
  // (also in upper case or with a number, where the first ends on a word no title ends on: "…
  // de verspreiding van AI in" / "Nederlandse organisaties gevorderd?"; a line that ends on a
  // word no sentence ends on heads nothing where no such second line follows)
  const goesOn = RUNS_ON.test(t) || NEVER_ENDS.test(t);
  if (!doc.blankSeparated && !n.blank && (STARTS_LOWER.test(nt) || (goesOn && /^[\p{Lu}\p{N}]/u.test(nt))) && !hasLeadSpace(next) && nt.length <= 60 && !/[.,;:]$/.test(bare(nt))) {
    return closesHeading(doc, n.j, next, nt);
  }
  if (NEVER_ENDS.test(t)) return false;
  if (!endsShort(doc, l, t, n)) return false;
  // (a list may follow a heading of a few words at once: "Actielijst" / "• 2026-01: …")
  return OPENS_BLOCK.test(nt) || (STRONG_BULLET.test(nt) && t.split(" ").length <= 4);
}
