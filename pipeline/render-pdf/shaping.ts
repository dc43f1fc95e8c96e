/**
 * Shaping a run of text (fontkit's `layout`: glyph substitution and
 * positioning) is most of what react-pdf spends on a document, and a document
 * laid out in several passes (render.ts) shapes the same runs in every pass,
 * and often several times within one (measuring, then setting each page).
 * The same string in the same face with the same features always gives the
 * same glyphs and positions, so each result is kept for the rest of the
 * process and handed out again as a copy.
 *
 * Glyph objects are fontkit's own, one per glyph id and font, shared by every
 * run already; the positions are copied so that a caller that changes them
 * (justification) changes only its own.
 */
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface Run {
  glyphs: unknown[];
  positions: Position[];
}

type Layout = (this: object, text: string, features?: unknown, script?: string, language?: string, direction?: string) => Run;

let installed = false;
let glyphsInstalled = false;

interface Glyph {
  codePoints: number[];
}

/**
 * fontkit keeps one glyph object per glyph id and font, made the first time
 * the glyph is asked for, with the characters it was asked for then. A glyph
 * that more than one character maps to (a space and a no-break space, or a
 * ligature's parts) kept the characters of whichever text reached it first in
 * the process, and react-pdf maps a run's characters to its glyphs by those:
 * a later text whose glyph came from other characters got its widths shifted
 * by a glyph, and its lines broken in the middle of words. Each call now gets
 * a glyph that carries the characters it was asked for (the shared glyph
 * itself where they are the same); everything else is the shared glyph's.
 * Once per process, for every font of the kind `fontFile` is.
 */
export function glyphsKeepTheirCharacters(fontFile: string): void {
  if (glyphsInstalled) return;
  const proto = Object.getPrototypeOf(fontkit.create(readFileSync(fontFile))) as { getGlyph: (id: number, characters?: number[]) => Glyph | null };
  const getGlyph = proto.getGlyph;
  proto.getGlyph = function (this: object, id, characters = []) {
    const glyph = getGlyph.call(this, id, characters);
    if (!glyph || characters.length === 0 || sameNumbers(glyph.codePoints, characters)) return glyph;
    return Object.create(glyph, { codePoints: { value: characters, enumerable: true, writable: true, configurable: true } }) as Glyph;
  };
  glyphsInstalled = true;
}

function sameNumbers(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Makes every font of the kind `fontFile` is (TrueType, fontkit's own module
 * as react-pdf loads it) shape through a per-font cache. Once per process.
 */
export function cacheShaping(fontFile: string): void {
  if (installed) return;
  const proto = Object.getPrototypeOf(fontkit.create(readFileSync(fontFile))) as { layout: Layout };
  const layout = proto.layout;
  const cache = new WeakMap<object, Map<string, Run>>();
  proto.layout = function (this: object, text, features, script, language, direction) {
    let runs = cache.get(this);
    if (!runs) cache.set(this, (runs = new Map()));
    const key = `${JSON.stringify(features ?? null)}\u0000${script ?? ""}\u0000${language ?? ""}\u0000${direction ?? ""}\u0000${text}`;
    let run = runs.get(key);
    if (!run) {
      run = layout.call(this, text, features, script, language, direction);
      runs.set(key, run);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as Run, run, {
      glyphs: [...run.glyphs],
      positions: run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as Position, p)),
    });
  };
  installed = true;
}
