// The part of fontkit 2 (no bundled types) that cover.ts uses.
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
  }
  export function openSync(file: string): Font;
}
