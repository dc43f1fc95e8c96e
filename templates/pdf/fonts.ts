/**
 * Font registration for the PDF templates. Every glyph in the sources must be
 * covered by an embedded font: a glyph missing from all registered faces falls
 * back to react-pdf's unembedded Helvetica. Source Serif 4 lacks ĳ/Ĳ, so each
 * serif stack ends in a face that has them (DejaVu Serif when the system has
 * it, else Source Sans 3, which ships with the npm fonts). The sans stack ends
 * in DejaVu Sans when present, for anything else a source may bring.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Font } from "@react-pdf/renderer";
import { design } from "./tokens.ts";

const require = createRequire(import.meta.url);

/** Family names as used in styles. */
export const SERIF = design.fonts.serif.family;
export const SANS = design.fonts.sans.family;
const SERIF_FALLBACK = "Tweeluik Serif Fallback";
const SANS_FALLBACK = "Tweeluik Sans Fallback";

const DEJAVU_DIR = "/usr/share/fonts/truetype/dejavu";

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

/** The file of the regular serif face (a TrueType font as the other house faces). */
export function houseFontFile(): string {
  return join(packageDir(design.fonts.serif.package), design.fonts.serif.files.regular);
}

let registered = false;

/** Registers the house faces once per process and disables react-pdf's built-in (English) hyphenation. */
export function registerHouseFonts(): void {
  if (registered) return;
  for (const face of [design.fonts.serif, design.fonts.sans]) {
    const dir = packageDir(face.package);
    const file = (f: string): string => {
      const p = join(dir, f);
      if (!existsSync(p)) throw new Error(`Font file ${p} (templates/design.json) does not exist`);
      return p;
    };
    Font.register({
      family: face.family,
      fonts: [
        { src: file(face.files.regular), fontWeight: 400, fontStyle: "normal" },
        { src: file(face.files.italic), fontWeight: 400, fontStyle: "italic" },
        { src: file(face.files.semibold), fontWeight: 600, fontStyle: "normal" },
        { src: file(face.files.bold), fontWeight: 700, fontStyle: "normal" },
        { src: file(face.files.boldItalic), fontWeight: 700, fontStyle: "italic" },
      ],
    });
  }
  // DejaVu (Debian fonts-dejavu-core/-extra) covers what the house fonts lack (ĳ, symbols).
  const dejavu = (f: string): string => join(DEJAVU_DIR, f);
  const fallback = (family: string, [regular, italic, bold, boldItalic]: readonly [string, string, string, string]): boolean => {
    if (![regular, italic, bold, boldItalic].every((f) => existsSync(dejavu(f)))) return false;
    Font.register({
      family,
      fonts: [
        { src: dejavu(regular), fontWeight: 400, fontStyle: "normal" },
        { src: dejavu(italic), fontWeight: 400, fontStyle: "italic" },
        { src: dejavu(bold), fontWeight: 600, fontStyle: "normal" },
        { src: dejavu(bold), fontWeight: 700, fontStyle: "normal" },
        { src: dejavu(boldItalic), fontWeight: 700, fontStyle: "italic" },
      ],
    });
    return true;
  };
  if (fallback(SERIF_FALLBACK, ["DejaVuSerif.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-BoldItalic.ttf"])) serifStack = [SERIF, SERIF_FALLBACK];
  if (fallback(SANS_FALLBACK, ["DejaVuSans.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-BoldOblique.ttf"])) sansStack = [SANS, SANS_FALLBACK];
  // Words are hyphenated per Text with the document's language (hyphenate.ts);
  // anything without a callback is not hyphenated at all.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

let serifStack: string[] = [SERIF, SANS];
let sansStack: string[] = [SANS];

/** The serif font stack (with a fallback face for ĳ/Ĳ). Call after registerHouseFonts(). */
export function serif(): string[] {
  return serifStack;
}
/** The sans font stack; Source Sans 3 covers the sources, DejaVu Sans (when present) anything else. */
export function sans(): string[] {
  return sansStack;
}
