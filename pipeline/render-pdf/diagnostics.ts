/**
 * What the PDF writer did with a document's doubtful structure, as
 * diagnostics (`pdf:` codes) for the edition's report: where a note that
 * nothing refers to was set, which references have no note, which notes
 * lost their link back, which nodes it did not know. The structural doubts
 * every writer meets alike are reported once, by checkStructure
 * (pipeline/document/structure.ts).
 */
import type { Block, Diagnostic, Inline, Position, RenderableDocument } from "../document/types.ts";
import { noteAnchor, type NotePlan, type NoteMode } from "../../templates/pdf/context.ts";

const BLOCKS = new Set(["heading", "paragraph", "list", "listItem", "box", "quote", "caption", "article"]);
const INLINES = new Set(["text", "emphasis", "strong", "link", "noteRef", "foreign"]);

export function pdfDiagnostics(
  doc: RenderableDocument,
  plan: NotePlan,
  opts: { noteMode: NoteMode; notePages?: ReadonlyMap<string, number>; unlinked: readonly string[] },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (severity: Diagnostic["severity"], code: string, message: string, position?: Position): void => {
    out.push(position ? { severity, code, message, position } : { severity, code, message });
  };
  const homeOf = new Map<string, Block>();
  for (const [block, ids] of plan.homes) for (const id of ids) homeOf.set(id, block);

  for (const note of plan.use.unreferenced) {
    const what = plan.use.fromNotes.has(note.id) ? "is referenced only from another note, not from the text" : "is not referenced from the text";
    const home = homeOf.get(note.id);
    const page = opts.notePages?.get(noteAnchor(note.id));
    let where: string;
    if (!home) where = "set at the end of the document";
    else if (opts.noteMode === "foot") where = `set at the foot of ${page ? `page ${page}` : "the page"} with the text it stood beside in the source (line ${home.position.line})`;
    else where = `set with the notes after the part of the text it stood beside in the source (line ${home.position.line})`;
    add("warning", "pdf:unreferenced-note", `note ${note.label} (${note.id}) ${what}: ${where}, without a link back`, note.position);
  }
  for (const m of plan.use.missing) {
    add("warning", "pdf:missing-note", `reference to a note "${m.id}" that the document does not have: its mark is set, unlinked`, m.position);
  }
  for (const id of opts.unlinked) {
    const note = plan.use.byId.get(id);
    add("warning", "pdf:unlinked-note", `note ${note?.label ?? id} (${id}) links back to a reference that is not in the PDF: its label is set without the link`, note?.position);
  }
  unknownNodes(doc, (type, position) => add("error", "pdf:unknown-node", `unknown node type ${JSON.stringify(type)}: set as plain text`, position));
  return out;
}

/** Calls `found` for every node whose type the model does not have, with the position of the block it is in. */
function unknownNodes(doc: RenderableDocument, found: (type: unknown, position: Position | undefined) => void): void {
  const inl = (nodes: readonly Inline[] | undefined, position: Position | undefined): void => {
    for (const n of nodes ?? []) {
      const type = (n as { type?: unknown }).type;
      if (!INLINES.has(type as string)) found(type, position);
      else if ("children" in n) inl(n.children, position);
    }
  };
  const walk = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      const type = (b as { type?: unknown }).type;
      if (!BLOCKS.has(type as string)) {
        found(type, b.position);
        continue;
      }
      if (b.type === "list" || b.type === "listItem") walk(b.children);
      else if (b.type === "box") {
        inl(b.title, b.position);
        walk(b.children);
      } else if (b.type === "article") {
        for (const part of [b.kicker, b.title, b.lead, b.byline]) inl(part, b.position);
        walk(b.children);
      } else inl(b.children, b.position);
    }
  };
  walk(doc.children);
  for (const n of doc.notes) inl(n.children, n.position);
}
