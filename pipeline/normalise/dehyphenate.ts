import { hyphenPatterns } from "../document/hyphen-patterns.ts";
import type { Position } from "../document/types.ts";
import { bareWord, type Lexicon } from "./lexicon.ts";
import type { Diagnostic } from "../document/types.ts";

export interface HyphenDecision {
  keep: boolean;
  /** Keep a space after the hyphen (a suspended compound: "werk- en"). */
  space: boolean;
  doubtful: boolean;
  reason: string;
}

const URLISH = /(^|[^\p{L}])(https?:\/\/|www\.)|\/\S|\.(nl|com|org|eu|net|pdf|html?)(\/|$)/iu;
const VOWEL_END = /[aeiouyàáäéëèïíóöúü]$/i;
const VOWEL_START = /^[aeiouyàáäéëèïíóöúü]/i;

/**
 * Decide what a hyphen at a line end means: a word broken by the typesetter
 * (join: "gezond-|heidswinst"), a hyphen that belongs to the word
 * ("sociaal-|economische" where the text writes it so, "SER-|commissie",
 * "2011-|2014", inside URLs) or a suspended compound ("werk-| en").
 * Evidence, in order: form of the parts, the document's own spellings,
 * the Dutch word list and compound knowledge. What stays undecided is
 * joined and reported as doubtful.
 */
export function decideHyphen(leftTok: string, rightLine: string, lex: Lexicon): HyphenDecision {
  const rightTok = rightLine.split(/\s+/)[0] ?? "";
  const left = leftTok.replace(/-$/, "");
  const lastPart = left.split("-").pop() ?? left;
  // the word after the break, without punctuation or a glued note number ("heidsverschillen.5")
  const right = /^\p{L}+(?:[-’']\p{L}+)*/u.exec(rightTok)?.[0] ?? rightTok.replace(/[^\p{L}\p{N}’'-]+$/u, "");
  if (URLISH.test(left)) return urlHyphen(left, rightTok, lex);
  if (/^(en|of|tot|noch)$/.test(right)) return { keep: true, space: true, doubtful: false, reason: "suspended compound" };
  if (!/^[\p{L}\p{N}]/u.test(right)) return { keep: true, space: true, doubtful: false, reason: "no word follows" };
  if (/\p{N}$/u.test(lastPart) || /^\p{N}/u.test(right)) return { keep: true, space: false, doubtful: false, reason: "number range" };
  if (/^\p{Lu}/u.test(right)) return { keep: true, space: false, doubtful: false, reason: "capital after hyphen" };
  if (/^\S+\s+(en|of)\s+-\p{L}/u.test(rightLine)) return { keep: true, space: false, doubtful: false, reason: "coordinated compound" };
  const joined = left + right;
  const hyphened = `${left}-${right}`;
  const cj = lex.count(joined);
  const ch = lex.count(hyphened);
  // a typesetter breaks at a hyphen the word has where it can: where the
  // texts write the word with a hyphen, the hyphen at the break is that one
  if (ch > 0) return { keep: true, space: false, doubtful: cj > ch, reason: cj ? "the texts write it both ways" : "the texts write it with a hyphen" };
  // the texts' own spelling comes before the form of the parts: "SERmagazine" is written so
  if (cj > 0) return { keep: false, space: false, doubtful: false, reason: "the texts write it joined" };
  if (/\p{Lu}{2,}$/u.test(lastPart)) return { keep: true, space: false, doubtful: false, reason: "abbreviation before hyphen" };
  // a first part the texts join to other words with a hyphen and never without ("mbo-opleidingen",
  // "hbo-ingenieurs": an initialism; "niet-werkenden") keeps it before this word too, unless the
  // word list has the two joined
  if (lex.hyphenHead(lastPart) && !lex.opensJoined(lastPart) && !lex.listed(joined)) return { keep: true, space: false, doubtful: false, reason: "the texts write compounds of it with a hyphen, none without" };
  if (lex.known(joined)) return { keep: false, space: false, doubtful: false, reason: "a known word" };
  if (VOWEL_END.test(lastPart) && VOWEL_START.test(right) && lex.known(lastPart) && lex.known(right))
    return { keep: true, space: false, doubtful: true, reason: "vowel clash between known words" };
  // a capital opens the sentence as often as a name: where the letters after the break are no
  // word and the hyphenation patterns (Dutch, British English: the languages the office sets)
  // break the whole word right there, a typesetter broke it ("Incid-|entally", "Neigh-|borhood")
  if (/^\p{Lu}/u.test(lastPart) && right.length >= 3 && /^\p{Ll}+$/u.test(right) && !lex.known(right) && patternsBreak(lastPart, right))
    return { keep: false, space: false, doubtful: true, reason: "the hyphenation patterns break the word there" };
  if (/^\p{Lu}/u.test(lastPart)) return { keep: true, space: false, doubtful: true, reason: "a name before the hyphen" };
  return { keep: false, space: false, doubtful: true, reason: "no evidence either way" };
}

/** Whether the Dutch or British English hyphenation patterns break `left + right` between the two. */
export function patternsBreak(left: string, right: string, minWordLength = 5): boolean {
  const word = (left + right).toLowerCase();
  return [hyphenPatterns("nl"), hyphenPatterns("en")].some((h) => {
    const parts = h.hyphenateSync(word, { hyphenChar: "\u00AD", minWordLength }).split("\u00AD");
    let at = 0;
    return parts.slice(0, -1).some((p) => (at += p.length) === left.length);
  });
}

/**
 * A hyphen at a line end inside a web address. An address's own hyphens join
 * whole words ("instroom-uitstroom", "werk-en-inkomen", "kst-36576"); a
 * typesetter that hyphenates words also breaks an address's words at a
 * syllable ("finan-|ciering", "bekend-|makingen"). So the hyphen goes where
 * the letters before it (from some point on) and after it make one word: any
 * word where the letters after it are none ("ciering"), a word of the word
 * list itself (the text's language's or English: an address's words are
 * often English, "con-|nect", "news-|room") or of the document's own text
 * where they are one too ("makingen"; "warmte-|transitie" where the text
 * writes "warmtetransitie"; "energiearmoede-|nederland" makes only a compound
 * no text has); else it stays, as most of an address's hyphens are its own.
 */
function urlHyphen(left: string, rightTok: string, lex: Lexicon): HyphenDecision {
  const keep = { keep: true, space: false, doubtful: false, reason: "inside a URL" };
  const piece = /\p{L}+$/u.exec(left)?.[0] ?? "";
  const tail = /^\p{L}+/u.exec(rightTok)?.[0] ?? "";
  if (piece.length < 2 || tail.length < 3 || lex.count(`${piece}-${tail}`) > 0) return keep;
  // after the break a word of its own: an address joins words with hyphens ("energiearmoede-
  // nederland"), so only a word the word list itself has joins it ("bekend-makingen"), or one the
  // document writes ("warmte-transitie": its text has "warmtetransitie"), never a compound made up here
  const own = lex.known(tail);
  for (let k = piece.length; k >= 2; k--) {
    const word = piece.slice(piece.length - k) + tail;
    if (own ? k >= 3 && (lex.addressWord(word) || lex.count(word) > 0) : lex.count(word) > 0 || lex.known(word) || lex.addressWord(word)) return { keep: false, space: false, doubtful: false, reason: `a word of a URL broken at a syllable ("${word}")` };
  }
  return keep;
}

/** An address at the end of a line, "https://…" or "www.…", or its scheme alone ("https:", "https://"). */
const URL_TOKEN = /^[(<]?(?:https?:\/\/|www\.)\S+$|^[(<]?https?:(?:\/\/?)?$/iu;

/**
 * Whether a web address broken at a line end goes on at the start of the next
 * line (typesetters break long addresses anywhere, without a hyphen): where
 * the address ends on a character it cannot end on (/ - = & ? # % _ . ~), or
 * the next line opens with what only an address holds (a digit, one of
 * / = & ? # %, a file ending), or with a run of letters that is no word.
 * A path goes on in capitals too ("…/pii/" / "S1703…", "…/23/" /
 * "Monitor-Schuldhulpverlening-…"): after a character no address ends on but
 * a dot, where the next line's first token holds a digit or what no word
 * holds (/ = & ? # % _ ~, a hyphen inside it), which a sentence's first word
 * does not.
 */
function urlRunsOn(lastTok: string, next: string, lex: Lexicon): boolean {
  const first = next.split(" ")[0] ?? "";
  // a scheme broken inside its name: "http" / "s://www…"
  if (/^[(<]?https?$/iu.test(lastTok) && /^s?:\/\/[\p{L}\p{N}]/u.test(first) && /^[(<]?https?:\/\//iu.test(lastTok + first)) return true;
  if (!URL_TOKEN.test(lastTok) || /[;,)]$/.test(lastTok)) return false;
  // an address broken anywhere inside its path ("…/B" / "WBR0034256/2024…", "…/digi" /
  // "tale-inclusie-rijksoverheid"): the next token holds what no sentence's first word holds,
  // / = & ? # % _ ~, or (in lower case) hyphens between letters, as an address's words have
  const rest = first.replace(/[.,;:)]+$/u, "");
  const inPath = /\/\S*\p{L}$/u.test(lastTok.replace(/^[(<]?(?:https?:\/\/)/iu, ""));
  if (inPath && (/[/=&?#%_~]/u.test(rest) || /^[\p{Ll}\p{N}][\p{Ll}\p{N}]*-[\p{L}\p{N}]/u.test(rest))) return true;
  // (a hyphen opens no word: "…-arbeidsongeschiktheidsverzekering" / "-stabiel.")
  if (inPath && /^-[\p{L}\p{N}]/u.test(rest)) return true;
  // (a word of the path broken inside: its first part no word of the list, the two together a word
  // of the text or the list, "…/specifieke-uitkering-energiear" / "moede")
  const piece = /[\p{L}]+$/u.exec(lastTok)?.[0] ?? "";
  const head = /^\p{Ll}+/u.exec(rest)?.[0] ?? "";
  if (inPath && piece.length >= 2 && head && !lex.listed(piece) && (lex.count(piece + head) > 0 || lex.listed(piece + head))) return true;
  // a scheme alone goes on with the rest of its address: "https:" / "//www…", "https://" / "www…"
  if (/:\/{0,2}$/.test(lastTok)) return /^https?:\/\/[\p{L}\p{N}]/u.test((lastTok + first).replace(/^[(<]/, ""));
  if (/[-/=&?#%_~]$/.test(lastTok) && /^\p{Lu}/u.test(first) && /\p{N}|[/=&?#%_~]|\p{L}-\p{L}/u.test(first)) return true;
  if (!/^[\p{Ll}\p{N}/=&?#%_~.-]/u.test(first) || /^(?:https?:\/\/|www\.)/iu.test(first)) return false;
  if (/[-/=&?#%_.~]$/.test(lastTok)) return true;
  if (/^\p{N}|[/=&?#%_~]|\.\p{L}{2,4}\b/u.test(first)) return true;
  const word = bareWord(first);
  return word.length > 0 && !lex.known(word);
}

/**
 * Whether an e-mail address broken at a line end goes on at the start of the next line: the
 * line ends inside its domain, before any dot and top-level domain ("…@exa" / "mple.nl."), and
 * the next line opens with the rest of it.
 */
function mailRunsOn(lastTok: string, next: string): boolean {
  const first = next.split(" ")[0] ?? "";
  return /^[(<]?[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]*$/u.test(lastTok) && /^[\p{Ll}\p{N}-]*\.[\p{L}\p{N}.-]*\p{L}{2,}[.,;:)>]*$/u.test(first);
}

/**
 * Join the physical lines of one block into running text: collapse white
 * space, mend line-end hyphens, keep web addresses broken over lines whole.
 */
export function joinLines(
  parts: readonly { text: string; position: Position }[],
  lex: Lexicon,
  diagnostics: Diagnostic[],
): string {
  let out = "";
  for (const { text, position } of parts) {
    const t = text.replace(/\s+/g, " ").trim();
    if (!t) continue;
    if (!out) {
      out = t;
      continue;
    }
    const lastTok = out.split(" ").pop() ?? "";
    if (/[\p{L}\p{N}]-$/u.test(out)) {
      const d = decideHyphen(lastTok, t, lex);
      if (d.doubtful)
        diagnostics.push({
          severity: "warning",
          code: "normalise:ambiguous-hyphen",
          message: `"${bareWord(lastTok)}|${t.split(" ")[0]}": ${d.keep ? "kept" : "joined"} (${d.reason})`,
          position,
        });
      out = d.keep ? out + (d.space ? " " : "") + t : out.slice(0, -1) + t;
    } else if (urlRunsOn(lastTok, t, lex) || mailRunsOn(lastTok, t) || (/\p{N}[–—]$/u.test(lastTok) && /^\p{N}/u.test(t))) {
      // (a range broken after its dash goes on without a space: "2021–" / "2025")
      out += t;
    } else out += " " + t;
  }
  return out;
}
