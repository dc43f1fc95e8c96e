/**
 * How a document hangs together, for the writers: which notes the text
 * refers to (and how often), which notes nothing refers to and where in the
 * text each belongs, which references have no note, and the structural
 * doubts every writer meets alike (an empty heading, list, item or note, a
 * list item outside a list, a document without blocks). A writer handles all
 * of these and never fails on them; `checkStructure` reports the doubts once
 * per edition (`render:` codes), each writer reports what it did with the
 * notes (`pdf:`, `epub:`).
 */
import { plainText } from "./text.ts";
import type { Block, Diagnostic, FlowBlock, Heading, Inline, Note, Position, RenderableDocument } from "./types.ts";

export interface NoteUse {
  /** Notes by id. */
  byId: Map<string, Note>;
  /** How often the text (blocks, not notes) refers to each note that exists. */
  count: Map<string, number>;
  /** Notes referenced only from inside other notes. */
  fromNotes: Set<string>;
  /** Notes nothing in the text refers to, in the order of doc.notes. */
  unreferenced: Note[];
  /** References to notes the document does not have, with the position of the block holding each. */
  missing: { id: string; position?: Position }[];
}

/** Calls `visit` for every note reference in the blocks, with the position of the block it is in. */
export function forEachNoteRef(blocks: readonly Block[], visit: (id: string, position: Position | undefined) => void): void {
  const inl = (nodes: readonly Inline[] | undefined, position: Position | undefined): void => {
    for (const n of nodes ?? []) {
      if (n.type === "noteRef") visit(n.id, position);
      else if (Array.isArray((n as { children?: unknown }).children)) inl((n as { children: Inline[] }).children, position);
    }
  };
  for (const b of blocks) {
    const position = (b as { position?: Position }).position;
    switch (b.type) {
      case "heading":
      case "paragraph":
      case "quote":
      case "caption":
        inl(b.children, position);
        break;
      case "list":
      case "listItem":
        forEachNoteRef(b.children, visit);
        break;
      case "box":
        inl(b.title, position);
        forEachNoteRef(b.children, visit);
        break;
      case "article":
        inl(b.kicker, position);
        inl(b.title, position);
        inl(b.lead, position);
        inl(b.byline, position);
        forEachNoteRef(b.children, visit);
        break;
      default: {
        // A node the model does not know: its children may be blocks or inlines.
        const kids = (b as { children?: unknown }).children;
        if (!Array.isArray(kids)) break;
        const blocksIn = kids.filter((k) => typeof k === "object" && k !== null && "position" in k) as Block[];
        forEachNoteRef(blocksIn, visit);
        inl(kids.filter((k) => !blocksIn.includes(k as Block)) as Inline[], position);
      }
    }
  }
}

/** How the document's notes and references fit together. */
export function noteUse(doc: RenderableDocument): NoteUse {
  const byId = new Map(doc.notes.map((n) => [n.id, n]));
  const count = new Map<string, number>();
  const missing: NoteUse["missing"] = [];
  forEachNoteRef(doc.children, (id, position) => {
    if (byId.has(id)) count.set(id, (count.get(id) ?? 0) + 1);
    else missing.push(position ? { id, position } : { id });
  });
  const fromNotes = new Set<string>();
  for (const n of doc.notes) {
    const refs: string[] = [];
    const walk = (nodes: readonly Inline[]): void => {
      for (const c of nodes) {
        if (c.type === "noteRef") refs.push(c.id);
        else if (Array.isArray((c as { children?: unknown }).children)) walk((c as { children: Inline[] }).children);
      }
    };
    walk(n.children);
    for (const id of refs) if (byId.has(id) && !count.has(id) && id !== n.id) fromNotes.add(id);
  }
  const unreferenced = doc.notes.filter((n) => !count.has(n.id));
  return { byId, count, fromNotes, unreferenced, missing };
}

/**
 * The flow block a note that nothing refers to belongs with: the block
 * nearest before the note in the source (a footnote stood at the foot of the
 * page whose text ends there). Top-level blocks and the blocks of articles
 * count; undefined when no block comes before the note.
 */
export function homeOf(note: Note, blocks: readonly FlowBlock[]): FlowBlock | undefined {
  let best: FlowBlock | undefined;
  const consider = (b: FlowBlock): void => {
    const line = b.position?.line;
    if (typeof line === "number" && line <= note.position.line && (!best || line >= best.position.line)) best = b;
  };
  for (const b of blocks) {
    consider(b);
    if (b.type === "article") for (const c of b.children) if (c.type !== "listItem") consider(c);
  }
  return best;
}

/** Whether an inline run has no text to show (note references are no text). */
export function isBlank(nodes: readonly Inline[] | undefined): boolean {
  return plainText(nodes ?? []).trim() === "";
}

/** A heading with nothing to show: no text and no printed number. */
export function isEmptyHeading(h: Heading): boolean {
  return isBlank(h.children) && !h.number?.trim();
}

/**
 * The structural doubts of a document that every writer meets alike, as
 * diagnostics (`render:` codes). Writers handle each of them; this names
 * them once in the edition's report.
 */
export function checkStructure(doc: RenderableDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (code: string, message: string, position: Position | undefined): void => {
    out.push(position ? { severity: "warning", code: `render:${code}`, message, position } : { severity: "warning", code: `render:${code}`, message });
  };
  if (doc.children.length === 0) {
    add("empty-document", `the document has no text blocks: the editions carry its title${doc.notes.length > 0 ? " and its notes" : ""} only`, doc.notes[0]?.position);
  }
  const walk = (blocks: readonly Block[], inList: boolean): void => {
    for (const b of blocks) {
      switch (b.type) {
        case "heading":
          if (isEmptyHeading(b)) add("empty-heading", `a heading with no text (id "${b.id}"): set as an anchor only, left out of the contents and the outline`, b.position);
          break;
        case "list":
          if (b.children.length === 0) add("empty-list", "a list with no items: left out", b.position);
          b.children.forEach((item, i) => {
            if (item.type === "listItem" && item.children.length === 0) add("empty-item", `item ${i + 1} of a list has no text: set as an empty item`, item.position ?? b.position);
          });
          walk(b.children, true);
          break;
        case "listItem":
          if (!inList) add("stray-list-item", "a list item outside a list: set as a list of one item", b.position);
          walk(b.children, false);
          break;
        case "box":
        case "article":
          walk(b.children, false);
          break;
        default:
          break;
      }
    }
  };
  walk(doc.children, false);
  const use = noteUse(doc);
  for (const [id, n] of use.count) {
    const note = use.byId.get(id)!;
    if (n > 1) add("repeated-note", `note ${note.label} (${id}) is referenced ${n} times: the PDF sets it once, at its first reference; the EPUB at each`, note.position);
  }
  for (const n of doc.notes) if (isBlank(n.children)) add("empty-note", `note ${n.label} (${n.id}) has no text`, n.position);
  return out;
}
