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
  script?: string;
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
 * as react-pdf loads it) shape through a per-font cache of words. Once per
 * process.
 *
 * A run is shaped word by word, each word with the spaces after it, in the
 * run's script, and the glyphs and positions put together in order. In these
 * faces nothing substitutes or positions across a space except a pair kerned
 * with the space (a space before "T", "V", "W"): a word's last space gets
 * what the next word's first character does to a space, as shaping the pair
 * shows. The result is the run's own, glyph for glyph and position for
 * position (test/pdf-shaping.test.ts); a word the process has shaped before
 * (most words of a text are) is not shaped again. A run given as glyphs is
 * shaped whole, as fontkit does.
 */
export function cacheShaping(fontFile: string): void {
  if (installed) return;
  const proto = Object.getPrototypeOf(fontkit.create(readFileSync(fontFile))) as { layout: Layout };
  const layout = proto.layout;
  const shapers = new WeakMap<object, Map<string, Shaper>>();
  proto.layout = function (this: object, text, features, script, language, direction) {
    if (typeof text !== "string" || typeof features === "string") return layout.call(this, text, features, script, language, direction);
    let settings = shapers.get(this);
    if (!settings) shapers.set(this, (settings = new Map()));
    const key = `${JSON.stringify(features ?? null)}\u0000${script ?? ""}\u0000${language ?? ""}\u0000${direction ?? ""}`;
    let shaper = settings.get(key);
    if (!shaper) settings.set(key, (shaper = new Shaper((t, sc) => layout.call(this, t, features, sc ?? script, language, direction))));
    return shaper.run(text, script === undefined);
  };
  installed = true;
}

/** Shapes text with one font and one set of settings, word by word, and keeps what it shaped. */
class Shaper {
  /** Words shaped, by the script given ("" for the word's own). */
  private readonly words = new Map<string, Map<string, Run>>();
  /** What a character does to the position of a space before it: the change, or null for nothing. */
  private readonly spaceBefore = new Map<string, Map<number, Position | null>>();

  constructor(private readonly shape: (text: string, script?: string) => Run) {}

  run(text: string, detectScript: boolean): Run {
    const words = text.split(WORD);
    let script: string | undefined;
    let parts = words.map((w) => this.word(w));
    if (detectScript && parts.length > 1) {
      // fontkit takes a run's script from its first letter of a script: every word in that one.
      script = parts.find((r) => r.script !== COMMON)?.script ?? COMMON;
      parts = parts.map((r, i) => (r.script === script ? r : this.word(words[i]!, script)));
    }
    const glyphs: unknown[] = [];
    const positions: Position[] = [];
    parts.forEach((r, i) => {
      glyphs.push(...r.glyphs);
      for (const p of r.positions) positions.push(Object.assign(Object.create(Object.getPrototypeOf(p) as object) as Position, p));
      const next = words[i + 1]?.codePointAt(0);
      const change = next === undefined ? null : this.changeToSpace(next, script);
      const last = positions[positions.length - 1];
      if (change && last) {
        last.xAdvance += change.xAdvance;
        last.yAdvance += change.yAdvance;
        last.xOffset += change.xOffset;
        last.yOffset += change.yOffset;
      }
    });
    const first = parts[0]!;
    return Object.assign(Object.create(Object.getPrototypeOf(first) as object) as Run, first, { glyphs, positions });
  }

  private word(text: string, script?: string): Run {
    let words = this.words.get(script ?? "");
    if (!words) this.words.set(script ?? "", (words = new Map()));
    let run = words.get(text);
    if (!run) words.set(text, (run = this.shape(text, script)));
    return run;
  }

  /** A space before `next` set against a lone space (fontkit shapes the pair). */
  private changeToSpace(next: number, script: string | undefined): Position | null {
    let changes = this.spaceBefore.get(script ?? "");
    if (!changes) this.spaceBefore.set(script ?? "", (changes = new Map()));
    let change = changes.get(next);
    if (change === undefined) {
      const pair = this.shape(` ${String.fromCodePoint(next)}`, script).positions;
      const lone = this.word(" ", script).positions;
      const [p, q] = [pair[0], lone[0]];
      change =
        p && q && pair.length === 2 && lone.length === 1 && !samePosition(p, q)
          ? { xAdvance: p.xAdvance - q.xAdvance, yAdvance: p.yAdvance - q.yAdvance, xOffset: p.xOffset - q.xOffset, yOffset: p.yOffset - q.yOffset }
          : null;
      changes.set(next, change);
    }
    return change;
  }
}

function samePosition(a: Position, b: Position): boolean {
  return a.xAdvance === b.xAdvance && a.yAdvance === b.yAdvance && a.xOffset === b.xOffset && a.yOffset === b.yOffset;
}

/** Where a run is cut into words: after a space, before what is not one. */
const WORD = /(?<= )(?=[^ ])/;
/** fontkit's script of a text without a letter of any script (digits, spaces, punctuation). */
const COMMON = "zzzz";
