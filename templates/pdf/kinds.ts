/**
 * One family of templates, chosen by doc.meta.kind: the same house style, with
 * per-kind choices of front matter, note placement and page layout.
 */
import type { Kind } from "../../pipeline/document/types.ts";
import type { NoteMode } from "./context.ts";

export interface KindTemplate {
  /** A separate title page rather than a title block above the text. */
  titlePage: boolean;
  /** A table of contents with page numbers and links (needs a second pass). */
  toc: boolean;
  /** Notes at the foot of the page they are referenced on, or after each chapter/article. */
  noteMode: NoteMode;
}

export const KIND_TEMPLATES: Record<Kind, KindTemplate> = {
  // Minutes: a header block with the meeting's data, then the agenda items.
  minutes: { titlePage: false, toc: false, noteMode: "end" },
  // Advisory letter: title page, contents, numbered chapters, footnotes.
  advice: { titlePage: true, toc: true, noteMode: "foot" },
  // Magazine: cover, contents of the articles, each article on a new page.
  magazine: { titlePage: true, toc: true, noteMode: "end" },
  // Report: title page, contents, numbered chapters, info boxes set apart.
  report: { titlePage: true, toc: true, noteMode: "foot" },
};
