import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TweeluikError } from "../pipeline/errors.ts";
import { normalise } from "../pipeline/normalise/index.ts";
import { decodeSource, readSource, splitSource } from "../pipeline/read/read-source.ts";
import { blockText } from "./normalise-helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "tweeluik-read-"));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const caught = (fn: () => unknown): TweeluikError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TweeluikError) return e;
    throw e;
  }
  throw new Error("expected a TweeluikError");
};

describe("readSource", () => {
  it("reads the real sources into numbered lines with pages", () => {
    const raw = readSource("source/briefadvies-segv-2023.txt");
    expect(raw.slug).toBe("briefadvies-segv-2023");
    expect(raw.lines[0]).toMatchObject({ line: 1, page: 1 });
    expect(raw.lines.length).toBeGreaterThan(500);
    // " twee jaar na de geboorte …" (line 48) opens page 2 of the extraction.
    const l48 = raw.lines.find((l) => l.line === 48)!;
    expect(l48.text.startsWith(" twee jaar")).toBe(true);
    expect(l48.page).toBe(2);
  });

  it("refuses an empty file, naming it", () => {
    const e = caught(() => readSource(file("empty.txt", "")));
    expect(e.code).toBe("input:empty");
    expect(e.format()).toContain("empty.txt");
  });

  it("refuses a file of white space only", () => {
    expect(caught(() => readSource(file("blank.txt", "  \n\n \n"))).code).toBe("input:empty");
  });

  it("refuses a binary file with the line of the NUL byte", () => {
    const e = caught(() => readSource(file("bin.txt", new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0x00, 0x01]))));
    expect(e.code).toBe("input:binary");
    expect(e.line).toBe(3);
  });

  it("refuses broken UTF-8 with the line where it breaks", () => {
    const bytes = Buffer.concat([Buffer.from("regel een\nregel twee\nkapot: "), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]);
    const e = caught(() => readSource(file("broken.txt", bytes)));
    expect(e.code).toBe("input:encoding");
    expect(e.line).toBe(3);
    expect(e.format()).toMatch(/broken\.txt:3: invalid UTF-8/);
  });

  it("refuses a missing file", () => {
    expect(caught(() => readSource(join(dir, "nope.txt"))).code).toBe("input:missing");
  });

  it("drops a byte-order mark and normalises CRLF", () => {
    expect(decodeSource(Buffer.from("\uFEFFhallo"), "x")).toBe("hallo");
    expect(splitSource("a\r\nb\r\n", "x.txt").lines.map((l) => l.text)).toEqual(["a", "b"]);
  });

  it("puts a note mark set off by a space at a line's end back against the sentence it closes", () => {
    // (pdftotext on LibreOffice's print: "… voorfinanciert. 8" / "Het Nationaal …")
    const src = splitSource("het huishouden de investering eerst zelf voorfinanciert. 8\nHet Nationaal Warmtefonds biedt leningen aan.\nzie p. 14\nDe tabel.\n", "x.txt");
    expect(src.lines.map((l) => l.text)).toEqual(["het huishouden de investering eerst zelf voorfinanciert.8", "Het Nationaal Warmtefonds biedt leningen aan.", "zie p. 14", "De tabel."]);
    // (not before a line in lower case: a number that goes on in the sentence)
    expect(splitSource("Het aantal steeg. 8\nprocent meer dan vorig jaar.\n", "x.txt").lines[0]!.text).toBe("Het aantal steeg. 8");
  });

  it("spells out a ligature an extraction gave as one character", () => {
    // (PDFBox 1.8 on a browser's print: "ﬁ" where the font drew the two letters as one glyph)
    const src = splitSource("De raad proﬁteert van ﬂexibele en eﬃciënte regels.\nﬁle:///tmp/advies.html 1/2\n", "x.txt");
    expect(src.lines.map((l) => l.text)).toEqual(["De raad profiteert van flexibele en efficiënte regels.", "file:///tmp/advies.html 1/2"]);
  });

  it("rights letters an extraction wrote with their bytes the wrong way round, beside Latin letters only", () => {
    // (Ghostscript's txtwrite over a TeX font's ligatures: U+6600 U+6900 for "fi")
    const src = splitSource("De raad pro\u6600\u6900teert van \u6600\u6C00exibele en e\u6600\u6600ectieve regels.\n\u4E2D\u6587\u6600\n", "x.txt");
    expect(src.lines.map((l) => l.text)).toEqual(["De raad profiteert van flexibele en effectieve regels.", "\u4E2D\u6587\u6600"]);
  });

  it("reads \"<\" and \"=\" as double quotes where a text opens words and closes them so, twice at least", () => {
    // (Ghostscript's txtwrite decodes a font's “ and ” so)
    const src = splitSource("Hofstede knikt. <Nu kunnen we niet meer zonder.= Ze lacht.\n<Voor straks,= zegt hij.\n", "x.txt");
    expect(src.lines.map((l) => l.text)).toEqual(["Hofstede knikt. “Nu kunnen we niet meer zonder.” Ze lacht.", "“Voor straks,” zegt hij."]);
    // (once is no habit; nor is a comparison or an address)
    const one = "Hofstede knikt. <Nu kunnen we niet meer zonder.= Ze lacht.\nIn 2024 was het aandeel < 5 procent, zie https://x.nl/?id=3 en a= b.\n";
    expect(splitSource(one, "x.txt").lines.map((l) => l.text)).toEqual(one.trim().split("\n"));
  });

  it("spells a hyphen printed as U+2010, or as a soft hyphen at a line's end, as a hyphen", () => {
    // (WeasyPrint breaks "gebouw‐" / "de omgeving" with U+2010; a soft hyphen shown at a break)
    const src = splitSource("in de gebouw\u2010\nde omgeving en de sociaal\u2011economische ver\u00AD \nhouding, on\u00ADzichtbaar\n", "x.txt");
    expect(src.lines.map((l) => l.text)).toEqual(["in de gebouw-", "de omgeving en de sociaal-economische ver- ", "houding, on\u00ADzichtbaar"]);
    expect(blockText(normalise(splitSource("De raad kijkt naar de woningen in de gebouw\u2010\nde omgeving.\n", "x.txt"), undefined, { kind: "report" }).children[0]!)).toBe("De raad kijkt naar de woningen in de gebouwde omgeving.");
  });

  it("puts a raised mark set on a line of its own back into its line, and keeps a page's number at its foot", () => {
    // (Apache PDFBox on a browser's print: the mark alone, the rest of its line after it with the space)
    const full = (k: number) => `regel ${k} van een alinea die de maat van de pagina vult, tot aan de rand van het blad`;
    const text = [full(1), "van de warmtetransitie.", "1", " De adviesaanvraag bevat drie vragen. Ten eerste: welke", full(2), full(3)].join("\n");
    const raw = splitSource(text, "x.txt");
    expect(raw.lines.map((l) => l.text)).toEqual([full(1), "van de warmtetransitie.1 De adviesaanvraag bevat drie vragen. Ten eerste: welke", full(2), full(3)]);
    // (each line keeps its number in the file: the mark's two lines are gone into line 2)
    expect(raw.lines.map((l) => l.line)).toEqual([1, 2, 5, 6]);
    expect(raw.convention).toBe("plain");
    // a page's number at its foot before a page that opens with one space: the lines around it
    // are two full lines, no one line broken by a mark
    const paged = splitSource([full(1), full(2), "27", ` ${full(3)}`, full(4)].join("\n"), "x.txt");
    expect(paged.lines.map((l) => l.text)).toEqual([full(1), full(2), "27", ` ${full(3)}`, full(4)]);
    expect(paged.convention).toBe("lead-space");
  });

  it("puts a mark that closed its printed line back at its end where the extraction shows the habit", () => {
    const full = (k: number) => `regel ${k} van een alinea die de maat van de pagina vult, tot aan de rand van het blad`;
    const lines = [full(1), "van de warmtetransitie.", "1", " De adviesaanvraag bevat drie vragen.", full(2), "verkoop grondig geïsoleerd.", "2", "De raad ziet dat de aanpak is verschoven.", full(3), "zouden zijn.", "3", " Dat tempo wordt niet gehaald.", full(4), "10"];
    const raw = splitSource(lines.join("\n"), "x.txt");
    expect(raw.lines.map((l) => l.text)).toEqual([
      full(1),
      "van de warmtetransitie.1 De adviesaanvraag bevat drie vragen.",
      full(2),
      "verkoop grondig geïsoleerd.2",
      "De raad ziet dat de aanpak is verschoven.",
      full(3),
      "zouden zijn.3 Dat tempo wordt niet gehaald.",
      full(4),
      // (no mark of the run: one more than the last would be 4; and no text after it)
      "10",
    ]);
    // without the habit (one mark set so), a lone number between two lines is left alone: a page's
    // number, a note's label
    const once = splitSource([full(1), "van de warmtetransitie.", "1", " De adviesaanvraag bevat drie vragen.", full(2), "verkoop grondig geïsoleerd.", "2", "De raad ziet dat de aanpak is verschoven."].join("\n"), "x.txt");
    expect(once.lines.map((l) => l.text)).toContain("2");
  });
});
