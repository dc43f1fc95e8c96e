/**
 * An extraction that keeps the page's physical layout (`pdftotext -layout`): the reader tells it
 * from the text, reads a two-column stretch one column after the other, takes off the spaces that
 * stand for position (keeping a line's indent), the space justification set before a line-end
 * hyphen, and puts a raised note label back in front of its text (test/normalise-indents.test.ts
 * has what the normaliser makes of the indents).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitSource } from "../pipeline/read/read-source.ts";
import { isPhysicalLayout } from "../pipeline/read/physical.ts";
import { ROOT } from "./normalise-helpers.ts";

const CORPUS = join(ROOT, "bench", "corpus", "txt");
const pad = (s: string, n: number): string => s + " ".repeat(Math.max(1, n - s.length));
/** Two columns side by side, the right one at column 52, as pdftotext -layout sets them. */
const twoColumns = (left: string[], right: string[]): string[] =>
  Array.from({ length: Math.max(left.length, right.length) }, (_, i) => (right[i] ? pad(left[i] ?? "", 52) + right[i] : left[i] ?? "").trimEnd());

const LEFT = [
  "De raad heeft de minister op 3 februari gevraagd",
  "hoe werkende mantelzorgers kunnen worden on-",
  "dersteund. Dit advies geeft daarop antwoord en",
  "doet aanbevelingen aan de regering, aan werkge-",
  "vers en aan de sociale partners in de cao's.",
  "   Ruim twee miljoen werkenden combineren hun",
  "baan met zorg voor een naaste. Voor een op de",
  "acht van hen is die combinatie zwaar.",
];
const RIGHT = [
  "Werkgevers kunnen veel doen met kleine aanpas-",
  "singen: een vaste thuiswerkdag, ruimere verlof-",
  "regels en een aanspreekpunt voor mantelzorg.",
  "",
  "2 Aanbevelingen",
  "De raad beveelt aan het langdurend zorgverlof",
  "gedeeltelijk te betalen, naar het voorbeeld van",
  "het betaald ouderschapsverlof.",
];

describe("reading a physical-layout extraction", () => {
  it("is told from the text, and not in the other modes' extractions or the office's sources", () => {
    const page = [pad("Mantelzorg en werk", 90) + "3", "", "", ...twoColumns(LEFT, RIGHT)];
    expect(isPhysicalLayout(page)).toBe(true);
    const others = readdirSync(CORPUS)
      .filter((d) => !d.endsWith(".physical"))
      .flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => join(CORPUS, d, f)));
    const sources = readdirSync(join(ROOT, "source")).filter((f) => f.endsWith(".txt")).map((f) => join(ROOT, "source", f));
    expect(others.length).toBeGreaterThan(100);
    expect([...others, ...sources].filter((f) => isPhysicalLayout(readFileSync(f, "utf8").split("\n")))).toEqual([]);
    // (a page of the physical mode whose only sign of the grid is its running head or foot reads as
    // the other modes do: nothing there to unfold)
    const physical = readdirSync(CORPUS).filter((d) => d.endsWith(".physical")).flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => join(CORPUS, d, f)));
    const grid = (f: string) => readFileSync(f, "utf8").split("\n").filter((t) => /^ {2,}\S|\S {3,}\S/.test(t)).length;
    expect(physical.filter((f) => !isPhysicalLayout(readFileSync(f, "utf8").split("\n")) && grid(f) > 1)).toEqual([]);
    expect(physical.filter((f) => isPhysicalLayout(readFileSync(f, "utf8").split("\n"))).length).toBeGreaterThan(physical.length * 0.9);
  });

  it("reads two columns one after the other, keeps a running head whole and takes the margin off", () => {
    const text = [pad("Mantelzorg en werk", 90) + "3", "", "", ...twoColumns(LEFT, RIGHT).map((l) => `    ${l}`), "\f"].join("\n");
    const raw = splitSource(text, "t.txt");
    expect(raw.layout).toBe("physical");
    const lines = raw.lines.filter((l) => l.text);
    expect(lines.map((l) => l.text)).toEqual([pad("Mantelzorg en werk", 90) + "3", ...LEFT.map((t) => t.trim()), ...RIGHT.filter(Boolean)]);
    // (each part keeps its source line, and the paragraph's first line its indent)
    expect(lines[1]).toMatchObject({ line: 4, text: LEFT[0] });
    expect(lines.find((l) => l.text.startsWith("Ruim"))).toMatchObject({ line: 9, indent: 3 });
    expect(lines.find((l) => l.text.startsWith("Werkgevers"))).toMatchObject({ line: 4 });
  });

  it("keeps a running head whole where no empty line sets it apart, its page number alone far right", () => {
    // (Ghostscript's txtwrite sets no empty lines)
    const text = [pad("    Mantelzorg en werk", 120) + "3", ...twoColumns(LEFT, RIGHT).map((l) => `    ${l}`), "\f"].join("\n");
    const lines = splitSource(text, "t.txt").lines.filter((l) => l.text).map((l) => l.text);
    expect(lines[0]).toBe(pad("Mantelzorg en werk", 116) + "3");
    expect(lines).toContain(RIGHT[0]);
  });

  it("takes a row that holds only the other column's line for no gap (a heading in larger type beside it)", () => {
    const right = ["2 De opgave in de gebouwde om-", "", "", "geving", "", "2.1 Stand van zaken", "Het aantal woningen met een warmtepomp groeit", "snel, maar vooral in de koopsector en onder", "huishoudens met een hoger inkomen, die de in-", "vestering zelf kunnen voorfinancieren."];
    const raw = splitSource([...twoColumns(LEFT, right), "\f"].join("\n"), "t.txt");
    const texts = raw.lines.map((l) => l.text);
    // (the rows beside "dersteund. …" and "doet aanbevelingen …" hold nothing of the right column)
    expect(texts.slice(texts.indexOf(right[0]!), texts.indexOf(right[0]!) + 3)).toEqual([right[0], "geving", "2.1 Stand van zaken"]);
  });

  it("keeps a line that crosses the gutter whole, where one space stands between its words", () => {
    const title = "Grip op arbeidsmigratie binnen de EU: fatsoenlijk wonen, eerlijk werk";
    const raw = splitSource([title, "", ...twoColumns(LEFT, RIGHT), "\f"].join("\n"), "t.txt");
    expect(raw.lines[0]!.text).toBe(title);
    expect(raw.lines.filter((l) => l.text).map((l) => l.text).slice(1, 3)).toEqual([LEFT[0], LEFT[1]]);
  });

  it("puts a raised note label back before its text and takes justification's space off a line-end hyphen", () => {
    const text = [
      "De raad adviseert de regering het langdurend zorgverlof gedeeltelijk te betalen, naar analogie van het",
      "betaald ouderschapsverlof dat sinds 2022 bestaat. Een uitkering van 70 procent van het loon past bij de mi -",
      "nisteriële regeling voor het kortdurend verlof.1",
      "",
      "  1",
      "     Wet arbeid en zorg, art. 5:1 en 5:9.",
      "",
      "                                                  1",
      "\f",
    ].join("\n");
    const lines = splitSource(text, "t.txt").lines.filter((l) => l.text);
    expect(lines.map((l) => l.text)).toEqual([
      "De raad adviseert de regering het langdurend zorgverlof gedeeltelijk te betalen, naar analogie van het",
      "betaald ouderschapsverlof dat sinds 2022 bestaat. Een uitkering van 70 procent van het loon past bij de mi-",
      "nisteriële regeling voor het kortdurend verlof.1",
      "1 Wet arbeid en zorg, art. 5:1 en 5:9.",
      "1",
    ]);
  });

  it("puts a note mark the grid set off from a sentence end back against it, not a page reference", () => {
    const body = [
      "Op 14 oktober 2025 heeft de minister van Sociale Zaken en Werkgelegenheid de raad gevraagd te adviseren",
      "over de gevolgen van deze ontwikkeling voor de positie van verschillende groepen werkenden. 1",
      "De adviesvraag luidt in de kern: hoe kan hybride werken zo worden vormgegeven dat het bijdraagt aan",
      "een inclusieve arbeidsmarkt? Het Centraal Planbureau schat de gevolgen in zijn raming, p. 14",
      "Zie ook de bijlage bij dit advies, waarin de raad de cijfers per sector en per regio toelicht. 1",
      "op de 5 werkenden werkt inmiddels geregeld thuis, en in de zakelijke dienstverlening meer dan de helft.",
      "  ",
      "  1 Adviesaanvraag van de minister van Sociale Zaken en Werkgelegenheid, 14 oktober 2025.",
    ];
    const lines = splitSource([...body, "\f"].join("\n"), "t.txt").lines.filter((l) => l.text).map((l) => l.text);
    expect(lines[1]).toBe("over de gevolgen van deze ontwikkeling voor de positie van verschillende groepen werkenden.1");
    expect(lines[3]).toMatch(/raming, p\. 14$/);
    expect(lines[4]).toMatch(/toelicht\. 1$/);
  });

  it("puts a note mark raised on a row of its own over its line back after the sentence it closes", () => {
    // (Ghostscript's txtwrite: the mark at its column over the line, its place left blank there or
    // taken by the next word, and further off on a long line; a note's label over its note and a
    // page's number over a running head are no such marks)
    const m = 17;
    const at = (col: number, s: string): string => " ".repeat(col) + s;
    const text = [
      at(m, "Mantelzorg en werk") + " ".repeat(60) + "2026-11-20",
      at(m, "De Wet arbeid en zorg kent kortdurend en langdurend zorgverlof. Bij kortdurend zorgverlof"),
      at(m, "betaalt de werkgever ten minste 70% van het loon door; langdurend zorgverlof is onbetaald,"),
      at(62, "4"),
      at(m, "tenzij in de cao iets anders is afgesproken.   In de praktijk wordt van beide regelingen weinig"),
      at(46, "1"),
      at(m, "de overheid daarbij hebben. De vraag raakt aan twee grote maatschappelijke opgaven tege-"),
      at(m, "lijk: de arbeidsmarkt is krap en de zorg staat onder druk. Elke mantelzorger die minder gaat"),
      at(103, "6"),
      at(m, "werken of uitvalt, verkleint het arbeidsaanbod en de zorg staat onder druk, zie de websites.  Een"),
      at(m, "werknemer die zijn zorgtaken neerlegt, vergroot de vraag naar professionele zorg."),
      at(20, "4"),
      at(19, "Zie: Wet arbeid en zorg, art. 5:1 en 5:9."),
      at(64, "1"),
      at(m, "Mantelzorg en werk") + " ".repeat(60) + "2026-11-20",
    ].join("\n");
    const lines = splitSource(text, "t.txt").lines.map((l) => l.text.replace(/ {2,}/g, " "));
    expect(lines).toContain("tenzij in de cao iets anders is afgesproken.4 In de praktijk wordt van beide regelingen weinig");
    expect(lines).toContain("de overheid daarbij hebben.1 De vraag raakt aan twee grote maatschappelijke opgaven tege-");
    expect(lines).toContain("werken of uitvalt, verkleint het arbeidsaanbod en de zorg staat onder druk, zie de websites.6 Een");
    expect(lines.slice(-4)).toEqual(["4", "Zie: Wet arbeid en zorg, art. 5:1 en 5:9.", "1", "Mantelzorg en werk 2026-11-20"]);
  });

  it("loses and repeats no letter of any physical-layout extraction of the corpus", () => {
    const letters = (s: string): string => [...s.replace(/[^\p{L}]/gu, "")].sort().join("");
    const broken: string[] = [];
    for (const d of readdirSync(CORPUS).filter((x) => x.endsWith(".physical"))) {
      for (const f of readdirSync(join(CORPUS, d))) {
        const text = readFileSync(join(CORPUS, d, f), "utf8");
        const raw = splitSource(text, f);
        if (letters(raw.lines.map((l) => l.text).join(" ")) !== letters(text)) broken.push(`${d}/${f}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
