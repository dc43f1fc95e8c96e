/**
 * What every block and inline handler needs to know about the document being
 * rendered, built once per render pass.
 */
import { homeOf, noteUse, type NoteUse } from "../../pipeline/document/structure.ts";
import type { Block, Kind, Lang, Note, RenderableDocument } from "../../pipeline/document/types.ts";
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
  /** Which notes the text refers to, and where those it does not refer to go. */
  plan: NotePlan;
  noteMode: NoteMode;
  /** Page number of each heading/article id, from a previous pass (for the table of contents). */
  headingPages: ReadonlyMap<string, number>;
  /**
   * The headings are laid out in the same layout as the contents that list
   * them: each entry shows the page its heading landed on, set by the
   * paginator (house.tsx, tocPage). Not so in the magazine, whose contents
   * are laid out apart from the articles (pipeline/render-pdf/magazine.ts).
   */
  contentsInLayout: boolean;
  /** The notes at the foot of each page (noteMode "foot"). */
  footnotes: FootnoteLayout;
  /** Text width in points of the flow region (full page or one magazine column). */
  measure: number;
  /** "Noten"/"Notes" (ui.json). */
  noteHeading: string;
  /** Magazine articles after the first start on a new page. */
  firstArticleId?: string;
}

export interface PassData {
  headingPages?: ReadonlyMap<string, number>;
  /** See RenderContext.contentsInLayout (default false). */
  contentsInLayout?: boolean;
  /** Where the notes go at the feet of the pages (none: no notes at any foot). */
  footnotes?: FootnoteLayout;
}

/**
 * The notes at the foot of each page: fixed before the pass, or decided as
 * the pages are filled (pipeline/render-pdf/footnotes.ts), by a `settle` the
 * body page is given (patches/@react-pdf+layout*).
 */
export interface FootnoteLayout {
  /** The notes at the foot of `page`; `replay`: the page is built again around what landed on it before, nothing is filled. */
  notesOn(page: number, replay?: boolean): readonly string[];
  settle?: (props: { pageNumber: number }, nodes: never[], height: number) => boolean | number;
}

/** Notes set on fixed pages. */
export function fixedFootnotes(byPage: ReadonlyMap<number, readonly string[]>): FootnoteLayout {
  return { notesOn: (page) => byPage.get(page) ?? [] };
}

/**
 * Where the notes go, beyond "at their reference". A note nothing in the text
 * refers to (its mark was lost in the extraction) is set where a reader of the
 * source saw it: with the block it stood beside (at the foot of that block's
 * page, or with the notes after its chapter or article), without a link back;
 * a note that no block comes before goes at the end of the document.
 */
export interface NotePlan {
  use: NoteUse;
  /** Notes the text refers to: their labels link back to the first reference. */
  referenced: ReadonlySet<string>;
  /** Notes nothing in the text refers to, by the block they belong with, in the order of doc.notes. */
  homes: ReadonlyMap<Block, readonly string[]>;
  /** Notes nothing refers to that no block comes before: set at the end of the document. */
  homeless: readonly string[];
  /** Each note's source line, to set notes without a reference among the others in order. */
  lines: ReadonlyMap<string, number>;
}

export function notePlan(doc: RenderableDocument): NotePlan {
  const use = noteUse(doc);
  const homes = new Map<Block, string[]>();
  const homeless: string[] = [];
  for (const n of use.unreferenced) {
    const home = homeOf(n, doc.children);
    if (home) homes.set(home, [...(homes.get(home) ?? []), n.id]);
    else homeless.push(n.id);
  }
  return { use, referenced: new Set(use.count.keys()), homes, homeless, lines: new Map(doc.notes.map((n) => [n.id, n.position.line])) };
}

/**
 * `ids` with the notes in `strays` put among them by source line: each before
 * the first note that stood after it in the source.
 */
export function inSourceOrder(ids: readonly string[], strays: readonly string[], lines: ReadonlyMap<string, number>): string[] {
  const out = [...ids];
  for (const id of strays) {
    if (out.includes(id)) continue;
    const line = lines.get(id) ?? Infinity;
    const at = out.findIndex((other) => (lines.get(other) ?? -Infinity) > line);
    out.splice(at < 0 ? out.length : at, 0, id);
  }
  return out;
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
    plan: notePlan(doc),
    noteMode,
    headingPages: pass.headingPages ?? new Map(),
    contentsInLayout: pass.contentsInLayout ?? false,
    footnotes: pass.footnotes ?? fixedFootnotes(new Map()),
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
/** The named destination after the block a note without a reference belongs with (to find that block's page). */
export const noteHome = (noteId: string): string => `home-${noteId}`;
