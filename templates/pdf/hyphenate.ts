/**
 * Hyphenation in the document's language for react-pdf's per-Text
 * `hyphenationCallback` (Liang patterns from the `hyphen` package:
 * hyphen/nl and hyphen/en-gb).
 */
import { hyphenPatterns } from "../../pipeline/document/hyphen-patterns.ts";
import type { Lang } from "../../pipeline/document/types.ts";

const SHY = "\u00AD";
const callbacks = new Map<Lang, (word: string) => string[]>();

/** A hyphenation callback for `lang`: splits a word into the parts a line may break between. */
export function hyphenator(lang: Lang): (word: string) => string[] {
  const known = callbacks.get(lang);
  if (known) return known;
  const h = hyphenPatterns(lang);
  const cache = new Map<string, string[]>();
  const cb = (word: string): string[] => {
    if (word.includes(SHY)) return word.split(SHY);
    // Addresses are not words: a short one stays whole; a long one may break
    // after a slash, with no hyphen added there (patches/@react-pdf+textkit*).
    if (/[/@]|www\.|:\/\//.test(word)) return word.length > 30 ? word.split(/(?<=\/)(?=.)/) : [word];
    if (word.length < 7) return [word];
    // A mark tied to its word ("NL\u2009Vooral") breaks only inside the word itself.
    const tie = word.search(/[\u00a0\u2009\u202f][^\u00a0\u2009\u202f]*$/);
    if (tie >= 0) {
      const [first = "", ...rest] = cb(word.slice(tie + 1));
      return [word.slice(0, tie + 1) + first, ...rest];
    }
    let parts = cache.get(word);
    if (!parts) {
      parts = h.hyphenateSync(word, { hyphenChar: SHY, minWordLength: 7 }).split(SHY);
      // No break that leaves fewer than 3 letters on either side of the line end.
      const letters = (p: string): number => p.replace(/[^\p{L}]/gu, "").length;
      while (parts.length > 1 && letters(parts[0]!) < 3) parts.splice(0, 2, parts[0]! + parts[1]!);
      while (parts.length > 1 && letters(parts[parts.length - 1]!) < 3) parts.splice(-2, 2, parts.at(-2)! + parts.at(-1)!);
      cache.set(word, parts);
    }
    return parts;
  };
  callbacks.set(lang, cb);
  return cb;
}
