import type { Diagnostic, Position } from "../document/types.ts";
import type { Lexicon } from "./lexicon.ts";

const ROMAN: [number, string][] = [[10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
export function roman(n: number): string {
  let out = "";
  for (const [v, s] of ROMAN) while (n >= v) { out += s; n -= v; }
  return out;
}

export interface TextAt {
  text: string;
  position: Position;
}

/**
 * Remove endnote markers whose notes the extraction lost: lower-case roman
 * numerals i, ii, iii … glued to a word or a punctuation mark ("leeft.i",
 * "(Ravesteijniii, 2016)", "(Stronks, 2019) vii:"). They are found as a
 * sequence: the next expected numeral, in reading order, where the word it is
 * glued to is not itself a word. Fewer than two in sequence means there are
 * none (a lone "i" is more likely text). Every removal is reported.
 */
export function removeEndnoteMarkers(texts: TextAt[], lex: Lexicon, diagnostics: Diagnostic[]): TextAt[] {
  const found: { k: number; at: number; len: number; mark: string; cut: number }[] = [];
  let next = 1;
  texts.forEach((t, k) => {
    let from = 0;
    for (;;) {
      const hit = findMarker(t.text, from, next, lex) ?? findMarker(t.text, from, next + 1, lex);
      if (!hit) break;
      found.push({ k, ...hit });
      next = hit.n + 1;
      from = hit.at + hit.len;
    }
  });
  if (found.length < 2) return texts;
  const out = texts.map((t) => ({ ...t }));
  for (let f = found.length - 1; f >= 0; f--) {
    const h = found[f]!;
    const t = out[h.k]!;
    t.text = t.text.slice(0, h.cut) + t.text.slice(h.at + h.len);
    diagnostics.push({
      severity: "warning",
      code: "normalise:orphan-endnote-marker",
      message: `removed endnote marker "${h.mark}": the source has no note for it`,
      position: t.position,
    });
  }
  return out;
}

function findMarker(
  text: string,
  from: number,
  n: number,
  lex: Lexicon,
): { at: number; len: number; mark: string; cut: number; n: number } | undefined {
  const r = roman(n);
  const re = new RegExp(`(?<=([\\p{L}\\p{N}]*)([.,;:)’”]?)( ?))${r}(?=[\\s,.;:)]|$)`, "gu");
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const stem = m[1] ?? "";
    const punct = m[2] ?? "";
    const space = m[3] ?? "";
    if (space) {
      // a numeral standing alone may only follow a closing bracket: "2019) vii:"
      if (punct !== ")") continue;
      return { at: m.index - 1, len: r.length + 1, mark: r, cut: m.index - 1, n };
    }
    if (punct) return { at: m.index, len: r.length, mark: r, cut: m.index, n };
    if (!stem) continue;
    // glued to a word: only where the whole is no word and the numeral is long or the rest is a word
    if (lex.dictionary(stem + r)) continue;
    if (/^\p{N}+$/u.test(stem) || r.length >= 2 || lex.dictionary(stem)) return { at: m.index, len: r.length, mark: r, cut: m.index, n };
  }
  return undefined;
}
