import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import type { Kind, Lang } from "../document/types.ts";
import { t } from "../i18n/ui.ts";
import { subsetFonts, type SubsetResult } from "./subset-fonts.ts";
import { escapeXml } from "./xml.ts";

export interface FinishOptions {
  lang: Lang;
  /** ISO date (YYYY-MM-DD): every zip entry gets this date at 12:00. */
  date: string;
  /** Whether the EPUB has a cover image with a text alternative. */
  hasCover: boolean;
  /** The document title: the page title of chapters that have no heading of their own. */
  title: string;
  /** The document kind: every page's body gets class "kind-<kind>", which the stylesheet's kind accents key on. */
  kind: Kind;
  /**
   * Font files to embed (the house faces the stylesheet declares), added here rather than by
   * pandoc: pandoc would zip 3 MB of whole faces only for them to be unzipped and subset.
   */
  fonts?: readonly string[];
}

/**
 * Pandoc's EPUB made reproducible, complete and lean: accessibility metadata
 * in the OPF, localised landmarks (plus "bodymatter"), the embedded fonts
 * subset to the characters the finished pages set in them (subset-fonts.ts,
 * faces nothing uses dropped), then the zip rewritten with `mimetype` first
 * and stored, the other entries in a fixed order, all with one fixed
 * timestamp. Throws (plain Error) if pandoc's output does not look as
 * expected, so a pandoc upgrade cannot silently skip a step.
 */
export async function finishEpub(epub: Uint8Array, opts: FinishOptions): Promise<{ epub: Uint8Array; fonts: SubsetResult }> {
  const files = unzipSync(epub);
  if (!files["mimetype"] || strFromU8(files["mimetype"]) !== "application/epub+zip") {
    throw new Error("pandoc's EPUB has no valid mimetype entry");
  }
  const opfName = opfPath(files);
  const opf = embedFonts(files, opfName, strFromU8(need(files, opfName)), opts.fonts ?? []);
  files[opfName] = strToU8(addAccessibilityMetadata(packageLanguage(opf, opts.lang), opts));

  const navName = Object.keys(files).find((n) => /(^|\/)nav\.xhtml$/.test(n));
  if (!navName) throw new Error("pandoc's EPUB has no nav.xhtml");
  const firstChapter = firstChapterHref(opf);
  files[navName] = strToU8(tocRole(localiseLandmarks(strFromU8(need(files, navName)), opts.lang, firstChapter)));

  for (const name of Object.keys(files)) {
    if (name.endsWith(".xhtml")) files[name] = strToU8(kindClass(strFromU8(need(files, name)), opts.kind));
    if (/(^|\/)text\/ch\d+\.xhtml$/.test(name)) {
      files[name] = strToU8(kickerFirst(noteRoles(chapterTitle(strFromU8(need(files, name)), opts.title), opts.lang)));
    }
  }

  // Last: the fonts keep exactly what the pages, as finished above, set in them.
  const fonts = await subsetFonts(files, opfName);
  return { epub: reproducibleZip(files, opts.date), fonts };
}

/**
 * The font files under fonts/ beside the OPF, each with a manifest item, as
 * pandoc's --epub-embed-font writes them (file name as entry, id from it,
 * items at the end of the manifest, the last file first), so that what
 * follows sees the EPUB pandoc would have made.
 */
function embedFonts(files: Record<string, Uint8Array>, opfName: string, opf: string, fonts: readonly string[]): string {
  if (fonts.length === 0) return opf;
  const end = opf.lastIndexOf("  </manifest>");
  if (end < 0) throw new Error("pandoc's OPF has no manifest to add the fonts to");
  const dir = opfName.includes("/") ? opfName.slice(0, opfName.lastIndexOf("/") + 1) : "";
  const items = fonts.map((file) => {
    const name = basename(file);
    files[`${dir}fonts/${name}`] = new Uint8Array(readFileSync(file));
    return `    <item id="${name.replace(/\./g, "_")}" href="fonts/${name}" media-type="application/font-sfnt" />\n`;
  });
  return opf.slice(0, end) + items.reverse().join("") + opf.slice(end);
}

/**
 * Pandoc 2.17 titles every chapter page with its file name ("ch002.xhtml"),
 * which is what a screen reader announces: use the chapter's first heading.
 */
function chapterTitle(xhtml: string, fallback: string): string {
  const title = /<title>(ch\d+\.xhtml)<\/title>/.exec(xhtml);
  if (!title) return xhtml;
  const h = /<h[1-3][^>]*>([\s\S]*?)<\/h[1-3]>/.exec(xhtml);
  const text = h ? h[1]!.replace(/<[^>]*>/g, "").replace(/\s+/g, " ").trim() : "";
  // The heading's text is already escaped XHTML; the fallback is plain text.
  return xhtml.replace(title[0], `<title>${text !== "" ? text : escapeXml(fallback)}</title>`);
}

/**
 * The language of the package document itself (xml:lang on <package>), which
 * EPUB 3 reading systems and Ace read besides dc:language.
 */
function packageLanguage(opf: string, lang: Lang): string {
  const m = /<package\b[^>]*>/.exec(opf);
  if (!m) throw new Error("the package document has no <package> element");
  if (/\sxml:lang=/.test(m[0])) return opf;
  return opf.replace(m[0], m[0].replace(/^<package\b/, `<package xml:lang="${lang}"`));
}

/** The nav's table of contents with the ARIA role matching its epub:type (DPUB-ARIA doc-toc). */
function tocRole(nav: string): string {
  const m = /<nav epub:type="toc"(?![^>]*\brole=)/.exec(nav);
  if (!m) {
    if (/<nav epub:type="toc"[^>]*\brole=/.test(nav)) return nav;
    throw new Error("nav.xhtml has no toc nav");
  }
  return nav.replace(m[0], `${m[0]} role="doc-toc"`);
}

/**
 * Pandoc's notes in the ARIA pattern for notes at the end of a section: the
 * section "endnotes" with role doc-endnotes and a name, each note an
 * "endnote" list item (pandoc's `li epub:type="footnote"` would need role
 * doc-footnote, which HTML does not allow on li); note links with role
 * doc-noteref; and the back-link, labelled in the document's language (a
 * screen reader would read its arrow), with pandoc's "↩︎" replaced by "↑":
 * neither house font has U+21A9, so a reading system drew it in a fallback
 * font.
 */
function noteRoles(xhtml: string, lang: Lang): string {
  const back = escapeXml(t(lang, "backToText"));
  const notes = escapeXml(t(lang, "notes"));
  return xhtml
    .replace(/<section class="(footnotes[^"]*)" epub:type="footnotes">/g, `<section class="$1" epub:type="endnotes" role="doc-endnotes" aria-label="${notes}">`)
    .replace(/<li id="(fn\d+)" epub:type="footnote">/g, '<li id="$1" epub:type="endnote">')
    .replace(/<a\b[^>]*>/g, (a) => {
    if (/\sepub:type="noteref"/.test(a) && !/\srole=/.test(a)) return a.replace(/>$/, ' role="doc-noteref">');
    if (/\sclass="footnote-back"/.test(a) && !/\saria-label=/.test(a)) return a.replace(/>$/, ` aria-label="${back}">`);
    return a;
  })
    .replace(/(<a\b[^>]*\sclass="footnote-back"[^>]*>)\u21a9\ufe0e?(<\/a>)/g, "$1\u2191$2");
}

/**
 * Pandoc 2.17 fills the template's document variables (here: kind) only on
 * the title and cover pages: give every other page's body the kind class too.
 */
function kindClass(xhtml: string, kind: Kind): string {
  if (!/^[a-z]+$/.test(kind)) throw new Error(`not a document kind: ${JSON.stringify(kind)}`);
  return xhtml.replace(/<body\b([^>]*)>/, (body, attrs: string) => (/\sclass="/.test(attrs) ? body : `<body${attrs} class="kind-${kind}">`));
}

/**
 * A magazine article's kicker ("Aan het woord") above its title, as in the
 * PDF and in print: the AST has to put the title first, or pandoc would not
 * start a chapter there. Reading order then follows the page.
 */
function kickerFirst(xhtml: string): string {
  return xhtml.replace(
    /(<section [^>]*class="level1 article"[^>]*>\s*)(<h1\b[^>]*>[\s\S]*?<\/h1>\s*)(<div class="kicker">[\s\S]*?<\/div>\s*)/g,
    (_all, section: string, h1: string, kicker: string) => section + kicker + h1,
  );
}

/** The zip with mimetype first (stored), the rest sorted, and one fixed timestamp. */
export function reproducibleZip(files: Record<string, Uint8Array>, isoDate: string): Uint8Array {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new TypeError(`Expected an ISO date YYYY-MM-DD, got "${isoDate}"`);
  // fflate writes DOS time from the Date's *local* fields: building the Date
  // from local fields makes the stored time the same in every time zone.
  const mtime = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0);
  const names = Object.keys(files).filter((n) => n !== "mimetype" && !n.endsWith("/"));
  names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const zippable: Zippable = {};
  zippable["mimetype"] = [need(files, "mimetype"), { level: 0, mtime }];
  for (const n of names) {
    // PNG/JPEG/WOFF are compressed already; TTF fonts shrink by about a third.
    const level = /\.(woff2?|png|jpe?g)$/i.test(n) ? 0 : 9;
    zippable[n] = [need(files, n), { level, mtime }];
  }
  return zipSync(zippable);
}

function rank(name: string): number {
  if (name === "META-INF/container.xml") return 0;
  if (name.startsWith("META-INF/")) return 1;
  if (name.endsWith(".opf")) return 2;
  return 3;
}

function need(files: Record<string, Uint8Array>, name: string): Uint8Array {
  const f = files[name];
  if (!f) throw new Error(`pandoc's EPUB has no ${name}`);
  return f;
}

function opfPath(files: Record<string, Uint8Array>): string {
  const container = strFromU8(need(files, "META-INF/container.xml"));
  const m = /full-path="([^"]+)"/.exec(container);
  if (!m?.[1]) throw new Error("META-INF/container.xml names no package document");
  return m[1];
}

/**
 * EPUB Accessibility metadata (schema.org, as EPUB Accessibility 1.1 asks),
 * stating only what holds for every Tweeluik EPUB: text only (plus a cover
 * image with a text alternative), headings, a table of contents, reading
 * order = document order, DPUB-ARIA roles on notes, contents and boxes, no
 * hazards, reflowable. No dcterms:conformsTo: Ace by DAISY and epubcheck
 * pass (npm run check:a11y), but they test only part of WCAG 2.1 AA, and
 * known gaps remain (English phrases in Dutch text carry no lang, headings
 * and reading order of the magazine come from heuristics): a conformance
 * claim needs a person's review first.
 */
function addAccessibilityMetadata(opf: string, opts: FinishOptions): string {
  if (!opf.includes("</metadata>")) throw new Error("the package document has no </metadata>");
  if (opf.includes("schema:accessMode")) return opf;
  const meta = (property: string, value: string) => `    <meta property="${property}">${escapeXml(value)}</meta>`;
  const lines = [
    meta("schema:accessMode", "textual"),
    ...(opts.hasCover ? [meta("schema:accessMode", "visual")] : []),
    meta("schema:accessModeSufficient", "textual"),
    meta("schema:accessibilityFeature", "structuralNavigation"),
    meta("schema:accessibilityFeature", "tableOfContents"),
    meta("schema:accessibilityFeature", "readingOrder"),
    meta("schema:accessibilityFeature", "displayTransformability"),
    meta("schema:accessibilityFeature", "ARIA"),
    ...(opts.hasCover ? [meta("schema:accessibilityFeature", "alternativeText")] : []),
    meta("schema:accessibilityHazard", "none"),
    meta("schema:accessibilitySummary", t(opts.lang, "epub.a11ySummary")),
  ];
  return opf.replace(/\n?\s*<\/metadata>/, `\n${lines.join("\n")}\n  </metadata>`);
}

function firstChapterHref(opf: string): string | undefined {
  const spine = /<spine[^>]*>([\s\S]*?)<\/spine>/.exec(opf)?.[1] ?? "";
  const items = new Map<string, string>();
  for (const m of opf.matchAll(/<item\b[^>]*\bid="([^"]+)"[^>]*\bhref="([^"]+)"/g)) items.set(m[1]!, m[2]!);
  for (const m of spine.matchAll(/idref="([^"]+)"/g)) {
    const href = items.get(m[1]!);
    if (href && /(^|\/)ch\d+\.xhtml$/.test(href)) return href;
  }
  return undefined;
}

/** Landmark labels in the document's language, and a "bodymatter" landmark to the first chapter. */
function localiseLandmarks(nav: string, lang: Lang, firstChapter: string | undefined): string {
  const m = /(<nav epub:type="landmarks"[^>]*>[\s\S]*?<ol>)([\s\S]*?)(<\/ol>\s*<\/nav>)/.exec(nav);
  if (!m) throw new Error("nav.xhtml has no landmarks nav");
  const labels: Record<string, string> = {
    cover: t(lang, "cover"),
    titlepage: t(lang, "epub.titlePage"),
    toc: t(lang, "contents"),
  };
  let list = m[2]!.replace(/(<a [^>]*epub:type="([a-z-]+)"[^>]*>)([^<]*)(<\/a>)/g, (all, open: string, type: string, _label: string, close: string) =>
    labels[type] ? `${open}${escapeXml(labels[type])}${close}` : all,
  );
  if (firstChapter && !list.includes('epub:type="bodymatter"')) {
    list += `  <li>\n      <a href="${firstChapter}" epub:type="bodymatter">${escapeXml(t(lang, "epub.bodymatter"))}</a>\n    </li>\n  `;
  }
  return nav.slice(0, m.index) + m[1] + list + m[3] + nav.slice(m.index + m[0].length);
}
