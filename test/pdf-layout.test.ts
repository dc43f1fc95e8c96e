/**
 * Lines from a page's text runs (pipeline/read/layout.ts), on synthetic pages:
 * what the PDF reader's layout path makes of rows, columns and raised labels.
 */
import { describe, expect, it } from "vitest";
import { layout } from "../pipeline/read/layout.ts";
import type { PdfPage, PdfRun } from "../pipeline/read/pdf.ts";

function run(text: string, x: number, y: number, size = 8): PdfRun {
  return { text, x, y, width: text.length * size * 0.45, size, font: "Serif", bold: false, italic: false };
}

describe("rows in two columns", () => {
  it("a note's raised label opening a line in the right column stays with its text, not with the left column's line on that baseline", () => {
    const body = (x: number, y0: number): PdfRun[] => Array.from({ length: 8 }, (_, k) => run("Dit is een regel lopende tekst van de kolom die tot de rand loopt.", x, y0 + k * 12, 10));
    const page: PdfPage = {
      number: 1,
      width: 595,
      height: 842,
      runs: [
        ...body(45, 100),
        ...body(308, 100),
        // the notes at the foot of each column; the right column's second note opens with a raised 7
        run("6", 56, 725, 6),
        run("Een noot in de linkerkolom die doorloopt tot", 61, 728),
        run("het einde van de regel.", 45, 737),
        run("de laatste regel links", 45, 757),
        run("p. 23–31.", 308, 747),
        run("7", 319, 754, 6),
        run("OECD (2023), Employment Outlook", 323, 757),
      ],
    };
    const lines = layout([page]).lines;
    const oecd = lines.find((l) => l.text.includes("OECD"));
    expect(oecd?.label).toBe("7");
    expect(oecd?.text).toMatch(/^7\s?OECD/);
    expect(lines.some((l) => l.text === "7")).toBe(false);
    expect(lines.find((l) => l.text.includes("laatste regel links"))?.text).toBe("de laatste regel links");
  });
});
