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
