/**
 * Page furniture of a two-sided layout, pages parted by form feeds (pipeline/normalise/furniture.ts):
 * even pages carry the page's number and the short title, odd pages the current section's
 * heading and the page's number, so the odd pages' heads change with the section and the even
 * pages' head may stand on one page only; page 1 prints the full title and its number in the foot.
 */
import { describe, expect, it } from "vitest";
import { normalise } from "../pipeline/normalise/index.ts";
import { splitSource } from "../pipeline/read/read-source.ts";
import { blockText, inlineText } from "./normalise-helpers.ts";

/** Paragraphs of their own words: what repeats from page to page is furniture. */
const PARAS = [
  ["Werkgevers investeren minder in de scholing van oudere werknemers dan in die van jongere", "collega's, zo blijkt uit de enquête die het secretariaat dit voorjaar hield."],
  ["De groep van 55 jaar en ouder is allesbehalve homogeen: opleiding en beroep verklaren de", "verschillen beter dan leeftijd, en de sector maakt ook uit."],
  ["Aan digitale cursussen is geen gebrek, maar veel aanbod is generiek en vindt plaats buiten", "het werk, wat voor wie weinig tijd heeft een drempel is."],
  ["Digitale coaches op de werkvloer helpen collega's in kleine groepen of een voor een, met", "ruimte om te oefenen met de systemen die zij dagelijks gebruiken."],
  ["Gemeenten en regionale mobiliteitsteams kunnen werkenden wijzen op het aanbod dat er is", "en op de regelingen waarmee zij een opleiding kunnen betalen."],
  ["In de zorg en de detailhandel ging de digitalisering pas de laatste tien jaar snel, en daar", "werken relatief veel oudere werknemers met een mbo-opleiding."],
  ["Sociale partners kunnen in cao's afspraken maken over een ontwikkelbudget dat ook voor", "korte, praktijkgerichte trainingen op het werk kan worden ingezet."],
];
const para = (k: number): string[] => PARAS[k % PARAS.length]!;

const doc = (pages: string[][], kind: "report" | "magazine" = "report") =>
  normalise(splitSource(pages.map((p) => p.join("\n")).join("\n\f") + "\n\f", "t.txt"), undefined, { kind });
const removed = (d: ReturnType<typeof doc>): string[] =>
  d.diagnostics.filter((x) => x.code === "normalise:running-head" || x.code === "normalise:page-number").map((x) => /"(.*)"/.exec(x.message)![1]!);
const text = (d: ReturnType<typeof doc>): string => d.children.map(blockText).join("\n");

describe("running heads of a two-sided layout", () => {
  it("takes a page's first line that repeats the current section's heading, the page's number after it, for the head", () => {
    const d = doc([
      ["Bij de tijd blijven", "1 Inleiding", ...para(1), "2 Belemmeringen", ...para(2), "1"],
      ["2 Bij de tijd blijven", ...para(3), ...para(4)],
      ["2 Belemmeringen 3", ...para(5), "3 Aanbevelingen", ...para(6)],
    ]);
    expect(removed(d)).toContain("2 Belemmeringen 3");
    expect(d.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["Bij de tijd blijven", "1 Inleiding", "2 Belemmeringen", "3 Aanbevelingen"]);
  });

  it("takes an even page's head that stands on one page only for the head where it repeats the title, or where the text goes on under it in lower case", () => {
    const d = doc([
      ["Werk aan de kade", ...para(1), "De ploegleider vertelt dat het werk zwaar is, maar dat hij", "1"],
      ["2 Werk aan de kade", "het meteen geweldig vond. Je ziet schepen uit de hele wereld.", ...para(2)],
      ["Werk aan de kade 3", ...para(3)],
    ], "magazine");
    expect(removed(d)).toContain("2 Werk aan de kade");
    expect(text(d)).toContain("maar dat hij het meteen geweldig vond.");
    // (pdftotext's default mode: the number on a line of its own, the words under it)
    const apart = doc([
      ["Bij de tijd blijven: digitale vaardigheden", ...para(1), "1"],
      ["2", "", "Digitale vaardigheden", "", ...para(2)],
      ["Aanbevelingen 3", ...para(3)],
    ]);
    expect(removed(apart)).toEqual(expect.arrayContaining(["2", "Digitale vaardigheden"]));
  });

  it("leaves a numbered heading at the top of a page, its last words the title's, where neither the title nor the text under it tells a head", () => {
    const d = doc([
      ["Werk aan de kade", ...para(1), "1"],
      ["2 Krapte op de kade", ...para(2), "2"],
      [...para(3), "3"],
    ]);
    expect(d.children.filter((b) => b.type === "heading").map(blockText)).toContain("2 Krapte op de kade");
  });

  it("keeps the full title on page 1, whose last words the running heads repeat", () => {
    const d = doc([
      ["Bij de tijd blijven: digitale vaardigheden van oudere werkenden", "1 Inleiding", ...para(1), "1"],
      ["2 Digitale vaardigheden van oudere werkenden", ...para(2)],
      ["Inleiding 3", ...para(3)],
      ["4 Digitale vaardigheden van oudere werkenden", ...para(4)],
    ]);
    expect(blockText(d.children[0]!)).toBe("Bij de tijd blijven: digitale vaardigheden van oudere werkenden");
    expect(removed(d)).toEqual(expect.arrayContaining(["2 Digitale vaardigheden van oudere werkenden", "4 Digitale vaardigheden van oudere werkenden"]));
  });

  it("takes one number an edge for the page's number: the same number again further in is a note's label", () => {
    // (pdftotext's default mode: note 2's label under its text, then the page's number, both "2")
    const d = doc([
      [...para(1), "1"],
      [...para(2).slice(0, 1), "collega's, zo blijkt uit de enquête die het secretariaat dit voorjaar hield.2", "Zie de enquête onder werkgevers, voorjaar 2026.", "2", "", "2"],
      [...para(3), "3"],
    ]);
    expect(removed(d)).toEqual(["1", "2", "3"]);
  });

  it("takes a number alone at a page's foot, the note's text after it, for the note's label, not the page's number", () => {
    // (the page's number stands in its head; the note's number happens to be the page's)
    const d = doc([
      ["Bij de tijd blijven", ...para(1), "Het verschil is groot.1", "1", "Zie: CBS (2025), Statline.", "1"],
      ["2 Bij de tijd blijven", ...para(2), "Dat blijkt uit onderzoek.2", "2", "Zie: OECD (2024), Survey of Adult Skills,", "Parijs."],
      ["Onderzoek 3", ...para(3)],
    ]);
    expect(d.notes.map((n) => inlineText(n.children))).toEqual(["Zie: CBS (2025), Statline.", "Zie: OECD (2024), Survey of Adult Skills, Parijs."]);
  });
  it("reads no step of the page numbers from notes' labels alone on their lines at the pages' feet", () => {
    // (labels 2, 3, 4 at the feet of pages 1, 2, 3 keep a step of their own, 1: the head's number
    // is the page's)
    const d = doc([
      ["Personeel in de zorg", ...para(1), "Het tekort groeit.1 Dat zegt de sector.2", "1", "Zie: CBS (2025), Statline.", "2", "Zie: CPB (2024), Zorgen om morgen.", "1"],
      ["2 Personeel in de zorg", ...para(2), "Dat blijkt uit de cijfers.3", "3", "Zie: UWV (2024), Kwantitatieve informatie."],
      ["3 Scenario's tot 2035 3", "3 Scenario's tot 2035", ...para(3), "Zo meldt de branche.4", "4", "Zie: ActiZ (2025), Monitor."],
      ["4 Personeel in de zorg", ...para(4)],
    ]);
    expect(removed(d)).toContain("3 Scenario's tot 2035 3");
    expect(d.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["Personeel in de zorg", "3 Scenario's tot 2035"]);
    expect(d.notes).toHaveLength(4);
  });
});

describe("page numbers in roman numerals", () => {
  it("takes a foot's page number in roman numerals, on the pages before the text, for furniture as it takes the arabic ones", () => {
    const d = doc([
      ["Bij de tijd blijven"],
      ["Voorwoord", ...para(0), ...para(1), "Bij de tijd blijven", "Pagina i"],
      ["1 Inleiding", ...para(2), ...para(3), "Bij de tijd blijven", "Pagina 1"],
      [...para(4), "2 Belemmeringen", ...para(5), "Bij de tijd blijven", "Pagina 2"],
      [...para(6), ...para(0), "Bij de tijd blijven", "Pagina 3"],
    ]);
    expect(removed(d)).toEqual(expect.arrayContaining(["Pagina i", "Pagina 1", "Pagina 2", "Pagina 3"]));
    expect(text(d)).not.toMatch(/Pagina/u);
  });
  it("leaves a word made of the letters of roman numerals alone, where it is none", () => {
    const d = doc([
      ["Bij de tijd blijven", ...para(0), "Pagina 1"],
      [...para(1), ...para(2), "civil", "Pagina 2"],
      [...para(3), ...para(4), "Pagina 3"],
    ]);
    expect(text(d)).toMatch(/\bcivil\b/u);
  });
});

describe("a browser's header and footer set together at a page's foot", () => {
  it("takes all four lines for furniture: the date, the title, the file's address and the page's number", () => {
    // (MuPDF sets Chromium's header, printed at the top of the page, after the page's text, with
    // the footer: four lines of furniture at the foot, the date the fourth from the edge)
    const foot = (p: number) => ["", "12/2/26, 7:30 PM", "Digitale vaardigheden van oudere werkenden", "", "file:///tmp/advies.html", `${p}/3`];
    const d = doc([
      ["Bij de tijd blijven", ...para(1), ...para(2), ...foot(1)],
      [...para(3), ...para(4), ...foot(2)],
      [...para(5), ...para(6), ...foot(3)],
    ]);
    expect(removed(d)).toEqual(expect.arrayContaining(["12/2/26, 7:30 PM", "file:///tmp/advies.html"]));
    expect(text(d)).not.toContain("7:30 PM");
  });
});
