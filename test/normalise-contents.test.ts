/**
 * A printed table of contents (pipeline/normalise/contents.ts): generated from the headings, it
 * is left out, in the shapes pdftotext gives it; lines that only look like entries stay.
 */
import { describe, expect, it } from "vitest";
import { normalise } from "../pipeline/normalise/index.ts";
import { splitSource } from "../pipeline/read/read-source.ts";
import { blockText } from "./normalise-helpers.ts";

const BODY = [
  "1 Inleiding",
  "Steeds meer mensen zorgen naast hun betaalde baan voor een ouder, partner of kind met een",
  "ziekte of beperking. De raad is gevraagd te adviseren over wat werkgevers en de overheid",
  "kunnen doen om werk en zorg beter te laten samengaan.",
  "2 Werkende mantelzorgers in cijfers",
  "Ruim een op de vier werkenden geeft naast het werk mantelzorg. Het gaat vaker om vrouwen",
  "dan om mannen, en vaker om werkenden in deeltijd dan om werkenden met een voltijdbaan.",
  "3 Knelpunten bij het combineren van zorg en werk",
  "De meeste mantelzorgers combineren zorg en werk zonder grote problemen, maar een op de",
  "tien zegt zich zwaar belast te voelen en overweegt minder te gaan werken.",
  "4 Aanbevelingen",
  "De raad beveelt aan het kortdurend zorgverlof te verlengen en werkgevers te vragen in hun",
  "personeelsbeleid aandacht te geven aan werknemers die voor een naaste zorgen.",
];

const doc = (pages: string[][]) => normalise(splitSource(pages.map((p) => p.join("\n")).join("\n\f") + "\n\f", "t.txt"), undefined, { kind: "advice" });
const text = (d: ReturnType<typeof doc>): string => d.children.map(blockText).join("\n");
const headings = (d: ReturnType<typeof doc>): string[] => d.children.filter((b) => b.type === "heading").map(blockText);
/** The lines reported as left out as contents. */
const left = (d: ReturnType<typeof doc>) => d.diagnostics.filter((x) => x.code === "normalise:contents").map((x) => /: "(.*)"$/.exec(x.message)![1]!);

describe("a printed table of contents", () => {
  it("is left out where each entry has its leader and page number on its line (pdftotext -raw, -layout)", () => {
    const d = doc([
      ["Werk en zorg"],
      [
        "Inhoudsopgave",
        "1 Inleiding . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 1",
        "2 Werkende mantelzorgers in cijfers . . . . . . . . . . . . . . . . . 1",
        "3 Knelpunten bij het combineren van zorg en werk . . . . . . . . . . 2",
        "4 Aanbevelingen . . . . . . . . . . . . . . . . . . . . . . . . . . . ii",
      ],
      BODY,
    ]);
    expect(left(d)).toHaveLength(5);
    expect(text(d)).not.toMatch(/Inhoudsopgave|\. \. \./u);
    expect(headings(d)).toEqual(["Werk en zorg", "1 Inleiding", "2 Werkende mantelzorgers in cijfers", "3 Knelpunten bij het combineren van zorg en werk", "4 Aanbevelingen"]);
  });
  it("is left out where the page numbers stand apart under the entries, an entry's text wraps, or its leader stands on a line of its own (pdftotext's default mode)", () => {
    const d = doc([
      ["Werk en zorg"],
      [
        "Inhoudsopgave",
        "1 Inleiding . . . . . . . . . . . . . . . . . . . . . . . . . . . . .",
        "2 Werkende mantelzorgers in cijfers . . . . . . . . . . . . . . . . .",
        "",
        "1",
        "1",
        "",
        "3 Knelpunten bij het combineren van zorg",
        "en werk . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .",
        "4 Aanbevelingen",
        "",
        ". . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .",
        "",
        "2",
        "2",
      ],
      BODY,
    ]);
    // (the page's last number may go as the page's own number, with the page furniture)
    expect(left(d)).toEqual(expect.arrayContaining(["Inhoudsopgave", "3 Knelpunten bij het combineren van zorg", "4 Aanbevelingen", ". . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .", "1"]));
    expect(text(d)).not.toMatch(/Inhoudsopgave|\. \. \./u);
    expect(text(d).split("\n")[1]).toBe("1 Inleiding");
  });
  it("is left out without leaders where its entries name the headings further on", () => {
    const d = doc([
      ["Werk en zorg"],
      ["Inhoud", "1 Inleiding 1", "2 Werkende mantelzorgers in cijfers 1", "3 Knelpunten bij het combineren van zorg en werk 2", "4 Aanbevelingen 2"],
      BODY,
    ]);
    expect(left(d)).toEqual(["Inhoud", "1 Inleiding 1", "2 Werkende mantelzorgers in cijfers 1", "3 Knelpunten bij het combineren van zorg en werk 2", "4 Aanbevelingen 2"]);
    expect(text(d)).not.toMatch(/Inhoud\b|werk 2/u);
  });
  it("keeps lines that end on numbers but name nothing further on: a table's rows are text", () => {
    const rows = ["Zorg en welzijn 38", "Onderwijs 21", "Detailhandel 17", "Industrie 12"];
    const d = doc([["Werk en zorg", "Aandeel mantelzorgers per sector, in procenten:", ...rows], BODY]);
    expect(left(d)).toHaveLength(0);
    for (const r of rows) expect(text(d)).toContain(r);
  });
});

describe("a printed table of contents before a minutes header", () => {
  it("is left out before the header is read: the header's fields are found under it, not taken for text", () => {
    const d = normalise(
      splitSource(
        [
          ["Verslag van de vergadering van de commissie Duurzame Ontwikkeling"],
          [
            "Inhoudsopgave",
            "1 Opening en mededelingen . . . . . . . . . . . . . . . . . . . . . 1",
            "2 Verslag van de vorige vergadering . . . . . . . . . . . . . . . . 1",
            "3 Rondvraag en sluiting . . . . . . . . . . . . . . . . . . . . . . 2",
          ],
          [
            "Datum: donderdag 12 februari 2026, 13.30–16.45 uur",
            "Locatie: vergadercentrum van de raad, Den Haag, zaal De Schelde",
            "Aanwezig: de heer Bakker, mevrouw Aydın, de heer El Amrani",
            "1 Opening en mededelingen",
            "De voorzitter opent de vergadering om 13.30 uur en heet de aanwezigen welkom. Er zijn",
            "geen mededelingen van het dagelijks bestuur of het secretariaat.",
            "2 Verslag van de vorige vergadering",
            "Het verslag van de vergadering van 11 december 2025 wordt ongewijzigd vastgesteld.",
            "3 Rondvraag en sluiting",
            "Er zijn geen vragen. De voorzitter sluit de vergadering om 16.45 uur.",
          ],
        ]
          .map((p) => p.join("\n"))
          .join("\n\f") + "\n\f",
        "t.txt",
      ),
      undefined,
      { kind: "minutes" },
    );
    expect(d.meta.minutes?.place).toBe("vergadercentrum van de raad, Den Haag, zaal De Schelde");
    expect(d.meta.minutes?.present).toEqual(["de heer Bakker", "mevrouw Aydın", "de heer El Amrani"]);
    expect(d.children.map(blockText).join("\n")).not.toMatch(/Datum:|Locatie:|\. \. \./u);
  });
});

describe("a short document's contents", () => {
  const body = [
    "Mededelingen",
    "De voorzitter deelt mee dat de raad afscheid neemt van de heer Verhagen, die sinds 2015",
    "plaatsvervangend lid van de raad is. Hij wordt hartelijk bedankt voor zijn inzet.",
    "2. Vaststellen verslag van de vergadering van vrijdag 16",
    "december (R/3021)",
    "Het verslag wordt met dank aan de secretaris ongewijzigd vastgesteld. Er zijn geen",
    "opmerkingen over de actiepunten van de vorige vergadering.",
  ];
  it("is left out with two entries under its heading, one naming a heading set over two lines", () => {
    const d = doc([
      ["1. Opening en mededelingen"],
      ["Inhoudsopgave", "Mededelingen . . . . . . . . . . . . . . . . . . . . . . . . . . . 1", "2. Vaststellen verslag van de vergadering van vrijdag 16 december (R/3021) . . . . 1"],
      body,
    ]);
    expect(left(d)).toHaveLength(3);
    expect(text(d)).not.toMatch(/Inhoudsopgave|\. \. \./u);
  });
  it("stays where no heading stands over two entries", () => {
    const d = doc([
      ["1. Opening en mededelingen"],
      ["Mededelingen . . . . . . . . . . . . . . . . . . . . . . . . . . . 1", "2. Vaststellen verslag van de vergadering van vrijdag 16 december (R/3021) . . . . 1"],
      body,
    ]);
    expect(left(d)).toHaveLength(0);
  });
});
