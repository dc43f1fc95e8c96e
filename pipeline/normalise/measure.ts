import { diag, isBlank, STARTS_LOWER, textOf, type LineCtx, type Ln } from "./lines.ts";
import { bareWord, type Lexicon } from "./lexicon.ts";
import { patternsBreak } from "./dehyphenate.ts";

/**
 * The measure: how many characters a full line of running text holds. It is
 * read from the lines the typesetter wrapped (a line of text followed at once by
 * one that goes on in lower case), not from all lines: an extraction that joins
 * a word broken at a line end with its second half (pdftotext's default mode)
 * puts the rest of the next line on the same line, and those lines, up to twice
 * the measure, would otherwise pass for full ones. Where too few wrapped lines
 * tell, the lines of over 15 characters (below 1.2 times the cap) stand in.
 * Lines longer than 1.2 times the median are taken for joined ones; the
 * measure is the 90th percentile of the others.
 */
export function measureOf(lines: readonly Ln[], cap = Infinity): number {
  const wrapped = wrappedLengths(lines);
  if (wrapped.length >= 8) return fullLength(wrapped);
  const lens = lines
    .filter((l) => !isBlank(l))
    .map((l) => textOf(l).length)
    .filter((n) => n > 15 && n <= JOINED * cap);
  return lens.length ? fullLength(lens) : 80;
}

/**
 * The lengths of the lines the typesetter wrapped: a line of text followed at once by one that
 * goes on in lower case, of over 15 characters (a word or two a line, as an extraction of
 * justified text may give, says nothing of the measure).
 */
function wrappedLengths(lines: readonly Ln[]): number[] {
  const wrapped: number[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    if (isBlank(a) || isBlank(b) || a.role || b.role) continue;
    if (STARTS_LOWER.test(textOf(b)) && textOf(a).length > 15) wrapped.push(textOf(a).length);
  }
  return wrapped;
}

/** The median length of the lines the typesetter wrapped (wrappedLengths); 80 where none is. */
export function fullLine(lines: readonly Ln[]): number {
  const wrapped = wrappedLengths(lines).sort((x, y) => x - y);
  return wrapped[Math.floor(wrapped.length / 2)] ?? 80;
}

/** The 90th percentile of line lengths, those over 1.2 times their median (joined lines) left out. */
function fullLength(lens: number[]): number {
  lens.sort((a, b) => a - b);
  const median = lens[Math.floor(lens.length / 2)]!;
  const full = lens.filter((n) => n <= JOINED * median);
  return full[Math.floor(full.length * 0.9)] ?? median;
}

/** A line this much longer than the median line is taken for a joined one where the measure is read. */
const JOINED = 1.2;

/**
 * A line this much longer than the measure (the 90th percentile of full lines) holds more than
 * one printed line: a printed line overruns the measure by a few characters at most.
 */
const OVER_MEASURE = 1.1;

/** Whether a line of `length` characters holds more than one printed line of a page whose measure is `width`. */
export const isJoined = (length: number, width: number): boolean => length > OVER_MEASURE * width;

/**
 * How full the last printed line of a line of text is: its length, or, where
 * the extraction joined printed lines (a line far over the measure), what is
 * left after the full lines before it, a full line counted as 0.96 of the
 * measure (the measure is the 90th percentile of full lines).
 */
export function lastFill(length: number, width: number): number {
  if (!isJoined(length, width)) return length;
  let rest = length;
  while (isJoined(rest, width)) rest -= Math.round(0.96 * width);
  return rest;
}

/**
 * Mend words an extraction split where it joined printed lines: pdftotext's
 * default mode drops a line-end hyphen and joins the two halves, but where the
 * typesetter marked the break with a soft hyphen (LibreOffice) it leaves a
 * space between them ("zorgin stellingen", "spe len"), and a web address
 * broken after its scheme comes out as "https:// www…". Only on a line over
 * the measure, and only near where one of its printed lines ended: the k-th
 * at k times 0.96 of the measure, give or take 0.14 (a justified line is
 * full). There, a space between two parts in lower case (the first may be
 * capitalised) goes where the two together are a word and
 *  - the first part is no word (the Dutch word list, the texts' own forms),
 *    and together they are one in the word list or the text; or
 *  - the first part is a word too ("ma ken", "onder steunen"), but together
 *    they are a word of the word list or of the text itself, the Dutch
 *    hyphenation patterns break that word just there, the document never
 *    writes the two as a pair elsewhere, and they are not both words the
 *    document uses often ("uit een", "in de"); this only where the
 *    extraction shows the habit: a split of the first kind, or such splits
 *    on one joined line in eight (and two at least);
 *  - the first part is a word, the second none, nor a compound of words
 *    ("con ceptnotitie", "re gistratieplicht"), and together they are a word
 *    or a compound of the word list: a word's rest; this too only where the
 *    extraction shows the habit.
 * The window widens by 0.06 for each printed line further on (the lines
 * before it filled the measure more or less), there only for a first part
 * that is no word; the patterns break words of four letters too ("la ge");
 * a first part "en", "een" or "het" stands on its own ("en ge sprekken").
 * A line a little over the measure (up to 1.1 times) is a printed line and a
 * paragraph's last few characters ("… met bericht van verhinde ring)."):
 * there only a split that makes a word of the word list, its first part no
 * word the document writes elsewhere.
 * At most one space a printed line's end: where two qualify, a word of the
 * word list before a compound of its words, then the one nearer the line's
 * end. Each mend is reported (info) with the line.
 */
export function mendSplitWords(lines: readonly Ln[], width: number, lex: Lexicon, ctx: LineCtx): Ln[] {
  const words = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const l of lines) {
    const toks = l.raw.trim().split(/\s+/).map((t) => bareWord(t).toLowerCase());
    toks.forEach((t, i) => {
      words.set(t, (words.get(t) ?? 0) + 1);
      if (i > 0) pairs.set(`${toks[i - 1]} ${t}`, (pairs.get(`${toks[i - 1]} ${t}`) ?? 0) + 1);
    });
  }
  const often = (w: string): boolean => (words.get(w.toLowerCase()) ?? 0) >= 3;
  /**
   * How sure a mend of `left right` is (0: none; 2 a word of the list, 1 a compound or a form of
   * the text's own): first where the first part must be no word, then where it may be one too.
   * (The cheap tests come first: the document's own pairs and words, then the hyphenation
   * patterns, and the word list last.)
   */
  const scoresOf = (left: string, right: string): [plain: number, wide: number] => {
    if (/^(?:[(<]?https?:\/\/)$/u.test(left) && /^[\p{L}\p{N}]/u.test(right)) return [2, 2];
    // (the second part a word of its own before a hyphen, "mboen hbo-niveau", is a compound's first part)
    if (!/^\p{L}\p{Ll}+$/u.test(left) || /^\p{Ll}+-/u.test(right)) return [0, 0];
    const r = /^\p{Ll}+/u.exec(right)?.[0];
    if (r === undefined) return [0, 0];
    const joined = left + r;
    if (!lex.known(left)) {
      const score = lex.listed(joined) ? 2 : lex.dictionary(joined) || lex.count(joined) > 0 ? 1 : 0;
      return [score, score];
    }
    // (the second part no word, nor a compound of words, where the two together are a word or a
    // compound of the word list's: a word's rest, "afhankelijk heid", "con ceptnotitie", where
    // the first part is a word too)
    if (!lex.known(r)) {
      const score = lex.listed(joined) ? 2 : lex.dictionary(joined) ? 1 : 0;
      return [0, score];
    }
    // (nor where the second part is "en", "een", "het" or "te", which stand on their own far more
    // often than they close a word: "geslacht en", "tegen een"; not "de", "den", "der", which close
    // many: "volgen de", "werkzoeken den", "aanbie der")
    if ((pairs.get(`${left.toLowerCase()} ${r}`) ?? 0) > 1 || (often(left) && often(r)) || STANDS_ALONE.has(r) || FIRST_ALONE.has(left.toLowerCase()) || !patternsBreak(left, r, 4)) return [0, 0];
    // (before "de", a verb and the article read as a participle as often as they are one,
    // "noemen de", "kennen de" against "volgen de": only a form the document writes elsewhere)
    if (r === "de" && lex.count(joined) === 0) return [0, 0];
    const listed = lex.listed(joined);
    return [0, listed ? 2 : lex.count(joined) > 0 ? 1 : 0];
  };
  /** A line's mends, at most one a printed line's end: where the first part must be no word, and where it may be one. */
  const mendsOf = (l: Ln): { plain: Mend[]; wide: Mend[] } => {
    if (isBlank(l) || l.role) return { plain: [], wide: [] };
    const raw = l.raw;
    const length = raw.trim().length;
    // (a line a little over the measure is a printed line and a paragraph's last few characters:
    // there, only a split that makes a word of the word list, its first part no word the
    // document writes elsewhere: "verhinde ring).", not "partijen in valt.")
    const single = !isJoined(length, width);
    if (single && length <= width) return { plain: [], wide: [] };
    const lead = raw.length - raw.trimStart().length;
    const best = [new Map<number, Mend>(), new Map<number, Mend>()] as const;
    const re = /(\S+) (\S+)/gu;
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      re.lastIndex = m.index + m[1]!.length + 1;
      const at = (m.index - lead + m[1]!.length) / width;
      const { k, off } = nearestLineEnd(at);
      if (off > LINE_WINDOW + LINE_DRIFT * (k - 1) || at >= length / width) continue;
      // (further from where the line would end, only a first part that is no word)
      if (off > LINE_WINDOW && lex.known(m[1]!)) continue;
      if (single && lex.listed(m[1]!) && (words.get(m[1]!.toLowerCase()) ?? 0) >= 2) continue;
      scoresOf(m[1]!, m[2]!).forEach((score, kind) => {
        if (single && score < 2) return;
        const cur = best[kind]!.get(k);
        if (score > 0 && (!cur || score > cur.score || (score === cur.score && off < cur.off)))
          best[kind]!.set(k, { cut: m.index + m[1]!.length, score, off, left: m[1]!, right: m[2]! });
      });
    }
    const [plain, wide] = best.map((b) => [...b.values()].sort((x, y) => x.cut - y.cut));
    return { plain: plain!, wide: wide! };
  };
  // (an extraction that leaves a space where it joined a broken word does so on many joined lines:
  // it is taken to do so where a split's first part is no word, or where one joined line in eight,
  // and two at least, shows a split of two words; otherwise its joins are clean)
  const found = lines.map(mendsOf);
  const joined = lines.filter((l) => !isBlank(l) && !l.role && isJoined(l.raw.trim().length, width)).length;
  const split = found.filter((f) => f.wide.length > 0).length;
  const spaced = found.some((f) => f.plain.some((m) => m.score === 2 && /^\p{L}+$/u.test(m.left))) || (split >= 2 && split >= joined / 8);
  return lines.map((l, i) => {
    const mends = spaced ? found[i]!.wide : found[i]!.plain;
    if (mends.length === 0) return l;
    for (const b of mends) diag(ctx, "info", "normalise:split-word", `"${b.left} ${b.right}" read as "${b.left}${b.right}": a word split where the extraction joined two printed lines`, l);
    // (from the last mend back, so that each cut stands where it was found)
    let out = l.raw;
    for (const b of [...mends].reverse()) out = out.slice(0, b.cut) + out.slice(b.cut + 1);
    return { ...l, raw: out };
  });
}

/** How full a printed line cut in two is, its parts together: as a justified line, at least this share of the measure … */
const CUT_FULL = 0.85;
/** … and at most this share (a line's characters are not all as wide). */
const CUT_OVER = 1.05;
/** A cut line's first part holds at least this share of the measure … */
const CUT_FIRST = 0.2;
/** … its second part at most this share (a paragraph's first line fills the measure). */
const CUT_SECOND = 0.8;
/** … and the next line's first word would have fitted after it in the measure: no full line of its own (ragged text). */
const CUT_ROOM = 1;
/** A line that closes a sentence: a full stop, question or exclamation mark, a closing quote or bracket after it, a note's mark. */
const CLOSES_SENTENCE = /[.!?][”’"')\]]?\d{0,3}$/u;

/**
 * Mend printed lines an extraction cut in two where a sentence ended in a wide space (MuPDF, where
 * a justified line stretches the space after a sentence): "… wie ervoor verantwoordelijk is." /
 * "De" / "raad adviseert om …", or "tepompen een belangrijke rol spelen." / "Die verschuiving is
 * begrijpelijk, omdat wijkgerichte". The first part closes a sentence and holds a fifth of the
 * measure at least; the second holds 0.8 at most, opens in a capital or a quote (not a number: a numbered
 * heading or item) and does not end its paragraph: the line after it goes on in lower case, or the
 * second part ends in a hyphen, and that line fills the measure (a heading's first line is short,
 * and so is the rest of it); the next line's first word would have fitted after the second part
 * (in ragged text a paragraph's first line ends short before a long word: "… om de onbelaste" /
 * "thuiswerkkostenvergoeding, …"); and the two parts together fill the measure (CUT_FULL to CUT_OVER) as
 * a justified line does. A paragraph's last line and the next one's first do not: a first line
 * fills the measure by itself. The parts are one line again, with the first part's number. Each
 * mend is reported (info).
 */
export function mendCutLines(lines: readonly Ln[], width: number, ctx: LineCtx): Ln[] {
  const out: Ln[] = [];
  lines.forEach((b, i) => {
    const a = out[out.length - 1];
    const c = lines[i + 1];
    if (a && c && !isBlank(a) && !isBlank(b) && !isBlank(c) && !a.role && !b.role && !c.role && a.page === b.page && !b.pageStart) {
      const first = textOf(a);
      const second = textOf(b);
      const sum = first.length + 1 + second.length;
      if (
        CLOSES_SENTENCE.test(first) &&
        first.length >= CUT_FIRST * width &&
        /^[\p{Lu}“‘"']/u.test(second) &&
        second.length <= CUT_SECOND * width &&
        sum >= CUT_FULL * width &&
        sum <= CUT_OVER * width &&
        (STARTS_LOWER.test(textOf(c)) || /\p{L}-$/u.test(second)) &&
        second.length + 1 + textOf(c).split(/\s/)[0]!.length <= CUT_ROOM * width &&
        textOf(c).length >= CUT_FULL * width
      ) {
        diag(ctx, "info", "normalise:cut-line", `"${first.slice(-20)}" and "${second.slice(0, 20)}" read as one line: a printed line the extraction cut in two`, a);
        out[out.length - 1] = { ...a, raw: `${a.raw.trimEnd()} ${b.raw.trim()}` };
        return;
      }
    }
    out.push(b);
  });
  return out;
}

/**
 * Close the space an extraction set before a line-end hyphen ("… in fi -" / "nanciële problemen":
 * PDFBox over a justified line whose word spacing it gave the hyphen too), so the line ends on a
 * broken word as elsewhere. Only where the next line goes on in lower case, and where the letters
 * before the space are no word of the word list (the fragment itself counts among the texts' own
 * forms) or they and the next line's first word make one that the word list or the texts have
 * ("uitvoeren -" / "de"): a spaced hyphen at a line's end is otherwise a dash ("… is -" /
 * "zoals gezegd - …").
 * Each close is reported (info).
 */
export function closeSpacedHyphens(lines: readonly Ln[], lex: Lexicon, ctx: LineCtx): Ln[] {
  return lines.map((l, i) => {
    const m = /(\p{L}+) -(\s*)$/u.exec(l.raw);
    const next = lines[i + 1];
    if (!m || !next || isBlank(next) || !STARTS_LOWER.test(textOf(next))) return l;
    const left = m[1]!;
    const right = /^\p{L}+/u.exec(textOf(next))?.[0] ?? "";
    if (!right || (lex.listed(left) && !lex.listed(left + right) && lex.count(left + right) === 0)) return l;
    diag(ctx, "info", "normalise:spaced-hyphen", `"${left} -" / "${right}": the space before a line-end hyphen closed`, l);
    return { ...l, raw: `${l.raw.slice(0, m.index)}${left}-${m[2]}` };
  });
}

interface Mend {
  cut: number;
  score: number;
  off: number;
  left: string;
  right: string;
}

/**
 * Whether the extraction keeps the hyphens of words broken at line ends (pdftotext -raw, a
 * copy from a viewer): three lines or more that end on a letter and a hyphen with the next line
 * going on in lower case. Such an extraction joins no printed lines, so a line over the measure
 * is one printed in smaller type (a note) and holds no split to mend; pdftotext's default mode,
 * which joins the halves, leaves no such line.
 */
export function keepsLineEndHyphens(lines: readonly Ln[]): boolean {
  let n = 0;
  for (let i = 0; i + 1 < lines.length && n < 3; i++) {
    if (/\p{L}-$/u.test(textOf(lines[i]!)) && !isBlank(lines[i + 1]) && STARTS_LOWER.test(textOf(lines[i + 1]!))) n++;
  }
  return n >= 3;
}

/** Where the k-th printed line of a joined line ends: k times this share of the measure (a justified line is full). */
const LINE_END = 0.96;

/** How far from a printed line's end (in shares of the measure) a place still counts as at it. */
const LINE_WINDOW = 0.14;
/** How much wider the window is for each printed line further on: the lines before it fill the measure more or less. */
const LINE_DRIFT = 0.06;

/**
 * The printed line of a joined line whose end is nearest to a place `at` shares of the measure
 * from the line's start (the k-th, counted from 1), and how far that end is from it.
 */
function nearestLineEnd(at: number): { k: number; off: number } {
  const k = Math.max(1, Math.round(at / LINE_END));
  return { k, off: Math.abs(at - k * LINE_END) };
}

/**
 * How much longer than the measure a line of one printed line may be where a web address stands:
 * notes are set in smaller type. A printed line of the lines around an address may end as much
 * further on (where too few lines of notes stand near it to tell their measure), and, since an
 * address breaks only at its marks, up to ADDRESS_SHORT of its measure short of its end.
 */
const ADDRESS_LINE = 1.3;
const ADDRESS_SHORT = 0.2;

/** Words that a split's second part, the first part being a word too, is taken to be on their own. */
const STANDS_ALONE = new Set(["en", "een", "het", "te"]);

/** Words that a split's first part, the second part being a word too, is taken to be on their own ("en ge|sprekken"). */
const FIRST_ALONE = new Set(["en", "een", "het"]);

/** Dutch words of two letters that stand apart in a web address's slug ("regeling-en-examens"). */
const SHORT_WORDS = new Set(["en", "op", "er", "in", "de", "te", "of", "om", "na", "nu", "zo"]);

/** A date, year first, with one of its two hyphens: "2018-0701" (groups 1–3) or "201807-01" (groups 4–6). */
const DATE_ONE_HYPHEN = /(?<!\d)(?:(\d{4})-(\d{2})(\d{2})|(\d{4})(\d{2})-(\d{2}))(?![\d-])/gu;

/**
 * Two vowels that would read as one sound where a compound's parts meet, so Dutch writes a
 * hyphen between them ("re-integratie", "wo-opleiding", "diploma-erkenning", "mbo-instelling").
 */
const COLLIDING = new Set(["aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu"]);

/**
 * Put back the hyphen of a compound written with one that pdftotext's default mode dropped where
 * the compound was broken at it, at a line end: it joins the halves as it joins a word broken
 * by the typesetter ("mbo-" / "instellingen" gives "mboinstellingen", "UWV-" / "werkgevers…"
 * gives "UWVwerkgevers…"). Only on a line over the measure, near where one of its printed lines
 * ended (as mendSplitWords), in a word of letters alone that the document does not write so
 * elsewhere, where the word tells a hyphen by its form:
 *  - an abbreviation in capitals before a word ("UWV|werkgeversservicepunt", "MKB|Nederland");
 *  - a capitalised word before another ("Zuid|Holland"), both words of the text's language;
 *  - in lower case, two words where Dutch writes a hyphen, the joined form no word of the word
 *    list: the document writes the first part before a hyphen in a compound elsewhere
 *    ("mbo-diploma"), or the vowels where they meet would read as one sound
 *    ("diploma|erkenning"), the first part a word of the list of three letters at least.
 * A word the document writes with a hyphen elsewhere ("VNO-NCW", "Scholten-Dijkman",
 * "55-plussers", "mbo-2-niveau" for "mbo2-niveau"), and never without on a line of one printed
 * line, gets it back wherever it stands on a joined line, unless the joined form is a word of the
 * word list: pdftotext writes no hyphen away but at a line end.
 * A date in a web address that kept one of its two hyphens ("…/2018-0701", "…/202307-01") gets
 * the other back, on a line of any length (notes are set smaller): year first, a month and a day
 * that can be; an address breaks at a hyphen, and no address writes a date half joined.
 * Each mend is reported (info) with the line.
 */
export function mendDroppedHyphens(lines: readonly Ln[], width: number, lex: Lexicon, ctx: LineCtx): Ln[] {
  const word = (w: string): boolean => w.length >= 3 && lex.known(w);
  /** Where a hyphen goes in `w` (letters only), if its form tells one. */
  const hyphenAt = (w: string): number[] => {
    if (lex.count(w) > 1) return [];
    // (the Dutch capital digraph IJ opens words: "IJsselmeer")
    // ("UWV|werkgevers…", or a capitalised word after the capitals: "MKB|Nederland")
    if (/^(?!IJ\p{Ll})\p{Lu}{2,}\p{Ll}{3,}$/u.test(w)) {
      const n = /^\p{Lu}+/u.exec(w)![0].length;
      return [n, n - 1].filter((p) => p >= 2 && word(w.slice(p))).slice(0, 1);
    }
    const caps = /^(\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}{2,})$/u.exec(w);
    if (caps) return word(caps[1]!) && word(caps[2]!) && !lex.listed(w) ? [caps[1]!.length] : [];
    if (!/^\p{Ll}+$/u.test(w) || lex.listed(w)) return [];
    const at: number[] = [];
    for (let p = 2; p <= w.length - 3; p++) {
      const left = w.slice(0, p);
      const right = w.slice(p);
      if (!word(right)) continue;
      // (a first part of three letters at least in the word list itself: a compound of it, or a
      // word of two letters, may end anywhere in a word, "kredietbeo|ordelaar", "ma|altijd")
      if (lex.hyphenHead(left) || (COLLIDING.has(w[p - 1]! + w[p]!) && left.length >= 3 && lex.listed(left))) at.push(p);
    }
    return at;
  };
  // the document's own hyphenated forms ("Zeeuws-Vlaanderen", "mbo-2-niveau"), by the form each
  // gives with one of its hyphens dropped, and the words it writes on lines of one printed line
  const own = new Map<string, number>();
  const plain = new Set<string>();
  for (const l of lines) {
    if (isBlank(l) || l.role) continue;
    const joinedLine = isJoined(l.raw.trim().length, width);
    for (const t of l.raw.trim().split(/\s+/)) {
      const w = bareWord(t);
      if (!joinedLine) plain.add(w);
      for (const h of w.matchAll(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu)) {
        const key = w.slice(0, h.index) + w.slice(h.index + 1);
        own.set(key, own.has(key) && own.get(key) !== h.index ? -1 : h.index);
      }
    }
  }
  /**
   * The measure of the lines a web address stands among: the second longest line (up to 1.3 times
   * the measure) within twelve lines of line `i` on its page, itself left out, the measure at
   * least. Notes are set in smaller type, their lines longer than the text's; the second, since a
   * line the extraction joined may be no longer than that.
   */
  const widthAround = (i: number): number => {
    const lens = [width, width];
    for (let j = Math.max(0, i - 12); j <= i + 12 && j < lines.length; j++) {
      const n = lines[j]!;
      const len = n.raw.trim().length;
      if (j !== i && !isBlank(n) && !n.role && n.page === lines[i]!.page && len <= ADDRESS_LINE * width) lens.push(len);
    }
    return lens.sort((a, b) => b - a)[1]!;
  };
  /**
   * How surely a web address's part is a word: the text writes it (2), the word list has it, or it
   * is a compound of eight letters or more of the list's words ("energiebespaarlening") (1),
   * neither (-1).
   */
  const sure = (part: string): number =>
    part.length < 3 && !SHORT_WORDS.has(part) ? -1 : lex.count(part) > 0 ? 2 : lex.listed(part) || (part.length >= 8 && lex.dictionary(part)) ? 1 : -1;
  return lines.map((l, i) => {
    if (isBlank(l) || l.role) return l;
    const raw = l.raw;
    const cuts: { at: number; what: string }[] = [];
    // a date in a web address ("…/BWBR0040936/2018-07-01") that lost one of its two hyphens
    // where the extraction joined its printed lines: "2018-0701", "202307-01" (on a line of any
    // length: notes are set in smaller type, their lines longer than the measure)
    for (const u of raw.matchAll(/(?:https?:\/\/|www\.)\S+/gu)) {
      for (const d of u[0].matchAll(DATE_ONE_HYPHEN)) {
        const [y, m, day] = [d[1] ?? d[4]!, d[2] ?? d[5]!, d[3] ?? d[6]!].map(Number) as [number, number, number];
        if (y >= 1900 && m >= 1 && m <= 12 && day >= 1 && day <= 31) cuts.push({ at: u.index! + d.index! + (d[1] !== undefined ? 7 : 4), what: "a date's hyphen in a web address" });
      }
    }
    // a web address whose printed lines the extraction joined, where it dropped a hyphen between
    // two parts of a slug ("…/regeling-en-" / "examens", "…/adviesaanvraag-" / "pensioenopbouw",
    // "…/raadsvergadering-" / "19-juni", "…/cohorten-2014-" / "2022"): in the path of an address
    // that writes words apart with hyphens, on a line longer than the lines around it (by any
    // length: an address breaks only where it may, "…-handreiking-voor-" / "gemeenten/"), where a
    // printed line may have ended, a part of the path between its marks that the text does not
    // write itself, nor the word list (the English one too), and that does not end the line (it
    // goes on on the next: "…/legal-conte" / "nt/NL/…"), gets its hyphen back where it is
    //  - letters and digits ("pilots2026", "2027definitief"), the letters a word, or two years
    //    ("20142022");
    //  - two words, each a word the text writes or one of the word list, or a compound of eight
    //    letters or more of the list's words ("energiebespaarlening|voor"; of two letters only a
    //    short word of the language: "en", "op"), both words the text writes where the two
    //    together are a compound of the list's words ("kamerbrief" stays whole, so does
    //    "personeelsbeleid" where the text writes neither part); where they are two words in more
    //    ways than one, the way whose words the text writes both, then the one nearest the line's
    //    end.
    // A printed line's end is looked for by the measure of the lines around it (widthAround), not
    // by the text's, from ADDRESS_SHORT before it to ADDRESS_LINE − 1 after: notes are set in
    // smaller type, their lines longer; and an address breaks only where it may, so its printed
    // line may end well short of the measure.
    // At most one hyphen a printed line's end.
    const lead = raw.length - raw.trimStart().length;
    const joined = isJoined(raw.trim().length, width);
    // (the lines around are measured only for a line with an address)
    const w = joined && /https?:\/\//u.test(raw) ? widthAround(i) : width;
    // (a line with an address holds more than one printed line wherever it is longer than the lines
    // around it: an address breaks only where it may, so its last printed line may be short; its
    // length without the wide gaps of a justified line that an extraction of the page's layout
    // keeps: those make a printed line look longer)
    if (joined && (isJoined(raw.trim().length, w) || textOf(l).length > w)) {
      const atEnd = new Map<number, { cut: number; off: number; rank: number }>();
      const offer = (cut: number, rank: number): void => {
        const at = (cut - lead) / w;
        const { k } = nearestLineEnd(at);
        const off = at - k * LINE_END;
        if (off > ADDRESS_LINE - 1 || off < -ADDRESS_SHORT) return;
        const cur = atEnd.get(k);
        if (!cur || rank > cur.rank || (rank === cur.rank && Math.abs(off) < cur.off)) atEnd.set(k, { cut, off: Math.abs(off), rank });
      };
      for (const u of raw.matchAll(/https?:\/\/\S+/gu)) {
        // (in the path: a host's name is no slug)
        const path = u[0].indexOf("/", u[0].indexOf("//") + 2);
        if (path < 0 || !/[\p{Ll}\d]-[\p{Ll}\d]/u.test(u[0])) continue;
        for (const r of u[0].slice(path).matchAll(/[\p{Ll}\d]{4,}/gu)) {
          const part = r[0];
          const at = u.index! + path + r.index!;
          if (lex.count(part) > 0 || lex.addressWord(part)) continue;
          // (a part that ends the line goes on on the next: "…/legal-conte" / "nt/NL/…")
          if (at + part.length >= raw.trimEnd().length) continue;
          const mixed = /^(\p{Ll}+)(\d+)$|^(\d+)(\p{Ll}+)$/u.exec(part);
          if (mixed) {
            const letters = mixed[1] ?? mixed[4]!;
            if (letters.length >= 3 && sure(letters) >= 1) offer(at + (mixed[1] ?? mixed[3]!).length, 1);
            continue;
          }
          if (/^(?:19|20)\d\d(?:19|20)\d\d$/u.test(part)) {
            offer(at + 4, 1);
            continue;
          }
          if (!/^\p{Ll}+$/u.test(part)) continue;
          // (a compound of the list's words may be a word of the address itself, "kamerbrief",
          // "personeelsbeleid": two only if the text writes both)
          const least = lex.known(part) ? 2 : 1;
          for (let p = 2; p <= part.length - 2; p++) {
            const rank = Math.min(sure(part.slice(0, p)), sure(part.slice(p)));
            if (rank >= least) offer(at + p, rank);
          }
        }
      }
      for (const { cut } of atEnd.values()) cuts.push({ at: cut, what: "a hyphen between the parts of a web address" });
    }
    const re = /\S+/gu;
    for (let m = joined ? re.exec(raw) : null; m; m = re.exec(raw)) {
      // a word between opening and closing punctuation ("(VNONCW),")
      const core = /^([(‘“'"]*)([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)[.,;:!?’”'")]*$/u.exec(m[0]);
      if (!core) continue;
      // (a form the document writes with a hyphen elsewhere, and never without on a line of its own)
      const at = own.get(core[2]!);
      if (at !== undefined && at > 0 && !plain.has(core[2]!) && !lex.listed(core[2]!)) {
        cuts.push({ at: m.index + core[1]!.length + at, what: "a hyphen the document writes in the same word elsewhere" });
        continue;
      }
      // (the forms below are of letters alone)
      if (!/^\p{L}+$/u.test(core[2]!)) continue;
      const start = m.index + core[1]!.length;
      // (the one nearest a printed line's end, within the window there)
      let best: { cut: number; off: number } | undefined;
      for (const p of hyphenAt(core[2]!)) {
        const { off } = nearestLineEnd((start + p - lead) / width);
        if (off <= LINE_WINDOW && (!best || off < best.off)) best = { cut: start + p, off };
      }
      if (best) cuts.push({ at: best.cut, what: "a compound's hyphen" });
    }
    if (cuts.length === 0) return l;
    let out = raw;
    for (const { at: c, what } of [...cuts].sort((a, b) => b.at - a.at)) {
      diag(ctx, "info", "normalise:dropped-hyphen", `"${raw.slice(c - 8, c)}${raw.slice(c, c + 8)}" read as "${raw.slice(c - 8, c)}-${raw.slice(c, c + 8)}": ${what} dropped where the extraction joined two printed lines`, l);
      out = out.slice(0, c) + "-" + out.slice(c);
    }
    return { ...l, raw: out };
  });
}
