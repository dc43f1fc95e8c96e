/**
 * The measure of a page from its wrapped lines, and lines an extraction joined
 * (pdftotext's default mode puts a word broken at a line end, and the rest of
 * the next printed line, on one line): such a line neither sets the measure
 * nor hides where its paragraph ended, and a word it split with a space is
 * mended.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalise } from "../pipeline/normalise/index.ts";
import { lastFill, measureOf } from "../pipeline/normalise/measure.ts";
import type { Ln } from "../pipeline/normalise/lines.ts";
import { readSource, splitSource } from "../pipeline/read/read-source.ts";
import { blockText, rawText as raw, ROOT } from "./normalise-helpers.ts";

const lns = (texts: string[]): Ln[] => texts.map((raw, k) => ({ line: k + 1, page: 1, raw, pageStart: k === 0 }));

// printed lines of some 70 characters, as a one-column page sets them
const P1 = [
  "De raad heeft in de afgelopen jaren herhaaldelijk gewezen op de gevolgen",
  "van een krappe arbeidsmarkt voor de kwaliteit van de publieke diensten in",
  "de regio, en op de noodzaak om werkgevers en onderwijsinstellingen beter",
  "te laten samenwerken. In de zorg en het onderwijs zijn de tekorten het",
  "grootst. Scholen werken met vierdaagse lesweken en zorginstellingen sluiten afdelingen omdat er geen mensen zijn.",
  "Toch is krapte niet het hele verhaal.",
  "Naast de werklozen zijn er volgens het statistiekbureau veel mensen die",
  "wel willen werken, maar niet direct beschikbaar zijn of niet zoeken, en",
  "een groot aantal mensen werkt minder uren dan zij zouden willen werken.",
];

describe("the measure", () => {
  it("is read from the wrapped lines, not from lines the extraction joined", () => {
    const lines = lns([...P1, ...P1, ...P1]);
    const m = measureOf(lines);
    expect(m).toBeGreaterThanOrEqual(70);
    expect(m).toBeLessThanOrEqual(75);
  });

  it("counts what is left after the full printed lines of a joined line", () => {
    expect(lastFill(60, 72)).toBe(60);
    expect(lastFill(112, 72)).toBe(112 - 69);
  });
});

describe("paragraphs where the extraction joined printed lines", () => {
  it("ends a paragraph after a joined line whose last printed line ended short, and not after a full line", () => {
    const doc = normalise(raw(P1.join("\n")), undefined, { kind: "report" });
    const paras = doc.children.map(blockText);
    expect(paras).toHaveLength(3);
    expect(paras[0]).toMatch(/^De raad .* tekorten het grootst\. Scholen werken .* geen mensen zijn\.$/);
    expect(paras[1]).toBe("Toch is krapte niet het hele verhaal.");
  });

  it("takes a line some 1.15 times the measure for two printed lines, the second short", () => {
    // (the second printed line holds "zei hij." only: the line is 82 characters, the measure
    // some 72; a full line would have taken the next line's first word, "Toch")
    const lines = [...P1.slice(6), "", ...P1.slice(0, 3), "te laten samenwerken. In de zorg en het onderwijs zijn de tekorten groot, zei hij.", ...P1.slice(5), "", ...P1.slice(0, 4), "grootst."];
    const doc = normalise(raw(lines.join("\n")), undefined, { kind: "report" });
    expect(doc.children.map(blockText).map((t) => t.slice(0, 18))).toEqual(["Naast de werklozen", "De raad heeft in d", "Toch is krapte nie", "Naast de werklozen", "De raad heeft in d"]);
  });
});

describe("a printed line the extraction cut in two", () => {
  // (MuPDF cuts a justified line where a sentence ends in a wide space: the rest of the line
  // stands on a line of its own; a column of some 55 characters)
  const before = [
    "De huidige wetgeving noemt betaalbaarheid wel als uit-",
    "gangspunt, maar maakt niet duidelijk wat daaronder",
    "wordt verstaan en wie ervoor verantwoordelijk is.",
  ];
  const after = [
    "raad adviseert om in de Wet gemeentelijke instrumen-",
    "ten warmtetransitie op te nemen dat een gemeente pas",
    "een wijk mag aanwijzen als voor alle huishoudens in die",
    "wijk een betaalbaar alternatief beschikbaar is. Daar-",
    "bij moet betaalbaar worden uitgedrukt in de woonlasten",
    "van een huishouden, niet in de kosten van de warmte.",
  ];
  it("is one line again where the parts together fill the measure and the line after goes on in lower case", () => {
    const doc = normalise(raw([...before, "De", ...after].join("\n")), undefined, { kind: "report" });
    expect(doc.children.map(blockText)).toHaveLength(1);
    expect(blockText(doc.children[0]!)).toContain("verantwoordelijk is. De raad adviseert");
  });

  it("is one line again where the first part is the shorter, under half the measure", () => {
    // ("… is." of 22 characters, then 31: together 54 of some 55)
    const lines = [...before.slice(0, 2), "wordt verstaan en wie.", "De raad adviseert om in de Wet", ...after.slice(1)];
    const doc = normalise(raw(lines.join("\n")), undefined, { kind: "report" });
    expect(doc.children.map(blockText)).toHaveLength(1);
    expect(blockText(doc.children[0]!)).toContain("wie. De raad adviseert om in de Wet ten warmtetransitie");
  });

  it("is not a paragraph's short last line before a first line that ended short of a long word", () => {
    // (ragged text: "… het kabinet" takes 39 of some 55, "thuiswerkkostenvergoeding," did not fit after it;
    // the two lines together would make one of 55)
    const lines = [...before.slice(0, 2), "wordt verstaan.", "Daarnaast adviseert de raad het kabinet", "thuiswerkkostenvergoeding, die in 2026 per dag geldt, te", ...after.slice(2)];
    const doc = normalise(raw(lines.join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((b) => blockText(b).slice(0, 12))).toEqual(["De huidige w", "Daarnaast ad"]);
  });

  it("is not a paragraph's short last line before a first line that fills the measure by itself", () => {
    const next = ["De raad ziet in deze situatie een rol voor de provincies.", ...after.slice(1)];
    const doc = normalise(raw([...before, ...next].join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((b) => blockText(b).slice(0, 12))).toEqual(["De huidige w", "De raad ziet"]);
  });
});

describe("a space before a line-end hyphen", () => {
  // (PDFBox gives a justified line's word spacing to its line-end hyphen too: "… in fi -" / "nanciële")
  const lines = (end: string, next: string): string =>
    [
      "De huidige wetgeving noemt betaalbaarheid wel als een",
      "gangspunt, maar maakt niet duidelijk wat daaronder wordt",
      `verstaan en wie ervoor verantwoordelijk is in ${end}`,
      `${next} problemen van huishoudens met een laag inkomen.`,
    ].join("\n");
  it("is closed where the letters before it are no word: the line ends on a broken word", () => {
    const doc = normalise(raw(lines("fi -", "nanciële")), undefined, { kind: "report" });
    expect(blockText(doc.children[0]!)).toContain("is in financiële problemen");
    expect(doc.diagnostics.some((d) => d.code === "normalise:spaced-hyphen")).toBe(true);
  });

  it("is closed after a word where the two make one the word list has", () => {
    const doc = normalise(raw(lines("de uitvoeren -", "de")), undefined, { kind: "report" });
    expect(blockText(doc.children[0]!)).toContain("in de uitvoerende problemen");
  });

  it("is left after a word where the two make none: a dash", () => {
    const doc = normalise(raw(lines("het is -", "zoals gezegd -")), undefined, { kind: "report" });
    expect(blockText(doc.children[0]!)).toContain("in het is - zoals gezegd - problemen");
  });
});

describe("a paragraph's first line that closes a sentence", () => {
  // (a paragraph ends short before it, and one full of 71 characters after it: the measure is 73)
  const before = [
    "De raad heeft in de afgelopen jaren herhaaldelijk gewezen op de gevolgen",
    "van een krappe arbeidsmarkt voor de kwaliteit van de publieke diensten in",
    "de regio, en op de noodzaak om werkgevers en onderwijsinstellingen beter",
    "te laten samenwerken.",
  ];
  const after = [
    "De gesprekken maken duidelijk dat de belemmeringen elkaar versterken en",
    "dat een aanpak per regelingen weinig oplevert voor wie werk zoekt.",
    "Naast de werklozen zijn er volgens het statistiekbureau veel mensen die",
    "wel willen werken, maar niet direct beschikbaar zijn of niet zoeken, en",
    "een groot aantal mensen werkt minder uren dan zij zouden willen werken.",
  ];
  const starts = (line: string): string[] =>
    normalise(raw([...before, line, ...after].join("\n")), undefined, { kind: "report" }).children.map((b) => blockText(b).slice(0, 15));

  it("goes on where the next word fits in the measure but not in what an indented first line holds", () => {
    // (68 characters and "De": 71 of 73, over 0.94 of it)
    expect(starts("De commissie heeft de afgelopen maanden met veel partijen gesproken.")).toEqual(["De raad heeft i", "De commissie he", "Naast de werklo"]);
  });

  it("ends its block where it ends well short", () => {
    expect(starts("De commissie heeft met veel partijen gesproken.")).toEqual(["De raad heeft i", "De commissie he", "De gesprekken m", "Naast de werklo"]);
  });

  it("ends its block on a colon as short as that: a lead-in", () => {
    expect(starts("De commissie heeft met veel partijen de volgende punten besproken:")).toEqual(["De raad heeft i", "De commissie he", "De gesprekken m", "Naast de werklo"]);
  });

  it("is no first line where the extraction joined printed lines: the last of them ended short", () => {
    // (139 characters: two printed lines, the second of 69 after a full one of 70)
    const joined = "De commissie heeft met veel partijen over de regio gesproken, en met de gemeenten die er werken. De commissie heeft met partijen gesproken.";
    expect(starts(joined)).toEqual(["De raad heeft i", "De commissie he", "De gesprekken m", "Naast de werklo"]);
  });
});

describe("a line that ends on a title before a name", () => {
  it("goes on on the next line: no sentence ends on \"dr.\" or \"mr.\"", () => {
    for (const title of ["dr.", "mr.", "prof.", "drs.", "ir.", "dhr.", "mw."]) {
      const text = [...P1.slice(0, 4), `grootst. Het rapport is opgesteld door een werkgroep onder leiding van ${title}`, "S. van Ommen en mevrouw E. Dijkstra, die de raad erkentelijk is voor het werk.", ...P1.slice(6)].join("\n");
      const d = normalise(raw(text), undefined, { kind: "report" });
      expect(d.children.map(blockText)).toContainEqual(expect.stringContaining(`onder leiding van ${title} S. van Ommen en mevrouw`));
    }
  });

  it("goes on on the next line after a name's initials: no sentence ends on \"de heer G.\" or \"dr. L.H.\"", () => {
    for (const before of ["de heer G.", "mevrouw K.", "mevrouw dr. L.H.", "prof. A."]) {
      const text = [...P1.slice(0, 4), `grootst. Het rapport is opgesteld door een werkgroep onder leiding van ${before}`, "Pauwels en mevrouw E. Dijkstra, die de raad erkentelijk is voor het werk.", ...P1.slice(6)].join("\n");
      const d = normalise(raw(text), undefined, { kind: "report" });
      expect(d.children.map(blockText)).toContainEqual(expect.stringContaining(`onder leiding van ${before} Pauwels en mevrouw`));
    }
  });
});

describe("a heading on a line of its own", () => {
  it("opens after a sentence end that carries a note mark", () => {
    const text = [...P1.slice(0, 4), "grootst. Zo is het aandeel vrouwen in een paar jaar verdubbeld.6", "Aanbevelingen", "Op basis van het voorgaande doet de raad de volgende aanbevelingen aan", "het kabinet en aan de sociale partners in de regio.", ...P1.slice(6)];
    const d = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(d.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["Aanbevelingen"]);
    expect(d.children.map(blockText)).toContain("Op basis van het voorgaande doet de raad de volgende aanbevelingen aan het kabinet en aan de sociale partners in de regio.");
  });
});

describe("a heading over two lines", () => {
  it("may fill its first line where a second of a few words closes nothing", () => {
    const text = [...P1.slice(0, 4), "grootst.", "Waarom het tekort aan technici de energietransitie en woningbouw direct", "vertraagt", ...P1.slice(0, 4), "grootst.", ...P1.slice(6)];
    const d = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(d.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["Waarom het tekort aan technici de energietransitie en woningbouw direct vertraagt"]);
    // (a second line that closes a sentence ends a paragraph)
    const para = normalise(raw([...text.slice(0, 6), "vertraagt.", ...text.slice(7)].join("\n")), undefined, { kind: "report" });
    expect(para.children.some((b) => b.type === "heading")).toBe(false);
  });
});

describe("a line that opens on a label", () => {
  it("opens a block after a sentence end, however full the line before", () => {
    const text = [...P1.slice(0, 4), "grootst. Scholen werken met vierdaagse lesweken en korte roosters.", "Besluit: de raad stelt het verslag vast en vraagt een nieuwe notitie over", "de tekorten in het onderwijs.", ...P1.slice(5)];
    const d = normalise(raw(text.join("\n")), undefined, { kind: "minutes" });
    expect(d.children.map(blockText)).toContain("Besluit: de raad stelt het verslag vast en vraagt een nieuwe notitie over de tekorten in het onderwijs.");
    // (not where the line before goes on: "… het volgende" / "Besluit: …" is one sentence)
    const on = [...text.slice(0, 4), "grootst. Scholen werken met vierdaagse lesweken en korte roosters en", ...text.slice(5)];
    expect(normalise(raw(on.join("\n")), undefined, { kind: "minutes" }).children.map(blockText).join(" ")).toContain("korte roosters en Besluit: de raad");
  });
});

describe("a line broken on purpose after a comma", () => {
  it("ends its block where the next line's first words would have fitted on it", () => {
    const doc = normalise(raw(["Geachte staatssecretaris,", ...P1.slice(0, 4), "grootst."].join("\n")), undefined, { kind: "advice" });
    expect(doc.children.map(blockText)[0]).toBe("Geachte staatssecretaris,");
  });

  it("does not end a paragraph at a full line that ends on a comma", () => {
    const lines = [...P1.slice(0, 3), "werken. De tekorten zijn het grootst in de provincies Groningen, Zeeland,", "Drenthe en Friesland, waar ook de vergrijzing het snelst gaat."];
    const doc = normalise(raw(lines.join("\n")), undefined, { kind: "advice" });
    expect(doc.children).toHaveLength(1);
  });
});

describe("a letter's close", () => {
  const close = ["Hoogachtend,", "de voorzitter van de raad, drs. A.M. Verhoeven", "de algemeen secretaris, mr. J.W. de Groot"];

  it("sets the valediction and each line of the signature under it apart", () => {
    const doc = normalise(raw([...P1, "Dat vraagt om een antwoord.", ...close].join("\n")), undefined, { kind: "advice" });
    expect(doc.children.map(blockText).slice(-3)).toEqual(close);
  });

  it("joins a signature's line that wrapped at the measure", () => {
    const long = "de voorzitter van de raad voor de leefomgeving en de infrastructuur van het";
    const doc = normalise(raw([...P1, "Dat vraagt om een antwoord.", "Met vriendelijke groet,", long, "Rijk, drs. A.M. Verhoeven"].join("\n")), undefined, { kind: "advice" });
    expect(doc.children.map(blockText).slice(-2)).toEqual(["Met vriendelijke groet,", `${long} Rijk, drs. A.M. Verhoeven`]);
  });

  it("leaves a line that ends on a comma in running text alone", () => {
    const doc = normalise(raw([...P1, "Dat vraagt om een antwoord.", "Tot slot,", "de raad dankt u voor uw aandacht."].join("\n")), undefined, { kind: "advice" });
    expect(doc.children.map(blockText).slice(-1)).toEqual(["Tot slot, de raad dankt u voor uw aandacht."]);
  });
});

describe("the end of a list item that closes no sentence", () => {
  const list = [
    ...P1.slice(0, 3),
    "werken. De school heeft daarvoor in de afgelopen jaren het volgende opgezet:",
    "• een dagelijks gratis ontbijt voor alle leerlingen, zonder aanmelding of controle",
    "• een verlengde schooldag met sport, muziek en huiswerkbegeleiding",
  ];
  it("ends where its line ended short and a capital follows", () => {
    const doc = normalise(raw([...list, "Die voorzieningen kosten geld, en dat geld komt uit allerlei potjes van de gemeente.", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph"]);
  });

  it("ends where its line ended short and a quotation mark and a capital follow", () => {
    const doc = normalise(raw([...list, "“Die voorzieningen kosten geld”, zegt de directeur, “en dat geld komt uit allerlei", "potjes van de gemeente.”", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph", "paragraph"]);
    expect(blockText(doc.children[2]!)).toBe("“Die voorzieningen kosten geld”, zegt de directeur, “en dat geld komt uit allerlei potjes van de gemeente.”");
  });

  it("goes on where its line ends on a word no sentence ends on", () => {
    const doc = normalise(raw([...list.slice(0, 5), "• een welkom aan de inleiders bij agendapunt 5, de heren Dannenberg van", "Divosa en Noorlander van Pharos, en aan de gasten.", "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    const items = doc.children.find((b) => b.type === "list");
    expect(items && blockText(items)).toContain("Dannenberg van Divosa en Noorlander van Pharos");
  });
});

describe("a list whose bullets the extraction lost", () => {
  it("opens an item after a colon that ends a full line where the lines after it close on semicolons and then a full stop", () => {
    const text = [
      ...P1.slice(0, 4),
      "grootst. Deelnemers aan de rondetafels in Eindhoven noemden onder meer:",
      "jongeren die een baan buiten hun eigen regio afslaan omdat er geen woning",
      "te vinden is;",
      "lange reistijden tussen een betaalbare woonplaats en de werkplek, met extra",
      "kosten en vermoeidheid als gevolg;",
      "het uitstellen van samenwonen, trouwen of het krijgen van kinderen.",
      "Die gevolgen raken ook de werkgevers in de regio, die vacatures niet vervullen.",
      ...P1.slice(6),
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" ? list.children.map((it) => it.children.map(blockText).join(" ")) : []).toEqual([
      "jongeren die een baan buiten hun eigen regio afslaan omdat er geen woning te vinden is;",
      "lange reistijden tussen een betaalbare woonplaats en de werkplek, met extra kosten en vermoeidheid als gevolg;",
      "het uitstellen van samenwonen, trouwen of het krijgen van kinderen.",
    ]);
    // (a colon before one line that closes on a semicolon is no such list)
    const one = normalise(raw([...text.slice(0, 7), "kosten en vermoeidheid als gevolg.", ...text.slice(9)].join("\n")), undefined, { kind: "report" });
    expect(one.children.some((b) => b.type === "list")).toBe(false);
  });

  it("opens an item after a colon that ends a full line where the lines after it end short, one to a line", () => {
    const text = [
      ...P1.slice(0, 4),
      "grootst. Volgens de werkgevers zijn de volgende profielen gewild:",
      "procesoperators met een mbo-opleiding",
      "elektrotechnici met kennis van automatisering",
      "planners en data-analisten",
      "Die gevolgen raken ook de werkgevers in de regio, die vacatures niet vervullen.",
      ...P1.slice(6),
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" ? list.children.map((it) => it.children.map(blockText).join(" ")) : []).toEqual([
      "procesoperators met een mbo-opleiding",
      "elektrotechnici met kennis van automatisering",
      "planners en data-analisten",
    ]);
    // (wrapped prose after such a colon, its lines full, opens none)
    const prose = normalise(raw([...text.slice(0, 5), "procesoperators met een mbo-opleiding op niveau 3 of 4 en daarnaast de", "elektrotechnici en monteurs met kennis van automatisering, en ook de", "planners en data-analisten.", ...text.slice(8)].join("\n")), undefined, { kind: "report" });
    expect(prose.children.some((b) => b.type === "list")).toBe(false);
  });

  it("opens an item at each line in lower case after a colon and after a line that ended short", () => {
    const text = [
      ...P1.slice(0, 3),
      "werken. De raad ziet daarvoor twee mogelijkheden:",
      "meer leerwerkplekken in het middelbaar beroepsonderwijs, met een stevigere",
      "rol voor de opleidingsfondsen in de installatiesector",
      "gerichte omscholing van werkenden uit krimpende sectoren, ondersteund",
      "door de regionale mobiliteitsteams",
      // (a paragraph of one line that ends short: one that fills the measure reads as a first line)
      "Die voorzieningen kosten geld.",
      ...P1.slice(6),
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph", "paragraph"]);
    const list = doc.children[1]!;
    expect(list.type === "list" && list.children.map(blockText)).toEqual([
      "meer leerwerkplekken in het middelbaar beroepsonderwijs, met een stevigere rol voor de opleidingsfondsen in de installatiesector",
      "gerichte omscholing van werkenden uit krimpende sectoren, ondersteund door de regionale mobiliteitsteams",
    ]);
  });

  it("takes a run of three lines or more, each at most half the measure, after a colon for a list of short items", () => {
    const text = [...P1.slice(0, 3), "werken. Voorbeelden van regio's met een lage jeugdwerkloosheid zijn:", "Achterhoek (5,1%)", "Noordoost-Brabant (5,4%)", "Food Valley (5,6%)", "Rivierenland (5,9%)", ...P1.slice(6)];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" && list.children.map(blockText)).toEqual(["Achterhoek (5,1%)", "Noordoost-Brabant (5,4%)", "Food Valley (5,6%)", "Rivierenland (5,9%)"]);
    expect(doc.children.filter((b) => b.type === "heading")).toEqual([]);
    const words = [...P1.slice(0, 3), "werken. Volgens haar draait het om een paar dingen:", "geduld", "vakkennis", "eerlijke feedback", "ruimte voor fouten", ...P1.slice(6)];
    const list2 = normalise(raw(words.join("\n")), undefined, { kind: "report" }).children.find((b) => b.type === "list");
    expect(list2?.type === "list" && list2.children.map(blockText)).toEqual(["geduld", "vakkennis", "eerlijke feedback", "ruimte voor fouten"]);
  });

  it("takes a run of lines in a capital that end short of the measure after a label for a list, and stops at a sentence", () => {
    const items = ["Overslag in de haven van Rotterdam in 2025: 437 miljoen ton", "Containeroverslag: 14,1 miljoen TEU", "Investeringen in automatisering sinds 2015: € 2,3 miljard", "Aandeel vrouwen in operationele functies: 9%"];
    // (enough running text before it for the measure to be read from its wrapped lines)
    const text = [...P1, ...P1.slice(0, 3), "werken. Dat is de opgave voor de komende jaren.", "Feiten en cijfers", ...items, "Wat vraagt u van het kabinet?", ...P1.slice(6)];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "magazine" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" && list.children.map(blockText)).toEqual(items);
    expect(doc.children.map(blockText)).toContain("Feiten en cijfers");
    expect(doc.children.map(blockText).some((t) => t.startsWith("Wat vraagt u van het kabinet?"))).toBe(true);
    // (a paragraph's first line, however short, that the next goes on from in lower case is no item)
    const two = [...P1, ...P1.slice(0, 3), "werken. Het gaat om twee dingen:", "geduld", "vakkennis", "Dit advies gaat over de vraag hoe de overstap naar warmte", "zonder aardgas kan worden vormgegeven.", ...P1.slice(6)];
    expect(normalise(raw(two.join("\n")), undefined, { kind: "report" }).children.some((b) => b.type === "list")).toBe(false);
  });

  it("does not take a justified line the extraction gave a word a line each for such a list", () => {
    // (the lead-in one word, and a word alone no sentence ends on among the lines)
    const text = [...P1.slice(0, 3), "werken. Het gaat om een combinatie van maatschappelijke", "factoren:", "schulden,", "armoede,", "laaggeletterdheid", "en", "werkloosheid. Wij kijken als SER naar de domeinen waar die problemen vaak", ...P1.slice(6)];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.children.some((b) => b.type === "list")).toBe(false);
    expect(doc.children.map(blockText).join(" ")).toContain("factoren: schulden, armoede, laaggeletterdheid en werkloosheid.");
  });

  it("opens an item after an item's last line of one word that would not have fitted on the line before it", () => {
    const items = [
      "een dagelijks gratis ontbijt voor alle leerlingen",
      "afspraken met de gemeente over een snelle doorverwijzing naar",
      "schuldhulpverlening",
      "een verlengde schooldag met sport en muziek",
    ];
    const text = [...P1.slice(0, 3), "werken. De school heeft daarvoor een reeks voorzieningen:", ...items, "Die voorzieningen kosten geld, en dat geld komt uit allerlei potjes.", ...P1.slice(6)];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" && list.children.map(blockText)).toEqual([
      "een dagelijks gratis ontbijt voor alle leerlingen",
      "afspraken met de gemeente over een snelle doorverwijzing naar schuldhulpverlening",
      "een verlengde schooldag met sport en muziek",
    ]);
  });

  it("opens an item at each line that opens with a quantity after a colon, but not at a list number", () => {
    const figures = ["62 melkkoeien en 35 stuks jongvee", "78 hectare grond, waarvan 20 hectare met natuurbeheer", "1 melkrobot en 1 parttime medewerker", "2 stallen van elk 40 meter"];
    const text = [...P1.slice(0, 3), "werken. Het bedrijf in cijfers:", ...figures, "Die voorzieningen kosten geld, en dat geld komt uit allerlei potjes.", ...P1.slice(6)];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" && list.children.map(blockText)).toEqual(figures);
    // (a number with a full stop is a list number: an ordered item, as before)
    const numbered = ["1. vooraf brainstormen en een bredere groep uitkiezen;", "2. niet alleen een advies maken;", "3. allianties bouwen."];
    const ordered = normalise(raw([...P1.slice(0, 3), "werken. De verbeterpunten zijn:", ...numbered, ...P1.slice(6)].join("\n")), undefined, { kind: "report" }).children.find((b) => b.type === "list");
    expect(ordered?.type === "list" && ordered.ordered).toBe(true);
  });

  it("closes an item at a semicolon and the list at the full stop of the item after it, however full their lines", () => {
    const items = [
      "flexibele werktijden en de mogelijkheid om de uren tijdelijk te verschuiven;",
      "een aanvulling op het wettelijke zorgverlof tot een groot deel van het loon;",
      "voortzetting van de volledige pensioenopbouw bij een tijdelijke vermindering.",
    ];
    const text = [...P1.slice(0, 3), "werken. Daarbij valt te denken aan:", ...items, "Werkgevers kunnen ook keurmerken gebruiken.", ...P1.slice(6)];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" && list.children.map(blockText)).toEqual(items);
    expect(doc.children.map(blockText)).toContain("Werkgevers kunnen ook keurmerken gebruiken.");
  });

  it("opens an item after an item's last line of one word that closes on a semicolon, also after a page break", () => {
    const text = [
      ...P1.slice(0, 3),
      "werken. De raad denkt daarbij aan:",
      "het verminderen van de administratieve lasten voor alle medewerkers in",
      "wijkteams;",
      "het vergroten van de zeggenschap van de medewerkers over hun roosters;",
      "",
      "\fhet investeren in de begeleiding van startende medewerkers.",
      "Die voorzieningen kosten geld, en dat geld komt uit allerlei potjes.",
      ...P1.slice(6),
    ];
    const doc = normalise(splitSource(text.join("\n"), "t.txt"), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph"]);
    const list = doc.children[1]!;
    expect(list.type === "list" && list.children.map(blockText)).toEqual([
      "het verminderen van de administratieve lasten voor alle medewerkers in wijkteams;",
      "het vergroten van de zeggenschap van de medewerkers over hun roosters;",
      "het investeren in de begeleiding van startende medewerkers.",
    ]);
  });

  it("takes short blocks in capitals after a colon for items where an empty line closes them", () => {
    const items = [
      "Houd voor elke digitale dienst een volwaardig alternatief beschikbaar, aan een",
      "fysiek loket of via de telefoon.",
      "Ontwerp digitale diensten samen met de mensen die er het meeste moeite",
      "mee hebben, en test ze met hen voordat zij worden ingevoerd.",
      "Versterk de informatiepunten digitale overheid in bibliotheken.",
    ];
    const lead = [...P1.slice(0, 3), "werken. De raad adviseert de volgende uitgangspunten:"];
    const listed = normalise(raw([...lead, ...items, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(listed.children.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph"]);
    const list = listed.children[1]!;
    expect(list.type === "list" && list.children.map(blockText)).toEqual([
      "Houd voor elke digitale dienst een volwaardig alternatief beschikbaar, aan een fysiek loket of via de telefoon.",
      "Ontwerp digitale diensten samen met de mensen die er het meeste moeite mee hebben, en test ze met hen voordat zij worden ingevoerd.",
      "Versterk de informatiepunten digitale overheid in bibliotheken.",
    ]);
    // without the empty line after them, or with only one such block, they stay paragraphs
    const open = normalise(raw([...lead, ...items, ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(open.children.some((b) => b.type === "list")).toBe(false);
    const one = normalise(raw([...lead, ...items.slice(4), "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(one.children.some((b) => b.type === "list")).toBe(false);
  });

  it("takes three short blocks in capitals after a colon for items where a paragraph longer than each follows", () => {
    // (a browser's list: its bullets are no text, and its indent is too small to tell in characters)
    const items = [
      "De ongelijkheid in deelname blijft hardnekkig. Laagopgeleiden volgen",
      "nog steeds beduidend minder scholing dan andere groepen.",
      "De financiering is versnipperd. Werkenden en werkgevers hebben te maken",
      "met een lappendeken van regelingen, fondsen en budgetten.",
      "Het mkb wordt onvoldoende bereikt. Kleine bedrijven hebben minder",
      "mogelijkheden om scholing te organiseren en te financieren.",
    ];
    const lead = [...P1.slice(0, 3), "werken. De raad signaleert drie knelpunten:"];
    const after = [...P1.slice(6, 8), P1[0]!, P1[1]!, "Dat is de kern."];
    const doc = normalise(raw([...lead, ...items, ...after].join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph"]);
    const list = doc.children[1]!;
    expect(list.type === "list" && list.children.map((b) => blockText(b).slice(0, 20))).toEqual(["De ongelijkheid in d", "De financiering is v", "Het mkb wordt onvold"]);
    // two such blocks are no list
    const two = normalise(raw([...lead, ...items.slice(0, 4), ...after].join("\n")), undefined, { kind: "report" });
    expect(two.children.some((b) => b.type === "list")).toBe(false);
  });

  it("takes blocks in capitals after a colon for items where their lines stand back from the measure and a full paragraph follows", () => {
    // (the items' lines hold some 60 characters where the page's hold 72: the list's indent)
    const items = [
      "Eigenaren met een hoger inkomen kunnen investeren en",
      "profiteren van subsidies en een lagere rekening.",
      "Huurders zijn afhankelijk van de keuzes van hun",
      "verhuurder en hebben weinig zeggenschap daarover.",
      "Huishoudens die als laatste op het gasnet blijven,",
      "dreigen een groter deel van de kosten te betalen.",
      "Bovendien verschillen de lasten sterk tussen de",
      "regio's, zo blijkt uit de cijfers van de netbeheerders.",
    ];
    const lead = [...P1.slice(0, 3), "werken. De lasten zijn ongelijk verdeeld:"];
    const doc = normalise(raw([...lead, ...items, ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph"]);
    const list = doc.children[1]!;
    expect(list.type === "list" && list.children.length).toBe(4);
    // where the blocks fill the measure as the paragraph after them does, they stay paragraphs
    const full = [P1[0]!, "profiteren van subsidies en een lagere energierekening.", P1[1]!, "hebben weinig zeggenschap over de verduurzaming van hun woning."];
    const plain = normalise(raw([...lead, ...full, ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(plain.children.some((b) => b.type === "list")).toBe(false);
  });

  it("cuts the block after a colon into items where empty lines separate paragraphs and its lines end short", () => {
    // (MuPDF sets a browser's list so: an empty line after the lead-in and after the list, none
    // among the items, whose bullets were no text)
    const para = ["Toch is krapte niet het hele verhaal. De raad heeft in de afgelopen jaren", "herhaaldelijk gewezen op de gevolgen van een krappe arbeidsmarkt voor de", "kwaliteit van de publieke diensten.", ""];
    const lead = ["De raad ziet verschillende mogelijkheden om de instroom in technische beroepen", "te vergroten:", ""];
    const items = [
      "meer leerwerkplekken in het middelbaar beroepsonderwijs, met een stevigere",
      "rol voor de opleidingsfondsen in de installatiesector;",
      "gerichte omscholing van werkenden uit krimpende sectoren, ondersteund",
      "door de regionale mobiliteitsteams",
      "betere benutting van het arbeidspotentieel van vrouwen en statushouders.",
      "",
    ];
    const text = (body: string[]): string => [...para, ...para, ...lead, ...body, ...para, ...para].join("\n");
    const doc = normalise(raw(text(items)), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "paragraph", "paragraph", "list", "paragraph", "paragraph"]);
    const list = doc.children[3]!;
    expect(list.type === "list" && list.children.map((b) => blockText(b).slice(0, 20))).toEqual(["meer leerwerkplekken", "gerichte omscholing ", "betere benutting van"]);
    // an item's last line of one word closes it where it closes a clause on a semicolon (MuPDF,
    // Chromium: a justified list item whose last line holds one word)
    const semis = [
      "het verminderen van de registratielast, o.a. door dubbele verslaglegging te",
      "schrappen;",
      "het vergroten van de zeggenschap van zorgverleners over roosters en",
      "werkwijze;",
      "het investeren in loopbaanbegeleiding en begeleiding van nieuwe medewerkers.",
      "",
    ];
    const semiList = normalise(raw(text(semis)), undefined, { kind: "report" }).children[3]!;
    expect(semiList.type === "list" && semiList.children.map((b) => blockText(b).slice(-12))).toEqual(["te schrappen;", "n werkwijze;", "medewerkers."].map((e) => e.slice(-12)));
    // items that open with a quantity are items too
    const counted = ["62 melkkoeien en 35 stuks jongvee", "78 hectare grond, waarvan 20 hectare met natuurbeheer", "1 melkrobot en 1 parttime medewerker", ""];
    const farm = normalise(raw(text(counted)), undefined, { kind: "report" }).children[3]!;
    expect(farm.type === "list" && farm.children.map((b) => blockText(b).slice(0, 12))).toEqual(["62 melkkoeie", "78 hectare g", "1 melkrobot "]);
    // two parts are no list (a paragraph may end short before another), and where the lines that
    // wrapped end on a space, a short line that ends on one was wrapped all the same
    expect(normalise(raw(text(items.slice(2))), undefined, { kind: "report" }).children.some((b) => b.type === "list")).toBe(false);
    const spaced = [...para, ...para, ...lead, ...items, ...para, ...para].map((t, k, all) => (t && all[k + 1] ? `${t} ` : t));
    expect(normalise(raw(spaced.join("\n")), undefined, { kind: "report" }).children.some((b) => b.type === "list")).toBe(false);
    // a block whose lines fill the measure stays a paragraph, and so does one a line of one word cuts
    const full = ["De raad adviseert het kabinet om de middelen voor deze regelingen structureel", "vast te leggen en de uitvoering bij de gemeenten te beleggen, zodat werkenden", "en werkgevers weten waar zij aan toe zijn.", ""];
    const cut = ["De raad adviseert het kabinet om de middelen voor deze regelingen te bundelen.", "Het", "kabinet kan dat doen in de komende begroting, zodat werkenden en werkgevers", "weten waar zij aan toe zijn.", ""];
    for (const body of [full, cut]) expect(normalise(raw(text(body)), undefined, { kind: "report" }).children.some((b) => b.type === "list")).toBe(false);
    // nor is a block cut that opens with a dash (set on a line of its own): its item goes on after the short line
    const dashed = ["–", "a. Stel een landelijk loket in voor ondernemers", "met vragen over netcongestie en over hun positie in de wachtrij.", ""];
    const texts = normalise(raw(text(dashed)), undefined, { kind: "report" }).children.flatMap((b) => (b.type === "list" ? b.children.map(blockText) : [blockText(b)]));
    expect(texts.some((t) => t.startsWith("met vragen"))).toBe(false);
  });

  it("does not read a word a line, or a line opening with a conjunction, as items", () => {
    const doc = normalise(raw([...P1.slice(0, 3), "werken, in het bijzonder bij de volgende maatschappelijke factoren:", "schulden,", "armoede,", "laaggeletterdheid", "en", "werkloosheid. Wij kijken naar de domeinen waar die problemen samenkomen."].join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph"]);
  });
});

describe("a list whose bullets or numbers the extraction set apart from their items", () => {
  const lead = [...P1.slice(0, 3), "werken. De raad komt tot de volgende aanbevelingen:"];
  const items = (...marks: string[]): string[] => [...marks, ""];

  it("closes an item in lower case at a semicolon, however full its line, and not one that opens a sentence", () => {
    const full = [
      "de minister heeft op 27 februari de ontvangst van het advies over laaggeletterdheid bevestigd;",
      "het rondetafelgesprek over de arbeidsmarkt in het onderwijs, dat gepland stond op 9 april,",
      "wordt in verband met de Kamerbehandeling van de begroting verplaatst naar 14 mei;",
      "de vacature voor een beleidsmedewerker onderwijseconomie is vervuld.",
    ];
    const doc = normalise(raw([...lead, ...items("•", "•", "•"), ...full, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" && list.children.map(blockText)).toEqual([
      full[0],
      `${full[1]} ${full[2]}`,
      full[3],
    ]);
    const sentences = [
      "Het werk dat statushouders vinden, is vaak tijdelijk, in deeltijd en onder hun niveau;",
      "ruim de helft heeft na vijf jaar een flexibel contract, en dat aandeel neemt nauwelijks af.",
      "Vrouwen blijven sterk achter: na vijf jaar werkt een kwart van hen, tegenover bijna zestig",
      "procent van de mannen.",
    ];
    const doc2 = normalise(raw([...lead, ...items("•", "•"), ...sentences, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    const list2 = doc2.children.find((b) => b.type === "list");
    expect(list2?.type === "list" && list2.children.map(blockText)).toEqual([`${sentences[0]} ${sentences[1]}`, `${sentences[2]} ${sentences[3]}`]);
  });

  it("takes bullets alone after a page's last text for the glyphs of the items above, not of the next page's blocks", () => {
    // (WeasyPrint draws the bullets after the page's text: pdftotext -raw gives them after its last line)
    const recs = [
      "Maak betaalbaarheid een doel van de warmtetransitie.",
      "Zorg dat huishoudens niets voorfinancieren.",
      "Bescherm de laatste gebruikers van het gasnet.",
    ];
    const page2 = [
      "De raad is graag bereid om deze punten nader toe te lichten aan de minister en aan de",
      "Kamer.",
      "Tot slot merkt de raad op dat een goede uitvoering meer vraagt dan geld alleen.",
    ];
    const text = [...P1, ...lead, ...recs, ...P1.slice(6), "•", "•", "•", "\f" + page2[0], ...page2.slice(1), "\f"].join("\n");
    const doc = normalise(splitSource(text, "t.txt"), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" && list.children.map(blockText)).toEqual(recs);
    // (the paragraph after the list goes on over the page break: its last line was full)
    expect(doc.children.slice(-2).map((b) => `${b.type} ${blockText(b)}`)).toEqual([`paragraph ${P1.slice(6).join(" ")} ${page2[0]} ${page2[1]}`, `paragraph ${page2[2]}`]);
  });

  it("gives each list on the page its own run of markers after the text, and leaves the paragraph after a list's last item", () => {
    // (WeasyPrint, MuPDF: the page's two bullets, then its two numbers; an item's last line is one word)
    const knel = [
      "De ongelijkheid in deelname blijft hardnekkig. Ondanks jarenlange aandacht volgen laagop-",
      "geleiden, 55-plussers en flexwerkers nog steeds beduidend minder scholing dan andere",
      "groepen.",
      "Het mkb wordt onvoldoende bereikt. Kleine bedrijven hebben minder mogelijkheden om",
      "scholing te organiseren en te financieren, en maken minder gebruik van bestaande regelin-",
      "gen.",
    ];
    const after = "Naast deze knelpunten wijst de raad op de gevolgen van nieuwe technologie.";
    const recs = ["Investeer in het leren op de werkplek.", "Monitor de effecten van nieuw beleid systematisch en openbaar."];
    const text = [...P1, "", ...lead, "", ...knel, "", after, "", "De raad doet de volgende aanbevelingen:", "", ...recs, "", "•", "", "•", "", "1.", "", "2.", "\f" + P1[0], ...P1.slice(1), "\f"].join("\n");
    const doc = normalise(splitSource(text, "t.txt"), undefined, { kind: "report" });
    const lists = doc.children.filter((b) => b.type === "list");
    expect(lists.map((l) => l.type === "list" && [l.ordered, l.children.map((i) => blockText(i).slice(0, 12))])).toEqual([
      [false, ["De ongelijkh", "Het mkb word"]],
      [true, ["Investeer in", "Monitor de e"]],
    ]);
    expect(doc.children.some((b) => b.type === "paragraph" && blockText(b) === after)).toBe(true);
  });

  it("takes markers after a page's text that follow one another without empty lines each for a marker", () => {
    // (WeasyPrint, MuPDF: "1. " / "" / "2. " / "3. " after the page's last paragraph, each with the
    // space MuPDF leaves after a line's last word; "3. " is no rest of the paragraph)
    const recs = [
      "Maak betaalbaarheid een doel van de warmtetransitie.",
      "Zorg dat huishoudens niets voorfinancieren.",
      "Bescherm de laatste gebruikers van het gasnet.",
    ];
    const text = [...P1, "", ...lead, "", ...recs, "", ...P1.slice(6), "", "1. ", "", "2. ", "3. ", "\f" + P1[0], ...P1.slice(1), "\f"].join("\n");
    const doc = normalise(splitSource(text, "t.txt"), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" && [list.ordered, list.children.map(blockText)]).toEqual([true, recs]);
    expect(doc.children.filter((b) => b.type === "paragraph").some((b) => /\b[23]\.$/.test(blockText(b)))).toBe(false);
  });

  it("cuts a list whose markers were drawn after the page's text after an item's last line of one word too, where its run needs it", () => {
    // (WeasyPrint, MuPDF: three bullets after the text, the second item's last line one word in lower case)
    const items = [
      "meer leerwerkplekken in het middelbaar beroepsonderwijs, met een stevigere rol voor de",
      "opleidingsfondsen in de installatiesector",
      "gerichte omscholing van werkenden uit krimpende sectoren, ondersteund door de regionale",
      "mobiliteitsteams",
      "betere benutting van het arbeidspotentieel van vrouwen en statushouders in de techniek",
    ];
    const text = [...P1, "", ...lead, "", ...items, "", ...P1.slice(6), "", "•", "", "•", "", "•", "\f" + P1[0], ...P1.slice(1), "\f"].join("\n");
    const doc = normalise(splitSource(text, "t.txt"), undefined, { kind: "report" });
    const list = doc.children.find((b) => b.type === "list");
    expect(list?.type === "list" && list.children.map(blockText)).toEqual([items.slice(0, 2).join(" "), items.slice(2, 4).join(" "), items[4]]);
  });

  it("cuts items set as one again where the page's markers ask for more, at sentence ends if need be", () => {
    // (the corpus's WeasyPrint advice through MuPDF: six numbers after page 4's text; the lead-in's
    // list was read as four items, the first holding three recommendations whose lines fill the measure)
    const file = join(ROOT, "bench", "corpus", "txt", "weasyprint.mutool", "a-advies-warmtetransitie.txt");
    const doc = normalise(readSource(file), undefined, { kind: "advice" });
    const i = doc.children.findIndex((b) => b.type === "paragraph" && blockText(b).startsWith("De raad komt op basis van de analyse"));
    const list = doc.children[i + 1]!;
    expect(list.type === "list" && [list.ordered, list.children.map((b) => blockText(b).split(" ").slice(0, 2).join(" "))]).toEqual([
      true,
      ["Maak betaalbaarheid", "Zorg dat", "Bescherm de", "Versterk de", "Investeer structureel", "Maak van"],
    ]);
    expect(doc.children[i + 2]!.type === "paragraph" && blockText(doc.children[i + 2]!)).toBe("In de volgende paragrafen licht de raad deze aanbevelingen toe.");
  });

  it("reads the next page's first line after the block's last, the markers drawn after the text between them", () => {
    // (WeasyPrint, pdftotext -raw: the page's last paragraph ends short, its list's bullets follow,
    // then the next page opens a paragraph of its own; the bullets say nothing of where it begins)
    const recs = [
      "Maak betaalbaarheid een doel van de warmtetransitie.",
      "Zorg dat huishoudens niets voorfinancieren.",
      "Bescherm de laatste gebruikers van het gasnet.",
    ];
    const last = [P1[6]!, "wel willen werken."];
    const page2 = [
      "De raad is graag bereid om deze punten nader toe te lichten aan de minister en aan de",
      "Kamer.",
    ];
    const text = [...P1, ...lead, ...recs, ...last, "•", "•", "•", "\f" + page2[0], ...page2.slice(1), "\f"].join("\n");
    const doc = normalise(splitSource(text, "t.txt"), undefined, { kind: "report" });
    expect(doc.children.slice(-2).map((b) => `${b.type} ${blockText(b)}`)).toEqual([`paragraph ${last.join(" ")}`, `paragraph ${page2.join(" ")}`]);
  });

  it("ends a lead-in on a colon however full its line, on a page that draws its markers after its text", () => {
    // (WeasyPrint, pdftotext -raw: no empty lines, the lead-in's line fills the measure)
    const full = [...P1.slice(0, 3), "werken. De raad adviseert het kabinet daarom de volgende uitgangspunten:"];
    const recs = [
      "Maak betaalbaarheid een doel van de warmtetransitie.",
      "Zorg dat huishoudens niets voorfinancieren.",
      "Bescherm de laatste gebruikers van het gasnet.",
    ];
    const page2 = ["De raad is graag bereid om deze punten nader toe te lichten aan de minister en aan de", "Kamer."];
    const text = [...P1.slice(5), ...full, ...recs, "•", "•", "•", "\f" + page2[0], ...page2.slice(1), "\f"].join("\n");
    const doc = normalise(splitSource(text, "t.txt"), undefined, { kind: "report" });
    const i = doc.children.findIndex((b) => b.type === "list");
    expect(i > 0 && blockText(doc.children[i - 1]!).endsWith(full.join(" "))).toBe(true);
    const list = doc.children[i]!;
    expect(list.type === "list" && list.children.map(blockText)).toEqual(recs);
  });

  it("takes numbers alone, in order, for an ordered list's markers", () => {
    const text = [
      ...lead,
      ...items("1.", "2.", "3."),
      "Maak betaalbaarheid een expliciet doel van de warmtetransitie.",
      "Zorg dat huishoudens met een laag inkomen niets voorfinancieren.",
      "Bescherm de laatste gebruikers van het gasnet.",
      "",
      ...P1.slice(6),
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph"]);
    const list = doc.children[1]!;
    expect(list.type === "list" && list.ordered && list.children.map(blockText)).toEqual([
      "Maak betaalbaarheid een expliciet doel van de warmtetransitie.",
      "Zorg dat huishoudens met een laag inkomen niets voorfinancieren.",
      "Bescherm de laatste gebruikers van het gasnet.",
    ]);
    // (numbers out of order are no markers: they stay text)
    const odd = normalise(raw([...lead, ...items("2.", "5."), ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(odd.children.some((b) => b.type === "list")).toBe(false);
  });

  it("ends an item in lower case at a line that ended short, and not at a full one", () => {
    const text = [
      ...lead,
      ...items("•", "•", "•"),
      "meer leerwerkplekken in het middelbaar beroepsonderwijs",
      "gerichte omscholing van werkenden uit krimpende sectoren, ondersteund door",
      "de regionale mobiliteitsteams",
      "betere benutting van het arbeidspotentieel van vrouwen in de techniek",
      "",
      ...P1.slice(6),
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    const list = doc.children[1]!;
    expect(list.type === "list" && list.children.map(blockText)).toEqual([
      "meer leerwerkplekken in het middelbaar beroepsonderwijs",
      "gerichte omscholing van werkenden uit krimpende sectoren, ondersteund door de regionale mobiliteitsteams",
      "betere benutting van het arbeidspotentieel van vrouwen in de techniek",
    ]);
  });

  it("takes a glyph alone before each item for its bullet, glyph and item in turn, and leaves one stray glyph alone", () => {
    const a = ["a. Stel een landelijk loket in waar ondernemers terechtkunnen met vragen over", "hun positie in de wachtrij en de mogelijkheden voor flexibele contracten."];
    const b = ["b. Maak een vereenvoudigd contract beschikbaar voor kleine aansluitingen, met", "standaardvoorwaarden en zonder verplichte onderhandeling."];
    const doc = normalise(raw([...lead, "•", "", ...a, "", "•", "", ...b, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    const list = doc.children.find((x) => x.type === "list");
    expect(list?.type === "list" && list.children.map(blockText)).toEqual([a.join(" "), b.join(" ")]);
    // (one glyph alone, no other after its block: a stray, no list)
    const stray = normalise(raw([...lead, "•", "", ...a, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(stray.children.some((x) => x.type === "list")).toBe(false);
    // (nor after items whose glyphs stand with their text: an empty bullet under a list)
    const after = normalise(raw([...lead, "• Maak betaalbaarheid een doel.", "• Bescherm de laatste gebruikers.", "•", "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(after.children.map((x) => x.type)).toEqual(["paragraph", "list", "paragraph"]);
  });

  it("opens an item at each glyph alone, where the items go on in lower case and close no clause", () => {
    // (MuPDF sets a LibreOffice list of a magazine so: "•" / "een dagelijks gratis ontbijt …")
    const items = ["een dagelijks gratis ontbijt voor alle leerlingen, zonder aanmelding of controle", "een kledingkast met jassen, schoenen en sportkleding, gevuld door donaties uit de wijk", "een verlengde schooldag met sport, muziek en huiswerkbegeleiding"];
    const doc = normalise(raw([...lead, "", ...items.flatMap((t) => ["•", t, ""]), ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(doc.children.map((x) => x.type)).toEqual(["paragraph", "list", "paragraph"]);
    const list = doc.children[1]!;
    expect(list.type === "list" && list.children.map(blockText)).toEqual(items);
  });

  it("takes lower-case text after more than one glyph alone for the rest of the item before them", () => {
    // (pdfminer sets a list so: the first bullet with its item's first line, then the other bullets,
    // then the rest of the first item and the other items)
    // (the first item's line ends on a broken word, or on a word whole: then the markers in a row tell)
    const first = "meer leerwerkplekken in het middelbaar beroepsonderwijs, met een stevigere rol voor";
    for (const [end, rest] of [["de op-", "leidingsfondsen in de installatiesector"], ["opleidingsfondsen", "in de installatiesector"]]) {
      const doc = normalise(
        raw([...lead, "", `• ${first} ${end}`, "", "•", "", "•", "", rest!, "gerichte omscholing van werkenden uit krimpende sectoren, ondersteund door de regionale", "mobiliteitsteams", "betere benutting van het arbeidspotentieel van vrouwen in de techniek", "", ...P1.slice(6)].join("\n")),
        undefined,
        { kind: "report" },
      );
      const list = doc.children.find((x) => x.type === "list");
      expect(list?.type === "list" && list.children.map(blockText)).toEqual([
        `${first} ${end!.endsWith("-") ? end!.slice(0, -1) : `${end} `}${rest}`,
        "gerichte omscholing van werkenden uit krimpende sectoren, ondersteund door de regionale mobiliteitsteams",
        "betere benutting van het arbeidspotentieel van vrouwen in de techniek",
      ]);
    }
  });

  it("takes a number alone before each item for its marker, number and item in turn", () => {
    // (MuPDF sets a LibreOffice list so: "1." / "Versnippering …" / "2." / "Projectmatige …")
    const items = ["Versnippering van regelingen en financieringsstromen tussen Rijk, gemeenten en UWV", "Projectmatige financiering die de continuïteit van succesvolle aanpakken ondermijnt", "Gebrek aan zicht op de resultaten van de eigen inspanningen"];
    const doc = normalise(raw([...lead, ...items.flatMap((t, k) => [`${k + 1}.`, t, ""]), ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    const list = doc.children.find((x) => x.type === "list");
    expect(list?.type === "list" && list.ordered && list.children.map(blockText)).toEqual(items);
    // (one number alone, no next number after its block: no list)
    const one = normalise(raw([...lead, "1.", items[0]!, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(one.children.some((x) => x.type === "list")).toBe(false);
  });
});

describe("paragraphs that open with labels numbered in sequence", () => {
  const actions = (labels: string[]) =>
    normalise(
      raw(
        [
          ...P1.slice(0, 6),
          "",
          "Actielijst",
          "",
          ...labels.flatMap((l, k) => [`${l}: Het secretariaat verwerkt de opmerkingen over het conceptadvies en stuurt`, `een herziene versie rond (punt ${k + 1}).`]),
          "",
          ...P1.slice(6),
        ].join("\n"),
      ),
      undefined,
      { kind: "minutes" },
    );
  const items = (d: ReturnType<typeof actions>) => d.children.filter((b) => b.type === "list").flatMap((b) => (b.type === "list" ? b.children.map((i) => blockText(i).slice(0, 12)) : []));

  it("are a list, three or more in a row, their labels kept in their text", () => {
    expect(items(actions(["2026-01", "2026-02", "2026-03"]))).toEqual(["2026-01: Het", "2026-02: Het", "2026-03: Het"]);
    expect(items(actions(["Actie 4", "Actie 5", "Actie 6", "Actie 7"]))).toHaveLength(4);
  });

  it("are not where the numbers do not follow each other, or where there are two", () => {
    expect(items(actions(["2026-01", "2026-03", "2026-04"]))).toHaveLength(0);
    expect(items(actions(["2026-01", "2026-02"]))).toHaveLength(0);
    expect(items(actions(["In 2024", "In 2025", "In 2026"]))).toHaveLength(0);
  });
});

describe("words split where the extraction joined printed lines", () => {
  const joined = (at: string): string =>
    `Het ministerie heeft in september een aanvraag gedaan bij de raad over de ${at} voor huishoudens met een laag inkomen en de gevolgen daarvan.`;
  const doc = (line: string) =>
    normalise(raw([...P1.slice(0, 4), line, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });

  it("mends a word split with a space near the end of the first printed line, and reports it", () => {
    const d = doc(joined("fi nanciële ondersteuning"));
    expect(d.children.map(blockText).join(" ")).toContain("financiële ondersteuning");
    expect(d.diagnostics.some((x) => x.code === "normalise:split-word" && x.position?.line === 5)).toBe(true);
  });

  it("mends nothing where the extraction keeps the hyphens of words broken at line ends: it joined no lines", () => {
    // (pdftotext -raw: a line over the measure is a note set in smaller type, its spaces are the text's)
    const kept = ["De raad heeft in de afgelopen jaren herhaaldelijk gewezen op de gevol-", "gen van een krappe arbeidsmarkt voor de kwaliteit van de publieke dien-", "sten in de regio, en op de noodzaak om werkgevers en onderwijsinstel-", "lingen beter te laten samenwerken. In de zorg zijn de tekorten het grootst."];
    const d = normalise(raw([...kept, joined("fi nanciële ondersteuning"), "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(d.children.map(blockText).join(" ")).toContain("fi nanciële ondersteuning");
    expect(d.diagnostics.some((x) => x.code === "normalise:split-word")).toBe(false);
  });

  it("mends a web address split after its scheme", () => {
    const d = doc("Zie voor de cijfers van het Centraal Bureau het overzicht op de site https:// www.cbs.nl/nl-nl/cijfers en de toelichting daarbij, bij de tabellen.");
    expect(d.children.map(blockText).join(" ")).toContain("https://www.cbs.nl/nl-nl/cijfers");
  });

  it("leaves two words alone, and a compound's first part before a hyphenated word", () => {
    const a = doc(joined("vaste regeling"));
    expect(a.children.map(blockText).join(" ")).toContain("vaste regeling");
    const b = doc(joined("opleiding op mboen hbo-niveau"));
    expect(b.children.map(blockText).join(" ")).toContain("mboen hbo-niveau");
    expect(b.diagnostics.some((x) => x.code === "normalise:split-word")).toBe(false);
  });

  it("mends a split whose first part is a word too where the extraction shows it leaves such spaces", () => {
    // "onder" is a word; "ondersteunen" is one too, broken there by the hyphenation patterns, and
    // the document writes "onder steunen" nowhere else; the split "fi nanciële" shows the habit
    const two = (a: string, b: string) =>
      normalise(raw([...P1.slice(0, 4), joined(a), "", ...P1.slice(0, 4), joined(b), "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    const d = two("fi nanciële ondersteuning", "onder steunen van");
    expect(d.children.map(blockText).join(" ")).toContain("ondersteunen van");
    // without that evidence the joins are taken to be clean, and two words stay two
    expect(doc(joined("onder steunen van")).children.map(blockText).join(" ")).toContain("onder steunen van");
    // two words the document writes as a pair elsewhere, or often, stay apart ("op de", "in de")
    const pair = two("fi nanciële ondersteuning", "op de gevolgen");
    expect(pair.children.map(blockText).join(" ")).toContain("op de gevolgen");
    // and so does a word before "en", "een", "het" or "te", which stand on their own far more often
    for (const words of ["tegen een", "vocht en", "gebracht en"]) expect(two("fi nanciële ondersteuning", `${words} vergoeding`).children.map(blockText).join(" ")).toContain(`${words} vergoeding`);
  });

  it("mends a split further on in a joined line, where the printed lines before it filled the measure less, only where its first part is no word", () => {
    const far = (words: string) => `Het ministerie heeft in september een aanvraag gedaan bij de raad over de gevolgen voor huishoudens met een laag inkomen en voor de gemeenten met de ${words} regeling in hun eigen regio.`;
    expect(doc(far("stan daard")).children.map(blockText).join(" ")).toContain("met de standaard regeling");
    // ("in" is a word: "inwerking" would be one too, but so far from the line's end the two stay)
    expect(doc(far("wet in werking")).children.map(blockText).join(" ")).toContain("wet in werking");
  });

  it("mends a split into a word of four letters, but not after \"en\", \"een\" or \"het\"", () => {
    const two = (a: string, b: string) =>
      normalise(raw([...P1.slice(0, 4), joined(a), "", ...P1.slice(0, 4), joined(b), "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(two("fi nanciële ondersteuning", "la ge lonen").children.map(blockText).join(" ")).toContain("de lage lonen");
    // (the split is "ge|sprekken", where "en|ge" would make a word of the list too)
    const talks = "Het ministerie heeft in september een aanvraag gedaan na overleg en ge sprekken met de gemeenten over de gevolgen voor huishoudens met een laag inkomen.";
    const d = normalise(raw([...P1.slice(0, 4), joined("fi nanciële ondersteuning"), "", ...P1.slice(0, 4), talks, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    expect(d.children.map(blockText).join(" ")).toContain("overleg en gesprekken met");
  });

  it("mends a split whose first part is a word where the second is none, into a compound of the word list", () => {
    // ("re" and "con" are words of the list; "gistratieplicht" and "ceptnotitie" are no words, nor
    // compounds of words; the two together are compounds of the list's words)
    const two = (a: string, b: string) =>
      normalise(raw([...P1.slice(0, 4), joined(a), "", ...P1.slice(0, 4), joined(b), "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" }).children.map(blockText).join(" ");
    expect(two("fi nanciële ondersteuning", "re gistratieplicht")).toContain("over de registratieplicht voor");
    expect(two("fi nanciële ondersteuning", "con ceptnotitie")).toContain("over de conceptnotitie voor");
    // (where the second part is a word, as before: two words stay two)
    expect(two("fi nanciële ondersteuning", "vaste regeling")).toContain("over de vaste regeling voor");
  });

  it("mends a verb before \"de\" into a participle only where the document writes that form elsewhere", () => {
    const three = (b: string, other: string) =>
      normalise(raw([...P1.slice(0, 4), joined("fi nanciële ondersteuning"), "", ...P1.slice(0, 4), joined(b), "", other, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" }).children.map(blockText).join(" ");
    expect(three("noemen de", "Zij noemen het een probleem.")).toContain("over de noemen de voor");
    expect(three("volgen de", "De volgende stap is de uitvoering.")).toContain("over de volgende voor");
  });

  it("mends a split on a line a little over the measure, a printed line and a paragraph's last characters", () => {
    // (in a document that shows the habit: "fi nanciële" on a joined line)
    const last = (line: string) => normalise(raw([...P1.slice(0, 4), joined("fi nanciële ondersteuning"), "", ...P1.slice(0, 4), line, "", ...P1.slice(6)].join("\n")), undefined, { kind: "report" });
    const d = last("Afwezig waren de heer Jansen en mevrouw De Vries met bericht van verhinde ring.");
    expect(d.children.map(blockText).join(" ")).toContain("met bericht van verhindering.");
    expect(d.diagnostics.some((x) => x.code === "normalise:split-word" && x.position?.line === 11)).toBe(true);
    // (not where the first part is a word the document writes elsewhere: "in" of "in valt")
    expect(last("Afwezig waren de heer Jansen en mevrouw De Vries voor wie de secretaris in valt.").children.map(blockText).join(" ")).toContain("secretaris in valt.");
  });

  // (pages parted by form feeds: pdftotext's default mode, which joins a broken word's halves; the
  // compound comes where the first printed line ended, some 0.9 of the measure)
  const page = (line: string) =>
    normalise(splitSource([...P1.slice(0, 4), line, "", ...P1.slice(6), "\f" + P1[0]!, ...P1.slice(1, 4), "grootst."].join("\n"), "t.txt"), undefined, { kind: "report" });
  const atEnd = (at: string): string => `Het ministerie heeft in september een aanvraag gedaan over de ${at} voor huishoudens met een laag inkomen en de gevolgen daarvan.`;
  const text = (at: string) => page(atEnd(at)).children.map(blockText).join(" ");

  it("puts back a hyphen the document writes in the same word elsewhere, wherever it stands on a joined line", () => {
    const joinedLine = "Het overleg met VNONCW, mevrouw ScholtenDijkman en de vereniging van 55plussers over de aanvraag verliep goed en de gevolgen zijn bekend.";
    const own = "Aanwezig waren VNO-NCW, mevrouw Scholten-Dijkman en de 55-plussers.";
    const read = (other: string) =>
      normalise(splitSource([...P1.slice(0, 4), joinedLine, "", other, "", ...P1.slice(6), "\f" + P1[0]!, ...P1.slice(1, 4), "grootst."].join("\n"), "t.txt"), undefined, { kind: "report" });
    const doc = read(own);
    expect(doc.children.map(blockText).join(" ")).toContain("Het overleg met VNO-NCW, mevrouw Scholten-Dijkman en de vereniging van 55-plussers over");
    expect(doc.diagnostics.filter((d) => d.code === "normalise:dropped-hyphen")).toHaveLength(3);
    // (not where the document also writes the word without, on a line of its own)
    const both = read(`${own}\nOok mevrouw ScholtenDijkman was er.`);
    expect(both.children.map(blockText).join(" ")).toContain("mevrouw ScholtenDijkman en de vereniging");
  });

  it("puts back a compound's hyphen that pdftotext's default mode dropped at a line end, and reports it", () => {
    expect(text("UWVwerkgeversservicepunten")).toContain("de UWV-werkgeversservicepunten voor");
    expect(text("MKBNederland")).toContain("de MKB-Nederland voor");
    expect(text("ZuidHolland")).toContain("de Zuid-Holland voor");
    // (a name is a word of the list in its capital: "Groningen")
    expect(text("OostGroningen")).toContain("de Oost-Groningen voor");
    expect(text("diplomaerkenning")).toContain("de diploma-erkenning voor");
    // (the document writes "mbo-" before a hyphen in a compound elsewhere)
    expect(text("mbodiploma, en het mbo-onderwijs")).toContain("de mbo-diploma, en");
    expect(page(atEnd("UWVwerkgeversservicepunten")).diagnostics.some((x) => x.code === "normalise:dropped-hyphen" && x.position?.line === 5)).toBe(true);
  });

  it("leaves a compound alone that the word list knows joined, or whose vowels meet at no part's end", () => {
    expect(text("kredietbeoordelaars")).toContain("de kredietbeoordelaars voor");
    expect(text("maaltijdbezorgers")).toContain("de maaltijdbezorgers voor");
    expect(text("zorginstellingen")).toContain("de zorginstellingen voor");
    // (a part set apart before "en" is no evidence of a hyphen: "beweeg- en sportlocaties")
    expect(text("beweegclubjes, beweeg- en sportlocaties")).toContain("de beweegclubjes, beweeg- en");
  });

  it("puts back a date's hyphen in a web address that pdftotext's default mode dropped, on a line of any length", () => {
    expect(text("regeling, https://wetten.overheid.nl/BWBR0040936/2018-0701")).toContain("https://wetten.overheid.nl/BWBR0040936/2018-07-01");
    expect(text("regeling, https://wetten.overheid.nl/BWBR0048163/202307-01#Hoofdstuk1")).toContain("https://wetten.overheid.nl/BWBR0048163/2023-07-01#Hoofdstuk1");
    // (a short line too: a note's line, set smaller than the text)
    const short = page("Zie https://wetten.overheid.nl/BWBR0050125/2025-0101#Hoofdstuk2 voor de tekst.");
    expect(short.children.map(blockText).join(" ")).toContain("BWBR0050125/2025-01-01#Hoofdstuk2");
    expect(short.diagnostics.some((x) => x.code === "normalise:dropped-hyphen" && x.position?.line === 5)).toBe(true);
    // (no date: a range of years, a month past twelve, a number outside an address)
    expect(text("regeling, https://www.actiz.nl/cao-vvt-2022-2025-afspraken")).toContain("cao-vvt-2022-2025-afspraken");
    expect(text("regeling, https://www.voorbeeld.nl/nummer/2018-1301")).toContain("nummer/2018-1301");
    expect(text("regeling 2018-0701 met kenmerk")).toContain("regeling 2018-0701 met");
  });

  it("puts back a hyphen between the words of a web address's slug where pdftotext's default mode dropped it at a line end", () => {
    // (the first printed line ends at "regeling-en-", some 0.96 of the measure, after the line's start)
    const url = (slug: string) => `Zie https://www.uitvoering.nl/regelingen/inburgering-2021_routes-${slug}-toelichting voor de tekst van de regeling.`;
    const d = page(url("enexamens"));
    expect(d.children.map(blockText).join(" ")).toContain("inburgering-2021_routes-en-examens-toelichting");
    expect(d.diagnostics.some((x) => x.code === "normalise:dropped-hyphen" && x.message.includes("web address") && x.position?.line === 5)).toBe(true);
    // a compound of the word list stays whole, and so does a run far from the line's end or in the host's name
    expect(page(url("personeelsbeleid")).children.map(blockText).join(" ")).toContain("routes-personeelsbeleid-toelichting");
    expect(page("Zie voor de brief van de minister over het stelsel https://www.rijksoverheid.nl/kamerstukken/2025/brief-stelsel voor de tekst.").children.map(blockText).join(" ")).toContain("https://www.rijksoverheid.nl/");
    const far = page("Zie https://www.ser.nl/nl/publicaties/enexamens/2026/verslag-van-de-vergadering-van-de-raad-van-juni voor de tekst.");
    expect(far.children.map(blockText).join(" ")).toContain("/publicaties/enexamens/2026/");
  });

  it("puts back a hyphen between the parts of a web address in a note set in smaller type, by the notes' own measure", () => {
    // (the notes' lines are some 86 characters, the text's some 72: a note's line of one printed
    // line is longer than the text's measure, and a note's printed line ends past it)
    const notes = (urls: string[]) => [
      "1 Zie de brief van de minister over de pensioenopbouw van zelfstandigen zonder personeel,",
      urls[0]!,
      "2 Het verslag van de vergadering van de raad is te raadplegen via de website van de raad:",
      urls[1]!,
      "3 De cijfers over de cohorten van statushouders zijn gepubliceerd door het CBS, te vinden",
      urls[2]!,
      "4 De regeling voor isolatie en de maatregelen: https://www.rvo.nl/subsidies/isolatiemaatregelen",
    ];
    const read = (urls: string[]) =>
      normalise(
        splitSource(
          [...P1, "", "De adviesaanvraag over de pensioenopbouw van zelfstandigen volgt later in het", "jaar, na de vergadering van de raad.", "", ...notes(urls), "\f" + P1[0]!, ...P1.slice(1, 4), "grootst."].join("\n"),
          "t.txt",
        ),
        undefined,
        { kind: "report" },
      );
    const doc = read([
      "https://www.rijksoverheid.nl/documenten/kamerstukken/2025/02/03/adviesaanvraagpensioenopbouw-zelfstandigen-zonder-personeel.",
      "https://www.ser.nl/nl/publicaties/vergaderverslagen/2026/verslag-openbare-raadsvergadering19-juni-2026-met-de-bijlagen.",
      "https://www.cbs.nl/nl-nl/maatwerk/2026/06/12/arbeidsdeelname-statushouders-cohorten-20142022-naar-herkomst.",
    ]);
    const all = doc.children.map(blockText).join(" ");
    expect(all).toContain("/adviesaanvraag-pensioenopbouw-zelfstandigen-zonder-personeel.");
    expect(all).toContain("/verslag-openbare-raadsvergadering-19-juni-2026-met-de-bijlagen.");
    expect(all).toContain("statushouders-cohorten-2014-2022-naar-herkomst.");
    expect(doc.diagnostics.filter((d) => d.code === "normalise:dropped-hyphen" && d.message.includes("web address"))).toHaveLength(3);
    // (a line of one printed line among the notes holds no join: "isolatiemaatregelen" stays
    // whole, though the text writes both its parts)
    expect(all).toContain("/subsidies/isolatiemaatregelen");
    // (a word of an address that the English word list has stays whole: "legal-con" / "tent" is none)
    const english = read([
      "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32022D2481&qid=1721827361047&from=en.",
      "https://www.ser.nl/nl/publicaties/vergaderverslagen/2026/verslag-openbare-raadsvergadering-19-juni.",
      "https://www.cbs.nl/nl-nl/maatwerk/2026/06/12/arbeidsdeelname-statushouders-cohorten-2014-2022-naar-herkomst.",
    ]);
    expect(english.children.map(blockText).join(" ")).toContain("/legal-content/NL/TXT/");
    expect(english.diagnostics.filter((d) => d.code === "normalise:dropped-hyphen")).toHaveLength(0);
    // (a line only a little longer than the notes' lines: an address breaks only where it may,
    // so its first printed line ended short, "…-handreiking-voor-" / "zelfstandigen/"; a compound of
    // the word list's words is a part too, "energiebespaarlening" / "voor-…")
    const short = read([
      "https://www.voorbeeld.nl/kennisbank/armoede-en-laaggeletterdheid-handreiking-voorzelfstandigen/.",
      "https://www.ser.nl/nl/publicaties/vergaderverslagen/2026/verslag-openbare-raadsvergadering-19-juni.",
      "van de regeling: https://www.voorbeeld.nl/particulieren/lenen/energiebespaarleningvoor-lage-inkomens.",
    ]);
    const shortText = short.children.map(blockText).join(" ");
    expect(shortText).toContain("/armoede-en-laaggeletterdheid-handreiking-voor-zelfstandigen/.");
    expect(shortText).toContain("/lenen/energiebespaarlening-voor-lage-inkomens.");
    // (a line that only looks longer for the wide gaps of a justified line, as an extraction of the
    // page's layout keeps them, is one printed line)
    const gaps = read([
      "https://www.rijksoverheid.nl/documenten/kamerstukken/2025/02/03/adviesaanvraag-pensioenopbouw.",
      "Zie:        https://www.voorbeeld.nl/kennisbank/armoede-en-laaggeletterdheid-voorzelfstandigen/",
      "https://www.ser.nl/nl/publicaties/verslagen/2026/juni.",
    ]);
    expect(gaps.diagnostics.filter((d) => d.code === "normalise:dropped-hyphen")).toHaveLength(0);
    // (a part that ends the line goes on on the next: "…/legal-conte" / "nt/NL/…")
    const cut = read([
      "https://www.ser.nl/nl/publicaties/vergaderverslagen/2026/verslag-openbare-vergadering-raadvoor",
      "https://www.ser.nl/nl/publicaties/verslagen/2026/juni.",
      "https://www.cbs.nl/nl-nl/maatwerk/2026/06/12/arbeidsdeelname-statushouders-cohorten-2014-2022-naar-herkomst.",
    ]);
    expect(cut.diagnostics.filter((d) => d.code === "normalise:dropped-hyphen")).toHaveLength(0);
  });

  it("leaves a split far from where the first printed line ended", () => {
    const d = doc("Zorgin stellingen en het ministerie hebben in september een aanvraag gedaan bij de raad over de financiering voor huishoudens met een laag inkomen.");
    expect(d.children.map(blockText).join(" ")).toContain("Zorgin stellingen");
  });
});

describe("a magazine's page breaks", () => {
  // pages parted by form feeds, each but the last ending inside a sentence
  const P2 = [
    "Werkgevers in de techniek zoeken al jaren naar monteurs en installateurs,",
    "maar de instroom uit het beroepsonderwijs blijft achter bij de vraag. De",
    "sector probeert daarom zij-instromers te werven uit andere branches, met",
    "een opleiding die zij naast hun werk kunnen volgen. Dat lukt nog maar ten",
    "dele. Veel kandidaten haken af zodra blijkt hoe lang het traject duurt.",
    "Een leerbedrijf in Zwolle koos voor een andere aanpak en betaalt nieuwe",
    "medewerkers vanaf de eerste dag een volledig salaris, ook in de maanden",
    "waarin zij vooral leren. De kosten daarvan zijn hoog, maar volgens de",
  ];
  const first = [...P1.slice(0, 8), "een groot aantal mensen werkt minder uren dan zij"];
  const paras = (pages: string[][]) =>
    normalise(splitSource(pages.map((p) => p.join("\n")).join("\n\f"), "t.txt"), undefined, { kind: "magazine" })
      .children.filter((b) => b.type === "paragraph")
      .map(blockText);

  it("joins a sentence that runs over a page break where the pages read in one flow", () => {
    const out = paras([first, ["zouden willen werken. Ook dat telt mee.", ...P2], ["directeur verdient het zich binnen twee jaar terug."]]);
    expect(out.some((p) => p.endsWith("dan zij zouden willen werken. Ook dat telt mee."))).toBe(true);
    expect(out.some((p) => p.endsWith("maar volgens de directeur verdient het zich binnen twee jaar terug."))).toBe(true);
  });

  it("leaves a page break a break where most pages that end inside a sentence open on other text", () => {
    // (a magazine of several articles, boxes and captions, in whatever order the extraction gives them)
    const out = paras([first, ["Kader: cijfers over de arbeidsmarkt in de regio.", ...P2.slice(0, 4)], ["Een andere reportage begint op deze pagina.", ...P2.slice(4)], ["directeur verdient het zich binnen twee jaar terug."]]);
    expect(out).toContain("directeur verdient het zich binnen twee jaar terug.");
  });
});

describe("ligatures an extraction decoded as another letter", () => {
  const doc = (text: string) => normalise(raw(text), undefined, { kind: "report" });

  it("reads a character that makes words of the word list as a ligature's letters, in those words only", () => {
    // (Ghostscript's txtwrite over a browser's subset font: "ü" for "fi", "û" for "ff")
    const d = doc(
      [
        "De raad proüteert van de ünanciële ruimte die het kabinet biedt.",
        "Een gediûerentieerde aanpak is nodig; de ünanciering loopt via de gemeenten.",
        "Op de reünie van oud-leden sprak de voorzitter over de eûecten van de regeling.",
      ].join("\n"),
    );
    const text = d.children.map(blockText).join(" ");
    expect(text).toContain("De raad profiteert van de financiële ruimte");
    expect(text).toContain("Een gedifferentieerde aanpak is nodig; de financiering loopt");
    expect(text).toContain("over de effecten van de regeling");
    // (a word as it stands keeps its letter)
    expect(text).toContain("Op de reünie van oud-leden");
    expect(d.diagnostics.some((x) => x.code === "normalise:misread-ligature")).toBe(true);
  });

  it("reads no letter so that mends one word only", () => {
    const text = doc("De raad proüteert van de ruimte die het kabinet biedt aan gemeenten en regio's.").children.map(blockText).join(" ");
    expect(text).toContain("proüteert");
  });
});
