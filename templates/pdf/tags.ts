/**
 * Structure tags for the tagged PDF (PDF/UA-1). A node given `{...tag("P")}`
 * becomes a structure element of that role in the PDF's structure tree; the
 * patched react-pdf renderer (patches/@react-pdf+render*.patch) writes it.
 * Text that no tagged node holds (running heads, page numbers) and the
 * backgrounds and borders of views are written as artifacts.
 */
import { isEmptyHeading } from "../../pipeline/document/structure.ts";
import type { Block, FlowBlock } from "../../pipeline/document/types.ts";

/** The standard structure types the house templates use (ISO 32000-1, 14.8.4). */
export type StructRole =
  | "Sect"
  | "Div"
  | "H1"
  | "H2"
  | "H3"
  | "P"
  | "L"
  | "LI"
  | "Lbl"
  | "LBody"
  | "Note"
  | "BlockQuote"
  | "Table"
  | "TR"
  | "TH"
  | "TD"
  | "TOC"
  | "TOCI"
  | "Link"
  | "Artifact";

export interface StructTag {
  role: StructRole;
  /** A unique ID (PDF/UA: every Note has one). */
  id?: string;
  /** For TH: whether it heads a row or a column. */
  scope?: "Row" | "Column";
  /** Language of the element when it differs from the document's (BCP 47). */
  lang?: string;
}

/**
 * The props that tag a react-pdf node (react-pdf's typings do not know the
 * `tag` prop; spread it like `bookmark`). One object per element: react-pdf
 * keeps it on every fragment of a node split over pages, so a paragraph that
 * runs on to the next page stays one element.
 */
export function tag(role: StructRole, extra: Omit<StructTag, "role"> = {}): Record<string, unknown> {
  return { tag: { role, ...extra } satisfies StructTag };
}

/** The structure ID of a note (unique in the document). */
export const noteStructId = (noteId: string): string => `note-${noteId}`;

const levelsCache = new WeakMap<readonly FlowBlock[], Map<string, 1 | 2 | 3>>();

/**
 * The structure level (H1–H3) of each heading, by id: its depth, but never
 * more than one below the heading before it, and the first heading H1, so a
 * reader's heading navigation skips no level (PDF/UA-1 7.4.2). An article's
 * title counts as an H1 before the article's own headings.
 */
export function headingLevels(blocks: readonly FlowBlock[]): Map<string, 1 | 2 | 3> {
  const cached = levelsCache.get(blocks);
  if (cached) return cached;
  const levels = new Map<string, 1 | 2 | 3>();
  let previous = 0;
  const walk = (bs: readonly Block[]): void => {
    for (const b of bs) {
      switch (b.type) {
        case "heading": {
          // A heading with no text is set as its anchor only (render:empty-heading).
          if (isEmptyHeading(b)) break;
          const level = Math.min(b.depth, previous + 1) as 1 | 2 | 3;
          levels.set(b.id, level);
          previous = level;
          break;
        }
        case "article":
          levels.set(b.id, 1);
          previous = 1;
          walk(b.children);
          break;
        case "box":
        case "list":
        case "listItem":
          walk(b.children);
          break;
        case "paragraph":
        case "quote":
        case "caption":
          break;
        default: {
          const _: never = b;
          void _;
        }
      }
    }
  };
  walk(blocks);
  levelsCache.set(blocks, levels);
  return levels;
}

