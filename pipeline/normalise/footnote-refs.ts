import type { Diagnostic, Inline, Position } from "../document/types.ts";
import { gluedRefPattern, spacedRefPattern } from "./footnotes.ts";

export interface NoteKey {
  id: string;
  label: string;
  position: Position;
}

const SEP = "\u0000";

/**
 * Link footnote references to their notes: numbers glued to words or
 * punctuation ("gezondheidsverschillen.1, 2", "verantwoordelijkheid,3",
 * "analyses1") are matched in reading order against the notes in order, so
 * a number is a reference only where the next note expects it. A note no
 * reference was found for is reported.
 */
export function linkNoteRefs(texts: { text: string; position: Position }[], notes: NoteKey[], diagnostics: Diagnostic[]): string[] {
  let k = 0;
  const out: string[] = [];
  for (const { text } of texts) {
    let s = text;
    let from = 0;
    while (k < notes.length) {
      let hit = find(s, from, notes[k]!.label);
      if (hit === undefined && k + 1 < notes.length) {
        const skip = find(s, from, notes[k + 1]!.label);
        if (skip !== undefined) {
          orphan(notes[k]!, diagnostics);
          k++;
          hit = skip;
        }
      }
      if (hit === undefined) break;
      const mark = `${SEP}${notes[k]!.id}${SEP}`;
      // "Grondwet4 ." (a space the extraction set between a superscript and the punctuation after it) closes up
      const rest = s.slice(hit.at + hit.length).replace(/^ (?=[.,;:!?)](?:\s|$))/u, "");
      s = s.slice(0, hit.at) + mark + rest;
      from = hit.at + mark.length;
      k++;
      // a run of references: "…verschillen.1, 2 De raad"
      while (k < notes.length) {
        const m = new RegExp(`^(,\\s?)${notes[k]!.label}(?![\\p{N}])`, "u").exec(s.slice(from));
        if (!m) break;
        const m2 = `${m[1]}${SEP}${notes[k]!.id}${SEP}`;
        s = s.slice(0, from) + m2 + s.slice(from + m[0].length);
        from += m2.length;
        k++;
      }
    }
    out.push(s);
  }
  for (; k < notes.length; k++) orphan(notes[k]!, diagnostics);
  return out;
}

function orphan(n: NoteKey, diagnostics: Diagnostic[]): void {
  diagnostics.push({
    severity: "warning",
    code: "normalise:unreferenced-note",
    message: `no reference to note ${n.label} found in the text`,
    position: n.position,
  });
}

/** The next reference to note `label` from `from` on: glued to its word, or else set off by a space. */
function find(s: string, from: number, label: string): { at: number; length: number } | undefined {
  for (const pattern of [gluedRefPattern(label), spacedRefPattern(label)]) {
    const re = new RegExp(pattern.source, "gu");
    re.lastIndex = from;
    const m = re.exec(s);
    if (m) return { at: m.index, length: m[0].length };
  }
  return undefined;
}

/** Split text carrying reference marks into Text and NoteRef inlines. */
export function toInlines(s: string): Inline[] {
  const parts = s.split(SEP);
  const out: Inline[] = [];
  parts.forEach((p, i) => {
    if (i % 2 === 1) out.push({ type: "noteRef", id: p });
    else if (p) out.push({ type: "text", value: p });
  });
  return out;
}
