import * as fontkit from "fontkit";
import subsetFont from "subset-font";
import { strFromU8, strToU8 } from "fflate";
import { fontUse, resolveEntry, type FontFace } from "./font-use.ts";

/**
 * OpenType layout features reading engines apply to Latin text by default
 * (and the style sheet asks for no other): glyph composition, localised
 * forms, mark positioning, kerning, standard and contextual ligatures.
 * Everything else (small capitals, old-style figures, fractions, stylistic
 * sets) would only pull unused glyphs into the subset.
 */
export const KEPT_FEATURES = ["ccmp", "locl", "mark", "mkmk", "kern", "liga", "clig", "calt", "rlig", "rclt"];

/**
 * Name table entries kept besides harfbuzz's default (IDs 0–6, which hold
 * the copyright notice with the Reserved Font Name): trademark,
 * manufacturer, designer, vendor and designer URLs, and the SIL Open Font
 * License description and URL (IDs 13 and 14), which the licence requires
 * to travel with the font.
 */
export const KEPT_NAME_IDS = [7, 8, 9, 11, 12, 13, 14];

/** Code points that are never drawn, so a font needs no glyph for them (Unicode Default_Ignorable_Code_Point, the ones text carries). */
function ignorable(cp: number): boolean {
  return cp === 0x00ad || cp === 0x034f || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff;
}

export interface SubsetResult {
  /** Faces kept, with the characters each one keeps. */
  kept: { face: FontFace; chars: string; bytesBefore: number; bytesAfter: number }[];
  /** Faces no text uses, removed from the zip, the package document and the style sheet. */
  dropped: FontFace[];
  /** Characters a face sets but has no glyph for (a reading system draws them in a fallback font). */
  missing: { face: FontFace; chars: string[] }[];
}

/**
 * Subset every font an EPUB embeds to the characters it sets (font-use.ts),
 * in place on the zip's entries: faces nothing uses leave the zip, the
 * package document's manifest and the style sheet's @font-face rules; the
 * others keep their glyphs for those characters (plus what the layout
 * features above reach from them), their hinting and their licence notices.
 * A character the face itself lacks is returned in `missing`: a reading
 * system draws it in a fallback font.
 */
export async function subsetFonts(files: Record<string, Uint8Array>, opfName: string): Promise<SubsetResult> {
  const texts: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) if (/\.(xhtml|css)$/.test(name)) texts[name] = strFromU8(bytes);
  const use = fontUse(texts);
  const result: SubsetResult = { kept: [], dropped: [], missing: [] };

  for (const face of use.faces) {
    const original = files[face.entry];
    if (!original) throw new Error(`${face.stylesheet} loads ${face.entry}, which is not in the EPUB`);
    const chars = [...(use.chars.get(face.entry) ?? [])].map((c) => c.codePointAt(0)!).sort((a, b) => a - b);
    if (chars.length === 0) {
      result.dropped.push(face);
      continue;
    }
    const font = fontkit.create(original);
    const missing = chars.filter((cp) => !ignorable(cp) && !font.hasGlyphForCodePoint(cp));
    if (missing.length > 0) result.missing.push({ face, chars: missing.map((cp) => String.fromCodePoint(cp)) });
    const text = String.fromCodePoint(...chars);
    const subset = await subsetFont(Buffer.from(original), text, { targetFormat: "sfnt", keepFeatures: KEPT_FEATURES, preserveNameIds: KEPT_NAME_IDS });
    files[face.entry] = new Uint8Array(subset);
    result.kept.push({ face, chars: text, bytesBefore: original.length, bytesAfter: subset.length });
  }

  if (result.dropped.length > 0) {
    const gone = new Set(result.dropped.map((f) => f.entry));
    for (const f of result.dropped) delete files[f.entry];
    for (const sheet of new Set(result.dropped.map((f) => f.stylesheet))) {
      files[sheet] = strToU8(withoutFaces(strFromU8(files[sheet]!), sheet, gone));
    }
    files[opfName] = strToU8(withoutItems(strFromU8(files[opfName]!), opfName, gone));
  }
  return result;
}

/** The style sheet without the @font-face rules that load one of `gone`. */
function withoutFaces(css: string, sheet: string, gone: Set<string>): string {
  return css.replace(/@font-face\s*\{[^}]*\}[ \t]*\n?/g, (rule) => {
    const url = /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(rule)?.[1];
    return url && gone.has(resolveEntry(sheet, url)) ? "" : rule;
  });
}

/** The package document without the manifest items of `gone`. */
function withoutItems(opf: string, opfName: string, gone: Set<string>): string {
  let removed = 0;
  const out = opf.replace(/[ \t]*<item\b[^>]*\bhref="([^"]+)"[^>]*\/>[ \t]*\n?/g, (item, href: string) => {
    if (!gone.has(resolveEntry(opfName, href))) return item;
    removed++;
    return "";
  });
  if (removed !== gone.size) throw new Error(`the package document lists ${removed} of the ${gone.size} unused fonts`);
  return out;
}
