/**
 * The EPUB writer end to end, with real tools as oracles: real pandoc makes
 * the EPUB, real epubcheck judges it. Also: reproducible bytes, fonts inside,
 * atomic writes, and the AST handlers one by one.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, FlowBlock, RenderableDocument } from "../pipeline/document/types.ts";
import { TweeluikError } from "../pipeline/errors.ts";
import { renderEpub, EPUB_CSS } from "../pipeline/render-epub/index.ts";
import { checkPandoc, compareVersions } from "../pipeline/render-epub/pandoc.ts";
import { editionIdentifier, toPandocAst } from "../pipeline/render-epub/to-pandoc-ast.ts";
import { design } from "../pipeline/render-epub/design.ts";
import { fromRealText, sampleMinutes } from "./fixtures/epub/documents.ts";

const EPUBCHECK = "/usr/share/java/epubcheck.jar";
const REAL_SOURCE = new URL("../source/raad-2023-01-27-verslag-r3026.txt", import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), "epub-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function entries(file: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(readFileSync(file)));
}

interface EpubcheckResult {
  fatals: number;
  errors: number;
  warnings: number;
  output: string;
}

function epubcheck(file: string): Promise<EpubcheckResult> {
  return new Promise((resolve) => {
    execFile("java", ["-jar", EPUBCHECK, file], { timeout: 120_000 }, (_err, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      const m = /Messages:\s*(\d+) fatals?\s*\/\s*(\d+) errors?\s*\/\s*(\d+) warnings?/.exec(output);
      if (!m) throw new Error(`cannot read epubcheck's summary:\n${output}`);
      resolve({ fatals: Number(m[1]), errors: Number(m[2]), warnings: Number(m[3]), output });
    });
  });
}

const sampleFile = join(dir, "sample-en.epub");
const realFile = join(dir, "real-nl.epub");
const prefaceFile = join(dir, "preface-nl.epub");
let sampleDiagnostics: Diagnostic[] = [];

/** Text before the first level-1 heading, and a heading id equal to the slug of the title (pandoc's own choice). */
function prefaceFirst(): RenderableDocument {
  const doc = fromRealText(REAL_SOURCE, "preface", 3);
  doc.meta.title = "Voorwoord";
  doc.children = [
    { type: "heading", depth: 2, id: "voorwoord", position: { file: "x.txt", line: 1 }, children: [{ type: "text", value: "Voorwoord" }] },
    ...doc.children.filter((b) => b.type === "paragraph"),
  ];
  return doc;
}

beforeAll(async () => {
  sampleDiagnostics = (await renderEpub(sampleMinutes(), { outFile: sampleFile })).diagnostics;
  await renderEpub(fromRealText(REAL_SOURCE, "raad-2023-01-27-sample"), { outFile: realFile });
  await renderEpub(prefaceFirst(), { outFile: prefaceFile });
}, 120_000);

describe("renderEpub", () => {
  it("makes EPUBs that epubcheck passes with 0 errors and 0 warnings", async () => {
    for (const file of [sampleFile, realFile, prefaceFile]) {
      const r = await epubcheck(file);
      expect({ file, fatals: r.fatals, errors: r.errors, warnings: r.warnings }, r.output).toEqual({ file, fatals: 0, errors: 0, warnings: 0 });
    }
    expect(sampleDiagnostics).toEqual([]);
  }, 240_000);

  it("builds byte-identical files twice, in any time zone", async () => {
    const again = join(dir, "again.epub");
    const tz = process.env.TZ;
    try {
      process.env.TZ = "Pacific/Auckland";
      await renderEpub(sampleMinutes(), { outFile: again });
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    expect(sha256(again)).toBe(sha256(sampleFile));
  }, 60_000);

  it("stores mimetype first and uncompressed, with fixed timestamps", () => {
    const buf = readFileSync(sampleFile);
    // Local file header: signature, ..., method at 8, name length at 26, name at 30.
    expect(buf.readUInt32LE(0)).toBe(0x04034b50);
    expect(buf.readUInt16LE(8)).toBe(0);
    expect(buf.subarray(30, 38).toString()).toBe("mimetype");
    expect(buf.subarray(38, 58).toString()).toBe("application/epub+zip");
  });

  it("embeds the house fonts and the stylesheet that uses them", () => {
    const files = entries(sampleFile);
    for (const font of ["SourceSerif4_400Regular.ttf", "SourceSerif4_400Regular_Italic.ttf", "SourceSerif4_700Bold.ttf", "SourceSans3_700Bold.ttf", "SourceSans3_600SemiBold.ttf"]) {
      expect(Object.keys(files)).toContain(`EPUB/fonts/${font}`);
    }
    const css = strFromU8(files["EPUB/styles/stylesheet1.css"]!);
    for (const m of css.matchAll(/url\("\.\.\/fonts\/([^"]+)"\)/g)) {
      expect(Object.keys(files), `style.css refers to ${m[1]}`).toContain(`EPUB/fonts/${m[1]}`);
    }
  });

  it("puts lang and xml:lang on every page, and the untranslated span in Dutch", () => {
    const files = entries(sampleFile);
    const pages = Object.keys(files).filter((n) => n.endsWith(".xhtml"));
    expect(pages.length).toBeGreaterThan(3);
    for (const p of pages) {
      expect(strFromU8(files[p]!), p).toMatch(/<html [^>]*lang="en" xml:lang="en"/);
    }
    const body = pages.map((p) => strFromU8(files[p]!)).join("\n");
    expect(body).toContain('<span class="untranslated" lang="nl" title="Not yet translated" data-mark="NL">Evenwichtig en inclusief herstel van de economie</span>');
    expect(body).toContain('<li id="fn1" epub:type="endnote">');
    expect(body).toMatch(/<a [^>]*epub:type="noteref" role="doc-noteref">/);
    // The back-link's arrow is one the house fonts have (pandoc's "↩︎" is in neither).
    expect(body).toContain('role="doc-backlink" aria-label="Back to the text">\u2191</a>');
    expect(body).not.toContain("\u21a9");
    expect(body).toContain('role="doc-endnotes" aria-label="Notes"');
    expect(body).toContain('role="doc-backlink"');
    expect(body).toContain('<div id="minutes" class="minutes-header">');
    expect(body).toContain("<dt>Table rapporteurs</dt>");
    expect(body).not.toMatch(/<title>ch\d+\.xhtml<\/title>/);
  });

  it("starts a chapter at every article, kicker above the title, and marks every page with the kind", () => {
    const files = entries(sampleFile);
    const pages = Object.keys(files).filter((n) => n.endsWith(".xhtml"));
    for (const p of pages) expect(strFromU8(files[p]!), p).toMatch(/<body [^>]*class="kind-minutes"/);
    const article = pages.map((p) => strFromU8(files[p]!)).find((x) => x.includes('class="level1 article"'));
    expect(article).toBeDefined();
    // The article's title opens its own chapter page, and the page is titled with it.
    expect(article).toContain("<title>Closing the health gap</title>");
    expect(article).toMatch(/<section id="art-health" class="level1 article"[^>]*>\s*<div class="kicker">\s*<p>Interview<\/p>\s*<\/div>\s*<h1 class="article"/);
    expect(article).not.toContain("Any other business");
    // Boxes are complementary landmarks with a name each.
    const body = pages.map((p) => strFromU8(files[p]!)).join("\n");
    expect(body).toContain('<div id="box-1" class="box info" role="complementary" aria-labelledby="box-1-title">');
    expect(body).toContain('<div id="box-2" class="box cv" role="complementary" aria-label="Box 2">');
    const opf = strFromU8(files["EPUB/content.opf"]!);
    expect(opf).toMatch(/<package xml:lang="en" /);
    expect(strFromU8(files["EPUB/nav.xhtml"]!)).toContain('<nav epub:type="toc" role="doc-toc" id="toc">');
  });

  it("has landmarks in the document's language and accessibility metadata", () => {
    const en = entries(sampleFile);
    const nav = strFromU8(en["EPUB/nav.xhtml"]!);
    expect(nav).toContain('epub:type="bodymatter">Start of text</a>');
    expect(nav).toContain('epub:type="toc">Contents</a>');
    const opf = strFromU8(en["EPUB/content.opf"]!);
    expect(opf).toContain(`<dc:identifier id="epub-id-1">${editionIdentifier("sample-minutes", "en")}</dc:identifier>`);
    expect(opf).toContain('<meta property="schema:accessModeSufficient">textual</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityHazard">none</meta>');
    expect(opf).toContain('properties="cover-image"');
    const cover = strFromU8(en["EPUB/media/cover.svg"]!);
    expect(cover).toContain("<title id=\"cover-title\">Minutes of the public council meeting of 27 January 2023. Minutes, 27 January 2023. Sociaal-Economische Raad.</title>");
    expect(cover).not.toContain("<text");
    const nl = strFromU8(entries(realFile)["EPUB/nav.xhtml"]!);
    expect(nl).toContain('epub:type="titlepage">Titelpagina</a>');
    expect(nl).toContain('<h1 id="toc-title">Inhoud</h1>');
  });

  it("leaves the previous file untouched when pandoc fails", async () => {
    const out = join(dir, "keep.epub");
    await renderEpub(sampleMinutes(), { outFile: out });
    const before = sha256(out);
    const failing = renderEpub(sampleMinutes(), { outFile: out, pandocArgs: ["--no-such-option"] });
    await expect(failing).rejects.toBeInstanceOf(TweeluikError);
    await expect(failing).rejects.toMatchObject({ code: "tool:failed", file: out, message: expect.stringMatching(/Unknown option --no-such-option/) });
    expect(sha256(out)).toBe(before);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  }, 60_000);

  it("refuses a document whose date is not ISO, naming the output file", async () => {
    const doc = sampleMinutes();
    doc.meta.date = "27 januari 2023";
    const out = join(dir, "bad-date.epub");
    await expect(renderEpub(doc, { outFile: out })).rejects.toMatchObject({ code: "render:failed", file: out });
    expect(existsSync(out)).toBe(false);
  });

  it("keeps the CSS to the colours of templates/design.json", () => {
    const css = readFileSync(EPUB_CSS, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    const palette = new Set([...Object.values(design().colours), ...Object.values(design().kindAccents), "#ffffff"].map((c) => c.toLowerCase()));
    const used = [...css.matchAll(/#[0-9a-fA-F]{3,6}\b/g)].map((m) => m[0].toLowerCase());
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((c) => !palette.has(c))).toEqual([]);
    expect(css).toContain('font-family: "Source Serif 4"');
    expect(css).toContain('font-family: "Source Sans 3"');
  });
});

describe("toPandocAst", () => {
  it("makes notes into Pandoc Notes and reports unknown nodes without dropping them", () => {
    const doc = sampleMinutes();
    doc.children.push({ type: "table", position: { file: "x.txt", line: 9 }, children: [{ type: "text", value: "kept words" }] } as unknown as FlowBlock);
    const diagnostics: Diagnostic[] = [];
    const ast = toPandocAst(doc, diagnostics);
    const json = JSON.stringify(ast);
    expect(json).toContain('{"t":"Note","c":[{"t":"Para","c":[{"t":"Str","c":"See"}');
    expect(json).toContain('"kept"');
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "epub:unknown-node", position: { file: "x.txt", line: 9 } }),
    ]);
    expect(ast["pandoc-api-version"]).toEqual([1, 22]);
  });

  it("reports a dangling note reference and sets unreferenced notes at the end", () => {
    const doc = sampleMinutes();
    doc.notes.push({ type: "note", id: "n9", label: "9", position: { file: "s.txt", line: 50 }, children: [{ type: "text", value: "orphan" }] });
    doc.children.push({ type: "paragraph", position: { file: "s.txt", line: 51 }, children: [{ type: "noteRef", id: "nope" }] });
    const diagnostics: Diagnostic[] = [];
    const json = JSON.stringify(toPandocAst(doc, diagnostics));
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["epub:missing-note", "epub:unreferenced-note"]);
    expect(json).toContain('"orphan"');
    expect(json).toContain('"Notes"');
  });

  it("labels the minutes header in the document's language", () => {
    const doc = sampleMinutes() as unknown as RenderableDocument;
    const nl = { ...doc, lang: "nl", stage: "normalised" } as RenderableDocument;
    const json = JSON.stringify(toPandocAst(nl));
    expect(json).toContain('{"t":"Str","c":"Aanwezig"}');
    expect(json).toContain('{"t":"Str","c":"Tafelverslagleggers"}');
  });

  it("says when pandoc's per-chapter note number is not the note's own", () => {
    const doc = sampleMinutes();
    const diagnostics: Diagnostic[] = [];
    toPandocAst(doc, diagnostics);
    expect(diagnostics).toEqual([]);
    doc.notes[0]!.label = "7";
    toPandocAst(doc, diagnostics);
    expect(diagnostics).toEqual([expect.objectContaining({ code: "epub:note-number", message: expect.stringContaining("note 7 (n1) is numbered 1") })]);
  });

  it("sets a heading's printed number once, though the source repeats it in the text", () => {
    const doc = sampleMinutes();
    doc.children = [{ type: "heading", depth: 1, number: "2", id: "s-2", position: { file: "x.txt", line: 1 }, children: [{ type: "text", value: "2 Bevindingen" }] }];
    const header = toPandocAst(doc).blocks.find((b) => b.t === "Header" && b.c[1][0] === "s-2");
    expect(JSON.stringify(header)).toBe(
      '{"t":"Header","c":[1,["s-2",[],[]],[{"t":"Span","c":[["",["secno"],[]],[{"t":"Str","c":"2"}]]},{"t":"Space"},{"t":"Str","c":"Bevindingen"}]]}',
    );
  });

  it("sets who speaks at the start of a minutes paragraph apart, and only in minutes", () => {
    const doc = sampleMinutes();
    const p = (value: string): FlowBlock => ({ type: "paragraph", position: { file: "x.txt", line: 1 }, children: [{ type: "text", value }] });
    doc.children = [{ type: "heading", depth: 1, id: "h", position: { file: "x.txt", line: 1 }, children: [{ type: "text", value: "H" }] }, p("Mevrouw Van der Ham: dank."), p("De heer meldt iets.")];
    const [first, second] = toPandocAst(doc).blocks.filter((b) => b.t === "Para");
    expect(JSON.stringify(first)).toContain('{"t":"Span","c":[["",["speaker"],[]],[{"t":"Str","c":"Mevrouw"},{"t":"Space"},{"t":"Str","c":"Van"},{"t":"Space"},{"t":"Str","c":"der"},{"t":"Space"},{"t":"Str","c":"Ham"}]]},{"t":"Str","c":":"}');
    expect(JSON.stringify(second)).not.toContain("speaker");
    doc.meta.kind = "report";
    expect(JSON.stringify(toPandocAst(doc))).not.toContain("speaker");
  });

  it("gives each edition a stable identifier that differs per language", () => {
    expect(editionIdentifier("x", "nl")).toBe(editionIdentifier("x", "nl"));
    expect(editionIdentifier("x", "nl")).not.toBe(editionIdentifier("x", "en"));
    expect(editionIdentifier("x", "nl")).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("checkPandoc", () => {
  it("finds pandoc 2.17 or newer here", async () => {
    const { version } = await checkPandoc();
    expect(compareVersions(version, "2.17")).toBeGreaterThanOrEqual(0);
  });

  it("says tool:missing when pandoc is not on PATH and tool:too-old for an old one", async () => {
    const path = process.env.PATH;
    const fake = mkdtempSync(join(tmpdir(), "fake-pandoc-"));
    try {
      process.env.PATH = join(fake, "empty");
      await expect(checkPandoc()).rejects.toMatchObject({ code: "tool:missing", message: expect.stringContaining("apt-get install pandoc") });
      // An executable that answers like pandoc 2.9 (the version check is all that is under test).
      writeFileSync(join(fake, "pandoc"), "#!/bin/sh\necho 'pandoc 2.9.2.1'\n");
      chmodSync(join(fake, "pandoc"), 0o755);
      process.env.PATH = fake;
      await expect(checkPandoc()).rejects.toMatchObject({ code: "tool:too-old" });
    } finally {
      process.env.PATH = path;
      rmSync(fake, { recursive: true, force: true });
    }
  });
});
