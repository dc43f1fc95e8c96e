import { posix } from "node:path";
import { KINDS, LANGS, type Kind, type Lang } from "../document/types.ts";
import { fullDate, t } from "../i18n/ui.ts";
import type { Access } from "./access.ts";
import type { CoverFiles } from "./covers.ts";

/** One edition (a publication in one language) as the catalogue shows it. */
export interface Edition {
  slug: string;
  lang: Lang;
  kind: Kind;
  /** ISO date at the source's precision. */
  date: string;
  title: string;
  summary?: string;
  publisher: string;
  author: string;
  access: Access;
  /** The EPUB's identifier (dc:identifier), the same in every feed. */
  id: string;
  /** Paths relative to the output folder, with sizes. */
  files: { epub?: { path: string; bytes: number }; pdf?: { path: string; bytes: number; pages?: number | null } };
  cover?: CoverFiles;
}

/** A file of the catalogue: path relative to the output folder, and its text. */
export interface CatalogFile {
  path: string;
  body: string;
}

export interface CatalogueOptions {
  /** Folder of the catalogue below the output folder: "" (public) or "members". */
  dir: string;
  /** Feed title and author (the publisher). */
  title: string;
  author: string;
  /** Entries per page of an acquisition feed. */
  pageSize: number;
}

export const NAV_TYPE = "application/atom+xml;profile=opds-catalog;kind=navigation";
export const ACQ_TYPE = "application/atom+xml;profile=opds-catalog;kind=acquisition";
export const ENTRY_TYPE = "application/atom+xml;type=entry;profile=opds-catalog";
export const OPENSEARCH_TYPE = "application/opensearchdescription+xml";
const REL_OPEN = "http://opds-spec.org/acquisition/open-access";
const REL_ACQ = "http://opds-spec.org/acquisition";

export const MIME = { epub: "application/epub+zip", pdf: "application/pdf" } as const;

export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const stamp = (date: string) => `${fullDate(date)}T00:00:00Z`;
const both = (key: string) => `${t("nl", key)} · ${t("en", key)}`;

/** Newest first, then by slug and language, so every feed has one order. */
export function byNewest(a: Edition, b: Edition): number {
  return fullDate(b.date).localeCompare(fullDate(a.date)) || a.slug.localeCompare(b.slug) || a.lang.localeCompare(b.lang);
}

/** The catalogue's feed paths below its folder. */
export const feedPath = {
  root: "catalog.xml",
  opensearch: "opensearch.xml",
  search: "search.xml",
  newest: (page = 1) => `opds/new${page > 1 ? `-${page}` : ""}.xml`,
  lang: (lang: Lang, page = 1) => `opds/lang-${lang}${page > 1 ? `-${page}` : ""}.xml`,
  kind: (kind: Kind, page = 1) => `opds/kind-${kind}${page > 1 ? `-${page}` : ""}.xml`,
  entry: (e: { slug: string; lang: Lang }) => `opds/entry/${e.lang}/${e.slug}.xml`,
};

/**
 * The whole OPDS 1.2 catalogue of a set of editions as static files, every
 * link relative so the folder works wherever it is put: a navigation root
 * (catalog.xml) leading to acquisition feeds newest first, by language and
 * by kind (paged, with first/previous/next/last links), one complete entry
 * per edition (the target of the other language's `alternate` link), and an
 * OpenSearch description for `tweeluik serve`'s search. No build time is
 * written: `updated` is the newest publication date, so the same editions
 * give the same files.
 */
export function opdsCatalogue(editions: readonly Edition[], opts: CatalogueOptions): CatalogFile[] {
  if (!Number.isInteger(opts.pageSize) || opts.pageSize < 1) throw new TypeError("Expected `pageSize` to be a whole number from 1 and up");
  const sorted = [...editions].sort(byNewest);
  const at = (p: string) => (opts.dir ? `${opts.dir}/${p}` : p);
  const files: CatalogFile[] = [];
  const sections: { id: string; title: string; content: string; path: string; list: Edition[] }[] = [
    { id: "new", title: both("catalogue.newest"), content: both("catalogue.newestAbout"), path: feedPath.newest(), list: sorted },
    ...LANGS.map((lang) => ({ id: `lang-${lang}`, title: `${t(lang, "language")}`, content: t(lang, "catalogue.inLanguage"), path: feedPath.lang(lang), list: sorted.filter((e) => e.lang === lang) })),
    ...KINDS.map((kind) => ({ id: `kind-${kind}`, title: `${t("nl", `kind.${kind}`)} · ${t("en", `kind.${kind}`)}`, content: both("catalogue.byKind"), path: feedPath.kind(kind), list: sorted.filter((e) => e.kind === kind) })),
  ].filter((s) => s.list.length > 0);

  const updated = sorted[0] ? stamp(sorted[0].date) : "1970-01-01T00:00:00Z";
  const urn = `urn:tweeluik:${opts.dir || "public"}`;
  const navEntries = sections.map((s) =>
    [
      "  <entry>",
      `    <title>${esc(s.title)}</title>`,
      `    <id>${urn}:${s.id}</id>`,
      `    <updated>${stamp(s.list[0]!.date)}</updated>`,
      `    <content type="text">${esc(`${s.content} (${s.list.length})`)}</content>`,
      `    <link rel="subsection" href="${esc(s.path)}" type="${ACQ_TYPE}"/>`,
      "  </entry>",
    ].join("\n"),
  );
  files.push({
    path: at(feedPath.root),
    body: feed({ id: urn, title: opts.title, author: opts.author, updated, self: feedPath.root, selfType: NAV_TYPE, from: feedPath.root, entries: navEntries }),
  });

  for (const s of sections) {
    const pages = Math.max(1, Math.ceil(s.list.length / opts.pageSize));
    const pathOf = (n: number) => s.path.replace(/\.xml$/, n > 1 ? `-${n}.xml` : ".xml");
    for (let n = 1; n <= pages; n++) {
      const list = s.list.slice((n - 1) * opts.pageSize, n * opts.pageSize);
      const self = pathOf(n);
      const paging = [
        ["first", pathOf(1)],
        ["last", pathOf(pages)],
        ...(n > 1 ? [["previous", pathOf(n - 1)]] : []),
        ...(n < pages ? [["next", pathOf(n + 1)]] : []),
      ].map(([rel, p]) => `  <link rel="${rel}" href="${esc(relHref(self, p!))}" type="${ACQ_TYPE}"/>`);
      files.push({
        path: at(self),
        body: feed({
          id: `${urn}:${s.id}${n > 1 ? `:${n}` : ""}`,
          title: `${opts.title}: ${s.title}`,
          author: opts.author,
          updated: list[0] ? stamp(list[0].date) : updated,
          self,
          selfType: ACQ_TYPE,
          from: self,
          extra: [...paging, `  <opensearch:totalResults>${s.list.length}</opensearch:totalResults>`, `  <opensearch:itemsPerPage>${opts.pageSize}</opensearch:itemsPerPage>`],
          entries: list.map((e) => entryXml(e, self, opts.dir)),
        }),
      });
    }
  }
  for (const e of sorted) {
    const path = feedPath.entry(e);
    files.push({ path: at(path), body: `<?xml version="1.0" encoding="UTF-8"?>\n${entryXml(e, path, opts.dir, true)}\n` });
  }
  files.push({ path: at(feedPath.opensearch), body: openSearch(opts.title) });
  return files;
}

/**
 * An acquisition feed of the editions that match a query (title, summary,
 * kind, publisher, slug; every word must match, case and accents ignored),
 * as `tweeluik serve` answers the OpenSearch template at `<dir>/search.xml`.
 */
export function searchFeed(editions: readonly Edition[], query: string, opts: Omit<CatalogueOptions, "pageSize">): string {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const hits = [...editions].sort(byNewest).filter((e) => {
    const hay = fold([e.title, e.summary ?? "", e.publisher, e.slug, t(e.lang, `kind.${e.kind}`), e.date].join(" "));
    return words.every((w) => hay.includes(w));
  });
  const self = feedPath.search;
  return feed({
    id: `urn:tweeluik:${opts.dir || "public"}:search:${encodeURIComponent(query)}`,
    title: `${opts.title}: “${query}”`,
    author: opts.author,
    updated: hits[0] ? stamp(hits[0].date) : "1970-01-01T00:00:00Z",
    self: `${self}?q=${encodeURIComponent(query)}`,
    selfType: ACQ_TYPE,
    from: self,
    extra: [`  <opensearch:totalResults>${hits.length}</opensearch:totalResults>`],
    entries: hits.map((e) => entryXml(e, self, opts.dir)),
  });
}

/** Lower case without accents, for matching a query. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** A relative href from the feed at `from` to `to` (both relative to the catalogue's folder). */
function relHref(from: string, to: string): string {
  const r = posix.relative(posix.dirname(from), to);
  return r === "" ? posix.basename(to) : r;
}

function feed(f: { id: string; title: string; author: string; updated: string; self: string; selfType: string; from: string; extra?: string[]; entries: string[] }): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:thr="http://purl.org/syndication/thread/1.0">`,
    `  <id>${esc(f.id)}</id>`,
    `  <title>${esc(f.title)}</title>`,
    `  <updated>${f.updated}</updated>`,
    `  <author><name>${esc(f.author)}</name></author>`,
    `  <link rel="self" href="${esc(posix.basename(f.self))}" type="${f.selfType}"/>`,
    `  <link rel="start" href="${esc(relHref(f.from, feedPath.root))}" type="${NAV_TYPE}"/>`,
    `  <link rel="up" href="${esc(relHref(f.from, feedPath.root))}" type="${NAV_TYPE}"/>`,
    `  <link rel="search" href="${esc(relHref(f.from, feedPath.opensearch))}" type="${OPENSEARCH_TYPE}"/>`,
    ...(f.extra ?? []),
    ...f.entries,
    `</feed>`,
    ``,
  ].join("\n");
}

/**
 * One edition as an OPDS entry, its links relative to the feed at `from`
 * (below the catalogue folder `dir`; the edition's files are relative to the
 * output folder). A members-only edition's files carry the plain acquisition
 * relation: the server asks for credentials.
 */
function entryXml(e: Edition, from: string, dir: string, standalone = false): string {
  const out = (p: string) => esc(posix.relative(posix.dirname(dir ? `${dir}/${from}` : from), p));
  const other = LANGS.find((l) => l !== e.lang)!;
  const links: string[] = [];
  if (e.cover) {
    links.push(`    <link rel="http://opds-spec.org/image" href="${out(e.cover.image)}" type="${e.cover.type}"/>`);
    links.push(`    <link rel="http://opds-spec.org/image/thumbnail" href="${out(e.cover.thumbnail)}" type="${e.cover.type}"/>`);
  }
  for (const fmt of ["epub", "pdf"] as const) {
    const f = e.files[fmt];
    if (f) links.push(`    <link rel="${e.access === "public" ? REL_OPEN : REL_ACQ}" href="${out(f.path)}" type="${MIME[fmt]}" length="${f.bytes}" title="${fmt.toUpperCase()}"/>`);
  }
  links.push(`    <link rel="alternate" href="${esc(relHref(from, feedPath.entry({ slug: e.slug, lang: other })))}" type="${ENTRY_TYPE}" hreflang="${other}" title="${esc(t(other, "language"))}"/>`);
  // The complete entry: rel="alternate" in the language of the edition (OPDS 1.2 §8.2), "self" in the entry document itself.
  links.push(`    <link rel="${standalone ? "self" : "alternate"}" href="${esc(relHref(from, feedPath.entry(e)))}" type="${ENTRY_TYPE}"${standalone ? "" : ` hreflang="${e.lang}"`}/>`);
  return [
    standalone
      ? `<entry xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog" xml:lang="${e.lang}">`
      : `  <entry xml:lang="${e.lang}">`,
    `    <title>${esc(e.title)}</title>`,
    `    <id>${e.id}</id>`,
    `    <updated>${stamp(e.date)}</updated>`,
    `    <published>${stamp(e.date)}</published>`,
    `    <author><name>${esc(e.author)}</name></author>`,
    `    <dc:identifier>${e.id}</dc:identifier>`,
    `    <dc:language>${e.lang}</dc:language>`,
    `    <dc:issued>${e.date}</dc:issued>`,
    `    <dc:publisher>${esc(e.publisher)}</dc:publisher>`,
    `    <category scheme="urn:tweeluik:kind" term="${e.kind}" label="${esc(t(e.lang, `kind.${e.kind}`))}"/>`,
    ...(e.summary ? [`    <summary type="text">${esc(e.summary)}</summary>`] : [`    <summary type="text">${esc(`${t(e.lang, `kind.${e.kind}`)}, ${e.date}`)}</summary>`]),
    ...links,
    standalone ? `</entry>` : `  </entry>`,
  ].join("\n");
}

/** The OpenSearch description: the template is relative to it (`search.xml?q=…`, answered by `tweeluik serve`). */
function openSearch(title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>${esc(title.slice(0, 16))}</ShortName>
  <Description>${esc(`${title}: ${both("catalogue.searchAbout")}`)}</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <OutputEncoding>UTF-8</OutputEncoding>
  <Url type="${ACQ_TYPE}" template="${feedPath.search}?q={searchTerms}"/>
</OpenSearchDescription>
`;
}
