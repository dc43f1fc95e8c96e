/** The Latin ligatures of Unicode's presentation forms (U+FB00–U+FB06) and the letters they join. */
const LIGATURES: Record<string, string> = { "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st" };

/**
 * A ligature glyph as its letters ("proﬁteert" → "profiteert"): a PDF reader may give the glyph a
 * font drew for "fi" as one character (pdf.js, PDFBox 1.8), which no word of the text is spelt with.
 */
export function spellLigatures(s: string): string {
  return s.replace(/[ﬀ-ﬆ]/g, (c) => LIGATURES[c] ?? c);
}
