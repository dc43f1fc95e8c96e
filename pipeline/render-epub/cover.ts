import * as fontkit from "fontkit";
import type { RenderableDocument } from "../document/types.ts";
import { formatDate, t } from "../i18n/ui.ts";
import { design, fontFile } from "./design.ts";
import { escapeXml } from "./xml.ts";

/** Cover size in SVG units (3:4, the usual e-book cover ratio). */
export const COVER_WIDTH = 1200;
export const COVER_HEIGHT = 1600;

type Font = ReturnType<typeof fontkit.openSync>;
const fonts = new Map<string, Font>();
function font(family: "serif" | "sans", style: string): Font {
  const file = fontFile(family, style);
  let f = fonts.get(file);
  if (!f) {
    f = fontkit.openSync(file);
    fonts.set(file, f);
  }
  return f;
}

interface TextRun {
  text: string;
  font: Font;
  size: number;
  x: number;
  /** Baseline. */
  y: number;
  fill: string;
  /** Extra space between letters, in em. */
  tracking?: number;
}

/**
 * The cover as an SVG in the house style: kind accent band with the kind and
 * the title, then date, language and publisher. Text is set as glyph outlines
 * of the house fonts (fontkit), so the cover looks the same in every reader
 * and needs no font of its own; the words are in <title>/<desc> and in the
 * cover page's aria-label. Pure: the same document gives the same bytes.
 */
export function coverSvg(doc: RenderableDocument): string {
  const { colours, kindAccents } = design();
  const accent = kindAccents[doc.meta.kind] ?? colours.accent;
  const lang = doc.lang;
  const sansBold = font("sans", "bold");
  const sansSemi = font("sans", "semibold");
  const serif = font("serif", "regular");
  const margin = 100;
  const width = COVER_WIDTH - 2 * margin;

  const runs: TextRun[] = [];
  runs.push({ text: t(lang, `kind.${doc.meta.kind}`).toUpperCase(), font: sansBold, size: 40, x: margin, y: 190, fill: "#ffffff", tracking: 0.12 });

  // The largest title size (down to 56) that fits in five lines within the margins; a word
  // wider than the measure even then sets the size it fits at.
  const title = doc.meta.title || doc.meta.slug;
  let { size, lines } = coverTitle(title, sansBold, width);
  const widest = Math.max(...lines.map((l) => measure(l, sansBold, size)));
  if (widest > width) {
    size = Math.floor((size * width) / widest);
    lines = wrap(title, sansBold, size, width);
  }
  const leading = size * 1.1;
  let y = 300 + size * 0.8;
  for (const line of lines) {
    runs.push({ text: line, font: sansBold, size, x: margin, y, fill: "#ffffff" });
    y += leading;
  }
  const bandBottom = Math.max(y - leading + size * 0.45 + 90, 760);

  let y2 = bandBottom + 130;
  if (doc.meta.subtitle) {
    for (const line of wrap(doc.meta.subtitle, sansSemi, 52, width).slice(0, 3)) {
      runs.push({ text: line, font: sansSemi, size: 52, x: margin, y: y2, fill: colours.ink });
      y2 += 64;
    }
    y2 += 30;
  }
  const details = [formatDate(lang, doc.meta.date), doc.meta.number, t(lang, "language")].filter((s): s is string => !!s);
  for (const line of details) {
    runs.push({ text: line, font: serif, size: 46, x: margin, y: y2, fill: colours.muted });
    y2 += 64;
  }
  // The publisher's name on one line at 38, smaller where it is wider than the line.
  if (doc.meta.publisher) {
    const size = Math.min(38, Math.floor((38 * width) / measure(doc.meta.publisher, sansSemi, 38)));
    runs.push({ text: doc.meta.publisher, font: sansSemi, size, x: margin, y: COVER_HEIGHT - 110, fill: colours.accentDark });
  }

  const alt = [doc.meta.title || doc.meta.slug, `${t(lang, `kind.${doc.meta.kind}`)}, ${formatDate(lang, doc.meta.date)}`, doc.meta.publisher]
    .filter(Boolean)
    .join(". ") + ".";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${COVER_WIDTH}" height="${COVER_HEIGHT}" viewBox="0 0 ${COVER_WIDTH} ${COVER_HEIGHT}" role="img" aria-labelledby="cover-title" xml:lang="${lang}">`,
    `<title id="cover-title">${escapeXml(alt)}</title>`,
    `<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${COVER_WIDTH}" height="${fmt(bandBottom)}" fill="${accent}"/>`,
    `<rect x="${margin}" y="${fmt(bandBottom + 40)}" width="160" height="8" fill="${accent}"/>`,
    `<rect x="${margin}" y="${COVER_HEIGHT - 180}" width="${width}" height="2" fill="${colours.rule}"/>`,
    ...runs.map(outline),
    `</svg>`,
    ``,
  ].join("\n");
}

/** The title's size, from 112 down to 56, and its lines: the largest that sets it in five lines within `width`. */
function coverTitle(title: string, f: Font, width: number): { size: number; lines: string[] } {
  let size = 112;
  let lines = wrap(title, f, size, width);
  const fits = (): boolean => lines.length <= 5 && lines.every((l) => measure(l, f, size) <= width);
  while (!fits() && size > 56) {
    size -= 8;
    lines = wrap(title, f, size, width);
  }
  return { size, lines };
}

/**
 * Greedy line breaking on spaces, measured with the font's own advances; a
 * word wider than the line may also break after a hyphen between letters
 * ("arbeidsmarkt-|gezondheidsverschillen"); a day number stays with the word
 * after it ("27 January").
 */
function wrap(text: string, f: Font, size: number, max: number): string[] {
  const words = text.replace(/(^|\s)(\d{1,2}) (?=\S)/g, "$1$2\u00a0").split(/[ \t\r\n]+/).filter(Boolean);
  // each piece with what joins it to the line before: a space, or nothing after a hyphen
  const pieces = words.flatMap((w) => (measure(w, f, size) > max ? w.split(/(?<=\p{L}-)(?=\p{L})/u) : [w]).map((p, i) => ({ text: p, join: i === 0 ? " " : "" })));
  const lines: string[] = [];
  let line = "";
  for (const { text: p, join } of pieces) {
    const next = line ? `${line}${join}${p}` : p;
    if (line && measure(next, f, size) > max) {
      lines.push(line);
      line = p;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function measure(text: string, f: Font, size: number): number {
  return (f.layout(text).advanceWidth * size) / f.unitsPerEm;
}

/** One line of text as a single path of glyph outlines. */
function outline(run: TextRun): string {
  const k = run.size / run.font.unitsPerEm;
  const layout = run.font.layout(run.text);
  const track = (run.tracking ?? 0) * run.font.unitsPerEm;
  let x = 0;
  const parts: string[] = [];
  layout.glyphs.forEach((glyph, i) => {
    const pos = layout.positions[i]!;
    const d = glyph.path.translate(x + pos.xOffset, pos.yOffset).toSVG();
    if (d) parts.push(d);
    x += pos.xAdvance + track;
  });
  return `<path fill="${run.fill}" transform="translate(${fmt(run.x)} ${fmt(run.y)}) scale(${fmt(k, 5)} ${fmt(-k, 5)})" d="${parts.join("")}"/>`;
}

function fmt(n: number, digits = 2): string {
  return Number(n.toFixed(digits)).toString();
}
