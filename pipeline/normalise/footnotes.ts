import { fullLine } from "./measure.ts";
import { BACK_LINK, diag, ENDS_CLAUSE, ENDS_SENTENCE, isBlank, lineAbove, nextText, SET_IN, setInFrom, STARTS_LOWER, textOf, type LineCtx, type Ln } from "./lines.ts";

/**
 * A page's first note run into the page's last line of text: pdftotext's
 * default mode joins a line that ends on a hyphen with the next line, and
 * where the text breaks off mid-word at the page's foot, the next line is
 * the first note ("… in dit verband gewe4 Centraal Bureau voor …"). Such a
 * line is cut in two where a number follows a letter in lower case (glued,
 * or after a space where the extraction set one: "… zonder Neder 2 De …") and a
 * capital follows it (and a space), past 0.75 of the measure (the printed
 * line before the join was full), where the text above on the page carries
 * that number as a note mark and, within the next three lines of text, the
 * next note opens or the page ends. The text gets its line-end hyphen back,
 * so the word joins its rest on the next page; each cut is reported.
 */
export function splitGluedNoteStarts(lines: readonly Ln[], width: number, ctx: LineCtx): Ln[] {
  const out: Ln[] = [];
  let pageFrom = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.pageStart) pageFrom = out.length;
    // (the note's number glued to the broken word, or set off from it by a space)
    const m = isBlank(l) || l.role ? null : /(?<=\p{Ll}) ?(\d{1,3}) (?=[\p{Lu}‘“"'(])/u.exec(l.raw);
    if (m && m.index - (l.raw.length - l.raw.trimStart().length) >= 0.75 * width) {
      const n = m[1]!;
      const at = m.index + m[0].indexOf(n);
      const above = [...out.slice(pageFrom).map(textOf), l.raw.slice(0, m.index)].join("\n");
      // (within the note's next few lines: the next note's number, or the page's end)
      const opensNext = new RegExp(`^${Number(n) + 1}(?:\\s|(?=\\p{Lu}))`, "u");
      let nextNote = false;
      for (let j = i + 1, seen = 0; seen <= 3; j++) {
        if (j >= lines.length || lines[j]!.pageStart) {
          nextNote = true;
          break;
        }
        if (isBlank(lines[j])) continue;
        seen++;
        if (opensNext.test(textOf(lines[j]!))) {
          nextNote = true;
          break;
        }
      }
      if (hasRef(above, n) && nextNote) {
        out.push({ ...l, raw: `${l.raw.slice(0, m.index)}-` }, { ...l, raw: l.raw.slice(at), pageStart: false });
        diag(ctx, "info", "normalise:note-split", `note ${n} read apart from the line of text it was joined to: "…${l.raw.slice(Math.max(0, m.index - 12), m.index)}-" / "${n} …"`, l);
        continue;
      }
    }
    out.push(l);
  }
  return out;
}

/** A footnote as found at a page bottom, before its text is joined. */
export interface RawNote {
  /** The label as printed ("1"). */
  label: string;
  /** Which numbering run the note belongs to (numbering restarts per chapter). */
  run: number;
  lines: Ln[];
}

/**
 * A note's first line: its number, then its text, with a space or glued ("4Wet …", as
 * pdftotext gives superscripts), or the number alone with the text on the lines after it.
 */
const NOTE_START = /^(\d{1,3})(?:\s+|(?=[\p{L}“‘"'(]))(\S.*)$|^(\d{1,3})$/u;
/** A note's first line in a document that prints a full stop after each note's number ("2. Klimaatakkoord, …"). */
const DOTTED_NOTE_START = /^(\d{1,3})\.\s+(\S.*)$|^(\d{1,3})\.$/u;
/** An endnote's first line may also carry a full stop after its number ("1. Zie …", as browsers print them). */
const ENDNOTE_START = /^(\d{1,3})(?:[.)]?\s+|(?=[\p{L}“‘"'(]))(\S.*)$|^(\d{1,3})$/u;

/**
 * A year closing a sentence before a glued note mark: "… 1 januari 2028.1 Uit …". Not a decimal:
 * Dutch writes those with a comma, and a point before three digits is a thousands point.
 */
const YEAR_END = "(?<=(?<![\\p{N}.,])(?:19|20)\\d\\d\\.)";

/** Note mark `mark` (the label, with the space before it where set off) after such a year, before a new sentence or the line's end. */
const afterYear = (mark: string): string => `${YEAR_END}${mark}(?![\\p{N}])(?=\\s+[\\p{Lu}‘“"']|\\s*$)`;

/**
 * A number glued to the end of a word or punctuation mark: "analyses1", "zorg.2", "voorstellen:4",
 * "voorwaarden?4"; not to a word of one to three capitals, which is a code: "B1", "A2", "CO2".
 */
export function gluedRefPattern(label: string): RegExp {
  return new RegExp(`(?<=[\\p{L}.,:;!?)’”'])(?<!\\p{N}[.,:])(?<!(?:^|[\\s(/])\\p{Lu}{1,3})${label}(?![\\p{N}])(?=[\\s,.;:)]|$)|${afterYear(label)}`, "u");
}

/**
 * A note number set off by a space after a punctuation mark, as some
 * extractions give a superscript ("volgen. 1 Tegelijk", "45,2%. 4 Het",
 * "(A2). 8 De", after a year closing a sentence: "april 2027. 12 Eerdere"): a second choice,
 * tried only where the glued form is not found. The space is part of the match.
 */
export function spacedRefPattern(label: string): RegExp {
  return new RegExp(`(?<=[\\p{L}%)’”][.,:;!?)’”]) ${label}(?![\\p{N}])(?=\\s|$)|${afterYear(` ${label}`)}`, "u");
}

/** Whether text carries a reference to note `label`, glued or set off. */
export function hasRef(text: string, label: string): boolean {
  return gluedRefPattern(label).test(text) || spacedRefPattern(label).test(text);
}

interface Cand {
  i: number;
  n: number;
}

/** The label of a note that starts at line i, if one does: a lone number only where text follows it. */
function noteStart(lines: readonly Ln[], i: number, start: RegExp): string | undefined {
  const l = lines[i]!;
  if (/^\s/.test(l.raw)) return undefined;
  const m = start.exec(textOf(l));
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1];
  for (let j = i + 1; j < lines.length && j <= i + 2; j++) if (!isBlank(lines[j])) return /^\d+$/.test(textOf(lines[j]!)) ? undefined : m[3];
  return undefined;
}

function candidates(lines: readonly Ln[], from: number, to: number, start: RegExp): Cand[] {
  const out: Cand[] = [];
  for (let i = from; i < to; i++) {
    const label = noteStart(lines, i, start);
    if (label !== undefined) out.push({ i, n: Number(label) });
  }
  return out;
}

/**
 * A numbered line that reads as a heading rather than a note: short (under
 * 60 characters), ending on no punctuation, holding no sentence end before
 * another sentence, its number set off by a space,
 * and followed by a line that starts with a capital or a number set off by a
 * space or a point ("3 Knelpunten" above "3.1 Financiering"; not above "2025:
 * wachttijden …", a note's second line).
 */
function headingLike(lines: readonly Ln[], i: number): boolean {
  const t = textOf(lines[i]!);
  if (firstChildFollows(lines, i)) return true;
  // (a number glued to its text is a note's: a heading sets a space after its number)
  if (/^\d{1,3}\p{L}/u.test(t)) return false;
  if (t.length >= 60 || /[.,;:)\]’”"'!?]$/u.test(t) || /^\d+$/.test(t)) return false;
  // (a line that closes one sentence and opens the next is a note's: "1 HR 24 maart 2023, … (Deliveroo). De")
  if (/[\p{L})\]’”]\.\s+\p{Lu}/u.test(t)) return false;
  let j = nextText(lines, i)?.j;
  if (j === undefined) return false;
  // (where the extraction kept the indents, a line set in further than the line under it opens a
  // paragraph, as a note's first line does, "   1 Adviesaanvraag van …" / "Ruimtelijke Ordening …":
  // a heading over two lines sets both alike)
  if (setInFrom(lines[i]!, lines[j]!) >= SET_IN) return false;
  // (a heading over two lines: the second goes on in lower case and closes nothing, the rest of
  // a word broken at the first line's end or a short line: "2 Het beeld van de regionale ar-" /
  // "beidsmarkt")
  const second = textOf(lines[j]!);
  if (STARTS_LOWER.test(second) && !/[.,;:)\]’”"'!?]$/u.test(second) && (/\p{L}-$/u.test(t) ? second.length < 60 : second.length <= 40)) j = nextText(lines, j)?.j;
  return j !== undefined && /^(?:\p{Lu}|\d+(?:\.\d+)*\.?\s)/u.test(textOf(lines[j]!));
}

/**
 * Whether the numbered line at i is followed within its next three lines by
 * its own first subsection ("3 Ontwikkelingen in beleid en" / "regelgeving" /
 * "3.1 Van het STAP-budget …"): the numbering of headings, not of notes.
 */
function firstChildFollows(lines: readonly Ln[], i: number): boolean {
  const n = /^(\d{1,3})\s/.exec(textOf(lines[i]!))?.[1];
  if (n === undefined) return false;
  const child = new RegExp(`^${n}\\.1\\.?\\s+\\S`);
  for (let j = i + 1, seen = 0; j < lines.length && seen < 3; j++) {
    if (isBlank(lines[j])) continue;
    seen++;
    if (child.test(textOf(lines[j]!))) return true;
  }
  return false;
}

/** A line that opens a block of running text, never a note's continuation: a bullet, a numbered item. */
const BODY_START = /^(?:[•■▪●◦○‣➢►✓□–-]\s|\d{1,2}[.)]\s+[\p{Lu}‘“'"(])/u;

/**
 * Split lines from a note's first line on into notes: each next number opens
 * the next note, other lines run on. The notes end at the end of the range, or
 * where running text resumes (as the next column does after a column's notes):
 * at a line that opens a block of text (a bullet, a numbered item) unless the
 * note introduced a list (a colon) or is in one (a semicolon), or, where
 * the text above broke off mid-sentence (`open`), at a line in lower case after
 * a note that closed its sentence, at a numbered heading after a note that
 * closed its sentence or address, or at the next number where it opens a
 * numbered heading and is not `known` as a note mark in the text above. Where
 * the notes end at a heading or at the next note's mark, running text resumed
 * at the first line in a capital after a note had closed, if there is one, or
 * at the line with that mark itself where it follows a note that closed.
 */
function chain(lines: readonly Ln[], from: number, to: number, start: RegExp, run: number, open = false, known: (label: string) => boolean = () => true): { notes: RawNote[]; end: number } {
  const notes: RawNote[] = [];
  const displaced: Ln[] = [];
  const loose = new Set<Ln>();
  let next = -1;
  let resume: { i: number; note: number; keep: number } | undefined;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (isBlank(l)) continue;
    const label = noteStart(lines, i, start);
    // (the next number on a numbered heading whose number no text above carries as a mark is
    // the next column's first heading, after the notes under the first: "2 De opgave in de …")
    if (label !== undefined && next !== -1 && Number(label) === next && headingLike(lines, i) && !known(label)) return done(i);
    // (a number after a note's line that ends on a word no sentence ends on goes on with it, as a
    // browser sets a justified note word by word: "1. Kamerbrief" / "van" / "2" / "oktober")
    const runsOn = notes.length > 0 && RUNS_ON.test(textOf(notes[notes.length - 1]!.lines.at(-1)!)) && /^\d{1,3}(?:$|\s+\p{Ll})/u.test(textOf(l));
    if (label !== undefined && (next === -1 || Number(label) === next) && !runsOn) {
      notes.push({ label, run, lines: [l] });
      next = Number(label) + 1;
      resume = undefined;
      continue;
    }
    const cur = notes[notes.length - 1]!;
    const t = textOf(l);
    // (the next number alone, only other numbers after it, its mark in the text above: the label
    // of a note whose text came before it, as pdftotext's default mode may set a raised number
    // under the notes' texts: "3" / note 3's text / note 4's text / "4")
    if (t === String(next) && onlyNumbersAfter(lines, i, to) && known(t)) {
      displaced.push(l);
      next++;
      continue;
    }
    // (a number alone a little ahead of the sequence, its mark in the text above, among the notes'
    // texts: such a column of raised numbers may come out in any order, "1" / note 1's text / note
    // 2's text / "3" / note 3's text / "2"; it stays where it stands unless settle() can place it)
    if (/^\d{1,3}$/.test(t) && Number(t) > next && Number(t) <= next + 3 && known(t)) {
      loose.add(l);
      cur.lines.push(l);
      continue;
    }
    const before = textOf(cur.lines[cur.lines.length - 1]!);
    // (a note that ends on an address closes there where the next line opens with a word, not
    // with the rest of the address: "…/bedrijfsgrootte-2015-2024" / "zo laag mogelijk …")
    const sentence = closesSentence(before);
    const address = endsInAddress(cur.lines.map(textOf));
    const closed = sentence || (address && /^\p{Ll}+ /u.test(t));
    // (a web address broken at a hyphen or slash goes on on the next line, whatever that
    // line opens with: ".../BWBR0035303/2025-01-" / "01. Met de Wet …")
    if (address && /[-/_=&#]$/u.test(before) && /^[\p{Ll}\p{N}]/u.test(t)) {
      cur.lines.push(l);
      continue;
    }
    // (a numbered heading after a note that closed is the next column's: one numbered in levels,
    // "3.2.3 Scenario …", or one that reads as a heading, "3 Gevolgen voor …" above "3.1 …")
    if ((sentence || address) && (SUBHEADING.test(t) || (/^\d{1,2}\s/.test(t) && headingLike(lines, i)))) return cut(resume, i);
    // (a list a note introduces with a colon, its items ending in semicolons, is the note's own)
    if ((BODY_START.test(t) && !/[:;]$/.test(before)) || (open && closed && STARTS_LOWER.test(t))) return done(i);
    // (a note never carries the next note's mark: where a line does, running text resumed, at the
    // last line that opened with a capital after a note's sentence or address had closed, as the
    // next column's text does after the notes under the first, or at that line itself where it
    // follows such a note at once: "… niet centraal geregistreerd." / "(ACM) in 2024 heeft vastgesteld.2")
    // (the mark's pattern is made only where it can decide something: after a closed note, or once resumed)
    const marked = (sentence || address || resume !== undefined) && gluedRefPattern(String(next)).test(t);
    if ((/^\p{Lu}/u.test(t) || marked) && (sentence || address)) resume ??= { i, note: notes.length - 1, keep: cur.lines.length };
    if (resume && marked) return cut(resume, i);
    cur.lines.push(l);
  }
  settle();
  return { notes, end: to };

  /**
   * Give displaced labels (those after the notes, and loose ones among the last note's lines)
   * their notes: the last note's other lines are split where a loose label stood and where a
   * line opens with a capital or a web address after one that closed a sentence or an address
   * (as pdftotext's default mode prints a page's raised numbers apart from the notes' texts),
   * where there are as many such places as labels and
   * the labels, in order of their numbers, go on from the last note's; each part takes the next
   * label. Else the labels stay on the last note's text, as they stood.
   */
  function settle(): void {
    const last = notes[notes.length - 1];
    if (!last) return;
    const inside = last.lines.filter((l) => loose.has(l));
    if (!displaced.length && !inside.length) return;
    const kept = last.lines.filter((l) => !loose.has(l));
    const texts = kept.map(textOf);
    // (a note opens where a loose label stands, or after a line that closed a sentence or an
    // address, with a capital or a web address of its own)
    const marked = new Set<number>();
    let seen = 0;
    for (const l of last.lines) if (loose.has(l)) marked.add(seen);
    else seen++;
    const at: number[] = [];
    for (let k = 1; k < texts.length; k++) {
      const closed = closesSentence(texts[k - 1]!) || endsInAddress(texts.slice(0, k));
      if (marked.has(k) || (closed && OPENS_NOTE.test(texts[k]!))) at.push(k);
    }
    const labels = [...inside, ...displaced].sort((a, b) => Number(textOf(a)) - Number(textOf(b)));
    if (at.length !== labels.length || labels.some((l, j) => Number(textOf(l)) !== Number(last.label) + j + 1)) {
      last.lines.push(...displaced);
      return;
    }
    const parts = [...at, texts.length].map((end, j) => kept.slice(j === 0 ? 0 : at[j - 1]!, end));
    last.lines = parts[0]!;
    // (a note's first line carries its label: here the label's own line, its text after it)
    labels.forEach((l, j) => notes.push({ label: textOf(l), run, lines: [l, ...parts[j + 1]!] }));
  }

  function done(i: number): { notes: RawNote[]; end: number } {
    settle();
    return { notes, end: i };
  }

  /** The notes end at `resume` where running text resumed there, else at `i`. */
  function cut(at: typeof resume, i: number): { notes: RawNote[]; end: number } {
    if (!at) return done(i);
    notes.length = at.note + 1;
    notes[at.note]!.lines.length = at.keep;
    return { notes, end: at.i };
  }
}

/** A line that ends on a word no sentence ends on: an article, a preposition, a conjunction. */
const RUNS_ON = /(?:^|\s)(?:en|of|de|het|een|van|voor|in|op|met|tot|bij|naar|aan|om|door|uit|te)$/u;

/**
 * Whether a note's line closes a sentence: an address that ends in "?" or "." closes none; a word
 * with a slash is an address only with a scheme, "www." or a domain before a slash in it, so
 * words joined by a slash ("Den Haag/Heerlen.", "SZW/OCW.") and a reference number
 * ("kenmerk EZK/26045871.") close theirs.
 */
function closesSentence(t: string): boolean {
  const last = t.split(" ").pop() ?? "";
  return ENDS_SENTENCE.test(t) && !/^[‘“"'(<]?(?:https?:\/\/|www\.)|\.\p{L}{2,}\//iu.test(last);
}

/** Whether the lines after i, up to `to`, hold nothing but empty lines and numbers alone (a page's number). */
function onlyNumbersAfter(lines: readonly Ln[], i: number, to: number): boolean {
  for (let j = i + 1; j < to; j++) if (!isBlank(lines[j]) && !/^\d{1,3}$/.test(textOf(lines[j]!))) return false;
  return true;
}

/** How a note's text opens after a line that closed a sentence or an address: a capital, a quote or a web address. */
const OPENS_NOTE = /^(?:[\p{Lu}‘“"']|https?:\/\/|www\.)/u;

/** A heading numbered in levels, its text opening with a capital, closing no sentence: "3.2.3 Scenario ‘anders werken’". */
const SUBHEADING = /^\d{1,2}(?:\.\d{1,2})+\.?\s+[‘“'"]?\p{Lu}[^.;:,]*$/u;

/**
 * Whether `next`, a line of one word, is the rest of a web address `note` was cut off in: the
 * note's last word an address that ends where an address goes on (a hyphen, a slash, = & ? #),
 * the line one that only an address's rest is (lower case, with a slash, hyphen, dot or = & ?).
 */
function addressGoesOn(note: RawNote, next: string): boolean {
  const last = textOf(note.lines[note.lines.length - 1]!).trim().split(/\s+/).pop() ?? "";
  return /^[(<]?(?:https?:\/\/|www\.)\S+[-/=&?#_.~]$/iu.test(last) && /^[\p{Ll}\p{N}][^\s]*[/=&?#.-][^\s]*$/u.test(next.trim());
}

/** Whether a note's lines end on a web address, one broken over lines (a line without spaces goes on with it) included. */
function endsInAddress(texts: readonly string[]): boolean {
  for (let k = texts.length - 1; k >= 0; k--) {
    const t = texts[k]!;
    // (an address may open a line of its own: "…, 2025," / "https://www…/cont" / "ent/…")
    if (t.includes(" ") || k === 0 || /^(?:https?:\/\/|www\.)/u.test(t)) return /(?:https?:\/\/|www\.)\S+$/u.test(t);
  }
  return false;
}

/**
 * Find the footnotes and take them out of the text flow, so that a paragraph
 * they interrupt joins up again.
 *
 * At page bottoms: a page's note zone runs from a line that opens with the
 * next note number (or 1 again, for a numbering that restarts per chapter) to
 * the page's end; each following number in sequence opens the next note, any
 * other line continues the note before it. The zone counts as notes only if
 * the text above carries that first number glued to a word or punctuation
 * mark ("analyses1", "zorg.2"), and it may not hold most of a long page. A
 * numbered heading ("3 Belang van …") fails those tests and stays in the text.
 * A note cut off at a page's foot inside a web address goes on with the rest
 * of the address, on a line of its own just above the next page's notes.
 *
 * At the document's end (endnotes, as a browser prints a web page): a run
 * numbered 1, 2, 3 … that closes the document is taken as the notes when the
 * text before it carries most of those numbers, glued, in that order, and the
 * run holds more than twice the notes the page bottoms gave (none, mostly).
 * A run of one note must end on the back link a browser prints after it, and
 * a run after a line that ends on a colon is a numbered list.
 */
export function extractFootnotes(lines: Ln[], ctx: LineCtx): { body: Ln[]; notes: RawNote[]; endnotes: boolean } {
  // (a document labels its notes one way: with the number alone or glued, or, as some typesetters
  // print them (WeasyPrint's "2. Klimaatakkoord, …"), with a full stop after it, as a numbered
  // list's items are: the second only where the first finds no note at all, no run at the end
  // closes on a browser's back link (endnotes), and the marks of half the notes at least stand in
  // the text above them, on their page or the page before (not those of a run: "verschillen.4, 5"))
  const plain = pageBottoms(lines, NOTE_START, false);
  const atEnd = new Set<number>();
  const end = endnotes(lines, atEnd);
  const dotted = plain.notes.length === 0 && !end.some(backLinked) && lines.some((l) => DOTTED_NOTE_START.test(textOf(l))) ? pageBottoms(lines, DOTTED_NOTE_START, true) : undefined;
  const byDots = !!dotted && dottedHold(lines, dotted.notes);
  let { notes, drop } = byDots ? dotted : plain;
  let where = "page bottoms";
  // (endnotes where a run at the end holds more than twice the notes the page bottoms gave: a
  // number at a page's foot that happened to pass for a note does not hide a document's endnotes;
  // nor where the notes read with full stops are that run at the end, note for note)
  let dropped = drop;
  const same = end.length === notes.length && end.every((n, k) => n.lines[0] === notes[k]!.lines[0]);
  if (end.length > 2 * notes.length || (byDots && same)) {
    notes = end;
    dropped = atEnd;
    where = "the end of the document";
  }
  if (notes.length) diag(ctx, "info", "normalise:footnotes", `${notes.length} footnotes taken from ${where}`);
  return { body: lines.filter((_, i) => !dropped.has(i)), notes, endnotes: dropped === atEnd };
}

/**
 * Whether the notes read with full stops after their numbers hold (extractFootnotes): two at
 * least, or one with text after it on a later page (a numbered line closing the document may be
 * the text's own); and the marks of half of them at least in the text on their page or the page
 * before.
 */
function dottedHold(lines: readonly Ln[], notes: readonly RawNote[]): boolean {
  if (notes.length === 0) return false;
  const lastPage = lines.reduce((p, l) => (isBlank(l) ? p : Math.max(p, l.page)), 0);
  if (notes.length < 2 && notes[0]!.lines[0]!.page >= lastPage) return false;
  const index = new Map(lines.map((l, k) => [l, k]));
  const marked = (n: RawNote): boolean => {
    const at = index.get(n.lines[0]!)!;
    let from = at;
    while (from > 0 && lines[from - 1]!.page >= n.lines[0]!.page - 1) from--;
    return hasRef(lines.slice(from, at).map(textOf).join("\n"), n.label);
  };
  return 2 * notes.filter(marked).length >= notes.length;
}

/**
 * The notes at the pages' feet whose first lines open as `start` has it, and the lines they take.
 * Where their numbers are `dotted` as a numbered list's are, a run of them is a page's notes only
 * where it is the page's last text and does not follow a lead-in that ends on a colon.
 */
function pageBottoms(lines: readonly Ln[], start: RegExp, dotted: boolean): { notes: RawNote[]; drop: Set<number> } {
  // (a full line of the text: 1.08 times the median of the lines the typesetter wrapped, below the
  // lines of notes set in smaller type)
  const width = 1.08 * fullLine(lines);
  const pages: [number, number][] = [];
  let s = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i === lines.length || lines[i]!.pageStart) {
      pages.push([s, i]);
      s = i;
    }
  }
  const notes: RawNote[] = [];
  const drop = new Set<number>();
  let run = 0;
  let last = 0;
  let bodyFrom = 0;
  // (where the last note zone ended: at a page's end, its last note may go on on the next page)
  let lastZoneEnd = -1;
  const pageStarts = new Set(pages.slice(1).map(([start]) => start));
  const textBetween = (a: number, b: number): number => lines.slice(a, b).filter((l) => !isBlank(l)).length;
  for (const [ps, pe] of pages) {
    const pageText = textBetween(ps, pe);
    // a page may hold more than one note zone: one under each column
    for (let from = ps; from < pe; ) {
      const cands = candidates(lines, from, pe, start).reverse();
      // (the text between the last note zone and line i: where a zone's marks are)
      const textAbove = (i: number): string => lines.slice(bodyFrom, i).map(textOf).join("\n");
      const referenced = (c: Cand): boolean => hasRef(textAbove(c.i), String(c.n));
      const bodyAbove = (i: number): string => {
        const j = lineAbove(lines, i, bodyFrom);
        return j === undefined ? "" : textOf(lines[j]!);
      };
      const zones = new Map<number, { notes: RawNote[]; end: number }>();
      const zoneOf = (c: Cand): { notes: RawNote[]; end: number } => {
        let z = zones.get(c.i);
        if (!z) zones.set(c.i, (z = chain(lines, c.i, pe, start, c.n === 1 && last > 0 ? run + 1 : run, !ENDS_CLAUSE.test(bodyAbove(c.i)), (label) => hasRef(textAbove(c.i), label))));
        return z;
      };
      const fits = (c: Cand): boolean => {
        // the first note is note 1, or (an excerpt, or a note 1 the extraction ran into a line of
        // text) a later one set off by an empty line above it or opening a run of notes: a numbered
        // heading ("3 Knelpunten") is neither; a line that reads as one opens the next note where
        // it goes on from the notes before and a run of notes follows it, none a heading with its
        // first subsection ("3 Sociaal en Cultureel Planbureau, Zorgen voor elkaar, Den" / "Haag,
        // 2024, p. 58." / "4 Wet arbeid …")
        if (headingLike(lines, c.i) && !(last > 0 && c.n === last + 1 && !firstChildFollows(lines, c.i) && zoneOf(c).notes.length >= 2)) return false;
        const inSequence = c.n === last + 1 || c.n === 1;
        if (!inSequence && last !== 0) return false;
        const z = zoneOf(c);
        if (!inSequence && !((c.i > 0 && isBlank(lines[c.i - 1])) || z.notes.length >= 2)) return false;
        const zone = textBetween(c.i, z.end);
        if (dotted && (/:$/.test(bodyAbove(c.i)) || textBetween(z.end, pe) > 0)) return false;
        return !(zone > 10 && zone > 0.6 * pageText) && referenced(c);
      };
      // (the next number first: where each column ends on notes, the first column's come first)
      let top = cands.find((c) => c.n === last + 1 && fits(c)) ?? cands.find(fits);
      if (!top) {
        // (or the notes whose first label pdftotext's default mode set under their texts, last on the page)
        const under =
          labelledBelow(lines, from, pe, last, run, width, (i, label) => hasRef(textAbove(i), label)) ??
          // (or whose labels it set in a column of their own above their texts)
          labelledAbove(lines, from, pe, last, run, (i, label) => hasRef(textAbove(i), label));
        if (!under) break;
        for (let i = under.start; i < under.end; i++) drop.add(i);
        notes.push(...under.notes);
        last = Number(under.notes[under.notes.length - 1]!.label);
        bodyFrom = from = lastZoneEnd = under.end;
        continue;
      }
      // where the numbering is not known yet (an excerpt), the zone opens with the run that leads up to it
      // (a note is a few lines long: the one before it starts close above)
      for (let c: Cand | undefined = top; last === 0 && c; ) {
        const at: Cand = c;
        c = cands.find((x) => x.i < at.i && x.n === at.n - 1 && textBetween(x.i, at.i) <= 12);
        if (c) top = c;
      }
      const zone = zoneOf(top);
      // the last note of the page before, cut off at its foot inside a web address, goes on at
      // the top of this page's notes: the rest of the address on a line of its own just above
      const cut = notes[notes.length - 1];
      const rest = cut && pageStarts.has(lastZoneEnd) ? lineAbove(lines, top.i, bodyFrom) : undefined;
      if (cut && rest !== undefined && addressGoesOn(cut, textOf(lines[rest]!))) {
        cut.lines.push(lines[rest]!);
        drop.add(rest);
      }
      if (top.n === 1 && last > 0) run++;
      for (let i = top.i; i < zone.end; i++) drop.add(i);
      notes.push(...zone.notes);
      last = Number(zone.notes[zone.notes.length - 1]!.label);
      bodyFrom = zone.end;
      from = zone.end;
      lastZoneEnd = zone.end;
    }
  }
  return { notes, drop };
}

/**
 * The notes at a page's foot whose first label pdftotext's default mode set under their texts, as
 * the page's last line: "Zie: OECD (2024), … Survey of Adult" / "Skills 2023, …, Parijs." / "2"
 * (or "De enquête …" / "4" / note 4 / "5" / note 5 / "3"). The page's last line (`from` to `to`,
 * only empty lines after it) is the number after the last note's (`last`), its mark in the text
 * above, after a line that closes a sentence or an address; the labels between, if any, follow
 * it in sequence. The first note's text opens at the nearest line above them, within six lines,
 * that follows one that closed a sentence (before a mark too), with a capital, a quote or an
 * address; at least one of its lines is longer than a full line of the text (`width`: notes are
 * set in smaller type), else nothing tells its first line from the text's.
 */
function labelledBelow(lines: readonly Ln[], from: number, to: number, last: number, run: number, width: number, known: (i: number, label: string) => boolean): { notes: RawNote[]; start: number; end: number } | undefined {
  let at = to - 1;
  while (at >= from && isBlank(lines[at])) at--;
  if (at < from) return undefined;
  const label = textOf(lines[at]!);
  if (!/^\d{1,3}$/.test(label) || Number(label) !== last + 1 || last === 0 || !known(at, label)) return undefined;
  const above = lineAbove(lines, at, from);
  if (above === undefined) return undefined;
  const before = textOf(lines[above]!);
  if (!closesSentence(before) && !endsInAddress([before])) return undefined;
  // (the next labels in sequence above it, each opening a note of its own: "4" / … / "5" / …)
  let first = at;
  for (let i = at - 1, want = -1; i >= from && at - i <= 12; i--) {
    const t = textOf(lines[i]!);
    if (!/^\d{1,3}$/.test(t)) continue;
    if (want === -1 ? Number(t) > last + 1 : Number(t) === want) {
      first = i;
      want = Number(t) - 1;
      if (want === last + 1) break;
    }
  }
  if (first !== at && Number(textOf(lines[first]!)) !== last + 2) return undefined;
  // (the first note's text: up from the line above the first label)
  let start: number | undefined;
  for (let i = lineAbove(lines, first, from), n = 0; i !== undefined && n < 6; i = lineAbove(lines, i, from), n++) {
    const prev = lineAbove(lines, i, from);
    if (prev === undefined || isBlank(lines[i - 1])) {
      start = i;
      break;
    }
    // (a sentence closes before a note's mark too: "… gebruikgemaakt.5")
    const closed = closesSentence(textOf(lines[prev]!)) || /[\p{L})][.!?][’”"')]?\d{1,3}$/u.test(textOf(lines[prev]!));
    if (closed && OPENS_NOTE.test(textOf(lines[i]!))) {
      start = i;
      break;
    }
  }
  if (start === undefined) return undefined;
  const own = lines.slice(start, first).filter((l) => !isBlank(l));
  if (!own.some((l) => textOf(l).length > width)) return undefined;
  const rest = first === at ? [] : chain(lines, first, at, NOTE_START, run).notes;
  if (first !== at && (rest.length === 0 || Number(rest[rest.length - 1]!.label) !== Number(label) + rest.length)) return undefined;
  return { notes: [{ label, run, lines: [lines[at]!, ...own] }, ...rest], start, end: to };
}

/**
 * The notes at a page's foot whose labels pdftotext's default mode set in a column of their own
 * above their texts, as it does where the labels hang in the margin: "4" / "5" / "6" / "7" / "Zie
 * hoofdstuk 4 …" / "https://…" / "https://…" / "Het gaat om …". Two labels or more, each alone
 * on its line, in sequence after the last note's (`last`), each with its mark in the text above;
 * then the texts, up to the page's end (`to`), which go to the labels in order where they part
 * into as many notes as there are labels: at each line that opens with a capital, a quote or an
 * address after one that closed a sentence or an address, and nowhere else.
 */
function labelledAbove(lines: readonly Ln[], from: number, to: number, last: number, run: number, known: (i: number, label: string) => boolean): { notes: RawNote[]; start: number; end: number } | undefined {
  const labels: number[] = [];
  for (let i = from; i < to; i++) {
    if (isBlank(lines[i])) continue;
    const t = textOf(lines[i]!);
    if (labels.length === 0) {
      if (t === String(last + 1)) labels.push(i);
    } else if (t === String(last + 1 + labels.length)) labels.push(i);
    else if (/^\d{1,3}$/.test(t) || labels.length < 2) labels.length = 0;
    else break;
  }
  if (labels.length < 2 || !labels.every((i) => known(i, textOf(lines[i]!)))) return undefined;
  const texts: Ln[] = [];
  for (let i = labels[labels.length - 1]! + 1; i < to; i++) if (!isBlank(lines[i])) texts.push(lines[i]!);
  const at = [0];
  for (let k = 1; k < texts.length; k++) {
    const before = textOf(texts[k - 1]!);
    const closed = closesSentence(before) || endsInAddress(texts.slice(at[at.length - 1], k).map(textOf));
    if (closed && OPENS_NOTE.test(textOf(texts[k]!))) at.push(k);
  }
  if (at.length !== labels.length) return undefined;
  const notes = labels.map((i, j) => ({ label: textOf(lines[i]!), run, lines: [lines[i]!, ...texts.slice(at[j], at[j + 1] ?? texts.length)] }));
  return { notes, start: labels[0]!, end: to };
}

/** A note whose last line ends on the back-link arrow a browser prints after an endnote ("↩︎"). */
const backLinked = (note: RawNote): boolean => BACK_LINK.test(textOf(note.lines[note.lines.length - 1]!));

/**
 * A browser's endnote whose first printed line it justified over wide gaps (a long web address
 * on the next line): pdftotext's default mode sets that line out a word a line, and may take its
 * last words after the note's end, after the back link ("2. Arbeidsmarktinformatie" / "Zorg" / …
 * / "instroom" / "https://…↩︎" / "en" / "uitstroom,"). Where a note is so (its label line a word
 * at most after the label, every line up to the back link's one word, and after it only lines of
 * one word), those words go back before the back link's line, where the first printed line ended.
 */
function setOutWords(note: RawNote): RawNote {
  const ls = note.lines;
  const b = ls.findIndex((l) => BACK_LINK.test(textOf(l)));
  const oneWord = (l: Ln): boolean => !/\s/.test(textOf(l));
  if (b < 2 || b === ls.length - 1 || !/^\S+(?:\s+\S+)?$/.test(textOf(ls[0]!))) return note;
  if (!ls.slice(1, b).every(oneWord) || !ls.slice(b + 1).every(oneWord)) return note;
  return { ...note, lines: [...ls.slice(0, b), ...ls.slice(b + 1), ls[b]!] };
}

function endnotes(lines: Ln[], drop: Set<number>): RawNote[] {
  const cands = candidates(lines, 0, lines.length, ENDNOTE_START);
  for (let k = cands.length - 1; k >= 0; k--) {
    if (cands[k]!.n !== 1) continue;
    const start = cands[k]!.i;
    const { notes: found, end } = chain(lines, start, lines.length, ENDNOTE_START, 0);
    // (the run closes the document: one that running text or a heading follows is a numbered list,
    // and so is one after a line that ends on a colon, a list's lead-in: "… de volgende
    // aanbevelingen:" / "1. Werkgevers maken …")
    if (lines.slice(end).some((l) => !isBlank(l))) continue;
    const before = lineAbove(lines, start);
    if (before !== undefined && /:$/.test(textOf(lines[before]!))) continue;
    // (one numbered line at the end passes for a note only with the back link a browser prints
    // after an endnote: else it may be a list's item or a heading)
    if (found.length < 2 && !(found.length === 1 && backLinked(found[0]!))) continue;
    // the text before the run must carry (most of) its numbers, glued, in order; a number that
    // follows the one before after a comma ("verschillen.1, 2") is a reference of the same run
    const above = lines.slice(0, start).map(textOf).join("\n");
    let at = 0;
    let hits = 0;
    let runEnd = -1;
    for (const n of found) {
      const run = runEnd < 0 ? null : new RegExp(`^\\s?,\\s?${n.label}(?![\\p{N}])`, "u").exec(above.slice(runEnd));
      if (run) {
        hits++;
        at = runEnd + 1;
        runEnd += run[0].length;
        continue;
      }
      const re = new RegExp(gluedRefPattern(n.label).source, "gu");
      re.lastIndex = at;
      const m = re.exec(above);
      runEnd = -1;
      if (m) {
        hits++;
        at = m.index + 1;
        runEnd = m.index + m[0].length;
      }
    }
    if (hits < 0.8 * found.length) continue;
    for (let i = start; i < lines.length; i++) drop.add(i);
    return found.map(setOutWords);
  }
  return [];
}
