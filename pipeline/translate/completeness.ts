import type { Block, FlowBlock, Position, TranslatedDocument } from "../document/types.ts";
import type { Coverage } from "./translate.ts";

/** Whether an English edition's translation is done, and if not, what is missing. */
export interface Completeness {
  complete: boolean;
  /** What keeps it from being published, one phrase each ("12 untranslated", "3 not reviewed"). */
  reasons: string[];
}

/**
 * An English edition is done when every segment that needs translating has
 * a reviewed translation: none untranslated (no entry, broken placeholders),
 * fuzzy or stale (a close match only, never used), draft, or translated but
 * not yet reviewed. Anything else is a draft that is not published.
 */
export function translationCompleteness(c: Coverage): Completeness {
  const untranslated = c.untranslated - c.fuzzy - c.stale;
  const unreviewed = c.translated - c.reviewed - c.draft;
  const reasons = [
    untranslated > 0 ? `${untranslated} untranslated` : "",
    c.fuzzy > 0 ? `${c.fuzzy} fuzzy` : "",
    c.stale > 0 ? `${c.stale} stale` : "",
    c.draft > 0 ? `${c.draft} draft` : "",
    unreviewed > 0 ? `${unreviewed} not reviewed` : "",
  ].filter(Boolean);
  return { complete: reasons.length === 0, reasons };
}

/** The words of the draft mark (English editions only: a Dutch edition is never a draft). */
export const DRAFT_MARK = {
  title: "Translation in progress",
  text: (reasons: readonly string[]) => `This English edition is a proof, not a publication: its translation is not finished (${reasons.join(", ")} segments). Where the English is missing, the Dutch is shown, marked.`,
} as const;

/**
 * The English edition marked as a proof on every page and in every chapter:
 * the title (which the PDF sets on the title page and in the running head of
 * every page, and the EPUB on its cover and title page) starts with
 * "Translation in progress", and a box saying so opens the document, every
 * chapter (a first-level heading, where the EPUB starts a new file) and every
 * magazine article. A complete edition is returned as it is. Pure.
 */
export function markDraft(doc: TranslatedDocument, c: Completeness): TranslatedDocument {
  if (c.complete) return doc;
  const box = (position: Position): FlowBlock => ({
    type: "box",
    kind: "info",
    position,
    title: [{ type: "text", value: DRAFT_MARK.title }],
    children: [{ type: "paragraph", position, children: [{ type: "text", value: DRAFT_MARK.text(c.reasons) }] }],
  });
  const children: FlowBlock[] = [];
  const first = doc.children[0];
  const opensWithChapter = first?.type === "heading" && first.depth === 1;
  if (first && !opensWithChapter && first.type !== "article") children.push(box(first.position));
  for (const b of doc.children as FlowBlock[]) {
    if (b.type === "heading" && b.depth === 1) children.push(b, box(b.position));
    else if (b.type === "article") children.push({ ...b, children: [box(b.position), ...(b.children as FlowBlock[])] as Block[] });
    else children.push(b);
  }
  if (!first) children.push(box({ file: `source/${doc.meta.slug}.txt`, line: 1 }));
  const title = `${DRAFT_MARK.title}: ${doc.meta.title}`;
  return { ...doc, meta: { ...doc.meta, title, titles: { ...doc.meta.titles, en: title } }, children };
}
