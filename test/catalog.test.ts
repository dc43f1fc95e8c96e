// The OPDS catalogue: well-formed Atom, parsed by Readium's r2-opds-js (the
// parser Thorium Reader uses), every edition found with its cover, files and
// the other language; members-only editions never in the public catalogue.
import { createRequire } from "node:module";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, posix } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGS } from "../pipeline/document/types.ts";
import { TweeluikError } from "../pipeline/errors.ts";
import { makeCover } from "../pipeline/publish/covers.ts";
import { listFiles } from "../pipeline/publish/files.ts";
import { opdsCatalogue, searchFeed, type Edition } from "../pipeline/publish/opds.ts";
import type { CatalogData } from "../pipeline/publish/catalog.ts";
import { buildFixture, MEMBERS_SLUG, SOURCES, type Fixture } from "./serve-fixture.ts";

const require = createRequire(import.meta.url);
require("reflect-metadata");
const { initGlobalConverters_GENERIC, initGlobalConverters_OPDS } = require("r2-opds-js/dist/es8-es2017/src/opds/init-globals");
const { XML } = require("r2-utils-js/dist/es8-es2017/src/_utils/xml-js-mapper");
const { OPDS } = require("r2-opds-js/dist/es8-es2017/src/opds/opds1/opds");
const { Entry } = require("r2-opds-js/dist/es8-es2017/src/opds/opds1/opds-entry");
const { DOMParser } = require("@xmldom/xmldom");
initGlobalConverters_GENERIC();
initGlobalConverters_OPDS();

interface R2Link { Href: string; Rel: string; Type: string; Title?: string }
interface R2Entry { Id: string; Title: string; DcLanguage: string; DcIssued: string; Summary: string; Links: R2Link[] }
interface R2Feed { Id: string; Title: string; Links: R2Link[]; Entries?: R2Entry[] }

const ATOM = "http://www.w3.org/2005/Atom";

/** Parse strictly (saxes) and check what Atom (RFC 4287) requires of a feed or an entry document. */
function checkAtom(xml: string, file: string): void {
  const parser = new SaxesParser({ xmlns: true });
  const stack: { name: string; ns: string; children: string[]; attrs: Record<string, string> }[] = [];
  const problems: string[] = [];
  let root = "";
  parser.on("error", (e) => problems.push(`${file}: not well-formed: ${e.message}`));
  parser.on("opentag", (tag) => {
    if (!stack.length) root = `${tag.uri} ${tag.local}`;
    stack.at(-1)?.children.push(tag.uri === ATOM ? tag.local : `${tag.uri} ${tag.local}`);
    const attrs = Object.fromEntries(Object.values(tag.attributes).map((a) => [typeof a === "string" ? a : a.local, typeof a === "string" ? a : a.value]));
    stack.push({ name: tag.local, ns: tag.uri, children: [], attrs });
    if (tag.uri === ATOM && tag.local === "link" && !attrs.href) problems.push(`${file}: link without href`);
  });
  parser.on("closetag", () => {
    const el = stack.pop()!;
    if (el.ns !== ATOM) return;
    const need = el.name === "feed" ? ["id", "title", "updated", "author"] : el.name === "entry" ? ["id", "title", "updated"] : [];
    for (const n of need) if (el.children.filter((c) => c === n).length !== 1) problems.push(`${file}: <${el.name}> needs exactly one <${n}>`);
    if (el.name === "entry" && !el.children.includes("summary") && !el.children.includes("content")) problems.push(`${file}: entry without summary or content`);
  });
  parser.write(xml).close();
  expect(problems).toEqual([]);
  expect([`${ATOM} feed`, `${ATOM} entry`]).toContain(root);
}

function r2(xml: string, entry = false): R2Feed & R2Entry {
  const dom = new DOMParser().parseFromString(xml, "application/xml");
  return XML.deserialize(dom, entry ? Entry : OPDS);
}

/** The links of the entry with this id, with the hreflang and length attributes r2-opds-js does not keep, read from the XML. */
function linkAttrs(xml: string, id: string): { rel: string; href: string; hreflang?: string; length?: string }[] {
  const dom = new DOMParser().parseFromString(xml, "application/xml");
  const entries = Array.from(dom.getElementsByTagNameNS(ATOM, "entry")) as unknown as Element[];
  const entry = entries.find((e) => e.getElementsByTagNameNS(ATOM, "id")[0]?.textContent === id)!;
  const links = Array.from(entry.getElementsByTagNameNS(ATOM, "link")) as unknown as Element[];
  return links.map((l) => ({ rel: l.getAttribute("rel") ?? "", href: l.getAttribute("href") ?? "", hreflang: l.getAttribute("hreflang") ?? undefined, length: l.getAttribute("length") ?? undefined }));
}

function epubIdentifier(file: string): string {
  const zip = unzipSync(readFileSync(file));
  const opfPath = /full-path="([^"]+)"/.exec(strFromU8(zip["META-INF/container.xml"]!))![1]!;
  return /<dc:identifier[^>]*>([^<]+)</.exec(strFromU8(zip[opfPath]!))![1]!;
}

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
});
afterAll(() => {
  if (fx) rmSync(fx.root, { recursive: true, force: true });
});

/** Follow a feed and its `next` pages; every entry found, with the feed file each came from. */
function walk(output: string, start: string): { entry: R2Entry; from: string; xml: string }[] {
  const out: { entry: R2Entry; from: string; xml: string }[] = [];
  const seen = new Set<string>();
  let path: string | undefined = start;
  while (path && !seen.has(path)) {
    seen.add(path);
    const xml = readFileSync(join(output, path), "utf8");
    const feed = r2(xml);
    for (const entry of feed.Entries ?? []) out.push({ entry, from: path, xml });
    const next = feed.Links?.find((l) => l.Rel === "next");
    path = next ? posix.join(posix.dirname(path), next.Href) : undefined;
  }
  return out;
}

describe("OPDS catalogue", () => {
  it("a cover without pdftoppm is a one-line error naming the tool, and no cover file", async () => {
    const epub = fx.manifest.artefacts.find((a) => a.format === "epub")!.path;
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const err = await makeCover(fx.output, "covers/none/missing", { epub }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TweeluikError);
      expect((err as TweeluikError).code).toBe("tool:missing");
      expect((err as TweeluikError).message).toMatch(/^pdftoppm is missing/);
    } finally {
      process.env.PATH = path;
    }
    expect(existsSync(join(fx.output, "covers/none"))).toBe(false);
  });

  it("every feed and entry document is well-formed Atom and parses in r2-opds-js", () => {
    const feeds = ["catalog.xml", ...listFiles(join(fx.output, "opds")).map((f) => `opds/${f}`), "members/catalog.xml", ...listFiles(join(fx.output, "members/opds")).map((f) => `members/opds/${f}`)];
    expect(feeds.length).toBeGreaterThan(10);
    for (const f of feeds) {
      const xml = readFileSync(join(fx.output, f), "utf8");
      checkAtom(xml, f);
      const parsed = r2(xml, f.includes("/entry/"));
      expect(parsed.Id, f).toMatch(/^(urn:uuid:|urn:tweeluik:)/);
      expect(parsed.Title, f).toBeTruthy();
    }
  });

  for (const [label, dir, slugs] of [
    ["public", "", Object.keys(SOURCES).filter((s) => s !== MEMBERS_SLUG)],
    ["members'", "members", Object.keys(SOURCES)],
  ] as const) {
    it(`the ${label} catalogue: navigation root, every edition with cover, files, sizes and its other language`, () => {
      const at = (p: string) => (dir ? `${dir}/${p}` : p);
      const root = r2(readFileSync(join(fx.output, at("catalog.xml")), "utf8"));
      const subsections = root.Entries!.map((e) => e.Links.find((l) => l.Rel === "subsection")!.Href);
      expect(subsections).toEqual(expect.arrayContaining(["opds/new.xml", "opds/lang-nl.xml", "opds/lang-en.xml", "opds/kind-report.xml", "opds/kind-advice.xml"]));
      expect(root.Links.find((l) => l.Rel === "search")?.Href).toBe("opensearch.xml");

      const found = walk(fx.output, at("opds/new.xml"));
      const expected = slugs.flatMap((s) => LANGS.map((l) => `${s}.${l}`)).sort();
      const ids = new Map(found.map(({ entry }) => [entry.Id, entry]));
      expect(found.length).toBe(expected.length);
      // Newest first.
      const dates = found.map(({ entry }) => entry.DcIssued);
      expect(dates).toEqual([...dates].sort((a, b) => b.localeCompare(a)));

      for (const { entry, from, xml } of found) {
        const slug = slugs.find((s) => entry.Links.some((l) => l.Href.endsWith(`/${s}.epub`)))!;
        expect(slug, entry.Title).toBeTruthy();
        const lang = entry.DcLanguage as "nl" | "en";
        const resolve = (href: string) => posix.normalize(posix.join(posix.dirname(from), href));
        // The identifier is the EPUB's own.
        const epubLink = entry.Links.find((l) => l.Type === "application/epub+zip")!;
        expect(epubIdentifier(join(fx.output, resolve(epubLink.Href)))).toBe(entry.Id);
        expect(entry.Title).toBe(SOURCES[slug as keyof typeof SOURCES].yaml.match(new RegExp(`${lang}: "([^"]+)"`))![1]);
        expect(entry.Summary).toBeTruthy();
        // Cover and thumbnail: PNG files that exist.
        for (const rel of ["http://opds-spec.org/image", "http://opds-spec.org/image/thumbnail"]) {
          const link = entry.Links.find((l) => l.Rel === rel);
          expect(link, `${entry.Title} ${rel}`).toBeDefined();
          const png = readFileSync(join(fx.output, resolve(link!.Href)));
          expect(png.subarray(1, 4).toString()).toBe("PNG");
        }
        // EPUB and PDF with their sizes.
        const attrs = linkAttrs(xml, entry.Id);
        for (const type of ["application/epub+zip", "application/pdf"]) {
          const link = entry.Links.find((l) => l.Type === type && l.Rel.startsWith("http://opds-spec.org/acquisition"))!;
          expect(link, `${entry.Title} ${type}`).toBeDefined();
          const file = resolve(link.Href);
          expect(file.startsWith(slug === MEMBERS_SLUG ? "members/" : `${lang}/`)).toBe(true);
          const art = fx.manifest.artefacts.find((a) => a.path === file)!;
          expect(art).toBeDefined();
          expect(attrs.find((a) => a.href === link.Href)?.length).toBe(String(art.bytes));
          expect(link.Rel).toBe(slug === MEMBERS_SLUG ? "http://opds-spec.org/acquisition" : "http://opds-spec.org/acquisition/open-access");
        }
        // The same publication in the other language.
        const other = lang === "nl" ? "en" : "nl";
        const alt = attrs.find((a) => a.rel === "alternate" && a.hreflang === other)!;
        expect(alt, `${entry.Title} alternate`).toBeDefined();
        expect(entry.Links.some((l) => l.Rel === "alternate" && l.Href === alt.href)).toBe(true);
        const altEntry = r2(readFileSync(join(fx.output, resolve(alt.href)), "utf8"), true);
        expect(altEntry.DcLanguage).toBe(other);
        expect(ids.has(altEntry.Id)).toBe(true);
        expect(altEntry.Links.find((l) => l.Rel === "http://opds-spec.org/image")).toBeDefined();
      }
      expect(
        found
          .map(({ entry }) => `${slugs.find((s) => entry.Links.some((l) => l.Href.endsWith(`/${s}.epub`)))}.${entry.DcLanguage}`)
          .sort(),
      ).toEqual(expected);
    });
  }

  it("a members-only edition is nowhere among the public files", () => {
    const publicFiles = listFiles(fx.output).filter((f) => !f.startsWith("members/") && f !== "manifest.json");
    for (const f of publicFiles) {
      expect(f).not.toContain(MEMBERS_SLUG);
      if (/\.(xml|json|html)$/.test(f)) expect(readFileSync(join(fx.output, f), "utf8"), f).not.toContain(MEMBERS_SLUG);
    }
    expect(existsSync(join(fx.output, "members", "nl", `${MEMBERS_SLUG}.epub`))).toBe(true);
    expect(existsSync(join(fx.output, "nl", `${MEMBERS_SLUG}.epub`))).toBe(false);
  });

  it("pages a large catalogue with first, next, previous and last, every edition once", () => {
    const data = JSON.parse(readFileSync(join(fx.output, "members/catalog.json"), "utf8")) as CatalogData;
    const many: Edition[] = Array.from({ length: 7 }, (_, i) => data.editions.map((e) => ({ ...e, slug: `${e.slug}-${i}`, id: `${e.id}-${i}` }))).flat();
    const files = opdsCatalogue(many, { dir: "", title: "T", author: "A", pageSize: 5 });
    const pages = files.filter((f) => /^opds\/new(-\d+)?\.xml$/.test(f.path));
    expect(pages.length).toBe(Math.ceil(many.length / 5));
    const ids: string[] = [];
    let path: string | undefined = "opds/new.xml";
    let previous: string | undefined;
    while (path) {
      const f = files.find((x) => x.path === path)!;
      checkAtom(f.body, path);
      const feed = r2(f.body);
      ids.push(...feed.Entries!.map((e) => e.Id));
      expect(feed.Links.find((l) => l.Rel === "first")?.Href).toBe("new.xml");
      expect(feed.Links.find((l) => l.Rel === "last")?.Href).toBe(posix.basename(pages.at(-1)!.path) === "new.xml" ? "new.xml" : `new-${pages.length}.xml`);
      expect(feed.Links.find((l) => l.Rel === "previous")?.Href).toBe(previous);
      previous = posix.basename(path);
      const next = feed.Links.find((l) => l.Rel === "next");
      path = next ? `opds/${next.Href}` : undefined;
    }
    expect(ids.sort()).toEqual(many.map((e) => e.id).sort());
  });

  it("the OpenSearch description leads to a search feed that finds by title words, accents and case aside", () => {
    const desc = readFileSync(join(fx.output, "opensearch.xml"), "utf8");
    expect(desc).toContain('template="search.xml?q={searchTerms}"');
    const data = JSON.parse(readFileSync(join(fx.output, "catalog.json"), "utf8")) as CatalogData;
    const xml = searchFeed(data.editions, "ZÓRG", { dir: "", title: "T", author: "A" });
    checkAtom(xml, "search");
    const feed = r2(xml);
    expect(feed.Entries!.map((e) => e.Title).sort()).toEqual(["Advice on care", "Advies over zorg"]);
    expect(r2(searchFeed(data.editions, "geen-treffer", { dir: "", title: "T", author: "A" })).Entries ?? []).toEqual([]);
  });
});
