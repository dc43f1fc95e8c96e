/**
 * Lean EPUBs: the embedded fonts are subset to what each edition sets in
 * them. Two real editions built by the real pipeline stay under the size
 * bound; every character of every content document is in the cmap (read
 * back with fontkit) of the subset face that styles it; faces nothing uses
 * are gone from the zip, the manifest and the style sheet; the licence
 * notices stay; the bytes are reproducible. Chromium, through epub.js, is the
 * independent oracle: it draws the magazine with the house fonts only.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import * as fontkit from "fontkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../pipeline/build.ts";
import { fromMarkdown } from "../pipeline/markdown/from-markdown.ts";
import { ALWAYS, fontUse, matchFace, type FontFace } from "../pipeline/render-epub/font-use.ts";
import { EPUB_CSS, EPUB_FONTS, EPUB_TEMPLATE, renderEpub } from "../pipeline/render-epub/index.ts";
import { fontFile } from "../pipeline/render-epub/design.ts";
import { finishEpub } from "../pipeline/render-epub/finish-epub.ts";
import { convertWithPandoc } from "../pipeline/render-epub/pandoc.ts";
import { openInEngine } from "../pipeline/render-epub/screenshot.ts";
import { sampleMinutes } from "./fixtures/epub/documents.ts";

/** The bound a member's phone download must stay under. */
const MAX_BYTES = 300_000;
const SLUGS = ["zicht-op-2023-1", "raad-2023-01-27-verslag-r3026"];

const output = mkdtempSync(join(tmpdir(), "tweeluik-epub-fonts-"));
afterAll(() => rmSync(output, { recursive: true, force: true }));
const editions = SLUGS.flatMap((slug) => ["nl", "en"].map((lang) => join(output, lang, `${slug}.epub`)));

const entries = (file: string) => unzipSync(new Uint8Array(readFileSync(file)));
const texts = (files: Record<string, Uint8Array>) =>
  Object.fromEntries(Object.entries(files).filter(([n]) => /\.(xhtml|css)$/.test(n)).map(([n, b]) => [n, strFromU8(b)]));
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

beforeAll(async () => {
  const built = await build({ root: process.cwd(), output, slugs: SLUGS, formats: ["md", "epub"], concurrency: 2 });
  expect(built.documents.map((d) => d.error?.format())).toEqual(SLUGS.map(() => undefined));
}, 300_000);

describe("subset fonts in real editions", () => {
  it(`keeps every edition at or under ${MAX_BYTES} bytes`, () => {
    for (const file of editions) expect({ file, bytes: statSync(file).size <= MAX_BYTES }).toEqual({ file, bytes: true });
  });

  it("has every character in the subset face that styles it, and nothing else embedded", () => {
    for (const file of editions) {
      const files = entries(file);
      const use = fontUse(texts(files));
      const fontEntries = Object.keys(files).filter((n) => /\.(ttf|otf|woff2?)$/.test(n));
      // Every face left is loaded by the style sheet and used; every font file has its face.
      expect(use.faces.length, file).toBeGreaterThan(1);
      expect(use.faces.map((f) => f.entry).sort(), file).toEqual(fontEntries.sort());
      for (const face of use.faces) {
        const chars = [...use.chars.get(face.entry)!];
        expect(chars.length, `${file}: ${face.entry} is embedded but sets nothing`).toBeGreaterThan(0);
        const font = fontkit.create(files[face.entry]!);
        const missing = chars.filter((c) => c !== "\u00ad" && !font.hasGlyphForCodePoint(c.codePointAt(0)!));
        expect({ file, face: face.entry, missing }).toEqual({ file, face: face.entry, missing: [] });
        // Subset: far fewer characters than the full face (Source Serif 4 maps over 1,000).
        expect(font.characterSet.length, face.entry).toBeLessThan(200);
      }
      expect([...use.unembedded.keys()], file).toEqual([]);
    }
  });

  it("lists only the fonts it keeps in the manifest and the style sheet", () => {
    for (const file of editions) {
      const files = entries(file);
      const fonts = Object.keys(files).filter((n) => n.startsWith("EPUB/fonts/")).map((n) => n.slice("EPUB/".length));
      const opf = strFromU8(files["EPUB/content.opf"]!);
      const css = strFromU8(files["EPUB/styles/stylesheet1.css"]!);
      expect([...opf.matchAll(/href="(fonts\/[^"]+)"/g)].map((m) => m[1]).sort(), file).toEqual([...fonts].sort());
      expect([...css.matchAll(/url\("\.\.\/(fonts\/[^"]+)"\)/g)].map((m) => m[1]).sort(), file).toEqual([...fonts].sort());
    }
    // Minutes set nothing in bold italic: the face is dropped; the magazine's lead is serif semibold: kept.
    expect(Object.keys(entries(editions[2]!))).not.toContain("EPUB/fonts/SourceSerif4_700Bold_Italic.ttf");
    expect(Object.keys(entries(editions[0]!))).toContain("EPUB/fonts/SourceSerif4_600SemiBold.ttf");
  });

  it("keeps the copyright and SIL Open Font License notices in every font", () => {
    for (const file of editions) {
      const files = entries(file);
      for (const name of Object.keys(files).filter((n) => n.startsWith("EPUB/fonts/"))) {
        const records = fontkit.create(files[name]!).name.records;
        expect(Object.values(records["copyright"] ?? {}).join(" "), name).toMatch(/Adobe/);
        expect(Object.values(records["license"] ?? {}).join(" "), name).toMatch(/SIL Open Font License, Version 1\.1/);
        expect(Object.values(records["licenseURL"] ?? {}).join(" "), name).toMatch(/OFL/);
      }
    }
  });

  it("renders a real document to the same bytes twice, in any time zone", async () => {
    const doc = fromMarkdown(readFileSync(join(output, "nl", `${SLUGS[0]}.md`), "utf8"), `${SLUGS[0]}.md`);
    const a = join(output, "again-a.epub");
    const b = join(output, "again-b.epub");
    await renderEpub(doc, { outFile: a });
    const tz = process.env.TZ;
    try {
      process.env.TZ = "America/Los_Angeles";
      await renderEpub(doc, { outFile: b });
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    expect(sha256(b)).toBe(sha256(a));
    expect(statSync(a).size).toBeLessThanOrEqual(MAX_BYTES);
  }, 120_000);
});

describe("the house fonts embedded by finishEpub", () => {
  it("make the EPUB pandoc's own embedding makes, byte for byte", async () => {
    const md = "# Proef\n\nEen *korte* tekst over **werk** en zorg.\n";
    const files = EPUB_FONTS.map(([family, style]) => fontFile(family, style));
    const run = (args: string[]) => convertWithPandoc({ input: md, from: "markdown", to: "epub3", args: [`--template=${EPUB_TEMPLATE}`, `--css=${EPUB_CSS}`, "--epub-chapter-level=1", "--metadata=identifier:urn:uuid:00000000-0000-4000-8000-000000000001", ...args], env: { SOURCE_DATE_EPOCH: "1700000000" } });
    const opts = { lang: "nl" as const, date: "2024-05-01", hasCover: false, title: "Proef", kind: "report" as const };
    const byPandoc = await finishEpub((await run(files.map((f) => `--epub-embed-font=${f}`))).output, opts);
    const byUs = await finishEpub((await run([])).output, { ...opts, fonts: files });
    // (the premise: some faces are kept, some dropped)
    expect(byPandoc.fonts.kept.length).toBeGreaterThan(0);
    expect(byPandoc.fonts.dropped.length).toBeGreaterThan(0);
    expect(Buffer.compare(Buffer.from(byUs.epub), Buffer.from(byPandoc.epub))).toBe(0);
  }, 60_000);
});

describe("the reading engine draws the house fonts only", () => {
  it("uses no fallback font anywhere in the English magazine (epub.js in Chromium), and sees one where a glyph is missing", async () => {
    // A character neither house font has, so the check can fail.
    const doc = sampleMinutes();
    doc.children.push({ type: "paragraph", position: { file: "source/sample.txt", line: 99 }, children: [{ type: "text", value: "Terug ↩" }] });
    const faulty = join(output, "fallback.epub");
    await renderEpub(doc, { outFile: faulty });

    const [r, bad] = await openInEngine([editions[1]!, faulty]);
    expect(r!.documents.length).toBeGreaterThan(5);
    expect(r!.fallbacks).toEqual([]);
    const drawn = new Set(r!.documents.flatMap((d) => Object.keys(d.fonts)));
    expect([...drawn].some((f) => f.startsWith("Source Serif 4"))).toBe(true);
    expect([...drawn].some((f) => f.startsWith("Source Sans 3"))).toBe(true);
    expect(bad!.fallbacks).toEqual([expect.objectContaining({ glyphs: 1, font: expect.not.stringMatching(/^Source /) })]);
  }, 180_000);
});

describe("fontUse", () => {
  const css = `
    @font-face { font-family: "Serif"; font-style: normal; font-weight: 400; src: url("../fonts/r.ttf"); }
    @font-face { font-family: "Serif"; font-style: italic; font-weight: 400; src: url("../fonts/i.ttf"); }
    @font-face { font-family: "Serif"; font-style: normal; font-weight: 700; src: url("../fonts/b.ttf"); }
    @font-face { font-family: "Serif"; font-style: italic; font-weight: 700; src: url("../fonts/bi.ttf"); }
    @font-face { font-family: "Sans"; font-style: normal; font-weight: 700; src: url("../fonts/sb.ttf"); }
    @font-face { font-family: "Sans"; font-style: normal; font-weight: 400; src: url("../fonts/s.ttf"); }
    body { font-family: "Serif", serif; }
    h1, .kicker, span.mark::before, ol.notes li::marker { font-family: "Sans", sans-serif; }
    .kicker { text-transform: uppercase; font-weight: 700; }
    span.mark::before { content: attr(data-mark) " \\2192"; font-weight: 700; }
    section > p:last-child { font-style: italic; }
    code { font-weight: 400; }
  `;
  const page = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Head words</title><link rel="stylesheet" href="../styles/s.css"/></head><body>${body}</body></html>`;
  const use = (body: string) => fontUse({ "EPUB/styles/s.css": css, "EPUB/text/ch1.xhtml": page(body) });
  const set = (u: ReturnType<typeof fontUse>, face: string) => [...u.chars.get(`EPUB/fonts/${face}.ttf`)!].filter((c) => !ALWAYS.includes(c)).sort().join("");

  it("follows the cascade: UA defaults, classes, combinators, pseudo-classes, inheritance", () => {
    const u = use('<h1>Hé</h1><p>ab<em>cd<strong>ef</strong></em><strong>g</strong></p><section><p>x</p><p>yz</p></section>');
    expect(set(u, "s")).toBe("");
    expect(set(u, "sb")).toBe("Hé"); // h1: Sans, bold from the UA style sheet
    expect(set(u, "r")).toBe("abx");
    expect(set(u, "i")).toBe("cdyz"); // em; the last p of a section
    expect(set(u, "bi")).toBe("ef"); // strong inside em: bolder than 400 is 700
    expect(set(u, "b")).toBe("g");
  });

  it("counts transformed text, generated content and list markers, never the head", () => {
    const u = use('<p class="kicker">ĳs</p><p><span class="mark" data-mark="NL">tekst</span></p><ol class="notes" start="9"><li>n</li><li>m</li></ol>');
    expect(set(u, "sb")).toBe("LNSĲ→"); // uppercase kicker; ::before "NL →"
    expect(set(u, "s")).toBe(".019"); // markers "9." and "10." in Sans
    expect(set(u, "r")).toBe("ekmnst");
    expect([...u.chars.values()].some((s) => s.has("H"))).toBe(false);
  });

  it("leaves faces nothing uses empty, and text in a family it does not embed apart", () => {
    const u = use("<p>plain <code>x()</code></p>");
    expect(set(u, "bi")).toBe("");
    expect(u.chars.get("EPUB/fonts/bi.ttf")!.size).toBe(0);
    expect([...u.unembedded.get("monospace")!].sort().join("")).toBe("()x");
  });

  it("matches weights and styles as CSS Fonts 4 does", () => {
    const faces: FontFace[] = [400, 700].flatMap((weight) => (["normal", "italic"] as const).map((style) => ({ family: "F", weight, style, entry: `${weight}${style}`, stylesheet: "s.css" })));
    const pick = (weight: number, style: "normal" | "italic") => matchFace(faces, { family: ["F"], weight, style })?.entry;
    expect(pick(600, "normal")).toBe("700normal");
    expect(pick(500, "italic")).toBe("400italic");
    expect(pick(300, "normal")).toBe("400normal");
    expect(pick(900, "italic")).toBe("700italic");
    expect(matchFace(faces, { family: ["Other", "serif"], weight: 400, style: "normal" })).toBeUndefined();
  });

  it("refuses CSS it does not understand, naming the style sheet", () => {
    const bad = (rule: string) => () => fontUse({ "EPUB/styles/s.css": `${css}\n${rule}`, "EPUB/text/ch1.xhtml": page("<p>x</p>") });
    expect(bad("p:nth-child(2) { font-weight: 700; }")).toThrow(/EPUB\/styles\/s\.css: the selector "p:nth-child\(2\)" is not understood/);
    expect(bad("p { font-variant: small-caps; }")).toThrow(/EPUB\/styles\/s\.css: "font-variant"/);
  });
});

describe("renderEpub with subset fonts", () => {
  it("reports characters the house fonts have no glyph for", async () => {
    const doc = sampleMinutes();
    doc.children.push({ type: "paragraph", position: { file: "source/sample.txt", line: 99 }, children: [{ type: "text", value: "Terug ↩ naar het ĳs" }] });
    const { diagnostics } = await renderEpub(doc, { outFile: join(output, "missing.epub") });
    expect(diagnostics.filter((d) => d.code === "epub:missing-glyph")).toEqual([
      expect.objectContaining({ severity: "warning", message: "U+0133 “ĳ” has no glyph in Source Serif 4 400: reading systems draw it in a fallback font", position: { file: "source/sample.txt", line: 99 } }),
      expect.objectContaining({ severity: "warning", message: "U+21A9 “↩” has no glyph in Source Serif 4 400: reading systems draw it in a fallback font", position: { file: "source/sample.txt", line: 99 } }),
    ]);
  }, 60_000);
});
