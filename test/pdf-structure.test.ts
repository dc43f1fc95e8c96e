/**
 * Tagged PDFs read through their structure tree (pipeline/read/structure.ts,
 * pipeline/normalise/from-structure.ts): the tree decides blocks, their kind
 * and order; artifacts are left out; a tree that does not hold the text gives
 * way to the layout. On the corpus's tagged PDFs (LibreOffice's tagged export,
 * Chromium's print) the tree's figures are at least the layout path's.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pLimit from "p-limit";
import { afterAll, describe, expect, it } from "vitest";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import { normaliseStructure } from "../pipeline/normalise/from-structure.ts";
import { normalisePdf } from "../pipeline/normalise/source.ts";
import type { PdfRun, PdfSourceInfo } from "../pipeline/read/pdf.ts";
import type { StructTree, StructUnit } from "../pipeline/read/structure.ts";
import { blockCounts, corpusKind, score } from "./score-helpers.ts";

const CORPUS = resolve("bench", "corpus");
const work = mkdtempSync(join(tmpdir(), "tweeluik-pdf-structure-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A run of body text at (x, y) on the page, in marked content `mcid` (or an artifact). */
function run(text: string, y: number, mark: number | "artifact", x = 72, size = 11): PdfRun {
  const r: PdfRun = { text, x, y, width: text.length * size * 0.5, size, font: "Serif", bold: false, italic: false };
  if (mark === "artifact") r.artifact = true;
  else r.mcid = mark;
  return r;
}

function unit(kind: StructUnit["kind"], content: number[], extra: Partial<StructUnit> = {}): StructUnit {
  return { kind, role: kind === "heading" ? "H1" : "P", label: [], content: content.map((m) => `1:${m}`), ...extra };
}

function treeOf(units: StructUnit[]): StructTree {
  return { units, keys: new Set(units.flatMap((u) => [...u.content, ...u.label])) };
}

const pdfOf = (runs: PdfRun[]): PdfSourceInfo => ({ file: "t.pdf", tagged: true, pages: [{ number: 1, width: 595, height: 842, runs }] });
const src = { file: "t.pdf", slug: "t" };

describe("the structure front", () => {
  it("takes blocks, their kind and their order from the tree, not from the page", () => {
    // drawn top to bottom as heading, second paragraph, first paragraph; the tree reads them otherwise
    const pdf = pdfOf([
      run("Kop van het stuk", 60, 0, 72, 16),
      run("Dit is de tweede alinea, die boven de eerste staat.", 100, 2),
      run("Dit is de eerste alinea.", 140, 1),
      run("Pagina 1", 800, "artifact"),
      run("Lopende kop", 30, "artifact"),
    ]);
    const read = normaliseStructure(pdf, treeOf([unit("heading", [0], { level: 1 }), unit("para", [1]), unit("para", [2])]), src, undefined, { kind: "report" });
    expect("doc" in read).toBe(true);
    if (!("doc" in read)) return;
    const md = toMarkdown(read.doc);
    expect(md.indexOf("Dit is de eerste alinea.")).toBeLessThan(md.indexOf("Dit is de tweede alinea"));
    expect(md).toMatch(/^# Kop van het stuk/m);
    expect(md).not.toContain("Pagina 1");
    expect(md).not.toContain("Lopende kop");
    const furniture = read.doc.diagnostics.filter((d) => d.code === "normalise:furniture").map((d) => d.message);
    expect(furniture).toEqual(expect.arrayContaining([expect.stringContaining("Pagina 1"), expect.stringContaining("Lopende kop")]));
  });

  it("says of each text left out whether it is an artifact or text outside the tree, also where one holds the other's words", () => {
    const body = "Een lange alinea lopende tekst die in de structuurboom staat en het leeuwendeel van de pagina vult.";
    const pdf = pdfOf([
      ...Array.from({ length: 6 }, (_, k) => run(body, 100 + 14 * k, 0)),
      run("Bijlage", 30, "artifact"),
      run("Zie Bijlage A", 800, 9),
    ]);
    const read = normaliseStructure(pdf, treeOf([unit("para", [0])]), src, undefined, { kind: "report" });
    if (!("doc" in read)) throw new Error(read.reason);
    const furniture = read.doc.diagnostics.filter((d) => d.code === "normalise:furniture").map((d) => d.message);
    expect(furniture).toEqual(['artifact left out: "Bijlage"', 'text outside the structure tree left out: "Zie Bijlage A"']);
  });

  it("joins a paragraph's lines, with its line-end hyphens decided as in the other paths", () => {
    const pdf = pdfOf([run("De raad vraagt om gezond-", 100, 0), run("heidswinst voor iedereen.", 114, 0)]);
    const read = normaliseStructure(pdf, treeOf([unit("para", [0])]), src, undefined, { kind: "report" });
    if (!("doc" in read)) throw new Error(read.reason);
    expect(toMarkdown(read.doc)).toContain("De raad vraagt om gezondheidswinst voor iedereen.");
  });

  it("reads a list item's label from its Lbl, or from the item's own text where no Lbl was tagged", () => {
    const pdf = pdfOf([
      run("1.", 100, 0),
      run("Eerste aanbeveling", 100, 1, 90),
      run("•", 120, 2),
      run("tweede punt zonder Lbl", 120, 2, 90),
    ]);
    const read = normaliseStructure(
      pdf,
      treeOf([unit("item", [1], { label: ["1:0"], role: "LI" }), unit("item", [2], { role: "LI" })]),
      src,
      undefined,
      { kind: "report" },
    );
    if (!("doc" in read)) throw new Error(read.reason);
    const md = toMarkdown(read.doc);
    expect(md).toMatch(/^1\. Eerste aanbeveling$/m);
    expect(md).toMatch(/^- tweede punt zonder Lbl$/m);
  });

  it("takes a Note's number as its label and links the reference to it", () => {
    const pdf = pdfOf([
      run("De wet is gewijzigd.", 100, 0),
      run("1", 96, 0, 72 + 10 * 5.5, 7),
      run("1", 780, 1, 72, 9),
      run("Staatsblad 2024, 12.", 780, 1, 80, 9),
    ]);
    const read = normaliseStructure(pdf, treeOf([unit("para", [0]), unit("note", [1], { role: "Note" })]), src, undefined, { kind: "report" });
    if (!("doc" in read)) throw new Error(read.reason);
    const md = toMarkdown(read.doc);
    expect(md).toContain("De wet is gewijzigd.[^1]");
    expect(md).toMatch(/^\[\^1\]: Staatsblad 2024, 12\.$/m);
  });

  it("gives way to the layout when the tree holds too little of the text", () => {
    const pdf = pdfOf([run("In de boom.", 100, 0), run("Niet in de boom, en veel langer dan de tekst die er wel in staat.", 120, 5)]);
    const read = normaliseStructure(pdf, treeOf([unit("para", [0])]), src, undefined, { kind: "report" });
    expect("reason" in read && read.reason).toMatch(/structure tree holds 1\d\.\d % of the text/);
  });
});

describe("tagged PDFs of other engines: the tree against the layout on the same documents", () => {
  for (const layout of ["libreoffice-tagged", "chromium"]) {
    it(`${layout}: read through the tree, with token accuracy and block recall at least the layout path's`, async () => {
      const dir = join(CORPUS, "pdf", layout);
      const files = readdirSync(dir).filter((f) => f.endsWith(".pdf"));
      const sums = { tree: { tokens: 0, found: 0, gold: 0 }, layout: { tokens: 0, found: 0, gold: 0 } };
      const limit = pLimit(2);
      await Promise.all(
        files.flatMap((f) =>
          (["tree", "layout"] as const).map((path) =>
            limit(async () => {
              const slug = f.slice(0, -4);
              const text = join(CORPUS, "texts", `${slug}.md`);
              const doc = await normalisePdf(join(dir, f), { slug, kind: corpusKind(text), structure: path === "tree" });
              const reader = doc.diagnostics.find((d) => d.code === "normalise:reader")?.message;
              expect(reader).toMatch(path === "tree" ? /^read through the PDF's structure tree/ : /^read from the PDF's layout/);
              const s = await score(work, text, toMarkdown(doc), `${layout}-${path}-${slug}.md`);
              const c = blockCounts(s);
              sums[path].tokens += s.token_accuracy;
              sums[path].found += c.found;
              sums[path].gold += c.gold;
            }),
          ),
        ),
      );
      expect(files.length).toBe(17);
      expect(sums.tree.tokens).toBeGreaterThanOrEqual(sums.layout.tokens);
      expect(sums.tree.found / sums.tree.gold).toBeGreaterThanOrEqual(sums.layout.found / sums.layout.gold);
    }, 600_000);
  }
});
