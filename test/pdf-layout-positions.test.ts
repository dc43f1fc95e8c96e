// Layout passes are read from react-pdf's layout, not from a written PDF (render.ts): where the
// layout says destinations and links land must be what inspectPdf reads from the PDF that layout
// becomes, page, height and order of every link, for every kind and with notes set at the foot.
import { describe, expect, it } from "vitest";
import type { Kind, Lang, RenderableDocument } from "../pipeline/document/types.ts";
import { inspectPdf, type PdfLayout } from "../pipeline/render-pdf/inspect.ts";
import { FootnoteSettler } from "../pipeline/render-pdf/footnotes.ts";
import { layOut } from "../pipeline/render-pdf/render.ts";
import { fixedFootnotes, notePlan } from "../templates/pdf/context.ts";
import { registerHouseFonts } from "../templates/pdf/fonts.ts";
import { sampleDoc } from "./fixtures/pdf/sample.ts";

const plain = (l: PdfLayout) => ({
  pages: l.pages,
  // in the order the PDF's name tree holds them
  destinations: [...l.destinations],
  destinationY: [...l.destinationY],
  linksByPage: [...l.linksByPage].sort((a, b) => a[0] - b[0]),
});

async function bothReadings(doc: RenderableDocument, pass = {}): Promise<{ layout: PdfLayout; pdf: PdfLayout }> {
  registerHouseFonts();
  const laid = await layOut(doc, pass);
  return { layout: laid.positions, pdf: await inspectPdf(await laid.write()) };
}

describe("positions read from the layout", () => {
  it.each([
    ["nl", "report"],
    ["en", "advice"],
    ["nl", "minutes"],
  ] as [Lang, Kind][])("are those of the written PDF (%s %s)", async (lang, kind) => {
    const { layout, pdf } = await bothReadings(sampleDoc(lang, kind));
    expect(pdf.destinations.size).toBeGreaterThan(3);
    expect([...pdf.linksByPage.values()].flat().length).toBeGreaterThan(0);
    expect(plain(layout)).toEqual(plain(pdf));
  }, 60_000);

  it("are those of the written PDF with notes at the foot of their pages and contents page numbers", async () => {
    const doc = sampleDoc("en", "advice");
    const first = await bothReadings(doc);
    // notes set on fixed pages, as render.ts does when a note was deferred past the last page:
    // every note on the page of its first reference
    const byPage = new Map<number, string[]>();
    const seen = new Set<string>();
    for (const [page, links] of [...first.pdf.linksByPage].sort((a, b) => a[0] - b[0]))
      for (const d of links)
        if (d.startsWith("note-") && !seen.has(d)) {
          seen.add(d);
          byPage.set(page, [...(byPage.get(page) ?? []), d.slice("note-".length)]);
        }
    expect(byPage.size).toBeGreaterThan(0);
    const headingPages = new Map([...first.pdf.destinations].filter(([n]) => n.startsWith("h-")).map(([n, p]) => [n.slice(2), p]));
    const { layout, pdf } = await bothReadings(doc, { headingPages, footnotes: fixedFootnotes(byPage) });
    expect([...pdf.destinationY.keys()].some((n) => n.startsWith("note-"))).toBe(true);
    expect(plain(layout)).toEqual(plain(pdf));
  }, 60_000);

  it("are those of the written PDF with notes placed as the pages are filled", async () => {
    const doc = sampleDoc("en", "advice");
    const { layout, pdf } = await bothReadings(doc, { footnotes: new FootnoteSettler(notePlan(doc), 100) });
    expect([...pdf.destinationY.keys()].some((n) => n.startsWith("note-"))).toBe(true);
    expect(plain(layout)).toEqual(plain(pdf));
  }, 60_000);
});
