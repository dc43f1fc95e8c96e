/**
 * A doubt about structure is a diagnostic, never a failed build: every writer
 * (PDF through its child process as the build calls it, EPUB through pandoc
 * and epubcheck, Markdown) publishes documents with the oddities a normaliser
 * can leave on a source it has never seen, and says what it did with them.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../pipeline/build.ts";
import { checkStructure } from "../pipeline/document/structure.ts";
import type { Diagnostic, Kind, Lang, RenderableDocument } from "../pipeline/document/types.ts";
import { fromMarkdown } from "../pipeline/markdown/from-markdown.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import type { StageReport } from "../pipeline/publish/report.ts";
import { renderEpub } from "../pipeline/render-epub/index.ts";
import { renderPdf } from "../pipeline/render-pdf/index.ts";
import { inspectPdf } from "../pipeline/render-pdf/inspect.ts";
import { emptyDocument, LATER, ODD_FILE, oddDocument, STRAY_HOME, STRAY_TEXT } from "./fixtures/odd-documents.ts";

const EPUBCHECK = "/usr/share/java/epubcheck.jar";
const dir = mkdtempSync(join(tmpdir(), "tweeluik-robust-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flat = (s: string): string => s.normalize("NFKC").replace(/\u00ad/g, "").replace(/-\s+/g, "-").replace(/\s+/g, " ");
/** The text of each page of a PDF (pdftotext separates pages with a form feed). */
const pagesOf = (file: string): string[] => execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).split("\f").map(flat);
const codes = (ds: readonly Diagnostic[]): string[] => [...new Set(ds.map((d) => d.code))].sort();

function epubcheck(file: string): { fatals: number; errors: number; warnings: number; output: string } {
  let output: string;
  try {
    output = execFileSync("java", ["-jar", EPUBCHECK, file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    output = `${e.stdout ?? ""}\n${e.stderr ?? ""}`;
  }
  const m = /Messages:\s*(\d+) fatals?\s*\/\s*(\d+) errors?\s*\/\s*(\d+) warnings?/.exec(output);
  if (m) return { fatals: Number(m[1]), errors: Number(m[2]), warnings: Number(m[3]), output };
  if (/No errors or warnings detected/.test(output)) return { fatals: 0, errors: 0, warnings: 0, output };
  throw new Error(`cannot read epubcheck's summary:\n${output}`);
}

/** The notes of the odd document a reader can follow back to their reference (n7 has none; x9 is no note). */
const LINKED = ["n1", "n2", "n3", "n4", "n5", "n6", "n8"];

describe.each([
  ["report", "nl", "at the foot of the page"],
  ["minutes", "en", "after the chapter"],
  ["magazine", "nl", "after the article, in columns"],
] as [Kind, Lang, string][])("PDF of an odd %s (%s), notes %s", (kind, lang) => {
  const doc = oddDocument(lang, kind);
  const file = join(dir, `odd-${kind}-${lang}.pdf`);
  let diagnostics: Diagnostic[];
  let pages: string[];

  beforeAll(async () => {
    const r = await renderPdf(doc, { outFile: file });
    diagnostics = r.diagnostics;
    pages = pagesOf(file);
  });

  it("is published, with every note's text and the mark of the reference that has no note", () => {
    const all = pages.join(" ");
    for (const n of doc.notes) for (const c of n.children) if (c.type === "text") expect(all, n.id).toContain(flat(c.value));
    expect(all).toMatch(/note\s?x9|x9/);
  });

  it("reports the note nothing refers to, with its source position, and the reference with no note", () => {
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", code: "pdf:unreferenced-note", message: expect.stringContaining("note 7"), position: expect.objectContaining({ file: ODD_FILE, line: 38 }) }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", code: "pdf:missing-note", message: expect.stringContaining('"x9"'), position: expect.objectContaining({ file: ODD_FILE, line: 2 }) }));
    // The writer reports what it did; the doubts every writer meets alike are checkStructure's.
    expect(codes(diagnostics)).toEqual(["pdf:missing-note", "pdf:unreferenced-note"]);
    // at the foot of the page, the page it was set on is named
    if (kind === "report") expect(diagnostics.find((d) => d.code === "pdf:unreferenced-note")?.message).toMatch(/set at the foot of page \d+ /);
  });

  it("sets the unreferenced note where a reader looks for it, with no back-link", async () => {
    const layout = await inspectPdf(readFileSync(file));
    const stray = pages.findIndex((p) => p.includes(flat(STRAY_TEXT[lang])));
    const home = pages.findIndex((p) => p.includes(flat(STRAY_HOME[lang])));
    expect(stray).toBeGreaterThanOrEqual(0);
    if (kind === "report") {
      // at the foot of the page with the text it stood beside in the source, before the notes after it
      expect(stray).toBe(home);
      expect(layout.destinations.get("note-n7")).toBe(home + 1);
    } else {
      // with the notes after the part of the text it belongs to
      expect(stray).toBeGreaterThanOrEqual(home);
      const text = pages.join(" ");
      expect(text.indexOf(flat(STRAY_TEXT[lang]))).toBeGreaterThan(text.indexOf(flat(LATER[lang])));
    }
    // Back-links: one per note that has a reference, pointing at a place (the magazine's too, now that
    // its columns keep their links); none for n7, none left dangling.
    const back = [...layout.placeLinksByPage.values()].flat();
    expect(back).toHaveLength(LINKED.length);
    expect([...layout.linksByPage.values()].flat().filter((d) => d.startsWith("ref-"))).toEqual([]);
  });
});

describe("PDF of a document with no blocks", () => {
  it.each([
    ["report", "nl", false],
    ["report", "en", true],
    ["minutes", "nl", true],
    ["magazine", "en", true],
  ] as [Kind, Lang, boolean][])("%s (%s), notes: %s", async (kind, lang, withNotes) => {
    const doc = emptyDocument(lang, kind, withNotes);
    const file = join(dir, `empty-${kind}-${lang}.pdf`);
    const r = await renderPdf(doc, { outFile: file });
    expect(r.pages).toBeGreaterThanOrEqual(1);
    const text = pagesOf(file).join(" ");
    expect(text).toContain(flat(doc.meta.title));
    if (withNotes) {
      expect(text).toContain(lang === "nl" ? "Alleen een noot." : "Only a note.");
      expect(r.diagnostics.filter((d) => d.code === "pdf:unreferenced-note").map((d) => d.message)).toEqual([expect.stringContaining("note 1"), expect.stringContaining("note 2")]);
    }
    if (!withNotes) expect(r.diagnostics).toEqual([]);
  });
});

describe("checkStructure", () => {
  it("names every structural doubt once, with its source position", () => {
    const found = checkStructure(oddDocument("nl", "report"));
    const at = (code: string) => found.filter((d) => d.code === code).map((d) => d.position?.line);
    expect(codes(found)).toEqual(["render:empty-heading", "render:empty-item", "render:empty-list", "render:empty-note", "render:repeated-note", "render:stray-list-item"]);
    expect(at("render:empty-heading")).toEqual([18]);
    expect(at("render:empty-item")).toEqual([14]);
    expect(at("render:empty-list")).toEqual([16]);
    expect(at("render:empty-note")).toEqual([48]);
    expect(at("render:repeated-note")).toEqual([9]);
    // a list item in a box, and one straight in an item
    expect(at("render:stray-list-item")).toEqual([12, 15]);
    for (const d of found) expect(d.severity).toBe("warning");
    expect(codes(checkStructure(emptyDocument("en", "report", true)))).toEqual(["render:empty-document"]);
  });
});

describe("EPUB of odd documents", () => {
  it.each([
    ["odd report", () => oddDocument("nl", "report")],
    ["odd magazine", () => oddDocument("en", "magazine")],
    ["no blocks", () => emptyDocument("nl", "report", false)],
    ["notes only", () => emptyDocument("en", "minutes", true)],
  ] as [string, () => RenderableDocument][])("%s: published, epubcheck-clean, oddities reported", async (name, make) => {
    const doc = make();
    const file = join(dir, `${name.replace(/\W+/g, "-")}.epub`);
    const { diagnostics } = await renderEpub(doc, { outFile: file });
    const r = epubcheck(file);
    expect({ fatals: r.fatals, errors: r.errors, warnings: r.warnings }, r.output).toEqual({ fatals: 0, errors: 0, warnings: 0 });
    if (name.startsWith("odd")) {
      expect(diagnostics).toContainEqual(expect.objectContaining({ code: "epub:unreferenced-note", position: expect.objectContaining({ line: 38 }) }));
      expect(diagnostics).toContainEqual(expect.objectContaining({ code: "epub:missing-note", message: expect.stringContaining('"x9"'), position: expect.objectContaining({ line: 2 }) }));
    }
    if (name === "notes only") expect(diagnostics.filter((d) => d.code === "epub:unreferenced-note")).toHaveLength(2);
  }, 120_000);
});

describe("Markdown of odd documents", () => {
  it.each([
    ["odd report", () => oddDocument("nl", "report")],
    ["odd magazine", () => oddDocument("en", "magazine")],
    ["no blocks", () => emptyDocument("nl", "report", false)],
    ["notes only", () => emptyDocument("en", "minutes", true)],
  ] as [string, () => RenderableDocument][])("%s: every note kept, one block per line, reads back", (_name, make) => {
    const doc = make();
    const md = toMarkdown(doc);
    for (const n of doc.notes) expect(md).toContain(`[^${n.id}]:`);
    expect(md).not.toMatch(/\n\n\n/);
    const back = fromMarkdown(md, "x.md");
    expect(back.notes.map((n) => n.id).sort()).toEqual(doc.notes.map((n) => n.id).sort());
    // The reader takes every document for Dutch: compare what follows the front matter.
    const body = (s: string): string => s.slice(s.indexOf("\n---\n") + 5);
    expect(body(toMarkdown(back))).toBe(body(md));
  });

  it("writes an item with nothing in it as an item, and an item in an item as a nested list", () => {
    const md = toMarkdown(oddDocument("nl", "report"));
    expect(md).toContain("1. Eerste punt[^n5]\n\n2.\n\n3.\n\n    - Een punt in een punt\n");
  });
});

describe("build of a source whose page-bottom note has no reference", () => {
  const YAML = `kind: report
title: { nl: "Proef met een losse noot", en: "Trial with a stray note" }
date: "2024-05-01"
publisher: Tweeluik
`;
  // Page 1 ends in two notes; the text refers to note 1 only.
  const TXT = [
    " 1 Inleiding",
    "De raad heeft de gezondheid van werkenden onderzocht en ziet grote verschillen tussen groepen.1",
    "Daarom vraagt de raad het kabinet om een samenhangend beleid voor werk en gezondheid.",
    "",
    "1 Zie het advies van de raad uit 2021.",
    "2 Deze noot heeft geen verwijzing in de tekst.",
    " 2 Aanbevelingen",
    "De raad beveelt aan om de preventie op het werk te versterken en de zorg dichtbij te organiseren.",
    "",
  ].join("\n");
  let root: string;
  let result: BuildResult;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "tweeluik-robust-build-"));
    mkdirSync(join(root, "source"));
    for (const d of ["locales", "templates"]) symlinkSync(resolve(d), join(root, d));
    writeFileSync(join(root, "source", "x.txt"), TXT);
    writeFileSync(join(root, "source", "x.yaml"), YAML);
    // the fixture has no translation: its English editions are published only as marked drafts
    result = await build({ root, output: join(root, "output"), concurrency: 2, publishDrafts: true });
  }, 600_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("publishes all six editions", () => {
    expect(result.documents.map((d) => d.error?.format())).toEqual([undefined]);
    expect(result.promoted).toBe(true);
    for (const lang of ["nl", "en"]) for (const ext of ["md", "pdf", "epub"]) expect(readFileSync(join(root, "output", lang, `x.${ext}`)).length, `${lang}/x.${ext}`).toBeGreaterThan(0);
  });

  it.each(["nl", "en"])("names the note in the %s report, with its source position", (lang) => {
    const report = JSON.parse(readFileSync(join(root, "output", "reports", `x.${lang}.json`), "utf8")) as StageReport;
    const found = report.diagnostics.filter((d) => d.code === "pdf:unreferenced-note" || d.code === "epub:unreferenced-note");
    expect(found.map((d) => d.code).sort()).toEqual(["epub:unreferenced-note", "pdf:unreferenced-note"]);
    for (const d of found) {
      expect(d.message).toContain("note 2");
      expect(d.position).toMatchObject({ file: "source/x.txt", line: 6 });
    }
  });
});
