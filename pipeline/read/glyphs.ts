/** The Latin ligatures of Unicode's presentation forms (U+FB00–U+FB06) and the letters they join. */
const LIGATURES: Record<string, string> = { "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st" };

/**
 * A ligature glyph as its letters ("proﬁteert" → "profiteert"): a PDF reader may give the glyph a
 * font drew for "fi" as one character (pdf.js, PDFBox 1.8), which no word of the text is spelt with.
 */
function spellLigatures(s: string): string {
  return s.replace(/[ﬀ-ﬆ]/g, (c) => LIGATURES[c] ?? c);
}

/**
 * The hyphens a typesetter may print as characters other than the hyphen-minus, spelt "-": U+2010
 * HYPHEN and U+2011 NON-BREAKING HYPHEN anywhere (WeasyPrint sets "gebouw‐" / "de" at a break it
 * made), and a soft hyphen (U+00AD) after a letter at a line's end, where it was printed as the
 * break's hyphen. Elsewhere a soft hyphen is invisible and is dropped later, as before.
 */
export function foldHyphens(s: string): string {
  return s.replace(/[\u2010\u2011]/g, "-").replace(/(?<=\p{L})\u00AD(?=[ \t]*$)/gmu, "-");
}

/** A run of characters U+xx00 whose high byte is an ASCII letter ("昀椀", U+6600 U+6900 for "fi"). */
const SWAPPED_RUN = /[\u4100-\u5a00\u6100-\u7a00]+/gu;

/**
 * Letters an extractor wrote with their two bytes the wrong way round: Ghostscript's txtwrite
 * gives the glyph a TeX font drew for "fi" as U+6600 U+6900, an ideograph for each letter
 * ("pro昀椀teert"). A run of characters U+xx00 whose high byte is an ASCII letter, touching a
 * Latin letter, is those letters; an ideograph of a text in Chinese has its neighbours in kind.
 */
function unswapLetters(s: string): string {
  return s.replace(SWAPPED_RUN, (run, at: number, all: string) => {
    if (![...run].every((c) => (c.charCodeAt(0) & 0xff) === 0)) return run;
    const before = all.slice(Math.max(0, at - 1), at);
    const after = all.slice(at + run.length, at + run.length + 1);
    if (!/\p{Script=Latin}/u.test(before + after)) return run;
    return [...run].map((c) => String.fromCharCode(c.charCodeAt(0) >> 8)).join("");
  });
}

/** "<" opening a word: where an extraction gave "“" (after a space, a bracket or a line's start). */
const OPENS_AS_LT = /(^|[\s([])<(?=\p{L})/gmu;
/** "=" closing a word or a sentence: where it gave "”" (before a space, a mark or a line's end). */
const CLOSES_AS_EQ = /(?<=[\p{L}\p{N}.,!?;:…])=(?=[\s.,;:!?)\]]|$)/gmu;

/**
 * Double quotes an extractor decoded as "<" and "=": Ghostscript's txtwrite gives a font's
 * “ and ” so, in a TeX font and in a browser's alike ("<Nu kunnen we niet meer zonder.=").
 * Where a text holds two such openings at least, and its closings number between half and
 * twice its openings, they are the quotes; a text that opens no word with "<" (a formula,
 * "< 5", an address's "?id=") is left as it is.
 */
function rightQuotes(s: string): string {
  const opens = s.match(OPENS_AS_LT)?.length ?? 0;
  const closes = s.match(CLOSES_AS_EQ)?.length ?? 0;
  if (opens < 2 || closes < opens / 2 || closes > 2 * opens) return s;
  return s.replace(OPENS_AS_LT, "$1“").replace(CLOSES_AS_EQ, "”");
}

/** The glyph repairs every reader makes to the text it is given: ligatures spelt out, swapped letters and misread quotes righted, hyphens folded. */
export function spellGlyphs(s: string): string {
  return foldHyphens(rightQuotes(unswapLetters(spellLigatures(s))));
}
