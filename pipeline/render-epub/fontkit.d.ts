// The part of fontkit 2 (no bundled types) that cover.ts and subset-fonts.ts use.
declare module "fontkit" {
  export interface Path {
    translate(x: number, y: number): Path;
    toSVG(): string;
  }
  export interface Glyph {
    path: Path;
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }
  export interface Font {
    unitsPerEm: number;
    familyName: string;
    layout(text: string): GlyphRun;
    /** The code points the font's cmap maps to a glyph. */
    characterSet: number[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** Name table strings by name, per language ("copyright", "license", "licenseURL", …). */
    name: { records: Record<string, Record<string, string> | undefined> };
  }
  export function openSync(file: string): Font;
  export function create(buffer: Uint8Array): Font;
}
