/**
 * A two-column page whose blocks the extraction took from the two columns in turn (pdftotext's
 * default mode, under a title that spans both columns) is read one column after the other, where
 * the document's heading numbering says so; a page whose numbering follows on is left as it is.
 */
import { describe, expect, it } from "vitest";
import { normalise } from "../pipeline/normalise/index.ts";
import { splitSource } from "../pipeline/read/read-source.ts";
import { blockText } from "./normalise-helpers.ts";

/** pdftotext's way: a form feed ends every page. */
const raw = (text: string) => splitSource(text + "\f", "t.txt");

const page = [
  "Personeel in de zorg: ontwikkelingen en scenario’s",
  "Dit rapport brengt de ontwikkelingen op de arbeidsmarkt voor de zorg in kaart.",
  "",
  "van de nieuwe medewerkers de sector binnen twee jaar.",
  "Van de werknemers die in 2022 begonnen, was een kwart",
  "twee jaar later niet meer in de sector werkzaam.",
  "",
  "1 Inleiding",
  "",
  "2.2 Verzuim en arbeidsongeschiktheid",
  "",
  "1.1 Achtergrond",
  "De langdurige zorg staat onder grote druk. Door de vergrijzing",
  "stijgt het aantal mensen dat zorg nodig heeft.",
  "",
  "2.2.1 Ziekteverzuim",
  "Het ziekteverzuim in de zorg is structureel hoger dan",
  "gemiddeld, vooral in de verpleging en verzorging.",
  "",
  "2 Ontwikkelingen op de arbeidsmarkt",
  "2.1 Instroom en uitstroom",
  "De instroom in zorgopleidingen is na een piek in 2021",
  "weer gedaald. Tegelijkertijd verlaat een aanzienlijk deel",
  "",
];

describe("a two-column page read in turn", () => {
  it("reads the first column's blocks, then the second's, where that mends the heading numbering", () => {
    const doc = normalise(raw(page.join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual([
      "1 Inleiding",
      "1.1 Achtergrond",
      "2 Ontwikkelingen op de arbeidsmarkt",
      "2.1 Instroom en uitstroom",
      "2.2 Verzuim en arbeidsongeschiktheid",
      "2.2.1 Ziekteverzuim",
    ]);
    // (the second column's first block goes on with the sentence the first column broke off)
    expect(doc.children.map(blockText).join("\n")).toContain("Tegelijkertijd verlaat een aanzienlijk deel van de nieuwe medewerkers de sector binnen twee jaar.");
    expect(doc.diagnostics.filter((d) => d.code === "normalise:columns").map((d) => d.position?.line)).toEqual([8]);
  });

  it("reads the note references in sequence where the heading numbering allows both orders", () => {
    // (the second column opens with a paragraph without a heading, its reference 2; the first
    // column's last block holds reference 1: headings alone read "1.1", "1.2" either way)
    const turns = [
      "Samenvatting",
      "De raad brengt in kaart hoe het statushouders op de arbeidsmarkt vergaat.",
      "",
      "Eerder onderzoek laat zien dat hun achterstand geen tijdelijk verschijnsel",
      "is.2 Ook na tien jaar ligt hun arbeidsparticipatie duidelijk lager.",
      "",
      "1.2 Onderzoeksvragen",
      "De verkenning is gericht op de volgende vragen.3",
      "",
      "1 Inleiding",
      "1.1 Aanleiding",
      "De minister vroeg de raad in februari om een verkenning.1 Dat maakt de",
      "vraag hoe nieuwkomers sneller aan het werk komen urgenter dan ooit.",
      "",
      "2 De arbeidsmarktpositie in cijfers",
      "2.1 Participatie na vijf jaar",
      "Het CBS volgt sinds 2014 jaarlijkse cohorten statushouders.4",
      "",
    ];
    const doc = normalise(raw(turns.join("\n")), undefined, { kind: "report" });
    const text = doc.children.map(blockText).join("\n");
    expect(text.indexOf("De minister vroeg")).toBeGreaterThan(0);
    expect(text.indexOf("De minister vroeg")).toBeLessThan(text.indexOf("Eerder onderzoek"));
    expect(text.indexOf("Eerder onderzoek")).toBeLessThan(text.indexOf("De verkenning is gericht"));
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual([
      "Samenvatting",
      "1 Inleiding",
      "1.1 Aanleiding",
      "1.2 Onderzoeksvragen",
      "2 De arbeidsmarktpositie in cijfers",
      "2.1 Participatie na vijf jaar",
    ]);
  });

  it("leaves a page of more than 14 blocks as extracted: the splits tried double with each block", () => {
    const filler = Array.from({ length: 8 }, (_, k) => [`Een alinea van de tweede kolom, nummer ${k + 1}, die met een punt eindigt.`, ""]).flat();
    const doc = normalise(raw([...page, ...filler].join("\n")), undefined, { kind: "report" });
    expect(doc.diagnostics.filter((d) => d.code === "normalise:columns")).toEqual([]);
  });

  it("leaves a page whose numbered headings follow each other as it is", () => {
    const inOrder = ["1 Inleiding", "", "1.1 Achtergrond", "De langdurige zorg staat onder grote druk.", "", "2 Ontwikkelingen", "", "2.1 Instroom", "De instroom is gedaald.", ""];
    const doc = normalise(raw(inOrder.join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["1 Inleiding", "1.1 Achtergrond", "2 Ontwikkelingen", "2.1 Instroom"]);
    expect(doc.diagnostics.filter((d) => d.code === "normalise:columns")).toEqual([]);
  });
});
