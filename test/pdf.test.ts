/**
 * The PDF writer against real tools: react-pdf renders the hand-made fixture
 * (every block type, notes, an untranslated span, ĳ and the glyphs of the
 * sources); pdffonts, pdftotext and pdf-lib check what came out.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodePDFRawStream, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kind, Lang, RenderableDocument } from "../pipeline/document/types.ts";
import { TweeluikError } from "../pipeline/errors.ts";
import { renderPdf } from "../pipeline/render-pdf/index.ts";
import { inspectPdf } from "../pipeline/render-pdf/inspect.ts";
import { MAGAZINE } from "../templates/pdf/magazine.tsx";
import { GLYPHS, sampleDoc } from "./fixtures/pdf/sample.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tweeluik-pdf-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
const sha256Of = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
const flat = (s: string): string => s.normalize("NFKC").replace(/\s+/g, " ");

function fonts(file: string): { name: string; emb: string }[] {
  const out = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
  // Columns: name type encoding emb sub uni object ID; the type may contain spaces, so read from the right.
  return out.map((line) => {
    const cols = line.trim().split(/\s+/);
    return { name: cols[0]!, emb: cols[cols.length - 5]! };
  });
}

async function render(lang: Lang, kind: Kind, name: string): Promise<{ file: string; pages: number; bytes: number }> {
  const file = join(dir, `${name}.pdf`);
  const r = await renderPdf(sampleDoc(lang, kind), { outFile: file });
  return { file, ...r };
}

describe.each(["nl", "en"] as const)("renderPdf, %s edition", (lang) => {
  const doc = sampleDoc(lang, "report");
  let file: string;
  let text: string;

  beforeAll(async () => {
    const r = await render(lang, "report", `report-${lang}`);
    file = r.file;
    expect(r.pages).toBeGreaterThan(2);
    expect(r.bytes).toBe(readFileSync(file).length);
    text = flat(execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }));
  });

  it("embeds every font and never falls back to Helvetica", () => {
    const list = fonts(file);
    expect(list.length).toBeGreaterThan(2);
    for (const f of list) {
      expect(f.emb, f.name).toBe("yes");
      expect(f.name).not.toMatch(/Helvetica|Times|Courier/);
    }
  });

  it("sets the title, the headings in order, ĳ and the glyphs of the sources as text", () => {
    expect(text).toContain(flat(doc.meta.title));
    const headings = ["Inleiding", "Achtergrond", "Een detail", "Analyse", "Werken aan"].map((h, i) =>
      lang === "nl" ? h : ["Introduction", "Background", "A detail", "Analysis", "Working on"][i]!,
    );
    // After the table of contents: the body's headings in reading order.
    const bodyStart = text.indexOf(flat(lang === "nl" ? "Dit is een alinea" : "This is a paragraph")) - 40;
    let at = bodyStart;
    for (const h of headings) {
      const next = text.indexOf(h, at);
      expect(next, h).toBeGreaterThan(at);
      at = next;
    }
    for (const g of GLYPHS.split(" ")) expect(text, g).toContain(g.normalize("NFKC"));
    expect(text).toContain(flat("ĳzeren"));
  });

  it("marks untranslated Dutch in the English edition", () => {
    if (lang === "en") expect(text).toMatch(/NL ?De werkgevers/);
    else expect(text).not.toMatch(/NL ?De werkgevers/);
  });

  it("has an outline, the document language and its metadata", async () => {
    const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const outlines = pdf.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
    expect(outlines?.get(PDFName.of("First"))).toBeDefined();
    const langObj = pdf.catalog.lookup(PDFName.of("Lang"));
    const value = langObj instanceof PDFString || langObj instanceof PDFHexString ? langObj.decodeText() : undefined;
    expect(value).toBe(lang === "nl" ? "nl-NL" : "en-GB");
    expect(pdf.getTitle()).toBe(doc.meta.title);
    expect(pdf.getAuthor()).toBe(doc.meta.publisher);
    expect(pdf.getKeywords()).toContain("R3026");
    const outlineText = execFileSync("qpdf", ["--json", file], { encoding: "utf8" });
    for (const h of lang === "nl" ? ["1 Inleiding", "1.1 Achtergrond", "2 Analyse"] : ["1 Introduction", "1.1 Background", "2 Analysis"]) {
      expect(outlineText).toContain(`"u:${h}"`);
    }
  });

  it("links every note reference to its note at the foot of the same page, and the note back to it", async () => {
    const layout = await inspectPdf(readFileSync(file));
    const refs = [...layout.linksByPage].flatMap(([page, ds]) => ds.filter((d) => d.startsWith("note-")).map((d) => ({ page, d })));
    expect(refs.map((r) => r.d).sort()).toEqual(["note-n1", "note-n2", "note-n3"]);
    for (const { page, d } of refs) expect(layout.destinations.get(d), d).toBe(page);
    // and back: each note's label links to the place of its reference (page and height), not a name
    const back = [...layout.placeLinksByPage].flatMap(([from, places]) => places.map((p) => ({ from, ...p })));
    expect(back.map((b) => b.page).sort()).toEqual(refs.map((r) => r.page).sort());
    for (const b of back) expect(b.from).toBe(b.page);
    expect(new Set(back.map((b) => `${b.page}:${b.y}`)).size).toBe(3);
    expect([...layout.linksByPage.values()].flat().filter((d) => d.startsWith("ref-"))).toEqual([]);
  });

  it("prints the contents with the pages the headings are on", async () => {
    const layout = await inspectPdf(readFileSync(file));
    const tocPage = flat(execFileSync("pdftotext", ["-f", "2", "-l", "2", "-layout", file, "-"], { encoding: "utf8" }));
    expect(tocPage).toContain(lang === "nl" ? "Inhoud" : "Contents");
    for (const [id, title] of [["inleiding", lang === "nl" ? "1 Inleiding" : "1 Introduction"], ["analyse", lang === "nl" ? "2 Analyse" : "2 Analysis"]] as const) {
      const page = layout.destinations.get(`h-${id}`);
      expect(page, id).toBeGreaterThan(2);
      expect(tocPage).toMatch(new RegExp(`${title} ${page}\\b`));
    }
    expect([...layout.linksByPage.get(2) ?? []]).toContain("h-inleiding");
  });

  it("sets the contents' page numbers in the layout that puts the headings on their pages: one layout pass", async () => {
    // (in this process: the renderer processes send back the PDF only)
    const { layoutAndRender } = await import("../pipeline/render-pdf/render.ts");
    const { passes, pdf } = await layoutAndRender(sampleDoc(lang, "report"));
    expect(passes).toBe(1);
    expect(sha256Of(pdf)).toBe(sha256(file));
  });

  it("gives the same bytes on a second render", async () => {
    const again = await render(lang, "report", `report-${lang}-again`);
    expect(sha256(again.file)).toBe(sha256(file));
  });
});

describe("renderPdf, every kind", () => {
  it.each(["minutes", "advice", "magazine"] as const)("renders %s with embedded fonts and the title", async (kind) => {
    const { file } = await render("en", kind, `kind-${kind}`);
    for (const f of fonts(file)) expect(f.emb, f.name).toBe("yes");
    const text = flat(execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }));
    expect(text).toContain("Are we ready for the future of work?");
    if (kind === "minutes") expect(text).toContain("Council, no. 746");
    else expect(text).toContain("Contents");
  });
});

describe("renderPdf, magazine", () => {
  it("sets article bodies in two columns below a head across both", async () => {
    const { file } = await render("nl", "magazine", "magazine-columns");
    const twice = await render("nl", "magazine", "magazine-columns-again");
    expect(sha256(twice.file)).toBe(sha256(file));
    const xml = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
    const pages = xml.split("<page ").slice(1);
    const right = MAGAZINE.left + MAGAZINE.colW + MAGAZINE.gap;
    const columnPages = pages.filter((p) => {
      const xs = [...p.matchAll(/<word xMin="([\d.]+)"/g)].map((m) => Number(m[1]));
      return xs.some((x) => Math.abs(x - MAGAZINE.left) < 12) && xs.some((x) => Math.abs(x - right) < 12);
    });
    expect(columnPages.length).toBeGreaterThan(0);
    // The article head spans the text block: the right column too starts below its title.
    // The article page: "Werken" in the article head, below the running head (which carries the title too).
    const inBody = (y: string | undefined): boolean => Number(y) > MAGAZINE.colTop - 2;
    const titleWord = (p: string) => [...p.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Werken</g)].find((m) => inBody(m[1]));
    const head = pages.find((p) => titleWord(p) && !p.includes(">Inhoud<"));
    expect(head).toBeDefined();
    const titleBottom = Number(titleWord(head!)![2]);
    const rightTops = [...head!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"/g)].filter((m) => Math.abs(Number(m[1]) - right) < 12 && inBody(m[2])).map((m) => Number(m[2]));
    expect(rightTops.length).toBeGreaterThan(0);
    expect(Math.min(...rightTops)).toBeGreaterThan(titleBottom);
    for (const f of fonts(file)) expect(f.emb, f.name).toBe("yes");
    const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(pdf.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.get(PDFName.of("First"))).toBeDefined();
  });

  it("links every note reference in the columns to its note, and the note back to the reference's page", async () => {
    const { file } = await render("nl", "magazine", "magazine-links");
    const layout = await inspectPdf(readFileSync(file));
    const refs = [...layout.linksByPage].flatMap(([page, ds]) => ds.filter((d) => d.startsWith("note-")).map((d) => ({ page, d })));
    expect(refs.map((r) => r.d).sort()).toEqual(["note-n1", "note-n2", "note-n3"]);
    // Each note is set after its unit, in the columns: a named destination on an A4 page of the magazine.
    for (const { d } of refs) expect(layout.destinations.get(d), d).toBeGreaterThan(2);
    const back = [...layout.placeLinksByPage].flatMap(([, places]) => places.map((p) => p.page));
    expect(back.sort()).toEqual(refs.map((r) => r.page).sort());
  });

  it("gives every glyph its characters in the text layer, also one first met as part of another (the i of ĳ)", async () => {
    // The magazine is set in three documents in one process; the head's title
    // "Werken aan ĳver …" brings in the i of the bold face as part of its ĳ only.
    const { file } = await render("nl", "magazine", "magazine-text");
    const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    let maps = 0;
    for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || obj.lookupMaybe(PDFName.of("Type"), PDFName) !== PDFName.of("Font")) continue;
      const stream = obj.lookup(PDFName.of("ToUnicode"));
      if (!(stream instanceof PDFRawStream)) continue;
      maps++;
      const cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
      expect(cmap, String(obj.get(PDFName.of("BaseFont")))).not.toContain("<>");
    }
    expect(maps).toBeGreaterThan(3);
    const text = flat(execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }));
    expect(text).toContain("Inleiding");
    expect(text).not.toMatch(/[\u0000-\u0008]/);
  });
});

describe("renderPdf, line breaks", () => {
  it("never breaks a line, with a hyphen, where an emphasised word meets the punctuation after it", async () => {
    // paragraphs in the magazine's narrow columns, each with an emphasised word followed by a full stop at another place in the line
    const words = "The council advises the cabinet to give municipalities room to combine budgets for health work and income".split(" ");
    const doc: RenderableDocument = {
      ...sampleDoc("en", "magazine"),
      notes: [],
      children: Array.from({ length: 120 }, (_, i) => ({
        type: "paragraph" as const,
        position: { file: "breaks.md", line: i + 1 },
        children: [
          { type: "text" as const, value: `${Array.from({ length: 8 + i }, (_, k) => words[(k * 5 + i) % words.length]).join(" ")} and ` },
          { type: "emphasis" as const, children: [{ type: "text" as const, value: "how" }] },
          { type: "text" as const, value: ". Through this magazine and the online articles you are used to, the council explains its work." },
        ],
      })),
    };
    const file = join(dir, "breaks.pdf");
    await renderPdf(doc, { outFile: file });
    const lines = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).split("\n");
    expect(lines.filter((l) => /how$/.test(l.trim())).length + lines.filter((l) => /and how\. /.test(l)).length).toBeGreaterThan(0);
    expect(lines.filter((l) => /^\s*\./.test(l) || /how-$/.test(l.trim()))).toEqual([]);
  }, 120_000);
});

describe("renderPdf, footnotes", () => {
  // Forty paragraphs of 60 to 150 words, each ending in a reference to a note:
  // many references land near a page foot, where setting the note there pushes the line on.
  function notesDoc(noteWords: (i: number) => number): RenderableDocument {
    const words = "The council advises the cabinet to give municipalities room to combine budgets for health, work and income so that one plan serves one household".split(" ");
    const text = (n: number, salt: number): string => Array.from({ length: n }, (_, i) => words[(i * 7 + salt) % words.length]).join(" ");
    const at = (i: number) => ({ file: "stress.md", line: i + 1 });
    return {
      ...sampleDoc("en", "advice"),
      children: Array.from({ length: 40 }, (_, i) => ({ type: "paragraph" as const, position: at(i), children: [{ type: "text" as const, value: `${text(60 + ((i * 37) % 90), i)}.` }, { type: "noteRef" as const, id: `s${i}` }] })),
      notes: Array.from({ length: 40 }, (_, i) => ({ type: "note" as const, id: `s${i}`, label: String(i + 1), position: at(i), children: [{ type: "text" as const, value: `${text(noteWords(i), i + 3)}.` }] })),
    };
  }
  async function notePages(doc: RenderableDocument, name: string): Promise<{ pages: number; offsets: number[] }> {
    const file = join(dir, `${name}.pdf`);
    await renderPdf(doc, { outFile: file });
    const layout = await inspectPdf(readFileSync(file));
    const offsets: number[] = [];
    for (const [page, ds] of layout.linksByPage) for (const d of ds) if (d.startsWith("note-")) offsets.push((layout.destinations.get(d) ?? Number.NaN) - page);
    return { pages: layout.pages, offsets };
  }

  it("sets every note at the foot of the page of its reference, also where a note does not fit below its line", async () => {
    const { pages, offsets } = await notePages(notesDoc((i) => 20 + ((i * 53) % 35)), "footnotes");
    expect(pages).toBeGreaterThan(8);
    expect(offsets).toHaveLength(40);
    expect(offsets.filter((o) => o !== 0)).toEqual([]);
  });

  it("loses no note when notes are too long to travel with their references: at worst one goes on the next page", async () => {
    const { offsets } = await notePages(notesDoc((i) => 50 + ((i * 53) % 70)), "footnotes-dense");
    expect(offsets).toHaveLength(40);
    expect(offsets.every((o) => o === 0 || o === 1)).toBe(true);
  });

  it("places the notes as the pages are filled, in one layout pass (no headings: the contents show no page numbers)", async () => {
    // (in this process: the renderer processes send back the PDF only)
    const { layoutAndRender } = await import("../pipeline/render-pdf/render.ts");
    const { passes } = await layoutAndRender(notesDoc((i) => 20 + ((i * 53) % 35)));
    expect(passes).toBe(1);
  });
});

describe("renderPdf isolation", () => {
  it("gives the same bytes whatever was rendered before in the same process", async () => {
    const first = await render("en", "advice", "iso-advice-1");
    await render("nl", "minutes", "iso-minutes");
    await render("en", "magazine", "iso-magazine");
    const again = await render("en", "advice", "iso-advice-2");
    expect(sha256(again.file)).toBe(sha256(first.file));
  });
});

describe("renderPdf failures", () => {
  it("leaves an existing PDF untouched when rendering fails", async () => {
    const file = join(dir, "keep.pdf");
    writeFileSync(file, "previous edition");
    // Doubtful structure never fails a render (test/render-robust.test.ts); a document the
    // renderer process cannot be sent does: structured clone cannot copy a function.
    const broken = sampleDoc("en", "report") as RenderableDocument;
    (broken.meta as unknown as Record<string, unknown>).subtitle = () => "not data";
    const err = await renderPdf(broken, { outFile: file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TweeluikError);
    expect((err as TweeluikError).code).toBe("render:failed");
    expect((err as TweeluikError).message).toContain("sample-report");
    expect(readFileSync(file, "utf8")).toBe("previous edition");
  });

  it("reports an unwritable path as render:failed and leaves the file in the way untouched", async () => {
    const blocker = join(dir, "not-a-dir");
    writeFileSync(blocker, "a file, not a folder");
    const err = await renderPdf(sampleDoc("nl", "minutes"), { outFile: join(blocker, "x.pdf") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TweeluikError);
    expect((err as TweeluikError).code).toBe("render:failed");
    expect(readFileSync(blocker, "utf8")).toBe("a file, not a folder");
  });

  it("rejects a document that is not renderable", async () => {
    const err = await renderPdf({ type: "document" } as unknown as RenderableDocument, { outFile: join(dir, "y.pdf") }).catch((e: unknown) => e);
    expect((err as TweeluikError).code).toBe("render:failed");
  });
});
