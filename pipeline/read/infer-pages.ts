import type { SourceLine } from "../document/types.ts";
import { ROMAN } from "./page-marks.ts";

/**
 * Pages told from the text where the extraction marks none (text copied from a PDF viewer, a
 * tool that joins its pages with a line break): a printed page carries its number, and the
 * lines that carry the numbers of successive pages read alike but for that number ("3", "4",
 * "5"; "Mantelzorg en werk 3"; "file:///…/advies.html 3/7"; "Pagina 3 van 7").
 *
 * Lines are grouped by their text with every run of digits taken for one; in a group of lines
 * of at most 100 characters, one run of digits that counts up by one from line to line, each
 * line at least MIN_PAGE lines after the one before (the last may close the text sooner), is a
 * folio. The longest such chain (two pages at least) is taken, of two as long the one with more
 * recurring lines of text beside its links (a running head); lines of the group between its
 * links are passed over (a note's label on a line of its own reads as a lone number too).
 *
 * A page break is put by each folio so that the furniture stays at a page's edge, where the
 * normaliser looks for it. The folios stand at the foot of their pages where a line that recurs
 * beside them and reads as the text's first lines (the running head) follows one, at the head
 * where such a line precedes one; failing that, at the foot where more of them are followed than
 * preceded by recurring lines, and else at the foot where they are lone numbers and at the head
 * where they are part of a line of text (a running head with its number); a page opens
 * on the first line of text after a foot folio, or on the furniture above a head one. Where no
 * chain is found the text stays without pages, as before. Before the chain's first folio, a line
 * that reads as its folios do but with a roman numeral ("Pagina ii") is a folio too: the pages
 * before the text (a contents, a foreword) are numbered so.
 */

/** The fewest lines between two folios: a page holds more text than that. */
const MIN_PAGE = 12;

interface Folio {
  i: number;
  n: number;
  /** A folio at its page's foot where the document's others head their pages (a two-sided document's first page). */
  foot?: boolean;
}

/** The line indexes where pages begin (after the first), or undefined where the text tells none. */
export function inferPageStarts(lines: readonly SourceLine[]): { starts: number[]; folios: number[] } | undefined {
  // (each line's text with its digits taken for one, worked out once)
  const keys = lines.map((_, i) => keyOf(lines, i));
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    // (a line that holds a number, of at most 100 characters)
    if (!key || !key.includes("#") || lines[i]!.text.trim().replace(/\s+/g, " ").length > 100) return;
    const at = groups.get(key);
    if (at) at.push(i);
    else groups.set(key, [i]);
  });
  // (a line next to a folio that recurs in the text, a running head, speaks for it: a note's label
  // alone on its line, which may count up across pages too, has its note's text beside it)
  const count = new Map<string, number>();
  lines.forEach((_, i) => {
    const k = keys[i];
    if (k) count.set(k, (count.get(k) ?? 0) + 1);
  });
  const support = (i: number): number => {
    let n = 0;
    for (const d of [-2, -1, 1, 2]) {
      const k = keys[i + d];
      // (a line of text: a lone number beside it is as likely another note's label)
      if (k && /\p{L}/u.test(k) && (count.get(k) ?? 0) >= 2) n++;
    }
    return n;
  };
  // (a sentence broken off across the line: the text before it goes on after it in lower case,
  // as across a page break, never across a heading)
  const own = (i: number): boolean => {
    const k = keys[i];
    return k !== undefined && /\p{L}/u.test(k) && (count.get(k) ?? 0) < 2;
  };
  const interrupts = (i: number): boolean => {
    // (within four lines either way: a page's foot and the next page's head are a few lines)
    let a = i - 1;
    while (a >= i - 4 && a >= 0 && !own(a)) a--;
    let b = i + 1;
    while (b <= i + 4 && b < lines.length && !own(b)) b++;
    return a >= i - 4 && a >= 0 && b <= i + 4 && b < lines.length && /[\p{L},-]$/u.test(lines[a]!.text.trim()) && /^\p{Ll}/u.test(lines[b]!.text.trim());
  };
  const lastText = lines.map((l, i) => (l.text.trim() ? i : -1)).filter((i) => i >= 0).slice(-2);
  // (a chain that opens the text, the first page's head, or closes it, the last page's foot)
  const firstText = lines.findIndex((l) => l.text.trim());
  const atEnds = (chain: Folio[]): boolean => chain[0]!.i === firstText || chain[chain.length - 1]!.i === lastText[lastText.length - 1];
  let best: Folio[] = [];
  let bestScore = [0, 0];
  for (const [key, at] of groups) {
    if (at.length < 2) continue;
    const slots = (key.match(/#/g) ?? []).length;
    for (let s = 0; s < slots; s++) {
      // the longest chain that counts up by one, each line at least MIN_PAGE after the one
      // before (the last page may be short: its folio closes the text); lines of the group
      // between its links are passed over; of two as long, the better supported
      const nums = at.map((i) => ({ i, n: Number(lines[i]!.text.trim().replace(/\s+/g, " ").match(/\d+/g)![s]) }));
      const score = nums.map((f) => [1, support(f.i)]);
      const prev = nums.map(() => -1);
      const chainOf = (j: number): Folio[] => {
        const out: Folio[] = [];
        for (let k = j; k >= 0; k = prev[k]!) out.unshift(nums[k]!);
        return out;
      };
      // (the members seen so far by their number: a link's predecessor holds the number before)
      const byNumber = new Map<number, number[]>();
      for (let j = 0; j < nums.length; j++) {
        const gap = lastText.includes(nums[j]!.i) ? 2 : MIN_PAGE;
        for (const k of byNumber.get(nums[j]!.n - 1) ?? []) {
          if (nums[j]!.i - nums[k]!.i < gap) continue;
          const cand = [score[k]![0]! + 1, score[k]![1]! + support(nums[j]!.i)];
          if (better(cand, score[j]!)) {
            score[j] = cand;
            prev[j] = k;
          }
        }
        const same = byNumber.get(nums[j]!.n);
        if (same) same.push(j);
        else byNumber.set(nums[j]!.n, [j]);
        if (!better(score[j]!, bestScore) || nums[j]!.n >= 1000) continue;
        const chain = chainOf(j);
        // (folios rather than other lines that count up: a running head beside most links; else,
        // for lines with text, a sentence broken off at a link or the text's first or last line,
        // for lone numbers, pages spaced alike)
        const headsBeside = score[j]![1]!;
        const supported = headsBeside > 0 && headsBeside >= chain.length - 1;
        if (/\p{L}/u.test(key) ? supported || chain.some((f) => interrupts(f.i)) || atEnds(chain) : supported || spacedAsPages(chain)) {
          bestScore = score[j]!;
          best = chain;
        }
      }
    }
  }
  // (a two-sided document's heads: the even pages' alike, the odd pages' with the section's title)
  const sided = twoSided(lines, groups);
  // (it goes before a chain of lone numbers, which notes' labels on lines of their own may make too)
  // (a chain under the first page's foot only where that foot is no link of another chain: a page's
  // lone number over a heading that counts on, "2" / "3 Verslag van de vergadering")
  const isSided = (sided[0]?.foot ? sided.length >= 2 && !best.some((f) => f.i === sided[0]!.i) : sided.length >= 3) && (sided.length >= best.length || !/\p{L}/u.test(keys[best[0]!.i]!));
  if (isSided) best = sided;
  if (best.length < 2) return undefined;
  // (the pages before the text, numbered in roman numerals, by the same words: "Pagina ii" before
  // "Pagina 1", "Mantelzorg en werk ii" before "Mantelzorg en werk 1"; a line of words only, as a
  // lone "i" may be a list's marker)
  const chainKey = keys[best[0]!.i]!;
  const roman = /\p{L}/u.test(chainKey.replace("#", ""))
    ? Array.from({ length: best[0]!.i }, (_, i) => i).filter((i) => romanKey(lines, i) === chainKey)
    : [];
  const folios = [...roman, ...best.map((f) => f.i)];
  // (a two-sided document's first page, numbered at its foot)
  const feet = new Set(best.filter((f) => f.foot).map((f) => f.i));
  // lines next to a folio (two either way) whose group recurs next to the other folios
  const beside = new Map<string, number>();
  for (const f of folios) {
    const seen = new Set<string>();
    for (let d = -2; d <= 2; d++) {
      const k = d === 0 ? undefined : keys[f + d];
      if (k && !seen.has(k)) {
        seen.add(k);
        beside.set(k, (beside.get(k) ?? 0) + 1);
      }
    }
  }
  const furniture = (i: number): boolean => {
    const k = keys[i];
    // (a line of text, as above: a lone number next to a folio is a note's label as often)
    return k !== undefined && /\p{L}/u.test(k) && (beside.get(k) ?? 0) >= Math.max(2, folios.length - 1);
  };
  // the page break: after a folio that the next page's head follows, before the head that
  // stands above one; else after a lone number (a page's foot), before a line that carries
  // the number in its text (a running head)
  // (the next two lines of text either way)
  const neighbours = (f: number, step: 1 | -1): number[] => {
    const out: number[] = [];
    for (let j = f + step; j >= 0 && j < lines.length && out.length < 2; j += step) if (lines[j]!.text.trim()) out.push(j);
    return out;
  };
  const near = (f: number, step: 1 | -1): number[] => {
    const out: number[] = [];
    for (const j of neighbours(f, step)) {
      if (!furniture(j)) break;
      out.push(j);
    }
    return out;
  };
  // (decided once for the document: its folios stand at the foot or at the head of their pages)
  // (the page's head is what the text opens with: furniture after a folio that reads as the text's
  // first lines is the next page's head, so the folio is a foot; before it, a head the folio is in)
  const opening = new Set(lines.map((_, i) => i).filter((i) => lines[i]!.text.trim()).slice(0, 2).map((i) => keys[i]));
  const heads = (f: number, step: 1 | -1): boolean =>
    neighbours(f, step).some((j) => {
      const k = keys[j]!;
      return opening.has(k) && /\p{L}|#.*#/u.test(k) && (count.get(k) ?? 0) >= 2;
    });
  const below = folios.filter((f) => near(f, 1).length).length;
  const above = folios.filter((f) => near(f, -1).length).length;
  // (a two-sided document's folios are its running heads)
  const foot = isSided
    ? false
    : folios.some((f) => heads(f, 1))
    ? true
    : folios.some((f) => heads(f, -1))
      ? false
      : below > 0
        ? below >= above
        : above > 0
          ? false
          : !/\p{L}/u.test(keys[folios[0]!]!);
  const starts: number[] = [];
  for (const f of folios) {
    const over = near(f, -1);
    let s = foot || feet.has(f) ? f + 1 : over.length ? over[over.length - 1]! : f;
    // (a page opens on its first line of text)
    while (s < lines.length && !lines[s]!.text.trim()) s++;
    // (no page after the last folio where only its furniture follows)
    const text = (j: number): boolean => !!lines[j]!.text.trim() && j !== f && !furniture(j);
    // (nor before the first folio where only furniture precedes it: the first page's head)
    // (and once: the first page's foot and the next page's head part the same two pages)
    if (s > 0 && s < lines.length && !starts.includes(s) && lines.some((_, j) => j < s && text(j)) && lines.some((_, j) => j >= s && text(j))) starts.push(s);
  }
  if (!starts.length) return undefined;
  return { starts, folios: folios.map((i) => lines[i]!.line) };
}

/**
 * The folios of a two-sided document, where the heads of its even and odd pages differ: the even
 * pages' read alike with the number at one edge ("4 Eerlijk delen in de warmtetransitie"), the odd
 * pages' carry the current section's title with the number at the other ("Knelpunten 3"), so no
 * group of alike lines counts up by one. A group whose lines hold a number at one edge that counts
 * up by two, each at least two pages' worth of lines (2 × MIN_PAGE) after the one before,
 * with a line between every two links that holds the number between at the other edge, at least
 * MIN_PAGE lines from both, makes the chain (the first such line with words where there are more,
 * since a note's label may stand alone on its line); the odd
 * page after the last link likewise. Two links of the group at least, and every odd page between
 * them found; the longest chain is taken. A document of two or three pages has one even page: its
 * head, alone in its group, makes a chain where the first page's number stands alone at that page's
 * foot right above it (the title's page style prints no head), one less; the odd page after it may
 * then be told by its number alone, a page's length on (three quarters of the first page's lines)
 * with a page of text after it, as a note's label alone on its line is not.
 */
function twoSided(lines: readonly SourceLine[], groups: ReadonlyMap<string, number[]>): Folio[] {
  const text = (i: number): string => lines[i]!.text.trim().replace(/\s+/g, " ");
  // (how many lines of text stand before each line, and after the last: a page's length, counted once)
  const textBefore = [0];
  lines.forEach((l, i) => textBefore.push(textBefore[i]! + (l.text.trim() ? 1 : 0)));
  let best: Folio[] = [];
  for (const [key, at] of groups) {
    // (a line of text whose number stands at one edge; where it holds one at both, "2 Monitor 2025",
    // the one that counts; one line of the group may do, under the first page's foot)
    if (!/\p{L}/u.test(key)) continue;
    for (const lead of [true, false]) {
      if (!(lead ? key.startsWith("#") : key.endsWith("#"))) continue;
      // (a "#" of the text itself reads as a number's place in the key: no number there, no link)
      const num = (i: number): number => Number((lead ? /^\d+/ : /\d+$/).exec(text(i))?.[0] ?? NaN);
      // (the odd page's head: its number at the other edge, the line no longer than a head)
      const odd = (n: number, from: number, to: number, lone: (k: number) => boolean = () => true): number | undefined => {
        const at = lead ? new RegExp(`(?:^|\\s)${n}$`) : new RegExp(`^${n}(?:\\s|$)`);
        const found: number[] = [];
        for (let k = from; k <= to && k < lines.length; k++) if (text(k).length <= 100 && at.test(text(k))) found.push(k);
        // (a line with words before a lone number: a note's label may stand alone on its line too)
        return found.find((k) => /\p{L}/u.test(text(k))) ?? found.find(lone);
      };
      // (the first page's number at its foot, right above the first even page's head: a page set in
      // the style of a title or a chapter's opening prints no head; past a page of text)
      const footAbove = (i: number, n: number): number | undefined => {
        let k = i - 1;
        while (k >= 0 && !lines[k]!.text.trim()) k--;
        return k >= 0 && text(k) === String(n - 1) && textBefore[k]! >= MIN_PAGE ? k : undefined;
      };
      let chain: Folio[] = [];
      const close = (): void => {
        // (two links of the group at least, else no chain: a line alone of its kind is no head; the
        // chain holds a link, then an odd page and a link in turn, so two links make three; or one
        // link under the first page's foot, which speaks for it: a document of two or three pages)
        if (chain.length < (chain[0]?.foot ? 2 : 3)) return;
        // (the odd page after the last even one, by a head with words: where the text ends, a
        // note's label alone on its line is all a lone number may be)
        const last = chain[chain.length - 1]!;
        // (a chain under the first page's foot counts from a lone number already: the next may be one,
        // a whole page after the even page's head, as long as three quarters of the first page at
        // least, with a page of text after it, where a note's label alone on its line stands sooner
        // and its note follows)
        const foot = chain[0]!.foot ? chain[0]!.i : undefined;
        const page = foot === undefined ? MIN_PAGE : Math.max(MIN_PAGE, Math.round(0.75 * textBefore[foot]!));
        const paged = (k: number): boolean => foot !== undefined && textBefore[lines.length]! - textBefore[k + 1]! >= MIN_PAGE;
        const after = odd(last.n + 1, last.i + page, lines.length - 1, paged);
        if (after !== undefined) chain.push({ i: after, n: last.n + 1 });
        if (chain.length > best.length) best = chain;
      };
      for (const i of at) {
        const n = num(i);
        if (Number.isNaN(n)) continue;
        const last = chain[chain.length - 1];
        const mid = last && n === last.n + 2 && i - last.i >= 2 * MIN_PAGE ? odd(n - 1, last.i + MIN_PAGE, i - MIN_PAGE) : undefined;
        if (mid !== undefined) chain.push({ i: mid, n: n - 1 }, { i, n });
        else {
          close();
          // (a line alone in its group: a group of more that does not count up is no head of pages,
          // a date's day after a page's number may read as one)
          const foot = at.length === 1 ? footAbove(i, n) : undefined;
          chain = foot === undefined ? [{ i, n }] : [{ i: foot, n: n - 1, foot: true }, { i, n }];
        }
      }
      close();
    }
  }
  return best;
}

/** A line's text with every run of digits taken for one ("Mantelzorg en werk #"), if it holds text. */
function keyOf(lines: readonly SourceLine[], i: number): string | undefined {
  const t = lines[i]?.text.trim().replace(/\s+/g, " ");
  return t ? t.replace(/\d+/g, "#") : undefined;
}

const ROMAN_AT_END = new RegExp(String.raw`^(.*?\s)?${ROMAN}$`, "i");

/** A line's text with its digits and a roman numeral at its end taken for numbers ("Pagina #"), if it ends on one. */
function romanKey(lines: readonly SourceLine[], i: number): string | undefined {
  const t = lines[i]?.text.trim().replace(/\s+/g, " ").replace(/\d+/g, "#");
  const m = t && ROMAN_AT_END.exec(t);
  return m ? `${m[1] ?? ""}#` : undefined;
}

/** Whether a chain's score (links, support) beats another's: more links, then more support. */
function better(a: number[], b: number[]): boolean {
  return a[0]! > b[0]! || (a[0] === b[0] && a[1]! > b[1]!);
}

/**
 * Whether a chain of lone numbers without running heads beside them reads as folios rather than
 * notes' labels on lines of their own, which count up too: three links or more spaced alike (the
 * last page may be short), as pages are. (A chain of lines with text, "Mantelzorg en werk 3", is
 * not held to this: it must break a sentence off at one of its links, or open or close the text;
 * "Artikel 3", "Artikel 4" do neither.)
 */
function spacedAsPages(chain: Folio[]): boolean {
  if (chain.length < 3) return false;
  const gaps = chain.slice(1, -1).map((f, k) => f.i - chain[k]!.i);
  const mid = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  return gaps.every((g) => Math.abs(g - mid) <= 0.25 * mid) && chain[chain.length - 1]!.i - chain[chain.length - 2]!.i <= 1.25 * mid;
}
