// The PDF writer shapes text word by word through a cache (pipeline/render-pdf/shaping.ts). What
// it hands react-pdf must be what fontkit gives for the whole run, glyph for glyph and position
// for position, in every house face: a space kerned with the next word's first letter, a run
// that opens with digits (fontkit takes the script from the first letter), features on a run.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { cacheShaping } from "../pipeline/render-pdf/shaping.ts";
import { houseFontFile } from "../templates/pdf/fonts.ts";
import { design } from "../templates/pdf/tokens.ts";

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
type Run = { glyphs: { id: number }[]; positions: Position[]; script: string };
type Layout = (this: object, text: string, features?: string[], script?: string, language?: string, direction?: string) => Run;
type Font = { layout: Layout };

const require = createRequire(import.meta.url);
const proto = Object.getPrototypeOf(fontkit.create(readFileSync(houseFontFile()))) as { layout: Layout };
// fontkit's own layout, and a count of the times the cache falls through to it.
const fontkitLayout = proto.layout;
let shaped = 0;
proto.layout = function (this: object, ...args) {
  shaped++;
  return fontkitLayout.apply(this, args);
};
cacheShaping(houseFontFile());

const faces = [design.fonts.serif, design.fonts.sans].flatMap((face) => Object.values(face.files).map((f) => join(dirname(require.resolve(`${face.package}/package.json`)), f)));
const load = (file: string): Font => fontkit.create(readFileSync(file)) as unknown as Font;
const summary = (r: Run) => ({ script: r.script, glyphs: r.glyphs.map((g) => g.id), positions: r.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]) });

/** The paragraphs of the five sources, each set as react-pdf sets a run. */
const paragraphs = readdirSync("source")
  .filter((f) => f.endsWith(".txt"))
  .flatMap((f) => readFileSync(join("source", f), "utf8").split(/\n\s*\n/))
  .map((p) => p.replace(/\s+/g, " ").trim())
  .filter(Boolean);

describe("shaping word by word", () => {
  it("gives what fontkit gives for the whole run, in every house face", () => {
    const tricky = ["Het Vervolg en de Tweede Kamer: Wat nu?", "12 stappen naar een Voorstel", "2023 – 2024 (SER) ‘Werk’ en „Tijd”", " begint met spaties  en heeft er  twee", "één", "x "];
    expect(faces.length).toBe(10);
    for (const file of faces) {
      const font = load(file);
      const texts = file === faces[0] ? [...tricky, ...paragraphs] : [...tricky, ...paragraphs.slice(0, 60)];
      for (const features of [undefined, ["sups"]])
        for (const text of texts) expect(summary(font.layout(text, features, undefined, undefined, "ltr")), `${file}: ${text.slice(0, 40)}`).toEqual(summary(fontkitLayout.call(font, text, features, undefined, undefined, "ltr")));
    }
  });

  it("shapes a word once per face, however many runs it is in", () => {
    const font = load(faces[1]!);
    font.layout("raad en de raad commissie");
    const before = shaped;
    const run = font.layout("de raad en commissie");
    // every word (with its space or without) was shaped before, and a space before "r", "e", "c"
    expect(shaped).toBe(before);
    expect(summary(run)).toEqual(summary(fontkitLayout.call(font, "de raad en commissie")));
  });

  it("hands every caller positions of its own", () => {
    const font = load(faces[0]!);
    const a = font.layout("de raad");
    a.positions[0]!.xAdvance = -1;
    expect(font.layout("de raad").positions[0]!.xAdvance).not.toBe(-1);
  });
});
