/**
 * Sentence segmentation rules in the manner of SRX 2.0 (the Segmentation
 * Rules eXchange standard used by OmegaT, Okapi and memoQ): an ordered list
 * of break and exception (no-break) rules, each a pair of regular
 * expressions for the text before and after a candidate position. The first
 * rule that matches decides. Candidates are the starts of words after white
 * space; the white space itself stays between the segments.
 *
 * Inline codes appear in the text as placeholders `{n}` / `{/n}` (see
 * placeholders.ts); rules let them stand next to punctuation.
 */

export interface SrxRule {
  /** A short name, for tests and debugging. */
  name: string;
  /** true: break here; false: exception, do not break. */
  break: boolean;
  /** Tested against the text before the white space; should end with `$`. */
  before: RegExp;
  /** Tested against the text after the white space; should start with `^`. */
  after: RegExp;
}

const PH = String.raw`\{\/?\d+\}`;
const CLOSERS = String.raw`[’”"'»)\]]`;
const OPENERS = String.raw`[‘“"'„«(\[¿¡]`;

/** Abbreviations that never end a Dutch sentence (titles, "circa", "onder andere", "bijvoorbeeld", …). */
export const NON_FINAL_ABBREVIATIONS = [
  "ca", "o\\.a", "c\\.q", "bijv", "bv", "nr", "nrs", "mr", "dr", "drs", "prof", "ir", "ing", "mevr", "dhr", "hr",
  "blz", "p", "pp", "art", "vgl", "zgn", "resp", "i\\.p\\.v", "m\\.b\\.t", "t\\.a\\.v", "n\\.a\\.v", "t\\.b\\.v",
  "i\\.v\\.m", "d\\.w\\.z", "m\\.n", "o\\.m", "i\\.c", "z\\.s\\.m", "incl", "excl", "evt", "vs", "t\\.o\\.v",
  "e\\.a", "jo", "jr", "sr", "st", "tel", "fig", "afb", "hfst", "par", "lid", "min", "max", "gem", "o\\.b\\.v", "i\\.s\\.m",
];

/** Abbreviations that may end a sentence ("jl.", "a.s.", "e.d.", "etc."): break only before a capital. */
export const FINAL_ABBREVIATIONS = ["jl", "a\\.s", "e\\.d", "etc", "enz", "e\\.v", "m\\.a\\.w"];

/** The Dutch rule set, in order. */
export const DUTCH_RULES: readonly SrxRule[] = [
  {
    name: "abbreviation-never-final",
    break: false,
    before: new RegExp(String.raw`(?:^|[\s(‘“"'/])(?:${NON_FINAL_ABBREVIATIONS.join("|")})\.(?:${PH})*$`, "iu"),
    after: /^/u,
  },
  {
    name: "abbreviation-before-lowercase",
    break: false,
    before: new RegExp(String.raw`(?:^|[\s(])(?:${FINAL_ABBREVIATIONS.join("|")})\.(?:${PH})*$`, "iu"),
    after: /^[\p{Ll}\d]/u,
  },
  {
    name: "initials",
    break: false,
    before: /(?:^|[\s(])(?:\p{Lu}\.)+$/u,
    after: /^\p{Lu}/u,
  },
  {
    name: "leading-number",
    break: false,
    before: /^\s*(?:\d{1,3}|[a-z]|[IVX]{1,4})[.)]$/u,
    after: /^/u,
  },
  {
    name: "bullet",
    break: true,
    before: /\S$/u,
    after: /^[■•▪●◦]/u,
  },
  {
    name: "sentence-end",
    break: true,
    before: new RegExp(String.raw`[.?!…](?:${CLOSERS}|${PH}(?:,\s*${PH})*)*$`, "u"),
    after: new RegExp(String.raw`^(?:${PH}|${OPENERS})*[\p{Lu}\d]`, "u"),
  },
];

/**
 * How much text on either side of a space the rules look at. They read the
 * last word or two before it and the first after it; reading the whole
 * paragraph (a rule ends in `$`) made segmenting a paragraph take time with
 * the square of its length.
 */
const CONTEXT = 256;

/**
 * Where the text a rule sees before the space at `start` begins: just after a
 * space about CONTEXT characters back, or at the start of the word before it
 * when that word is longer; 0 when the paragraph is that short.
 */
function contextStart(text: string, start: number, word: number): number {
  if (start - CONTEXT <= 0) return 0;
  if (word <= start - CONTEXT) return word;
  const at = text.slice(start - CONTEXT, word).search(/\s/u);
  return at < 0 ? word : start - CONTEXT + at + 1;
}

/**
 * The positions at which `text` breaks into segments under `rules`.
 * `blocked(i)` vetoes a break at i (inside an inline code pair or an open
 * quotation): a segment never cuts a link or an emphasis in two.
 */
export function breakPositions(text: string, rules: readonly SrxRule[], blocked: (i: number) => boolean = () => false): number[] {
  const out: number[] = [];
  const ws = /\s+/gu;
  let m: RegExpExecArray | null;
  /** Where the word before the current space starts. */
  let wordStart = 0;
  while ((m = ws.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    const word = wordStart;
    wordStart = end;
    if (start === 0 || end >= text.length) continue;
    if (blocked(start)) continue;
    const from = contextStart(text, start, word);
    // A stretch that does not open the paragraph opens with a stand-in for the
    // text before it, then the space before its first word: a rule anchored at
    // the paragraph's start (`^`, a leading list number) does not take the
    // stretch's start for it, and "after a space" still reads as such.
    const before = from === 0 ? text.slice(0, start) : `\u0000${text.slice(from - 1, start)}`;
    const after = text.slice(end, end + CONTEXT);
    for (const rule of rules) {
      if (rule.before.test(before) && rule.after.test(after)) {
        if (rule.break) out.push(end);
        break;
      }
    }
  }
  return out;
}
