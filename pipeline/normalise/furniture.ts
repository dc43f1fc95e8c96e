import { ROMAN } from "../read/page-marks.ts";
import { diag, dropLines, isBlank, textOf, type LineCtx, type Ln } from "./lines.ts";

/** How many text lines at the top and at the foot of a page can be furniture. */
const ZONE = 3;

/** A whole line's key that may be furniture where it recurs: words, two numbers ("# / #"), or a slash or colon ("#/#", "#:#"). */
const WHOLE_LINE = /\p{L}|#.*#|[/:]/u;

/** The most lines of one word each that may stand between a page's repeated foot line and its foot (removePageFurniture). */
const MAX_SET_OUT = 8;

/**
 * A page number as printed on its own: "7", "- 7 -", "7/12", "Pagina 7 van 12", "p. 7"; or in
 * roman numerals, as the pages before the text are numbered (a contents, a foreword): "iii",
 * "Pagina ii".
 */
export const FOLIO = new RegExp(String.raw`^(?:(?:pagina|page|blz\.?|p\.)\s*)?(?:[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:\/|van|of)\s*\d{1,4})?|${ROMAN})$`, "iu");

/** What repeats from page to page: the text with its numbers (folios, dates) abstracted. */
function furnitureKey(l: Ln): string {
  const t = textOf(l).toLowerCase();
  // (a page number in roman numerals counts as any number: "pagina ii" is "pagina #")
  if (FOLIO.test(t) && !/\d/.test(t)) return t.replace(/\p{L}+$/u, "#");
  return t.replace(/\d+/g, "#");
}

interface Page {
  /** Indexes into the line list, text lines only. */
  text: number[];
}

function pagesOf(lines: readonly Ln[]): Page[] {
  const pages = new Map<number, Page>();
  lines.forEach((l, i) => {
    if (isBlank(l)) return;
    const p = pages.get(l.page) ?? { text: [] };
    p.text.push(i);
    pages.set(l.page, p);
  });
  return [...pages.values()];
}

const letters = (key: string): number => key.replace(/[^\p{L}]/gu, "").length;

/** A line set in capitals (a running head that repeats a heading: "2 DE OPGAVE"). */
function inCapitals(t: string): boolean {
  const l = t.replace(/[^\p{L}]/gu, "");
  return l.length >= 6 && l.replace(/[^\p{Lu}]/gu, "").length / l.length >= 0.8;
}

/**
 * The keys a page-edge line is recognised by: its whole text (numbers
 * abstracted), and for the very first or last line of a page also its first
 * and its last two words, since a running head often joins a fixed part
 * (the title) with a changing one (the chapter) on one line.
 */
function keysOf(l: Ln, edge: boolean): string[] {
  const key = furnitureKey(l);
  if (!edge) return [key];
  const words = key.split(" ");
  if (words.length < 3) return [key];
  return [key, `^${words.slice(0, 2).join(" ")}`, `$${words.slice(-2).join(" ")}`];
}

/** The number a page number prints ("7", "- 7 -", "Pagina 7 van 12"), if the line is one. */
function folioNumber(t: string): number | undefined {
  const n = FOLIO.test(t) ? /\d+/.exec(t) : null;
  return n ? Number(n[0]) : undefined;
}

/**
 * How the printed page numbers run against the pages: the difference (folio
 * minus page) that the page numbers at `places` (the first or last few lines
 * of a page, and lines standing apart between empty lines) share on at least
 * `need` pages, if they do ("1" on page 1, "2" on page 2: 0). A number that
 * keeps this step is a page number; one that does not (a note's number on a
 * line of its own) is text.
 */
function folioOffset(lines: readonly Ln[], places: readonly number[], need: number): number | undefined {
  const pagesWith = new Map<number, Set<number>>();
  for (const i of places) {
    const n = folioNumber(textOf(lines[i]!));
    if (n === undefined) continue;
    const d = n - lines[i]!.page;
    pagesWith.set(d, (pagesWith.get(d) ?? new Set()).add(lines[i]!.page));
  }
  let best: number | undefined;
  for (const [d, ps] of pagesWith) if (ps.size >= need && (best === undefined || ps.size > pagesWith.get(best)!.size)) best = d;
  return best;
}

/** The words of a running head: a capital first, no sentence punctuation, up to 60 characters more. */
const HEAD_WORDS = String.raw`\p{Lu}[^.!?:;]{2,60}`;

/**
 * A line of a few words, then a number: a running head with the page's number beside it. The
 * words may open with a section's number, as where the head repeats the current section's
 * heading ("3 Belemmeringen 3").
 */
const HEAD_WITH_FOLIO = new RegExp(String.raw`^((?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?${HEAD_WORDS}?)\s+(\d{1,3})$`, "u");

/** The page's number, then a few words: a running head with the number before it ("2 Werk aan de kade"). */
const FOLIO_FIRST = new RegExp(String.raw`^(\d{1,3})\s+(${HEAD_WORDS})$`, "u");

/** A running head's words, the number beside them aside: a capital first, no sentence punctuation. */
const HEAD_TEXT = new RegExp(`^${HEAD_WORDS}$`, "u");

/** A running head has a few words: eight at most. */
const fewWords = (s: string): boolean => s.split(" ").length <= 8;

/**
 * Remove running heads, running feet and page numbers where the pages are
 * certain (the reader saw form feeds). Evidence is position and repetition,
 * never a list of words:
 *  - a line among the first or last few lines of a page whose text, numbers
 *    aside, recurs at the top or foot of at least two pages (and of two pages
 *    in five); for a page's very first or last line, its first or last two
 *    words recurring so will do (a fixed title beside a changing chapter);
 *  - a line in capitals at a page's edge that repeats, case aside, a line of
 *    the text (the heading it echoes);
 *  - a page number standing alone as a page's first or last line, or among
 *    its first or last few lines where it keeps the step of the page numbers
 *    of other pages (folio = page + a fixed difference, read from lone
 *    numbers with no text between them and a page's foot) and only furniture
 *    stands between it and the page's edge; a lone number that breaks the
 *    step, or that has text after it (a note's number set on its own line),
 *    stays;
 *  - a page's very first line of a few words (eight at most, a capital first
 *    or a section's number and a capital, no sentence punctuation) that ends
 *    on the page's own number, or whose next line is that number alone: a
 *    running head, also on a document of one page, where nothing repeats it;
 *    the number goes with it ("3 Belemmeringen 3", the current section's
 *    heading in a two-sided report's odd pages);
 *  - after page 1, a page's first line of a few words that opens on the
 *    page's own number, or that comes under that number alone, where the
 *    words stand in the document's first line (its title) or the text goes
 *    on under them in lower case: an even page's head that nothing repeats
 *    in a short document ("2 Werk aan de kade").
 * Where a page's first or last three lines of text are all furniture, the line next in is too
 * where it recurs, whole, next in from such an edge of other pages: MuPDF sets a browser's
 * header after the page's text with the footer, four lines.
 * On the first page only a whole line's repetition counts, there and for the
 * others: the title it prints shares its last words with a running head that
 * repeats it, and with headings.
 * Each page loses at most one line per repeated text, the one nearest its
 * edge, so a document title that the running head repeats stays where the
 * body prints it. The first remaining line of a page still opens it. Every
 * removal is reported.
 */
export function removePageFurniture(lines: Ln[], ctx: LineCtx): Ln[] {
  const pages = pagesOf(lines);
  if (pages.length === 0) return lines;
  const zones = pages.map((p) => {
    const n = p.text.length;
    const zone = Math.min(ZONE, Math.floor(n / 2));
    return { top: p.text.slice(0, zone), foot: p.text.slice(n - zone).reverse() };
  });
  const seen = new Map<string, number>();
  zones.forEach((z, p) => {
    const keys = new Set<string>();
    // (the first page's first and last words count only as a whole line's: see below)
    for (const edge of [z.top, z.foot]) edge.forEach((i, k) => keysOf(lines[i]!, k === 0 && p > 0).forEach((key) => keys.add(key)));
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  });
  const need = Math.max(2, Math.ceil(pages.length * 0.4));
  const zoneLines = new Set(zones.flatMap((z) => [...z.top, ...z.foot]));
  const elsewhere = new Set(lines.filter((l, i) => !zoneLines.has(i) && !isBlank(l)).map((l) => textOf(l).toLowerCase()));
  // (a page number may also stand between the columns' texts, on a line of its own: pdftotext's reading order)
  const apart = lines.flatMap((l, i) => (isBlank(lines[i - 1]) && isBlank(lines[i + 1]) && folioNumber(textOf(l)) !== undefined ? [i] : []));
  // (a number in a page's foot with text under it, a note's label on a line of its own, tells no step)
  const labels = new Set(zones.flatMap((z) => z.foot.filter((i, k) => z.foot.slice(0, k).some((j) => folioNumber(textOf(lines[j]!)) === undefined))));
  const folioAt = folioOffset(lines, [...zoneLines].filter((i) => !labels.has(i)).concat(apart), need);
  const drop = new Set<number>();
  const title = zones[0]!.top[0] !== undefined ? textOf(lines[zones[0]!.top[0]]!).toLowerCase() : "";
  zones.forEach((z, p) => {
    for (const edge of [z.top, z.foot]) {
      const used = new Set<string>();
      edge.forEach((i, k) => {
        const t = textOf(lines[i]!);
        const whole = furnitureKey(lines[i]!);
        // (on the first page only a whole line's repetition, which is all it counts for too: its
        // title shares its words with the running head that repeats it, "Bij de tijd blijven:
        // digitale vaardigheden van oudere werkenden" beside "2 Digitale vaardigheden van oudere
        // werkenden", and with a heading further on)
        const key = keysOf(lines[i]!, k === 0 && p > 0).find(
          (x) => pages.length >= 2 && (seen.get(x) ?? 0) >= need && (x === whole ? WHOLE_LINE.test(x) : letters(x) >= 6),
        );
        const echo = inCapitals(t) && elsewhere.has(t.toLowerCase());
        // (a number further in than the page's edge is its number only where the lines between it
        // and the edge are furniture too: a note's label alone on its line has the note's text
        // after it, and may be the page's number where the page prints its number in the head)
        const atEdge = edge.slice(0, k).every((j) => drop.has(j));
        // (the page's own number, where the pages' numbers keep a step)
        const own = lines[i]!.page + (folioAt ?? 0);
        // (a page's last number is its number unless the page prints its number elsewhere and this
        // is another: a note's label that pdftotext's default mode set under the notes' texts)
        const other = folioAt !== undefined && folioNumber(t) !== own && [...z.top, ...z.foot].some((j) => j !== i && folioNumber(textOf(lines[j]!)) === own);
        // (one number an edge: the same number again further in is a note's label, "2" / "" / "2")
        const taken = edge.slice(0, k).some((j) => drop.has(j) && FOLIO.test(textOf(lines[j]!)));
        const folio = !taken && ((k === 0 && FOLIO.test(t) && !other) || (atEdge && folioAt !== undefined && folioNumber(t) === own));
        // (a page's very first line that ends on that page's number, a few words before it that
        // close no sentence, is a running head, also where no other page repeats it: a document
        // of one page, "Briefadvies digitale dienstverlening 1")
        // (or whose next line is that number alone, pdftotext's default mode setting it apart)
        const topLine = edge === z.top && k === 0;
        const beside = topLine && z.top[1] !== undefined && textOf(lines[z.top[1]]!) === String(own) ? `${t} ${own}` : t;
        const numbered = topLine && HEAD_WITH_FOLIO.exec(beside);
        const head = !!numbered && Number(numbered[2]) === own && fewWords(numbered[1]!);
        if (head && beside !== t) drop.add(z.top[1]!);
        // (or that opens on the page's number, or comes under it, a few words after it, where
        // those words stand in the document's first line, its title, or the text goes on under
        // them in lower case: a running head on a page of its own kind, "2 Werk aan de kade", that
        // nothing repeats)
        let words: string | undefined;
        if (p > 0 && topLine) {
          const m = FOLIO_FIRST.exec(t);
          if (m && Number(m[1]) === own) words = m[2];
        }
        const afterFolio = p > 0 && edge === z.top && k === 1 && drop.has(z.top[0]!) && folioNumber(textOf(lines[z.top[0]!]!)) === own;
        if (afterFolio && HEAD_TEXT.test(t)) words = t;
        const below = edge === z.top && z.top[k + 1] !== undefined ? textOf(lines[z.top[k + 1]!]!) : "";
        const leads = words !== undefined && fewWords(words) && (title.includes(words.toLowerCase()) || /^\p{Ll}/u.test(below));
        if ((key !== undefined && !used.has(key)) || echo || folio || head || leads) {
          if (key !== undefined) used.add(key);
          drop.add(i);
        }
      });
    }
  });
  // (a foot line that repeats, whole, at the foot of other pages, past lines of one word each: the
  // words of a line set out word by word, a browser's justified endnote with a long address,
  // that pdftotext's default mode took after the page's foot line: "file:///…" / "2025:" /
  // "wachttijden" / "en" / "4/5")
  pages.forEach((pg) => {
    let words = 0;
    for (let k = pg.text.length - 1; k >= 0 && words <= MAX_SET_OUT; k--) {
      const i = pg.text[k]!;
      if (drop.has(i)) continue;
      const t = textOf(lines[i]!);
      const whole = furnitureKey(lines[i]!);
      if ((seen.get(whole) ?? 0) >= need && letters(whole) >= 6 && words > 0) {
        drop.add(i);
        break;
      }
      if (/\s/.test(t)) break;
      words++;
    }
  });
  // (a page whose three lines at an edge are all furniture may hold a fourth: MuPDF sets a
  // browser's header after the page's text with its footer, "12/2/26, 7:30 PM" / the title / the
  // file's address / "2/7"; the line next in from such an edge goes where it recurs, whole, next in
  // from such an edge of other pages)
  const deeper = new Map<string, number[]>();
  for (const pg of pages) {
    const n = pg.text.length;
    if (n < 2 * ZONE + 2) continue;
    for (const edge of [pg.text.slice(0, ZONE + 1), pg.text.slice(n - ZONE - 1).reverse()]) {
      const i = edge[ZONE]!;
      if (drop.has(i) || !edge.slice(0, ZONE).every((j) => drop.has(j))) continue;
      const key = furnitureKey(lines[i]!);
      if (!WHOLE_LINE.test(key)) continue;
      const at = deeper.get(key);
      if (at) at.push(i);
      else deeper.set(key, [i]);
    }
  }
  for (const at of deeper.values()) if (at.length >= need) for (const i of at) drop.add(i);
  // (one between the columns' texts ends the first column: what follows opens a page's text again)
  const between = new Set<Ln>();
  if (folioAt !== undefined)
    for (const i of apart)
      if (folioNumber(textOf(lines[i]!)) === lines[i]!.page + folioAt && !drop.has(i)) {
        drop.add(i);
        between.add(lines[i]!);
      }
  if (drop.size === 0) return lines;
  return dropLines(
    lines,
    (l, i) => {
      if (!drop.has(i)) return false;
      diag(ctx, "info", FOLIO.test(textOf(l)) ? "normalise:page-number" : "normalise:running-head", `removed page furniture "${textOf(l)}"`, l);
      return true;
    },
    (l) => l.pageStart === true || between.has(l),
  );
}
