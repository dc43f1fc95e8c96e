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

  it("leaves a page of more than 14 blocks in its heading order: the splits tried double with each block", () => {
    const filler = Array.from({ length: 8 }, (_, k) => [`Een alinea van de tweede kolom, nummer ${k + 1}, die met een punt eindigt.`, ""]).flat();
    const doc = normalise(raw([...page, ...filler].join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading").map(blockText).filter((t) => /^\d/.test(t))).toEqual([
      "1 Inleiding",
      "2.2 Verzuim en arbeidsongeschiktheid",
      "1.1 Achtergrond",
      "2.2.1 Ziekteverzuim",
      "2 Ontwikkelingen op de arbeidsmarkt",
      "2.1 Instroom en uitstroom",
    ]);
    // (the one block that goes on in lower case is still put after the one that broke off)
    expect(doc.diagnostics.filter((d) => d.code === "normalise:columns").map((d) => d.position?.line)).toEqual([4]);
  });

  it("leaves a page whose numbered headings follow each other as it is", () => {
    const inOrder = ["1 Inleiding", "", "1.1 Achtergrond", "De langdurige zorg staat onder grote druk.", "", "2 Ontwikkelingen", "", "2.1 Instroom", "De instroom is gedaald.", ""];
    const doc = normalise(raw(inOrder.join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["1 Inleiding", "1.1 Achtergrond", "2 Ontwikkelingen", "2.1 Instroom"]);
    expect(doc.diagnostics.filter((d) => d.code === "normalise:columns")).toEqual([]);
  });

  describe("a page without heading numbering (a magazine)", () => {
    // pdftotext took the second column's first block early, beside the first column's top
    const magazine = [
      "Werk op het water",
      "",
      "De binnenvaart vervoert elk jaar een derde van de goederen die door",
      "ons land gaan. Toch vinden rederijen steeds moeilijker personeel.",
      "",
      "een schipper met twintig jaar ervaring. “Je leert dit vak alleen",
      "aan boord,” zegt hij. “Geen school kan je dat leren.”",
      "",
      "Een vak met toekomst",
      "Op de rivier is het stil in de vroege ochtend. De eerste schepen",
      "varen al richting Duitsland, volgeladen met containers en zand.",
      "",
      "Kapitein Rik Smit staat al veertig jaar aan het roer van zijn",
      "vrachtschip en kent elke bocht van de Waal. Hij spreekt rustig",
      "over zijn werk en over de jonge mensen die hij opleidt, zo vertelt hij als",
      "",
      "Blik vooruit",
      "De sector wil de komende jaren duizend nieuwe schippers opleiden.",
      "",
      "Daarvoor werken rederijen samen met de scholen in Rotterdam en",
      "Harlingen, die hun opleidingen vernieuwen en uitbreiden.",
      "",
    ];
    it("moves the block that goes on in lower case after the one block of running text that broke off", () => {
      const doc = normalise(raw(magazine.join("\n")), undefined, { kind: "magazine" });
      const text = doc.children.map(blockText).join("\n");
      expect(text).toContain("zo vertelt hij als een schipper met twintig jaar ervaring.");
      expect(text.indexOf("Een vak met toekomst")).toBeLessThan(text.indexOf("Kapitein Rik Smit"));
      expect(text.indexOf("Geen school kan je dat leren.")).toBeLessThan(text.indexOf("Blik vooruit"));
      expect(doc.diagnostics.filter((d) => d.code === "normalise:columns").map((d) => d.position?.line)).toEqual([6]);
    });

    it("leaves the page as it is where the block in lower case stands after the one that broke off", () => {
      const later = [...magazine.slice(0, 5), ...magazine.slice(8, 19), ...magazine.slice(5, 8), ...magazine.slice(19)];
      const doc = normalise(raw(later.join("\n")), undefined, { kind: "magazine" });
      expect(doc.diagnostics.filter((d) => d.code === "normalise:columns")).toEqual([]);
    });

    it("leaves the page as it is where a list's items open in lower case after its lead-in", () => {
      const list = [...magazine.slice(0, 2), "Rederijen zoeken vooral de volgende mensen:", "", "stuurlieden en matrozen met een vaarbewijs", "voor de grote rivieren;", "", ...magazine.slice(8)];
      const doc = normalise(raw(list.join("\n")), undefined, { kind: "magazine" });
      expect(doc.diagnostics.filter((d) => d.code === "normalise:columns")).toEqual([]);
    });
  });
});
