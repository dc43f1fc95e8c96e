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

/** The glyph repairs every reader makes to the text it is given: ligatures spelt out, hyphens folded. */
export function spellGlyphs(s: string): string {
  return foldHyphens(spellLigatures(s));
}
