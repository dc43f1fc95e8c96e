import { diag, isBlank, textOf, type LineCtx, type Ln } from "./lines.ts";

/** A footnote as found at a page bottom, before its text is joined. */
export interface RawNote {
  /** The label as printed ("1"). */
  label: string;
  /** Which numbering run the note belongs to (numbering restarts per chapter). */
  run: number;
  lines: Ln[];
}

const NOTE_START = /^(\d{1,3})\s+(\S.*)$/;

/** A number glued to the end of a word or punctuation mark: "analyses1", "zorg.2", "voorstellen:4". */
export function gluedRefPattern(label: string): RegExp {
  return new RegExp(`(?<=[\\p{L}.,:;)’”'])(?<!\\p{N}[.,:])${label}(?![\\p{N}])(?=[\\s,.;:)]|$)`, "u");
}

/**
 * Find the footnotes at the bottom of each page and take them out of the
 * text flow, so that a paragraph they interrupt joins up again. A page's
 * note zone is the longest run of consecutively numbered note lines that
 * reaches the page end; it counts as notes only if its first number follows
 * on from the previous note (or restarts at 1 for a new chapter) and the
 * text above it carries that number glued to a word. Numbered headings
 * ("1 Ongezondheid en …") fail that test and stay in the text.
 */
export function extractFootnotes(lines: Ln[], ctx: LineCtx): { body: Ln[]; notes: RawNote[] } {
  const pages: [number, number][] = [];
  let s = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i === lines.length || lines[i]!.pageStart) {
      pages.push([s, i]);
      s = i;
    }
  }
  const notes: RawNote[] = [];
  const drop = new Set<number>();
  let run = 0;
  let last = 0;
  let bodyFrom = 0;
  for (const [ps, pe] of pages) {
    const cands: { i: number; n: number }[] = [];
    for (let i = ps; i < pe; i++) {
      const l = lines[i]!;
      if (/^\s/.test(l.raw)) continue;
      const m = NOTE_START.exec(textOf(l));
      if (m) cands.push({ i, n: Number(m[1]) });
    }
    if (cands.length === 0) continue;
    const chain = [cands[cands.length - 1]!];
    for (let k = cands.length - 2; k >= 0; k--) {
      const c = cands[k]!;
      if (c.n === chain[0]!.n - 1) chain.unshift(c);
    }
    const top = chain[0]!;
    // a note zone is set off from the text above by a blank line
    if (top.i > ps && !isBlank(lines[top.i - 1])) continue;
    const restart = top.n === 1 && last > 0;
    // the first zone may start anywhere (an excerpt); later ones follow on or restart
    if (top.n !== last + 1 && !restart && last > 0) continue;
    const above = lines.slice(bodyFrom, top.i).map(textOf).join(" ");
    if (!gluedRefPattern(String(top.n)).test(above)) continue;
    if (restart) run++;
    let cur: RawNote | undefined;
    const chainAt = new Set(chain.map((c) => c.i));
    for (let i = top.i; i < pe; i++) {
      const l = lines[i]!;
      drop.add(i);
      if (chainAt.has(i)) {
        cur = { label: NOTE_START.exec(textOf(l))![1]!, run, lines: [l] };
        notes.push(cur);
      } else if (!isBlank(l)) cur!.lines.push(l);
    }
    last = chain[chain.length - 1]!.n;
    bodyFrom = pe;
  }
  if (notes.length) diag(ctx, "info", "normalise:footnotes", `${notes.length} footnotes taken from page bottoms`);
  return { body: lines.filter((_, i) => !drop.has(i)), notes };
}
