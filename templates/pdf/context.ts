/**
 * What every block and inline handler needs to know about the document being
 * rendered, built once per render pass.
 */
import type { Kind, Lang, Note, RenderableDocument } from "../../pipeline/document/types.ts";
import { t } from "../../pipeline/i18n/ui.ts";
import { hyphenator } from "./hyphenate.ts";
import { design } from "./tokens.ts";

/** Where notes are set: at the foot of the page they are referenced on, or after each chapter/article/the document. */
export type NoteMode = "foot" | "end";

export interface RenderContext {
  doc: RenderableDocument;
  lang: Lang;
  kind: Kind;
  accent: string;
  hyphenate: (word: string) => string[];
  notes: Map<string, Note>;
  noteMode: NoteMode;
  /** Page number of each heading/article id, from a previous pass (for the table of contents). */
  headingPages: ReadonlyMap<string, number>;
  /** Note ids set at the foot of each page, from a previous pass (noteMode "foot"). */
  footnotesByPage: ReadonlyMap<number, readonly string[]>;
  /**
   * Space (points) held free at the foot of a page for notes that did not fit
   * there and went to the next page with their reference (see render.ts).
   */
  footnoteReserve: ReadonlyMap<number, number>;
  /** Text width in points of the flow region (full page or one magazine column). */
  measure: number;
  /** "Noten"/"Notes" (ui.json). */
  noteHeading: string;
  /** Magazine articles after the first start on a new page. */
  firstArticleId?: string;
}

export interface PassData {
  headingPages?: ReadonlyMap<string, number>;
  footnotesByPage?: ReadonlyMap<number, readonly string[]>;
  footnoteReserve?: ReadonlyMap<number, number>;
}

/** Builds the context of one render pass. */
export function makeContext(doc: RenderableDocument, noteMode: NoteMode, measure: number, pass: PassData = {}): RenderContext {
  return {
    doc,
    lang: doc.lang,
    kind: doc.meta.kind,
    accent: design.kindAccents[doc.meta.kind] ?? design.colours.accent,
    hyphenate: hyphenator(doc.lang),
    notes: new Map(doc.notes.map((n) => [n.id, n])),
    noteMode,
    headingPages: pass.headingPages ?? new Map(),
    footnotesByPage: pass.footnotesByPage ?? new Map(),
    footnoteReserve: pass.footnoteReserve ?? new Map(),
    measure,
    noteHeading: t(doc.lang, "notes"),
    firstArticleId: doc.children.find((b) => b.type === "article")?.id,
  };
}

/** The named destination of a note and of a heading; also used to read link targets back from the PDF. */
export const noteAnchor = (id: string): string => `note-${id}`;
export const headingAnchor = (id: string): string => `h-${id}`;
/**
 * What a note's label links back to. react-pdf can name only whole blocks, not
 * the line with the reference, so the writer points these links at the
 * reference itself after rendering (pipeline/render-pdf/backlinks.ts).
 */
export const refAnchor = (noteId: string): string => `ref-${noteId}`;
/** The named destination after the notes at the foot of a page (to measure them). */
export const notesEndAnchor = (page: number): string => `notes-end-${page}`;
