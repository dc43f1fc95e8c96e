import { CONTENTS_HEAD, ROMAN } from "../read/page-marks.ts";
import { diag, dropLines, isBlank, type LineCtx, type Ln, textOf } from "./lines.ts";

/**
 * A printed table of contents: generated from the headings, it is no text of the document (the
 * editions print their own), and left in, its entries read as list items, paragraphs or
 * headings ("1.1 De adviesvraag . . . . 1").
 *
 * Its entries are lines that end on a leader (three dots or more, spaced or not) and a page
 * number, arabic or roman, or on the leader alone where the extraction set the numbers apart as
 * a column of their own (pdftotext's default mode: lines that hold page numbers alone, after the
 * entries); an entry whose text was too long for one line opens on a line without a leader, and
 * an extraction may set an entry's leader on a line of its own.
 * Where no leader is printed, an entry is a line that ends on a page number after the text of a
 * line further on in the document (a heading). A heading over the list ("Inhoud",
 * "Inhoudsopgave", "Contents") goes with it.
 *
 * Only a run of three entries or more is a table of contents, and only where at least half of
 * its entries name a line further on (the headings they were made from); under a contents'
 * heading one or two entries are, where each names a line further on (a short document's
 * contents): words that stand nowhere else are never dropped as contents. Each line left out
 * is reported (`normalise:contents`), as page furniture is.
 */
const PAGE = String.raw`(?:\d{1,4}|${ROMAN})`;
/** An entry with a leader: its text, and its page number where the same line holds it. */
const LEADER_ENTRY = new RegExp(String.raw`^(.*?[^\s.·…])\s*(?:[.·…]\s*){3,}(${PAGE})?$`, "iu");
/** A leader alone (its page number after it or not): the rest of an entry whose text the line before holds. */
const LEADER_ONLY = new RegExp(String.raw`^(?:[.·…]\s*){3,}(${PAGE})?$`, "iu");
/** An entry without a leader: its text, then its page number. */
const PLAIN_ENTRY = new RegExp(String.raw`^(.*?\S)\s+${PAGE}$`, "iu");
/** Page numbers set apart from their entries, one or more on a line. */
const NUMBERS_ONLY = new RegExp(String.raw`^${PAGE}(?:\s+${PAGE})*$`, "iu");

const key = (s: string): string => s.replace(/\s+/g, " ").trim().toLowerCase();

export function removeContents(lines: Ln[], ctx: LineCtx): Ln[] {
  const texts = lines.map((l) => key(textOf(l)));
  /** Whether a line from `from` on holds an entry's text, or it and the line after it do (a heading over two lines); a note's mark may follow it. */
  const names = (text: string, from: number): boolean => {
    const k = key(text);
    const holds = (t: string): boolean => t === k || (t.startsWith(k) && /^\d{1,3}$/.test(t.slice(k.length)));
    for (let n = from; n < texts.length; n++) if (holds(texts[n]!) || (k.startsWith(`${texts[n]} `) && n + 1 < texts.length && holds(`${texts[n]} ${texts[n + 1]}`))) return true;
    return false;
  };
  const drop = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    const t = textOf(lines[i]!);
    const head = CONTENTS_HEAD.test(t);
    if (!head && !LEADER_ENTRY.test(t)) continue;
    /** The entries' texts. */
    const entries: string[] = [];
    const region: number[] = [];
    let open: string | undefined;
    let j = head ? i + 1 : i;
    let end = head ? i : i - 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (isBlank(l)) continue;
      const s = textOf(l);
      const m = LEADER_ENTRY.exec(s);
      const plain = PLAIN_ENTRY.exec(s);
      if (open && LEADER_ONLY.test(s)) {
        entries.push(open);
        open = undefined;
      } else if (m) {
        entries.push(open ? `${open} ${m[1]!}` : m[1]!);
        open = undefined;
      } else if (NUMBERS_ONLY.test(s) && entries.length > 0 && !open) {
        // (the page numbers of entries before, set apart)
      } else if (!open && (entries.length > 0 || head) && plain && names(plain[1]!, j + 1)) {
        // (without a leader, only where it names a line further on: nothing else tells)
        entries.push(plain[1]!);
      } else if (!open && (entries.length > 0 || head) && !/[.:;!?]$/.test(s) && nextLeader(lines, j)) {
        // (an entry too long for its line, or whose leader the extraction set apart: the leader
        // follows on the next line)
        open = s;
      } else break;
      region.push(j);
      end = j;
    }
    if (entries.length === 0 || open) continue;
    const named = entries.filter((e) => names(e, end + 1)).length;
    // (fewer than three entries only under a contents' heading, every one naming a line further on)
    if (entries.length < 3 ? !head || named < entries.length : named * 2 < entries.length) continue;
    // (each line left out is reported, as page furniture is: every word stays traceable)
    for (const k of head ? [i, ...region] : region) {
      drop.add(k);
      diag(ctx, "info", "normalise:contents", `printed table of contents (${entries.length} entries, ${named} of them headings further on) left out, the editions print their own: "${textOf(lines[k]!)}"`, lines[k]);
    }
    i = end;
  }
  if (drop.size === 0) return lines;
  return dropLines(lines, (_l, i) => drop.has(i), (l) => l.pageStart);
}

/** Whether the next line of text after line `j` is an entry with a leader, or a leader alone. */
function nextLeader(lines: readonly Ln[], j: number): boolean {
  for (let k = j + 1; k < lines.length; k++) {
    if (isBlank(lines[k])) continue;
    const t = textOf(lines[k]!);
    return LEADER_ENTRY.test(t) || LEADER_ONLY.test(t);
  }
  return false;
}
