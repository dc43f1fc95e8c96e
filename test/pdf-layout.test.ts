/**
 * Lines from a page's text runs (pipeline/read/layout.ts), on synthetic pages:
 * what the PDF reader's layout path makes of rows, columns and raised labels.
 */
import { describe, expect, it } from "vitest";
import { layout } from "../pipeline/read/layout.ts";
import type { PdfPage, PdfRun } from "../pipeline/read/pdf.ts";
import { normaliseLayout } from "../pipeline/normalise/from-layout.ts";
import { blockText } from "./normalise-helpers.ts";

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

describe("a note mark after a sentence in a justified line", () => {
  it("keeps the mark and the words after a wide gap on the line's row, not on a row of the mark's own", () => {
    // Chromium sets a justified line word by word; the raised mark sorts before the line's words
    // (words 5 pt a letter, 7 pt apart; the mark right after "zijn.", the next word 7 pt on)
    const text = ["anderhalf", "miljoen", "woningen", "van", "het", "aardgas", "af", "zouden", "zijn."];
    const runs: PdfRun[] = [];
    let x = 68;
    for (const t of text) {
      runs.push({ text: t, x, y: 172.4, width: 5 * t.length, size: 11, font: "Serif", bold: false, italic: false });
      x += 5 * t.length + 7;
    }
    const mark = x - 7;
    runs.push({ text: "Dat", x: mark + 5.9 + 7, y: 172.4, width: 15, size: 11, font: "Serif", bold: false, italic: false });
    runs.push({ text: "2", x: mark, y: 168.1, width: 5.9, size: 9.2, font: "Serif", bold: false, italic: false });
    const lines = layout([{ number: 1, width: 595, height: 842, runs }]).lines;
    expect(lines.map((l) => l.text)).toEqual(["anderhalf miljoen woningen van het aardgas af zouden zijn.2 Dat"]);
  });
});

describe("a note mark at a line's end, raised towards the line above", () => {
  it("goes on its own line, not between the two lines", () => {
    // (Chromium sets the mark 4.3 pt above the baseline of an 11 pt line, the lines 16 pt apart:
    // the mark sorts before the line's words and reaches neither line by its baseline)
    const words = (texts: string[], y: number): PdfRun[] => {
      let x = 68;
      return texts.map((t) => {
        const r: PdfRun = { text: t, x, y, width: 5 * t.length, size: 11, font: "Serif", bold: false, italic: false };
        x += 5 * t.length + 5;
        return r;
      });
    };
    const above = words(["wat", "de", "bestaande", "gezondheidsverschillen", "tussen"], 100);
    const line = words(["inkomensgroepen", "vergroot."], 116);
    const end = line[1]!.x + line[1]!.width;
    const runs = [...above, ...line, { text: "7", x: end, y: 111.7, width: 5.9, size: 9.2, font: "Serif", bold: false, italic: false }];
    const lines = layout([{ number: 1, width: 595, height: 842, runs }]).lines;
    expect(lines.map((l) => l.text)).toEqual(["wat de bestaande gezondheidsverschillen tussen", "inkomensgroepen vergroot.7"]);
  });
});

describe("columns under a full-width head", () => {
  it("reads each column to its end when a heading gap in one column lines up with a box's margin in the other", () => {
    const col = (text: string, x: number, y: number): PdfRun => ({ ...run(text, x, y, 10), width: Math.min(text.length * 4.5, 289 - x) });
    const body = (x: number, y0: number, n: number): PdfRun[] => Array.from({ length: n }, (_, k) => col(`Regel ${x}-${k} van lopende tekst in deze kolom.`, x, y0 + k * 13));
    const page: PdfPage = {
      number: 1,
      width: 595,
      height: 842,
      runs: [
        run("Een kop over de hele breedte van de pagina", 62, 124, 22),
        run("De inleiding loopt over de hele breedte van de pagina en sluit de kop af.", 62, 172, 12),
        // left column: a heading, then a box 27 pt lower; right column: the end of a paragraph, then a heading 27 pt lower
        col("Kop in de linkerkolom", 62, 298),
        ...body(73, 325, 3),
        ...body(62, 399, 10),
        { ...run("leving: hogere zorguitgaven en lagere arbeidspar-", 307, 285, 10), width: 226 },
        run("ticipatie.", 307, 298, 10),
        run("Kop in de rechterkolom", 307, 325, 10),
        ...body(307, 338, 12).map((r) => ({ ...r, width: 226 })),
      ],
    };
    const texts = layout([page]).lines.map((l) => l.text);
    const at = (t: string): number => texts.findIndex((x) => x.startsWith(t));
    // the left column is read to its end before the right column begins
    expect(at("Kop in de linkerkolom")).toBeLessThan(at("leving:"));
    expect(at("Regel 62-9")).toBeLessThan(at("leving:"));
    expect(at("leving:")).toBe(at("ticipatie.") - 1);
    expect(at("ticipatie.")).toBe(at("Kop in de rechterkolom") - 1);
  });
});

describe("a note mark before the next word", () => {
  it("sets the space its smaller size left after a mark in a face of its own, before a word in capitals", () => {
    const text: PdfRun = { text: "op de uitvoeringsorganisaties.", x: 62, y: 456, width: 140, size: 10.5, font: "Serif", bold: false, italic: false };
    // the mark set in a smaller sans, and its space in that size: a gap of 0.15 of the text's size
    const mark: PdfRun = { text: "24", x: 202, y: 456, width: 7.8, size: 10.5, font: "Sans-SemiBold", bold: true, italic: false };
    const next: PdfRun = { text: "De last voor burgers is", x: 211.3, y: 456, width: 110, size: 10.5, font: "Serif", bold: false, italic: false };
    const page: PdfPage = { number: 1, width: 595, height: 842, runs: [text, mark, next] };
    expect(layout([page]).lines[0]?.text).toBe("op de uitvoeringsorganisaties.24 De last voor burgers is");
    // a number in the text's own face before a word goes on as the gap says
    const own: PdfPage = { ...page, runs: [text, { ...mark, font: "Serif", bold: false }, next] };
    expect(layout([own]).lines[0]?.text).toBe("op de uitvoeringsorganisaties.24De last voor burgers is");
  });
});

describe("headings a little smaller than the body", () => {
  it("takes a bold line that opens with a section number for a heading, not other bold lines of that size", () => {
    const l = (text: string, y: number, size = 11, bold = false): PdfRun => ({ text, x: 81, y, width: bold ? 90 : 433, size, font: bold ? "TeXGyreHeros-Bold" : "TeXGyrePagella-Regular", bold, italic: false });
    const body = (y0: number): PdfRun[] => Array.from({ length: 4 }, (_, k) => l(`Het ziekteverzuim in de langdurige zorg is structureel hoger dan gemiddeld, regel ${k}`, y0 + k * 13.5));
    const runs = [l("2.2 Verzuim en arbeidsongeschiktheid", 100, 10.8, true), ...body(130), l("2.2.1 Ziekteverzuim", 210, 9.8, true), ...body(240), l("Let op: cijfers over 2024", 320, 9.8, true), ...body(350)];
    const doc = normaliseLayout(layout([{ number: 1, width: 595, height: 842, runs }]), { file: "t.pdf", slug: "t" }, undefined, { kind: "report" });
    expect(doc.children.map((b) => `${b.type} ${blockText(b).slice(0, 19)}`)).toEqual([
      "heading Verzuim en arbeidso",
      "paragraph Het ziekteverzuim i",
      "heading Ziekteverzuim",
      "paragraph Het ziekteverzuim i",
      "paragraph Let op: cijfers ove",
      "paragraph Het ziekteverzuim i",
    ]);
  });
});

describe("paragraphs from indents", () => {
  const line = (text: string, x: number, y: number, width = 460 - (x - 62), size = 10): PdfRun => ({ text, x, y, width, size, font: "Serif", bold: false, italic: false });
  const paras = (runs: PdfRun[]): string[] =>
    normaliseLayout(layout([{ number: 1, width: 595, height: 842, runs }]), { file: "t.pdf", slug: "t" }, undefined, { kind: "report" })
      .children.map((b) => `${b.type} ${blockText(b).slice(0, 20)}`);
  // the body at x 62 to 522: full lines, the second paragraph opened by a first-line indent
  const body = [
    line("Dit is de eerste alinea van de tekst, met regels die tot de rechterkant van de kolom lopen,", 62, 100),
    line("en een laatste regel die kort is.", 62, 113, 150),
    line("Een tweede alinea opent met een ingesprongen regel die ook tot de rechterkant van de kolom", 74, 126),
    line("loopt, en die met een volle regel verder gaat tot de rechterkant van de kolom waar die eindigt", 62, 139),
    line("en een korte laatste regel.", 62, 152, 120),
  ];
  // a box in a smaller size whose paragraphs hang: the lines after the first set in
  const box = (x: number, y: number, texts: string[], last: number): PdfRun[] =>
    texts.map((t, k) => line(t, k === 0 ? x : x + 8, y + 12 * k, k === texts.length - 1 ? last : 460 - (k === 0 ? 0 : 8), 9));

  it("takes a run of one-line items, each opened by the same dash at the same place, for a list", () => {
    const dashes = [
      ...body.slice(0, 2),
      line("– een verplichte kredietwaardigheidstoets, ook bij kleine bedragen", 62, 126, 300),
      line("– registratie van alle betalingsachterstanden bij het Bureau Krediet Registratie", 62, 139, 360),
      line("– begrenzing van de aanmaningskosten", 62, 152, 170),
      line("Volgens de raad hoeven webwinkels en andere ondernemers hier niet onder te lijden, zegt", 62, 165),
      line("de voorzitter van de commissie.", 62, 178, 140),
    ];
    expect(paras(dashes)).toEqual(["paragraph Dit is de eerste ali", "list een verplichte kredi", "paragraph Volgens de raad hoev"]);
    // (one such line alone is no list)
    expect(paras([...dashes.slice(0, 3), ...dashes.slice(5)]).some((p) => p.startsWith("list"))).toBe(false);
  });

  it("takes a line opened by a bullet close before its text for an item, its next lines hanging at the text", () => {
    // (WeasyPrint: the bullet a quarter of an em before the text, in the line's own run)
    const bullets = [
      ...body.slice(0, 2),
      line("•", 86, 126, 3.5),
      line("Eigenaar-bewoners met een hoger inkomen kunnen investeren en profiteren van subsidies", 92.3, 126),
      line("en een lagere energierekening.", 92.3, 139, 150),
      line("•", 86, 152, 3.5),
      line("Huurders zijn afhankelijk van de keuzes van hun verhuurder.", 92.3, 152, 300),
      line("Volgens de raad vraagt dat om een eigen aanpak voor elk van deze groepen huishoudens, zegt", 62, 165),
      line("de voorzitter van de commissie.", 62, 178, 140),
    ];
    expect(paras(bullets)).toEqual(["paragraph Dit is de eerste ali", "list Eigenaar-bewoners me", "paragraph Volgens de raad vraa"]);
    const list = normaliseLayout(layout([{ number: 1, width: 595, height: 842, runs: bullets }]), { file: "t.pdf", slug: "t" }, undefined, { kind: "report" }).children[1]!;
    expect(list.type === "list" ? list.children.map(blockText) : []).toEqual([
      "Eigenaar-bewoners met een hoger inkomen kunnen investeren en profiteren van subsidies en een lagere energierekening.",
      "Huurders zijn afhankelijk van de keuzes van hun verhuurder.",
    ]);
  });

  it("keeps a letter that numbers an item as the first word of its text, in a list without numbers", () => {
    const doc = (runs: PdfRun[]) => normaliseLayout(layout([{ number: 1, width: 595, height: 842, runs }]), { file: "t.pdf", slug: "t" }, undefined, { kind: "report" });
    const lettered = (a: string, b: string): PdfRun[] => [
      ...body.slice(0, 2),
      line(`${a} Stel een landelijk loket in waar ondernemers terechtkunnen met vragen over de`, 62, 126),
      line("netcongestie en hun positie in de wachtrij.", 76, 139, 200),
      line(`${b} Verplicht netbeheerders om ondernemers op de wachtlijst te informeren over hun`, 62, 152),
      line("positie en de verwachte wachttijd.", 76, 165, 160),
    ];
    const items = (d: ReturnType<typeof doc>) => {
      const list = d.children.find((b) => b.type === "list");
      return list?.type === "list" ? { ordered: list.ordered, texts: list.children.map((i) => blockText(i).slice(0, 12)) } : undefined;
    };
    expect(items(doc(lettered("a.", "b.")))).toEqual({ ordered: false, texts: ["a. Stel een ", "b. Verplicht"] });
    // (numbers number the list)
    expect(items(doc(lettered("1.", "2.")))).toEqual({ ordered: true, texts: ["Stel een lan", "Verplicht ne"] });
  });

  it("opens a paragraph at a first-line indent", () => {
    expect(paras(body)).toEqual(["paragraph Dit is de eerste ali", "paragraph Een tweede alinea op"]);
  });

  it("goes on after a word broken at the line end, and over a hanging indent", () => {
    const cv = [
      ...box(62, 200, ["Ernst-Jan de Bruijn is hoogleraar Economie en onderzoeker, en daarnaast is hij post-", "doctoraal onderzoeker aan de Universiteit Leiden."], 200),
      ...box(62, 240, ["Floor Milikowski is sociaal geograaf, auteur en columnist, met een regel tot de rand", "en verder op een ingesprongen regel die eveneens tot de rechterkant van de kolom loopt", "en dan kort eindigt."], 90),
    ];
    expect(paras([...body, ...cv]).slice(2)).toEqual(["paragraph Ernst-Jan de Bruijn ", "paragraph Floor Milikowski is "]);
  });

  it("ends a paragraph with a hanging indent where a line stands back at its first line's place, and takes a set-in last line as the one before hung", () => {
    const cv = [
      ...box(62, 200, ["Ruud van Soelen is teamleider Internationaal Maatschappelijk Verantwoord Ondernemen", "bij de Sociaal-Economische Raad in Den Haag, met een regel die tot de rechterkant loopt", "en nog een volle regel die eveneens tot de rechterkant van de kolom loopt en daar eindigt"], 452),
      ...box(62, 236, ["Vivian Vaessen is Policy Adviser International Affairs bij de vakbond in het hele land", "FNV"], 20),
    ];
    expect(paras([...body, ...cv]).slice(-2)).toEqual(["paragraph Ruud van Soelen is t", "paragraph Vivian Vaessen is Po"]);
  });

  it("takes two entries of two lines, each with its last line set in, for two paragraphs with a hanging indent", () => {
    const cv = [
      ...box(62, 200, ["Ruud van Soelen is teamleider Internationaal Maatschappelijk Verantwoord Ondernemen", "bij de SER"], 60),
      ...box(62, 224, ["Vivian Vaessen is Policy Adviser International Affairs bij de vakbond in het hele land", "FNV"], 20),
    ];
    expect(paras([...body, ...cv]).slice(-2)).toEqual(["paragraph Ruud van Soelen is t", "paragraph Vivian Vaessen is Po"]);
  });

  it("opens a paragraph at a first-line indent on the top line of a page, after a full line ending the page before", () => {
    const page1 = [...body, line("Een derde alinea die tot de onderkant van de pagina loopt, met een volle laatste regel.", 74, 165), line("En die eindigt met een volle regel aan de voet van de pagina, tot de rechterkant van de kolom.", 62, 178)];
    const page2 = [line("Een vierde alinea begint bovenaan de volgende pagina met een ingesprongen eerste regel die", 74, 100), line("verder loopt tot de rechterkant van de kolom en dan eindigt met een korte regel.", 62, 113, 300)];
    const doc = normaliseLayout(layout([{ number: 1, width: 595, height: 842, runs: page1 }, { number: 2, width: 595, height: 842, runs: page2 }]), { file: "t.pdf", slug: "t" }, undefined, { kind: "report" });
    expect(doc.children.map((b) => blockText(b).slice(0, 20))).toEqual(["Dit is de eerste ali", "Een tweede alinea op", "Een derde alinea die", "Een vierde alinea be"]);
  });

  it("takes a one-line paragraph and the indented first line of the next for paragraphs, not a list", () => {
    const runs = [
      ...body,
      line("1984 1989-2002 2003 2007-2010 2014", 74, 165, 160),
      line("Rapport van de raad over de verschillen, met een eerste regel die tot de rechterkant loopt", 74, 178),
      line("en verder gaat aan de linkerkant van de kolom met een volle regel tot de rechterkant van de", 62, 191),
      line("kolom en een korte laatste regel.", 62, 204, 140),
    ];
    expect(paras(runs).slice(2)).toEqual(["paragraph 1984 1989-2002 2003 ", "paragraph Rapport van de raad "]);
  });
});

/** Lines of 10 pt text stacked down an A4 page from y 100, 13 pt apart: [text, x, width]. */
type Stacked = [string, number, number];
function stackedPage(number: number, ls: Stacked[]): PdfPage {
  return { number, width: 595, height: 842, runs: ls.map(([text, x, width], k) => ({ text, x, y: 100 + 13 * k, width, size: 10, font: "Serif", bold: false, italic: false })) };
}
/** The blocks the layout path makes of these pages (a report). */
const blocksOf = (pages: PdfPage[]) => normaliseLayout(layout(pages), { file: "t.pdf", slug: "t" }, undefined, { kind: "report" }).children;

describe("lists whose bullets are not text (drawn as shapes)", () => {
  const items = (pages: PdfPage[]): string[] => {
    const list = blocksOf(pages).find((b) => b.type === "list");
    return list && "children" in list ? (list.children as Parameters<typeof blockText>[0][]).map((i) => blockText(i).slice(0, 13)) : [];
  };
  // body text at the column's edge, x 62 to 522
  const text = (n: number, what: string): Stacked[] => [...Array(n).keys()].map((k) => [`Regel ${k} van ${what}, een gewone alinea aan de linkerkant van de kolom tot de rechterkant`, 62, 460]);
  const leadIn: Stacked[] = [["Een alinea aan de linkerkant van de kolom die tot de rechterkant loopt, en de raad", 62, 460], ["doet de volgende aanbevelingen:", 62, 200]];
  // an item set in at x 80: a full line and a short last line
  const item = (k: number): Stacked[] => [[`Aanbeveling ${k} van de raad, met een eerste regel die tot de rechterkant van de kolom`, 80, 442], ["doorloopt en een korte laatste regel.", 80, 180]];

  it("takes indented lines after a lead-in for a list on a page that is mostly that list (pages of that side set the column's edge)", () => {
    const pages = [stackedPage(1, text(12, "de eerste pagina")), stackedPage(2, text(12, "de tweede pagina")), stackedPage(3, [...leadIn, ...[1, 2, 3, 4, 5].flatMap(item)])];
    expect(items(pages)).toEqual(["Aanbeveling 1", "Aanbeveling 2", "Aanbeveling 3", "Aanbeveling 4", "Aanbeveling 5"]);
  });

  it("takes them for a list in a one-page document that is mostly that list: the edge is where the lead-in's full lines start", () => {
    const lead: Stacked[] = [...text(3, "de inleiding"), ["en de raad doet daarom de volgende aanbevelingen:", 62, 250]];
    expect(items([stackedPage(1, [...lead, ...[1, 2, 3, 4, 5].flatMap(item)])])).toEqual(["Aanbeveling 1", "Aanbeveling 2", "Aanbeveling 3", "Aanbeveling 4", "Aanbeveling 5"]);
  });

  it("takes short indented lines for items where the lead-in ends on a colon, and not where it does not", () => {
    const short: Stacked[] = [["Een bovenlaag (15%)", 80, 110], ["Jonge kansrijken (13%)", 80, 125], ["Werkende middengroep (27%)", 80, 150]];
    const after = text(4, "het vervolg");
    expect(items([stackedPage(1, [...text(6, "de inleiding"), ...leadIn, ...short, ...after])])).toEqual(["Een bovenlaag", "Jonge kansrij", "Werkende midd"]);
    // (set in after a sentence: an address, a quotation; no list)
    const plain: Stacked[] = [["Een alinea aan de linkerkant van de kolom die tot de rechterkant loopt, en de raad", 62, 460], ["schrijft aan het adres hieronder.", 62, 200]];
    expect(items([stackedPage(1, [...text(6, "de inleiding"), ...plain, ...short, ...after])])).toEqual([]);
  });

  it("takes indented lines at the top of a page for a list where the lead-in at the foot of the page before ends on a colon", () => {
    const pages = [stackedPage(1, [...text(12, "de eerste pagina"), ...leadIn]), stackedPage(2, [...item(1), ...item(2), ...item(3), ...text(6, "de tweede pagina")])];
    expect(items(pages)).toEqual(["Aanbeveling 1", "Aanbeveling 2", "Aanbeveling 3"]);
    // (not after a page that ends in a sentence: set in at the top of a page, that is a quotation)
    const ended: Stacked[] = [["Een alinea aan de linkerkant van de kolom die tot de rechterkant loopt, en de raad", 62, 460], ["doet de volgende aanbevelingen.", 62, 200]];
    expect(items([stackedPage(1, [...text(12, "de eerste pagina"), ...ended]), stackedPage(2, [...item(1), ...item(2), ...item(3), ...text(6, "de tweede pagina")])])).toEqual([]);
  });

  it("takes three short lines or more set in under a heading for a list, and not a quotation that fills its lines", () => {
    const heading = (page: PdfPage): PdfPage => ({ ...page, runs: page.runs.map((r) => (r.text === "Feiten en cijfers" ? { ...r, size: 13, bold: true } : r)) });
    const short: Stacked[] = [["Containeroverslag: 14,1 miljoen TEU", 80, 170], ["Aandeel containers via volautomatische terminals: 62%", 80, 250], ["Gemiddelde leeftijd van een havenwerker: 47 jaar", 80, 230]];
    const page = (under: Stacked[]): PdfPage => heading(stackedPage(1, [...text(6, "de inleiding"), ["Feiten en cijfers", 62, 100], ...under, ...text(4, "het vervolg")]));
    expect(items([page(short)])).toEqual(["Containerover", "Aandeel conta", "Gemiddelde le"]);
    // (each line an item, also where the next line's first word would not have fitted after it)
    const long: Stacked = ["Overslag in de Rotterdamse haven in 2025: 437 miljoen ton, vooral containers", 80, 400];
    expect(items([page([long, ...short])])).toEqual(["Overslag in d", "Containerover", "Aandeel conta", "Gemiddelde le"]);
    // (a quotation set in under a heading fills its lines to the edge)
    const quote: Stacked[] = [["“Een citaat dat is ingesprongen onder het kopje en dat tot de rechterkant van de kolom", 80, 442], ["doorloopt, met een tweede regel die ook tot de rechterkant van de kolom doorloopt", 80, 442], ["en een korte laatste regel.”", 80, 150]];
    expect(items([page(quote)])).toEqual([]);
    // (two lines are no list)
    expect(items([page(short.slice(0, 2))])).toEqual([]);
  });

  it("goes on with a list of short lines at the top of the next page, at the same indent", () => {
    const short: Stacked[] = [["UWV informeert de commissie (december)", 80, 220], ["de zzp-verzekering wordt opnieuw geagendeerd", 80, 250], ["de secretaris doet een voorstel", 80, 180]];
    const pages = [stackedPage(1, [...text(6, "de eerste pagina"), ...leadIn, ...item(1)]), stackedPage(2, [...short, ...text(6, "de tweede pagina")])];
    expect(items(pages)).toEqual(["Aanbeveling 1", "UWV informeer", "de zzp-verzek", "de secretaris"]);
    // (also on a last page with one line of text at the column's edge under the list: the edge
    // of that side's pages)
    const last = [stackedPage(1, text(12, "de eerste pagina")), stackedPage(2, [...text(6, "de tweede pagina"), ...leadIn, ...item(1)]), stackedPage(3, [...short, ["De voorzitter sluit de vergadering en dankt de leden voor hun bijdrage aan de bespreking", 62, 460], ["van vandaag.", 62, 60]])];
    expect(items(last)).toEqual(["Aanbeveling 1", "UWV informeer", "de zzp-verzek", "de secretaris"]);
  });

  it("goes on with such a list at the top of the next page, at the same indent", () => {
    const pages = [stackedPage(1, [...text(6, "de eerste pagina"), ...leadIn, ...item(1)]), stackedPage(2, [...item(2), ...item(3), ...text(6, "de tweede pagina")])];
    expect(items(pages)).toEqual(["Aanbeveling 1", "Aanbeveling 2", "Aanbeveling 3"]);
  });
});

describe("justified text", () => {
  type L = [string, number];
  // lines stacked from x 62: [text, width]; a width of 460 reaches the edge at 522
  const paras = (ls: L[]): string[] => blocksOf([stackedPage(1, ls.map(([text, width]): Stacked => [text, 62, width]))]).map((b) => blockText(b).slice(0, 24));
  const full = (k: number, end = "en"): L => [`Regel ${k} van een alinea die uitgevuld is tot de rechterkant van de kolom ${end}`, 460];
  const lines = (from: number, n: number): L[] => [...Array(n).keys()].map((k) => full(from + k));
  // a last line that ends 8 pt short of the edge: the next line's long first word would not have fitted there
  const nearlyFull: L = ["en deze laatste regel van de alinea eindigt net voor de rechterkant van de kolom.", 452];
  const next: L[] = [["Arbeidsmarktdiscriminatiebestrijding is het onderwerp van de volgende alinea, die", 460], ["kort eindigt.", 80]];

  it("ends a paragraph at a line short of the edge where every other line reaches it", () => {
    expect(paras([...lines(0, 12), nearlyFull, ...next, ...lines(20, 12), ["kort.", 40]])).toEqual(["Regel 0 van een alinea d", "Arbeidsmarktdiscriminati", "Regel 20 van een alinea "]);
  });

  it("does not where the text is not set strictly: a line that breaks a word ends short of the edge", () => {
    const loose: L = ["Regel met een woord dat aan het eind van de regel wordt afgebroken, zoals ge-", 450];
    // (the line after "verder." would have fitted there: a paragraph ends; the nearly full line does not end one)
    expect(paras([...lines(0, 12), loose, ["zondheid, en verder.", 100], ...lines(40, 10), nearlyFull, ...next])).toEqual(["Regel 0 van een alinea d", "Regel 40 van een alinea "]);
  });
});

describe("running heads of a two-sided layout", () => {
  // body lines of their own text on each page, a head at y 40 in the top band
  const body = (page: number): PdfRun[] =>
    Array.from({ length: 20 }, (_, k) => run(`Regel ${k + 1} van bladzijde ${page}, lopende tekst die tot de rechterrand van de kolom loopt.`, 70, 90 + k * 14, 10));
  const pages: PdfPage[] = [
    { number: 1, width: 595, height: 842, runs: [run("Bij de tijd blijven", 70, 60, 16), ...body(1), run("1", 295, 800, 10)] },
    { number: 2, width: 595, height: 842, runs: [run("2", 70, 40, 9), run("Bij de tijd blijven", 95, 40, 9), ...body(2)] },
    { number: 3, width: 595, height: 842, runs: [run("3 Belemmeringen", 420, 40, 9), run("3", 520, 40, 9), ...body(3)] },
    { number: 4, width: 595, height: 842, runs: [run("4", 70, 40, 9), run("Bij de tijd blijven", 95, 40, 9), ...body(4)] },
    { number: 5, width: 595, height: 842, runs: [run("5 Aanbevelingen", 400, 40, 9), run("5", 520, 40, 9), ...body(5)] },
  ];

  it("leaves out an odd page's head, the current section's heading beside the page's number, which changes from page to page", () => {
    const lay = layout(pages);
    expect(lay.lines.map((l) => l.text)).not.toContain("3 Belemmeringen");
    expect(lay.lines.map((l) => l.text)).not.toContain("5 Aanbevelingen");
    expect(lay.furniture.map((f) => f.text)).toEqual(expect.arrayContaining(["3 Belemmeringen", "5 Aanbevelingen", "2 Bij de tijd blijven"]));
    // (the title on page 1 stays: no number stands beside it)
    expect(lay.lines[0]?.text).toBe("Bij de tijd blijven");
  });

  it("leaves out a head that carries the page's own number at its end in one segment, on a page of its own kind", () => {
    const one = [pages[0]!, { ...pages[1]!, runs: [run("Belemmeringen 2", 440, 40, 9), ...body(2)] }];
    expect(layout(one).lines.map((l) => l.text)).not.toContain("Belemmeringen 2");
  });
});

describe("a table of contents", () => {
  // entries at x 62, their page numbers at the right edge (x 515); a body page after it
  const entry = (text: string, y: number, page: string): PdfRun[] => [run(text, 62, y, 10), run(page, 515, y, 10)];
  const body = (n: number, y0: number): PdfRun[] => Array.from({ length: n }, (_, k) => run(`Regel ${k} van een gewone alinea aan de linkerkant van de kolom die tot de rechterkant loopt`, 62, y0 + 13 * k, 10));
  const contents: PdfPage = {
    number: 1,
    width: 595,
    height: 842,
    runs: [
      run("Inhoudsopgave", 62, 100, 14),
      ...entry("1 Inleiding . . . . . . . . . . . . . . . . . . . . . . . . . .", 130, "1"),
      // an entry that wraps: its first row has no page number
      run("2 Wat werkt er in de praktijk en waar lopen coaches tegen de grenzen van hun", 62, 143, 10),
      ...entry("mogelijkheden aan? . . . . . . . . . . . . . . . . . . . . . .", 156, "2"),
      // an entry that fills its row: no leader, its number joined to its text
      run("3 Regionale verschillen in bereik, financiering en organisatie van de coaching 3", 62, 169, 10),
      ...entry("4 Aanbevelingen . . . . . . . . . . . . . . . . . . . . . . . .", 182, "4"),
      run("Pagina i", 500, 800, 8),
    ],
  };
  const text: PdfPage = { number: 2, width: 595, height: 842, runs: [run("1 Inleiding", 62, 100, 14), ...body(12, 130), run("Pagina 1", 500, 800, 8)] };
  const more: PdfPage = { number: 3, width: 595, height: 842, runs: [...body(14, 100), run("Pagina 2", 500, 800, 8)] };
  it("leaves out a last entry that fills its row, its number joined to its text, under the entries", () => {
    const last = "5 Conclusies en aanbevelingen voor het beleid van gemeenten en corporaties in de jaren na 2027 4";
    const page: PdfPage = { ...contents, runs: [...contents.runs.filter((r) => r.text !== "Pagina i"), run(last, 62, 195, 10)] };
    expect(last.length * 10 * 0.45 + 62).toBeGreaterThan(490);
    const l = layout([page, text, more]);
    expect(l.lines.filter((x) => x.page === 1).map((x) => x.text)).toEqual([]);
  });
  it("leaves out two entries under its heading, and leaves two such rows without a heading as they are", () => {
    const short = (headed: boolean): PdfPage => ({
      number: 1,
      width: 595,
      height: 842,
      runs: [...(headed ? [run("Inhoudsopgave", 62, 100, 14)] : []), ...entry("1 Inleiding . . . . . . . . . . . . . . . . . . . . . . . . . .", 130, "1"), ...entry("4 Aanbevelingen . . . . . . . . . . . . . . . . . . . . . . . .", 143, "2")],
    });
    expect(layout([short(true), text, more]).lines.filter((x) => x.page === 1)).toEqual([]);
    expect(layout([short(false), text, more]).lines.filter((x) => x.page === 1 && /\p{L}/u.test(x.text)).map((x) => x.text.slice(0, 11))).toEqual(["1 Inleiding", "4 Aanbeveli"]);
  });
  it("leaves out its entries, the rows between them and its heading, and a page number in roman numerals at the foot", () => {
    const l = layout([contents, text, more]);
    expect(l.lines.filter((x) => x.page === 1).map((x) => x.text)).toEqual([]);
    expect(l.furniture.filter((f) => f.why === "contents").map((f) => f.text)).toEqual(expect.arrayContaining(["Inhoudsopgave", "2 Wat werkt er in de praktijk en waar lopen coaches tegen de grenzen van hun"]));
    expect(l.furniture.find((f) => f.text === "Pagina i")?.why).toBe("page number");
  });
});

describe("notes at the foot of a page", () => {
  // body text at x 62 in 10 pt, its notes in 8 pt under it: a note's first line opens with its
  // number set in at x 74, the lines after it go on at the margin, x 62
  const page = (notes: [string, number][]): PdfPage => ({
    number: 1,
    width: 595,
    height: 842,
    runs: [
      ...[...Array(8).keys()].map((k) => ({ text: `Regel ${k} van de tekst, een gewone alinea aan de linkerkant van de kolom tot de rechterkant${k === 7 ? ".6 En verder.7" : ""}`, x: 62, y: 100 + 13 * k, width: 460, size: 10, font: "Serif", bold: false, italic: false })),
      ...notes.map(([text, x], k) => ({ text, x, y: 700 + 10 * k, width: 460 - (x - 62), size: 8, font: "Serif", bold: false, italic: false })),
    ],
  });
  const notesOf = (p: PdfPage): string[] =>
    normaliseLayout(layout([p]), { file: "t.pdf", slug: "t" }, undefined, { kind: "report" }).notes.map((n) => `${n.label} ${blockText({ type: "paragraph", children: n.children } as Parameters<typeof blockText>[0])}`);

  it("goes on with a note at a line that opens with a number at the margin, left of the labels' place", () => {
    const notes: [string, number][] = [
      ["6 Een inventarisatie door MantelzorgNL telde in 2025 meer dan", 74],
      ["40 landelijke en regionale websites met informatie voor mantelzorgers.", 62],
      ["7 Zie bijvoorbeeld de handreiking voor werkgevers.", 74],
    ];
    expect(notesOf(page(notes))).toEqual(["6 Een inventarisatie door MantelzorgNL telde in 2025 meer dan 40 landelijke en regionale websites met informatie voor mantelzorgers.", "7 Zie bijvoorbeeld de handreiking voor werkgevers."]);
    // (at the labels' place, a number the notes could not have come to goes on with the note too)
    const atPlace = notes.map(([t, x]): [string, number] => [t, t.startsWith("40") ? 74 : x]);
    expect(notesOf(page(atPlace))[0]).toMatch(/meer dan 40 landelijke/);
  });
});
