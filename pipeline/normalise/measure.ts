import { diag, isBlank, STARTS_LOWER, textOf, type LineCtx, type Ln } from "./lines.ts";
import type { Lexicon } from "./lexicon.ts";

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
  const wrapped: number[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    if (isBlank(a) || isBlank(b) || a.role || b.role) continue;
    // (a word or two a line, as an extraction of justified text may give, says nothing of the measure)
    if (STARTS_LOWER.test(textOf(b)) && textOf(a).length > 15) wrapped.push(textOf(a).length);
  }
  if (wrapped.length >= 8) return fullLength(wrapped);
  const lens = lines
    .filter((l) => !isBlank(l))
    .map((l) => textOf(l).length)
    .filter((n) => n > 15 && n <= JOINED * cap);
  return lens.length ? fullLength(lens) : 80;
}

/** The 90th percentile of line lengths, those over 1.2 times their median (joined lines) left out. */
function fullLength(lens: number[]): number {
  lens.sort((a, b) => a - b);
  const median = lens[Math.floor(lens.length / 2)]!;
  const full = lens.filter((n) => n <= JOINED * median);
  return full[Math.floor(full.length * 0.9)] ?? median;
}

/** A line this much longer than the measure holds more than one printed line. */
const JOINED = 1.2;

/** Whether a line of `length` characters holds more than one printed line of a page whose measure is `width`. */
export const isJoined = (length: number, width: number): boolean => length > JOINED * width;

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
 * space between them ("zorgin stellingen"), and a web address broken after its
 * scheme comes out as "https:// www…". Only on a line over the measure, only
 * near where its first printed line ended (0.75–1.1 of the measure), and only
 * where the first part is no word and the two together are one (lower case
 * both, the Dutch word list or the document's own spelling). Each mend is
 * reported (info) with the line.
 */
export function mendSplitWords(lines: readonly Ln[], width: number, lex: Lexicon, ctx: LineCtx): Ln[] {
  return lines.map((l) => {
    if (isBlank(l) || l.role) return l;
    const raw = l.raw;
    if (!isJoined(raw.trim().length, width)) return l;
    const lead = raw.length - raw.trimStart().length;
    let out = raw;
    const re = /(\S+) (\S+)/gu;
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      re.lastIndex = m.index + m[1]!.length + 1;
      const at = m.index - lead + m[1]!.length;
      if (at < 0.75 * width || at > 1.1 * width) continue;
      const [left, right] = [m[1]!, m[2]!];
      let mend = false;
      if (/^(?:[(<]?https?:\/\/)$/u.test(left) && /^[\p{L}\p{N}]/u.test(right)) mend = true;
      // (the second part a word of its own before a hyphen, "mboen hbo-niveau", is a compound's first part)
      else if (/^\p{L}\p{Ll}+$/u.test(left) && !/^\p{Ll}+-/u.test(right)) {
        const r = /^\p{Ll}+/u.exec(right)?.[0];
        mend = r !== undefined && !lex.known(left) && (lex.dictionary(left + r) || lex.count(left + r) > 0);
      }
      if (!mend) continue;
      const cut = m.index + left.length;
      out = out.slice(0, cut) + out.slice(cut + 1);
      diag(ctx, "info", "normalise:split-word", `"${left} ${right}" read as "${left}${right}": a word split where the extraction joined two printed lines`, l);
      break;
    }
    return out === raw ? l : { ...l, raw: out };
  });
}
