import { diag, type LineCtx, type Ln } from "./lines.ts";
import type { Lexicon } from "./lexicon.ts";

/** The letters a font's ligature glyphs stand for, the longest first. */
const LETTERS = ["ffi", "ffl", "ff", "fi", "fl"];

/** How many words one character must mend, at least, to be read as a ligature. */
const MIN_MENDS = 2;

/**
 * Ligature glyphs an extractor decoded as some other letter: Ghostscript's txtwrite gives the "fi"
 * of a browser's subset font as "ü", its "ff" as "û", its "fl" as "ý" ("proüteert",
 * "gediûerentieerde", "aýopen"), a code the font gave the glyph and nothing else. The word list
 * tells them: a character outside ASCII that stands in words the list does not know, where
 * putting one set of a ligature's letters in its place makes them words of the list (or
 * compounds of its words), is read so in those words; in a word that is one as it stands
 * ("reünie"), or that no ligature's letters make one, it stays. A character is read so only where
 * it mends MIN_MENDS words at least, and at least half the words it stands in that the list does
 * not know. Each character read so is reported (info) once, with the letters and the count.
 */
export function spellMisreadLigatures(lines: Ln[], lex: Lexicon, ctx: LineCtx): Ln[] {
  const word = (w: string): boolean => lex.listed(w) || lex.dictionary(w);
  // the words the list does not know, by the characters outside ASCII they hold
  const unknown = new Map<string, Set<string>>();
  for (const l of lines) {
    for (const w of l.raw.match(/\p{L}+/gu) ?? []) {
      const odd = new Set(w.match(/[^\p{ASCII}]/gu) ?? []);
      if (!odd.size || word(w)) continue;
      for (const c of odd) {
        const at = unknown.get(c);
        if (at) at.add(w);
        else unknown.set(c, new Set([w]));
      }
    }
  }
  const reading = new Map<string, { letters: string; words: Set<string> }>();
  for (const [c, words] of unknown) {
    let best: { letters: string; words: Set<string> } | undefined;
    for (const letters of LETTERS) {
      const mended = new Set([...words].filter((w) => word(w.split(c).join(letters))));
      if (!best || mended.size > best.words.size) best = { letters, words: mended };
    }
    if (best && best.words.size >= MIN_MENDS && best.words.size * 2 >= words.size) reading.set(c, best);
  }
  // (the same lines where nothing is read so)
  if (!reading.size) return lines;
  for (const [c, r] of reading) diag(ctx, "info", "normalise:misread-ligature", `"${c}" read as "${r.letters}" in ${r.words.size} words ("${[...r.words][0]}"): a ligature the extraction decoded as another letter`);
  return lines.map((l) => {
    const raw = l.raw.replace(/\p{L}+/gu, (w) => {
      for (const [c, r] of reading) if (r.words.has(w)) return w.split(c).join(r.letters);
      return w;
    });
    return raw === l.raw ? l : { ...l, raw };
  });
}
