// The PDF engine's font look-up (patches/pdfkit+0.20.1.patch): react-pdf hands pdfkit the same
// font object for every run of text it draws; pdfkit opens it once per document, rather than
// opening it anew and comparing it with the fonts already open for every run.
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { houseFontFile } from "../templates/pdf/fonts.ts";

/** The parts of pdfkit's document used here (the package has no types of its own). */
interface PdfKitDocument {
  _fontCount: number;
  _font: unknown;
  addPage(): PdfKitDocument;
  font(src: unknown, size: number): PdfKitDocument;
  text(s: string): PdfKitDocument;
  end(): void;
}

describe("pdfkit with a font object", () => {
  it("opens the font once however many runs use it, and draws every run in it", async () => {
    const { default: PDFDocument } = (await import("pdfkit" as string)) as { default: new (opts: object) => PdfKitDocument };
    const font = fontkit.create(readFileSync(houseFontFile()));
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.addPage();
    const opened = doc._fontCount;
    const used = new Set<unknown>();
    for (let i = 0; i < 50; i++) {
      doc.font(font, 10).text(`run ${i}`);
      used.add(doc._font);
    }
    expect(doc._fontCount - opened).toBe(1);
    expect(used.size).toBe(1);
    doc.end();
  });
});
