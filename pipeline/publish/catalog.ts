import { LANGS, type Kind, type Lang } from "../document/types.ts";
import { inLang } from "../config/schema.ts";
import { formatDate, fullDate, t } from "../i18n/ui.ts";
import { editionIdentifier } from "../render-epub/to-pandoc-ast.ts";
import type { Artefact } from "./manifest.ts";

/** What the catalogue needs to know of one publication (from source/<slug>.yaml). */
export interface CatalogEntry {
  slug: string;
  kind: Kind;
  date: string;
  titles: Record<Lang, string>;
  descriptions?: Record<Lang, string>;
  publisher: Localised;
  author?: Localised;
}

type Localised = string | Record<Lang, string>;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const stamp = (date: string) => `${fullDate(date)}T00:00:00Z`;
const ACQ = "http://opds-spec.org/acquisition/open-access";
const FEED_TYPE = "application/atom+xml;profile=opds-catalog;kind=acquisition";

/**
 * An OPDS 1.2 acquisition feed of every edition (output/catalog.xml): one
 * entry per publication and language with its EPUB and PDF. E-readers
 * (KOReader, Thorium, Kobo via apps) subscribe to it. Hrefs are relative, so
 * the folder can be put online anywhere as it is. No build time is written:
 * <updated> is the newest publication date, so the same output gives the same feed.
 * Entry ids are the EPUBs' own identifiers, so a reader knows an updated edition.
 */
export function opdsFeed(entries: readonly CatalogEntry[], artefacts: readonly Artefact[], title = "Tweeluik"): string {
  const has = (path: string) => artefacts.find((a) => a.path === path);
  const editions = entries.flatMap((e) => LANGS.map((lang) => ({ e, lang }))).filter(({ e, lang }) => has(`${lang}/${e.slug}.epub`) || has(`${lang}/${e.slug}.pdf`));
  const updated = editions.map(({ e }) => stamp(e.date)).sort().at(-1) ?? "1970-01-01T00:00:00Z";
  const body = editions
    .map(({ e, lang }) => {
      const links = (["epub", "pdf"] as const)
        .map((fmt) => has(`${lang}/${e.slug}.${fmt}`))
        .filter((a): a is Artefact => Boolean(a))
        .map((a) => `    <link rel="${ACQ}" href="${esc(a.path)}" type="${a.format === "epub" ? "application/epub+zip" : "application/pdf"}" length="${a.bytes}"/>`)
        .join("\n");
      const summary = e.descriptions?.[lang];
      return [
        "  <entry>",
        `    <title>${esc(e.titles[lang])}</title>`,
        `    <id>${editionIdentifier(e.slug, lang)}</id>`,
        `    <updated>${stamp(e.date)}</updated>`,
        `    <author><name>${esc(inLang(e.author ?? e.publisher, lang))}</name></author>`,
        `    <dc:language>${lang}</dc:language>`,
        `    <dc:issued>${e.date}</dc:issued>`,
        `    <dc:publisher>${esc(inLang(e.publisher, lang))}</dc:publisher>`,
        `    <category term="${e.kind}" label="${esc(t(lang, `kind.${e.kind}`))}"/>`,
        summary ? `    <summary>${esc(summary)}</summary>` : "",
        links,
        "  </entry>",
      ]
        .filter(Boolean)
        .join("\n");
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog">
  <id>urn:tweeluik:catalog</id>
  <title>${esc(title)}</title>
  <updated>${updated}</updated>
  <author><name>${esc(entries[0] ? inLang(entries[0].publisher, "en") : title)}</name></author>
  <link rel="self" href="catalog.xml" type="${FEED_TYPE}"/>
  <link rel="start" href="catalog.xml" type="${FEED_TYPE}"/>
${body}
</feed>
`;
}

/** A plain HTML index page (output/index.html) listing every edition with its files. */
export function indexPage(entries: readonly CatalogEntry[], artefacts: readonly Artefact[], title = "Tweeluik"): string {
  const size = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} kB`);
  const rows = [...entries]
    .sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug))
    .map((e) => {
      const cells = LANGS.map((lang) => {
        const files = (["pdf", "epub"] as const)
          .map((fmt) => artefacts.find((a) => a.path === `${lang}/${e.slug}.${fmt}`))
          .filter((a): a is Artefact => Boolean(a))
          .map((a) => `<a href="${esc(a.path)}" hreflang="${lang}" type="${a.format === "pdf" ? "application/pdf" : "application/epub+zip"}">${a.format.toUpperCase()}</a> <span class="size">${size(a.bytes)}${a.pages ? `, ${a.pages} p.` : ""}</span>`)
          .join(" · ");
        return `      <td lang="${lang}"><span class="title">${esc(e.titles[lang])}</span><br>${files || "—"}</td>`;
      }).join("\n");
      return `    <tr>\n      <th scope="row">${esc(t("nl", `kind.${e.kind}`))} / ${esc(t("en", `kind.${e.kind}`))}<br><span class="date">${esc(formatDate("nl", e.date))}</span></th>\n${cells}\n    </tr>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="alternate" type="${FEED_TYPE}" href="catalog.xml" title="OPDS">
<style>
  body { font-family: "Source Sans 3", "Source Sans Pro", system-ui, sans-serif; color: #1d1d1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { color: #0b5563; font-weight: 600; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .6rem .5rem; border-top: 1px solid #9aa5a8; }
  th { width: 12rem; font-weight: 600; color: #5b6669; }
  .title { font-family: "Source Serif 4", Georgia, serif; font-size: 1.05rem; }
  .size, .date { color: #5b6669; font-size: .85rem; font-weight: 400; }
  a { color: #0b5563; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>Publicaties in het Nederlands en het Engels · Publications in Dutch and English.
E-readers: abonneer op <a href="catalog.xml">catalog.xml</a> (OPDS) · subscribe to <a href="catalog.xml" lang="en">catalog.xml</a> (OPDS).</p>
<table>
  <thead><tr><th scope="col"></th><th scope="col" lang="nl">Nederlands</th><th scope="col" lang="en">English</th></tr></thead>
  <tbody>
${rows}
  </tbody>
</table>
</body>
</html>
`;
}
