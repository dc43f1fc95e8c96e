import type { SourceLine } from "../document/types.ts";

// Reference marks an extraction set apart from the sentence they belong to: the readers put them back.

/** How much of a full line (the file's 90th percentile of line lengths) a line and what followed its mark may fill together. */
const RAISED_FILL = 1.15;

/**
 * Reference marks raised above their line, which an extractor (Apache PDFBox, on a browser's print)
 * set on lines of their own. Where the rest of the printed line follows the mark on the next line,
 * opening with the space that followed the mark ("van de warmtetransitie." / "1" / " De
 * adviesaanvraag bevat …"), the three are one line again ("van de warmtetransitie.1 De
 * adviesaanvraag bevat …"): the mark a number of one to three digits, the line before it ending in
 * a letter or a stop, and the two lines of text fitting the measure of one (RAISED_FILL); a page's
 * number at its foot, before a page that opens with a space (the lead-space convention), stands
 * between two lines that would not. Where the extraction shows that habit twice at least, a mark
 * that closed its printed line stands alone between two lines of text too ("geïsoleerd." / "3" /
 * "De raad ziet …"): a lone number that goes on from the mark before it (one more) is put back at
 * the end of the line above. Each line keeps the number of its first line in the file.
 */
export function joinRaisedMarks(all: readonly string[]): { raw: string[]; numbers: number[] } {
  const lens = all.map((t) => t.trim().length).filter((n) => n > 15).sort((a, b) => a - b);
  const full = lens[Math.floor(lens.length * 0.9)] ?? 80;
  const isMark = (i: number): boolean => /^\d{1,3}$/.test(all[i]!);
  const host = (i: number): boolean => i >= 0 && /[\p{L}\p{P}]$/u.test(all[i]!.trim()) && !all[i]!.includes("\f");
  // (a mark inside its printed line: the rest after it, opening with a space)
  const inLine = (i: number): boolean =>
    isMark(i) && host(i - 1) && i + 1 < all.length && /^ \S/.test(all[i + 1]!) && all[i - 1]!.trim().length + all[i + 1]!.length <= RAISED_FILL * full;
  const habit = all.filter((_, i) => inLine(i)).length >= 2;
  const raw: string[] = [];
  const numbers: number[] = [];
  let last = 0;
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    if (raw.length && inLine(i)) {
      raw[raw.length - 1] = raw[raw.length - 1]!.trimEnd() + t + all[i + 1]!;
      last = Number(t);
      i++;
      continue;
    }
    // (a mark at its printed line's end, where the habit is shown: the next in the marks' run)
    if (habit && raw.length && isMark(i) && Number(t) === last + 1 && host(i - 1) && i + 1 < all.length && all[i + 1]!.trim()) {
      raw[raw.length - 1] = raw[raw.length - 1]!.trimEnd() + t;
      last = Number(t);
      continue;
    }
    raw.push(t);
    numbers.push(i + 1);
  }
  return { raw, numbers };
}

/**
 * A note mark raised after a sentence's end at a line's end, which the grid (or an extraction of
 * LibreOffice's print: "… voorfinanciert. 8") set off by a space ("… groepen werkenden. 1" / "De
 * adviesvraag …"), goes back against it, as the other modes read it: one to three digits after a
 * word of three letters or more (not "p. 14") and a full stop, question or exclamation mark,
 * where the next line of text opens with a capital. The physical reader applies it page by page,
 * the text reader to every other extraction.
 */
export function glueRaisedMarks(lines: SourceLine[]): SourceLine[] {
  return lines.map((l, i) => {
    const m = /(?<=\p{L}{3}[.!?][’”'")]?) (\d{1,3})$/u.exec(l.text);
    if (!m) return l;
    let j = i + 1;
    while (j < lines.length && !lines[j]!.text) j++;
    const next = lines[j];
    if (!next || !/^[‘“'"(]?\p{Lu}/u.test(next.text)) return l;
    return { ...l, text: l.text.slice(0, m.index) + m[1] };
  });
}
