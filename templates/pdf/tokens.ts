/**
 * The house design tokens (templates/design.json) as typed values for the PDF
 * templates. design.json is shared with the EPUB CSS, so the PDF reads it
 * rather than keeping its own copy of colours and sizes.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Kind } from "../../pipeline/document/types.ts";

type FaceFiles = { regular: string; italic: string; bold: string; boldItalic: string; semibold: string };

export interface DesignTokens {
  fonts: { serif: { family: string; package: string; files: FaceFiles }; sans: { family: string; package: string; files: FaceFiles } };
  colours: { ink: string; muted: string; accent: string; accentDark: string; tint: string; rule: string; untranslated: string };
  kindAccents: Record<Kind, string>;
  type: { bodySize: number; bodyLeading: number; smallSize: number; noteSize: number; h1Size: number; h2Size: number; h3Size: number; titleSize: number };
  page: { size: string; marginTop: number; marginBottom: number; marginInner: number; marginOuter: number; columnGap: number };
}

export const DESIGN_FILE = fileURLToPath(new URL("../design.json", import.meta.url));

/** The tokens, read once. */
export const design: DesignTokens = JSON.parse(readFileSync(DESIGN_FILE, "utf8")) as DesignTokens;

/** A4 in PostScript points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** The height of a page's text block, between the top and bottom margins (points). */
export const TEXT_BLOCK_HEIGHT = A4.height - design.page.marginTop - design.page.marginBottom;
