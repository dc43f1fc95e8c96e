/**
 * The tagged PDF (PDF/UA-1) against independent readers: poppler's
 * `pdfinfo -struct-text` and pdf.js's structure tree and marked content are
 * compared with the document model, and the machine-checkable rules of the
 * Matterhorn Protocol that apply to these documents are checked on the file.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodePDFRawStream, PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kind, Lang, RenderableDocument } from "../pipeline/document/types.ts";
import { t } from "../pipeline/i18n/ui.ts";
import { dropFromStructure } from "../pipeline/render-pdf/backlinks.ts";
import { renderPdf } from "../pipeline/render-pdf/index.ts";
import { pdfText } from "../pipeline/render-pdf/inspect.ts";
import { readPdf } from "../pipeline/read/pdf.ts";
import { sampleDoc } from "./fixtures/pdf/sample.ts";
import { allNodes, comparable, expectedStructure, hasAncestor, pdfJsPages, popplerTree, STANDARD_TYPES, textIn, type PdfJsPage, type StructNode } from "./pdf-tags-helpers.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tweeluik-pdf-tags-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: [Lang, Kind][] = [
  ["nl", "report"],
  ["en", "report"],
  ["en", "minutes"],
  // Column pages imposed on the A4 frame (pipeline/render-pdf/impose.ts).
  ["nl", "magazine"],
  ["en", "magazine"],
];

describe.each(CASES)("tagged PDF, %s %s", (lang, kind) => {
  let doc: RenderableDocument;
  let file: string;
  let tree: StructNode;
  let nodes: StructNode[];
  let pages: PdfJsPage[];
  let pdf: PDFDocument;

  beforeAll(async () => {
    doc = sampleDoc(lang, kind);
    file = join(dir, `${kind}-${lang}.pdf`);
    await renderPdf(doc, { outFile: file });
    tree = popplerTree(file);
    nodes = allNodes(tree);
    pages = await pdfJsPages(file);
    pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  }, 120_000);

  const of = (role: string): StructNode[] => nodes.filter((n) => n.role === role);

  it("is tagged: pdfinfo says so, one Document element under the structure tree root", () => {
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/^Tagged:\s+yes$/m);
    expect(tree.children.map((n) => n.role)).toEqual(["Document"]);
  });

  it("has the model's headings in order, at levels that skip none (poppler and pdf.js agree)", () => {
    const want = expectedStructure(doc).headings;
    const got = nodes.filter((n) => /^H[1-6]$/.test(n.role)).map((n) => ({ level: Number(n.role.slice(1)), text: comparable(textIn(n)) }));
    expect(got).toEqual(want.map((h) => ({ level: h.level, text: comparable(h.text) })));
    // A heading is never split over pages, so pdf.js's page trees hold each once.
    const fromPdfJs = pages.flatMap((p) => p.roles.filter((r) => /^H[1-6]$/.test(r)));
    expect(fromPdfJs).toEqual(want.map((h) => `H${h.level}`));
  });

  it("has one P per paragraph of the model, in reading order, with its text", () => {
    const furniture = (p: StructNode): boolean => {
      const parent = p.parent!;
      if (hasAncestor(p, (a) => a.role === "Note" || a.role === "TOC")) return true;
      // The title block (first in the document), the contents page and a block of end notes.
      return parent.role === "Div" && (parent === nodes[1] || parent.children.some((c) => c.role === "Note" || c.role === "TOC"));
    };
    const got = of("P").filter((p) => !furniture(p)).map((p) => comparable(textIn(p)));
    expect(got).toEqual(expectedStructure(doc).paragraphs.map(comparable));
  });

  it("has the model's lists as L / LI / Lbl / LBody", () => {
    const want = expectedStructure(doc);
    expect(of("L")).toHaveLength(want.lists);
    expect(of("LI")).toHaveLength(want.listItems);
    for (const li of of("LI")) {
      expect(li.parent!.role).toBe("L");
      expect(li.children.map((c) => c.role)).toEqual(["Lbl", "LBody"]);
    }
  });

  it("has every note as a Note with a unique ID, and every note mark as a Reference around a Link with its annotation", () => {
    const want = expectedStructure(doc);
    const notes = of("Note");
    expect(notes).toHaveLength(want.notes);
    const ids = notes.map((n) => n.id);
    expect(ids.every((id) => typeof id === "string" && id !== "")).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = of("Reference");
    expect(refs).toHaveLength(want.references);
    for (const r of refs) {
      expect(r.children.map((c) => c.role)).toEqual(["Link"]);
      expect(r.children[0]!.objects).toBe(1);
    }
    // Each note's text is in its Note.
    const texts = notes.map((n) => comparable(textIn(n)));
    for (const note of doc.notes) expect(texts.some((x) => x.endsWith(comparable(note.children.map((c) => ("value" in c ? c.value : "")).join(""))))).toBe(true);
  });

  it("sets pull and block quotes as BlockQuote", () => {
    expect(of("BlockQuote")).toHaveLength(expectedStructure(doc).quotes);
  });

  it("marks every passage in the other language with its /Lang", () => {
    const foreign = JSON.stringify(doc.children).includes('"type":"foreign"');
    const raw = execFileSync("qpdf", ["--qdf", "--object-streams=disable", file, "-"], { maxBuffer: 64 * 1024 * 1024 }).toString("latin1");
    const spans = raw.match(/\/Span <<[^>]*\/Lang \(nl\)/g) ?? [];
    if (foreign) expect(spans.length).toBeGreaterThan(0);
    else expect(spans).toHaveLength(0);
  });

  it.runIf(kind === "magazine")("sets the kicker in capitals and says what it is written as: /ActualText that poppler and pdf.js read", async () => {
    const kicker = "Interview";
    const raw = execFileSync("qpdf", ["--qdf", "--object-streams=disable", file, "-"], { maxBuffer: 64 * 1024 * 1024 }).toString("latin1");
    expect(raw).toMatch(new RegExp(`/Span <<[^>]*/ActualText \\(${kicker}\\)`));
    // drawn in capitals: the glyphs say INTERVIEW (the ActualText set aside, as a reader without it sees the page)
    const drawn = pages[0]!.items.concat(...pages.slice(1).map((p) => p.items)).map((x) => x.str).join("\n");
    expect(drawn.replace(/\s+/g, "")).toContain(kicker.toUpperCase());
    // read as written: poppler's text, and the runs Tweeluik's PDF reader takes from pdf.js
    const poppler = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(poppler).toMatch(new RegExp(`^\\s*${kicker}\\s*$`, "m"));
    const runs = (await readPdf(file)).pages.flatMap((p) => p.runs.map((r) => r.text.replace(/\s+/g, "")));
    expect(runs).toContain(kicker);
    expect(runs).not.toContain(kicker.toUpperCase());
  });

  it.runIf(kind === "minutes")("sets the minutes header as a table: a TR per field, a row header and its value", () => {
    const m = doc.meta.minutes!;
    const fields = [m.meeting, m.meetingNumber, m.datetime, m.place, m.present, m.guests, m.rapporteurs, m.secretariat].filter((v) => v !== undefined && String(v).trim() !== "");
    const [table, ...more] = of("Table");
    expect(more).toHaveLength(0);
    expect(table!.children.map((c) => c.role)).toEqual(fields.map(() => "TR"));
    for (const tr of table!.children) {
      expect(tr.children.map((c) => c.role)).toEqual(["TH", "TD"]);
      expect(tr.children[0]!.attrs.join(" ")).toContain("/Scope /Row");
    }
  });

  it("leaves no text outside the structure but artifacts; marked content never nests", () => {
    for (const [i, page] of pages.entries()) {
      for (const item of page.items) {
        if (item.str.trim() === "") continue;
        expect(item.nesting, `page ${i + 1}: ${item.str}`).toBe(1);
        if (item.id === null) expect(item.tag, `page ${i + 1}: ${item.str}`).toBe("Artifact");
        else expect(page.contentIds.has(item.id), `page ${i + 1}: ${item.str}`).toBe(true);
      }
      // Every marked-content reference of the page's structure tree is on the page.
      for (const id of page.contentIds) expect(page.markedIds.has(id), `page ${i + 1}: ${id}`).toBe(true);
    }
  });

  it("keeps running heads and page numbers out of the tree, as artifacts", () => {
    const total = pages.length;
    const folios = pages.map((_, i) => t(lang, "pageOf", { page: i + 1, total }));
    const artifacts = pages.map((p) => comparable(p.items.filter((x) => x.tag === "Artifact").map((x) => x.str).join("")));
    // The last page has a running foot with its number, as an artifact.
    expect(artifacts[total - 1]).toContain(comparable(folios[total - 1]!));
    const treeText = comparable(textIn(tree));
    for (const f of folios) expect(treeText).not.toContain(comparable(f));
    // The running head repeats the title on every body page; the tree has it once, in the title block.
    expect(artifacts.filter((a) => a.includes(comparable(doc.meta.title))).length).toBeGreaterThan(1);
    expect(of("P").filter((p) => comparable(textIn(p)) === comparable(doc.meta.title))).toHaveLength(1);
  });

  describe("PDF/UA-1 rules (Matterhorn Protocol checkpoints)", () => {
    const catalog = (): PDFDict => pdf.catalog;

    it("01-001/01-002: /MarkInfo /Marked true, no /Suspects; a structure tree root", () => {
      const mark = catalog().lookup(PDFName.of("MarkInfo"), PDFDict);
      expect(mark.lookup(PDFName.of("Marked"))).toBe(PDFBool.True);
      expect(mark.lookup(PDFName.of("Suspects"))).not.toBe(PDFBool.True);
      expect(catalog().lookup(PDFName.of("StructTreeRoot"))).toBeInstanceOf(PDFDict);
    });

    it("01-006: only standard structure types (there is no role map)", () => {
      const root = catalog().lookup(PDFName.of("StructTreeRoot"), PDFDict);
      expect(root.get(PDFName.of("RoleMap"))).toBeUndefined();
      for (const n of nodes) expect(STANDARD_TYPES.has(n.role), n.role).toBe(true);
    });

    it("06-001/06-002/06-003: XMP metadata with the PDF/UA identifier and dc:title", () => {
      const stream = catalog().lookup(PDFName.of("Metadata"));
      expect(stream).toBeInstanceOf(PDFRawStream);
      const xmp = Buffer.from((stream as PDFRawStream).getContents()).toString("utf8");
      expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
      expect(xmp).toContain("<dc:title>");
      expect(xmp).toContain(doc.meta.title);
    });

    it("07-001: the viewer shows the document title (/DisplayDocTitle)", () => {
      const prefs = catalog().lookup(PDFName.of("ViewerPreferences"), PDFDict);
      expect(prefs.lookup(PDFName.of("DisplayDocTitle"))).toBe(PDFBool.True);
      expect(pdf.getTitle()).toBe(doc.meta.title);
    });

    it("11-001: the document's natural language", () => {
      expect(pdfText(catalog().lookup(PDFName.of("Lang")))).toBe(lang === "nl" ? "nl-NL" : "en-GB");
    });

    it("14-002/14-003: the first heading is H1 and no heading level is skipped", () => {
      const levels = nodes.filter((n) => /^H[1-6]$/.test(n.role)).map((n) => Number(n.role.slice(1)));
      expect(levels[0]).toBe(1);
      levels.forEach((l, i) => expect(l, `heading ${i + 1}`).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1));
    });

    it("09-004/09-005/09-006: list and table elements sit in their parents", () => {
      for (const n of nodes) {
        if (n.role === "LI") expect(n.parent!.role).toBe("L");
        if (n.role === "Lbl" || n.role === "LBody") expect(["LI", "Note"]).toContain(n.parent!.role);
        if (n.role === "TR") expect(n.parent!.role).toBe("Table");
        if (n.role === "TH" || n.role === "TD") expect(n.parent!.role).toBe("TR");
        if (n.role === "TOCI") expect(n.parent!.role).toBe("TOC");
      }
    });

    it("19-003/19-004: every Note has an ID, unique in the document, found through the IDTree", () => {
      const ids = of("Note").map((n) => n.id);
      expect(ids.every(Boolean)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      const root = catalog().lookup(PDFName.of("StructTreeRoot"), PDFDict);
      const names = root.lookup(PDFName.of("IDTree"), PDFDict).lookup(PDFName.of("Names"), PDFArray);
      const keys: string[] = [];
      for (let i = 0; i < names.size(); i += 2) {
        const key = pdfText(names.lookup(i))!;
        keys.push(key);
        const elem = names.lookup(i + 1, PDFDict);
        expect(elem.lookup(PDFName.of("S"))).toBe(PDFName.of("Note"));
        expect(pdfText(elem.lookup(PDFName.of("ID")))).toBe(key);
      }
      expect(keys).toEqual([...ids].sort());
    });

    it("01-003/01-004/01-005: no text, path or image is painted outside marked content", () => {
      const PAINT = new Set(["f", "f*", "F", "S", "s", "B", "B*", "b", "b*", "sh", "Do", "Tj", "TJ", "'", '"']);
      for (const [i, page] of pdf.getPages().entries()) {
        const contents = page.node.Contents();
        const streams = contents instanceof PDFArray ? contents.asArray().map((r) => pdf.context.lookup(r)) : [contents];
        const ops = streams
          .map((st) => Buffer.from(decodePDFRawStream(st as PDFRawStream).decode()).toString("latin1"))
          .join("\n")
          // Literal and hex strings hold no operators.
          .replace(/\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>/g, " ")
          .split(/\s+/);
        let depth = 0;
        let painted = 0;
        for (const op of ops) {
          if (op === "BDC" || op === "BMC") depth++;
          else if (op === "EMC") depth--;
          else if (PAINT.has(op)) {
            expect(depth, `page ${i + 1}: ${op} outside marked content`).toBeGreaterThan(0);
            expect(depth, `page ${i + 1}: ${op} in nested marked content`).toBe(1);
            painted++;
          }
          expect(depth, `page ${i + 1}`).toBeGreaterThanOrEqual(0);
        }
        expect(depth, `page ${i + 1}: marked content left open`).toBe(0);
        expect(painted).toBeGreaterThan(0);
      }
    });

    it("28-002/28-008/28-011, 7.18.5: every link annotation is in a Link element, has a description, and pages with annotations use structure tab order", () => {
      let links = 0;
      for (const page of pdf.getPages()) {
        const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
        if (!annots || annots.size() === 0) continue;
        expect(page.node.lookup(PDFName.of("Tabs"))).toBe(PDFName.of("S"));
        for (let i = 0; i < annots.size(); i++) {
          const a = annots.lookup(i, PDFDict);
          if (a.lookup(PDFName.of("Subtype")) !== PDFName.of("Link")) continue;
          links++;
          expect(a.lookup(PDFName.of("StructParent"))).toBeInstanceOf(PDFNumber);
          expect(pdfText(a.lookup(PDFName.of("Contents")))?.trim()).toBeTruthy();
        }
      }
      // Each link annotation is referenced (OBJR) from one Link element.
      const objrs = of("Link").reduce((k, n) => k + n.objects, 0);
      expect(objrs).toBe(links);
      expect(links).toBeGreaterThan(0);
    });

    it("28-011: the OBJR of a link names the page its annotation is on", () => {
      const pageOf = new Map<string, string>();
      for (const page of pdf.getPages()) {
        const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
        for (let i = 0; annots && i < annots.size(); i++) {
          const ref = annots.get(i);
          if (ref instanceof PDFRef) pageOf.set(ref.toString(), page.ref.toString());
        }
      }
      let checked = 0;
      // OBJR dictionaries are written inline in their Link element's /K.
      for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
        if (!(obj instanceof PDFDict) || obj.lookup(PDFName.of("S")) !== PDFName.of("Link")) continue;
        const k = obj.lookup(PDFName.of("K"));
        const kids = k instanceof PDFArray ? k.asArray().map((x) => pdf.context.lookup(x)) : [k];
        for (const kid of kids) {
          if (!(kid instanceof PDFDict) || kid.lookup(PDFName.of("Type")) !== PDFName.of("OBJR")) continue;
          const target = kid.get(PDFName.of("Obj"));
          const pg = kid.get(PDFName.of("Pg"));
          expect(target).toBeInstanceOf(PDFRef);
          expect(pg).toBeInstanceOf(PDFRef);
          expect(pg!.toString()).toBe(pageOf.get(target!.toString()));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it("31-009/31-027 and 10-001: every font is embedded and has a ToUnicode map", () => {
      const rows = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const cols = row.trim().split(/\s+/);
        // Columns from the right: object ID (2), uni, sub, emb.
        expect(cols[cols.length - 5], row).toBe("yes");
        expect(cols[cols.length - 3], row).toBe("yes");
      }
    });
  });
});

describe("tagged PDF, reproducible and kept up to date", () => {
  it("gives the same bytes on a second render; a link annotation taken out leaves the structure tree too", async () => {
    const a = join(dir, "again-1.pdf");
    const b = join(dir, "again-2.pdf");
    await renderPdf(sampleDoc("nl", "minutes"), { outFile: a });
    await renderPdf(sampleDoc("nl", "minutes"), { outFile: b });
    const sha = (f: string): string => createHash("sha256").update(readFileSync(f)).digest("hex");
    expect(sha(a)).toBe(sha(b));

    // A link annotation taken out (a note label with no reference to go back to) leaves the structure tree too.
    const pdf = await PDFDocument.load(readFileSync(a), { updateMetadata: false });
    const page = pdf.getPages().find((p) => (p.node.lookupMaybe(PDFName.of("Annots"), PDFArray)?.size() ?? 0) > 0)!;
    const annots = page.node.lookup(PDFName.of("Annots"), PDFArray);
    const ref = annots.get(0) as PDFRef;
    annots.remove(0);
    dropFromStructure(pdf, pdf.context.lookup(ref, PDFDict), ref);
    const c = join(dir, "dropped.pdf");
    writeFileSync(c, await pdf.save({ useObjectStreams: false }));
    const objrs = (f: string): number => allNodes(popplerTree(f)).reduce((k, n) => k + n.objects, 0);
    expect(objrs(c)).toBe(objrs(a) - 1);
  }, 120_000);
});
