// fontkit keeps one glyph object per glyph id; react-pdf maps a run's characters to its glyphs by
// the characters on those objects. A glyph reached through two characters (a space and a no-break
// space share one in the house faces) must carry the characters of the text being set.
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { glyphsKeepTheirCharacters } from "../pipeline/render-pdf/shaping.ts";
import { houseFontFile } from "../templates/pdf/fonts.ts";

type Run = { glyphs: { id: number; codePoints: number[] }[] };
type Font = { layout(text: string): Run; glyphForCodePoint(cp: number): { id: number } };

describe("glyphs of the house faces", () => {
  it("carry the characters of the run they are set in, whatever text reached them first", () => {
    glyphsKeepTheirCharacters(houseFontFile());
    const font = fontkit.create(readFileSync(houseFontFile())) as unknown as Font;
    // (the premise: one glyph for both spaces)
    expect(font.glyphForCodePoint(0xa0).id).toBe(font.glyphForCodePoint(0x20).id);
    const first = font.layout("27\u00a0januari");
    const then = font.layout("de raad vergadert");
    expect(first.glyphs[2]!.codePoints).toEqual([0xa0]);
    expect(then.glyphs.filter((g) => g.id === first.glyphs[2]!.id).map((g) => g.codePoints)).toEqual([[0x20], [0x20]]);
    // and the other way round, in the same font
    expect(font.layout("1\u00a02").glyphs[1]!.codePoints).toEqual([0xa0]);
  });
});
