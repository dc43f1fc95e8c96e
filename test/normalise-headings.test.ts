/**
 * Heading depth from numbering evidence: a numbering that restarts inside a
 * chapter and then gives way to the next chapter number is a sub-level.
 */
import { describe, expect, it } from "vitest";
import { normalise } from "../pipeline/normalise/index.ts";
import { splitSource } from "../pipeline/read/read-source.ts";
import type { Heading } from "../pipeline/document/types.ts";
import { blockText, rawText as raw } from "./normalise-helpers.ts";

const para = "Dit is een gewone alinea met genoeg woorden om als lopende tekst te gelden.";

function depths(text: string): string[] {
  const doc = normalise(raw(text), undefined, { kind: "advice" });
  return doc.children.filter((b): b is Heading => b.type === "heading").map((h) => `${h.depth} ${h.number}`);
}

describe("the headings' numbering", () => {
  // minutes as pdftotext gives them: no empty lines, a heading on a line of its own
  const item = (n: number, title: string[]): string[] => [
    `${n} ${title[0]}`,
    ...title.slice(1),
    "De voorzitter opent de vergadering en heet de aanwezigen welkom. Hij meldt dat de minister",
    "bij brief heeft bevestigd dat de adviesaanvraag later dit jaar zal worden toegezonden.",
  ];
  const headings = (lines: string[]): string[] =>
    normalise(raw(lines.join("\n")), undefined, { kind: "minutes" }).children.filter((b): b is Heading => b.type === "heading").map((h) => blockText(h));

  it("takes a numbered heading whose first line ends on a comma, its second line going on in lower case", () => {
    const lines = [...item(1, ["Opening"]), ...item(2, ["Vaststelling van het advies ‘Eerlijk werk,", "fatsoenlijk wonen’"]), ...item(3, ["Rondvraag"]), ...item(4, ["Sluiting"])];
    expect(headings(lines)).toEqual(["1 Opening", "2 Vaststelling van het advies ‘Eerlijk werk, fatsoenlijk wonen’", "3 Rondvraag", "4 Sluiting"]);
  });

  it("takes no numbered list's last item for a heading, no next number following it", () => {
    // (a document without numbered headings: "2." would be a chain of one)
    const text = [
      "De raad komt tot de volgende aanbevelingen voor het beleid van de komende jaren:",
      "",
      "1. Investeer in de opleiding van zorgpersoneel.",
      "2. Zorg voor een vaste financiering.",
      "",
      "De raad gaat ervan uit dat het kabinet deze aanbevelingen overneemt en daarover in het voorjaar",
      "rapporteert aan de Tweede Kamer.",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "advice" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph"]);
  });

  it("goes on over one number it does not tell as a heading, so the headings before it count", () => {
    // (item 2's number stands before a line that ends on a semicolon: no heading of the numbering)
    const lines = [...item(1, ["Opening"]), "2 Vaststelling van de agenda;", "De agenda wordt vastgesteld.", ...item(3, ["Verslag"]), ...item(4, ["Advies"]), ...item(5, ["Rondvraag"])];
    expect(headings(lines)).toEqual(["1 Opening", "3 Verslag", "4 Advies", "5 Rondvraag"]);
  });
});

describe("heading depth from a restarted numbering", () => {
  it("puts findings 1–3 inside chapter 2 a level below it when chapter 3 follows", () => {
    const text = ["1 Kern", "", para, "", "2 Bevindingen", "", para, "", "1 Eerste bevinding", "", para, "", "2 Tweede bevinding", "", para, "", "3 Derde bevinding", "", para, "", "3 Beleid", "", para, "", "3.1 Onderdeel", "", para, "", "4 Tot slot", "", para];
    expect(depths(text.join("\n"))).toEqual(["1 1", "1 2", "2 1", "2 2", "2 3", "1 3", "2 3.1", "1 4"]);
  });

  it("leaves a restart that the chapter numbering never resumes after at chapter depth", () => {
    const text = ["1 Deel een", "", para, "", "2 Deel twee", "", para, "", "1 Opnieuw", "", para, "", "2 Verder", "", para];
    expect(depths(text.join("\n"))).toEqual(["1 1", "1 2", "1 1", "1 2"]);
  });
});

describe("headings found at a page start and lines that run on", () => {
  it("takes a numbered heading that opens a page out of the paragraph before it", () => {
    const text = ["Tekst van een alinea die eindigt zonder punt (zie bijlage 2)", " 3. Valkuilen en kansen voor het nieuwe beleid", "Een nieuwe visie ontwikkelen behelst erkenning van valkuilen."].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.children.map((b) => b.type)).toEqual(["paragraph", "heading", "paragraph"]);
  });

  it("does not take a line that ends on a conjunction or holds an e-mail address for a heading", () => {
    const text = ["Meld u aan bij:", "", "Jan Jansen : jan@voorbeeld.nl of", "", "Piet Pieters: piet@voorbeeld.nl voor deelname."].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading")).toEqual([]);
    expect(doc.children).toHaveLength(2);
  });
  it("takes a short line with a trailing space that an empty line ends for a heading (single-spaced text)", () => {
    const lines = ["Een gewone alinea met tekst die de regel vult en doorloopt tot het einde van de regel toe. ", "daarna gaat de zin verder op de volgende regel en eindigt hier.", " Tafel 4 ", "", "Deelnemers: Van Weegberg, Lindeboom", "Verslag: Devreese", "", "Bevindingen van de tafel volgen hier in een gewone alinea."];
    const doc = normalise(raw(lines.join("\n")), undefined, { kind: "minutes" });
    const h = doc.children.find((b): b is Heading => b.type === "heading");
    expect(h?.children).toEqual([{ type: "text", value: "Tafel 4" }]);
  });
});

describe("a running head on a document of one page", () => {
  // pdftotext's output (a form feed ends the page): the head, the page's number beside it or on a
  // line of its own, then the title and the text
  const body = [
    "Raad: bescherm consumenten beter tegen de",
    "risico’s van achteraf betalen",
    "Den Haag, 12 juni 2025 – Consumenten die online kopen en later betalen, moeten beter",
    "worden beschermd tegen schulden die ongemerkt oplopen. Dat schrijft de raad in een",
    "advies aan de minister. De raad pleit voor strengere regels.",
    "\f",
  ];
  const first = (head: string[]): { title: string; text: string } => {
    const doc = normalise(splitSource([...head, ...body].join("\n"), "p.txt"), undefined, { kind: "advice" });
    return { title: doc.meta.title, text: doc.children.map(blockText).join(" | ") };
  };

  it("is left out where the page's number stands beside it, and the title is the title", () => {
    const d = first(["Persbericht achteraf betalen 1"]);
    expect(d.title).toBe("Raad: bescherm consumenten beter tegen de risico’s van achteraf betalen");
    expect(d.text).not.toContain("Persbericht achteraf betalen");
  });

  it("is left out where the page's number stands on a line of its own after it", () => {
    const d = first(["Persbericht achteraf betalen", "", "1", ""]);
    expect(d.title).toBe("Raad: bescherm consumenten beter tegen de risico’s van achteraf betalen");
    expect(d.text).not.toMatch(/Persbericht achteraf betalen|^1\b/);
  });

  it("stays where the number is not the page's", () => {
    expect(first(["Bijlage 2"]).text).toContain("Bijlage 2");
  });
});

describe("pages in the lead-space convention", () => {
  it("counts a page at a lead space that opens a page, not at a bullet whose glyph was lost", () => {
    const text = [
      "Doel van de raad:",
      " het eerste punt;",
      " het tweede punt.",
      "",
      "Een alinea over iets anders.",
      " Nieuwe pagina met meer tekst.",
      "",
      "De raad wil daarom:",
      " een derde punt;",
      " een vierde punt.",
    ].join("\n");
    const doc = normalise(splitSource(text, "p.txt"), undefined, { kind: "report" });
    const lists = doc.children.filter((b) => b.type === "list");
    expect(lists.flatMap((l) => (l.type === "list" ? l.children.map((i) => i.position.page) : []))).toEqual([1, 1, 2, 2]);
    const para = doc.children.find((b) => b.position.line === 6);
    expect(para?.position.page).toBe(2);
  });
});

describe("the title printed at the top of the first page", () => {
  const lead = [
    "Dit is de vierde editie van de jaarlijkse monitor waarin de raad de ontwikkelingen op het",
    "gebied van leven lang ontwikkelen in kaart brengt. De monitor beschrijft de deelname van",
    "werkenden aan scholing en de uitgaven van werkgevers, werkenden en de overheid daaraan.",
  ];
  const blocks = (lines: string[]) => normalise(raw(lines.join("\n")), undefined, { kind: "report" }).children.map((b) => `${b.type}: ${blockText(b)}`);

  it("is a heading over its lines, the lead paragraph after it apart", () => {
    expect(blocks(["Monitor Leven lang ontwikkelen 2025: scholing,", "loopbaanbegeleiding en de rol van sociale partners", ...lead])).toEqual([
      "heading: Monitor Leven lang ontwikkelen 2025: scholing, loopbaanbegeleiding en de rol van sociale partners",
      `paragraph: ${lead.join(" ")}`,
    ]);
  });

  it("goes on over a line that opens with a year and is no numbered heading", () => {
    expect(blocks(["Personeel in de langdurige zorg: ontwikkelingen", "2021–2025 en scenario’s tot 2035", ...lead])[0]).toBe(
      "heading: Personeel in de langdurige zorg: ontwikkelingen 2021–2025 en scenario’s tot 2035",
    );
    expect(blocks(["Kern van het advies", "1 Kern van het advies", ...lead]).slice(0, 2)).toEqual(["heading: Kern van het advies", "heading: 1 Kern van het advies"]);
  });

  it("is not read into a document that opens with running text", () => {
    expect(blocks(lead)).toEqual([`paragraph: ${lead.join(" ")}`]);
    // a short first line that closes a clause is no title either
    expect(blocks(["Geachte staatssecretaris,", ...lead])[0]).toMatch(/^paragraph: Geachte staatssecretaris,/);
  });
});

describe("a question that opens a section", () => {
  // pdftotext's default: no empty lines, a paragraph ends on a line short of the measure
  const full = [
    "De raad heeft de afgelopen maanden gesproken met werkgevers, werknemers en gemeenten over",
    "de vraag hoe de huisvesting van arbeidsmigranten kan worden verbeterd in de komende jaren.",
    "Dat gesprek is nog niet klaar.",
  ];
  const after = [
    "Het beeld dat uit onderzoek en uit de gesprekken van de commissie naar voren komt, is",
    "zorgelijk. De Nederlandse Arbeidsinspectie rapporteert jaar na jaar over onderbetaling en",
    "over te lange werkdagen, en ook over huisvesting die niet aan de normen voldoet.",
  ];
  const kinds = (lines: string[], kind: "advice" | "magazine" = "advice"): string[] =>
    normalise(raw(lines.join("\n")), undefined, { kind }).children.map((b) => `${b.type} ${blockText(b).slice(0, 16)}`);

  it("is a heading on a line of its own between two paragraphs, the text after it in full lines", () => {
    expect(kinds([...full, "Wat gaat er mis?", ...after])).toEqual(["paragraph De raad heeft de", "heading Wat gaat er mis?", "paragraph Het beeld dat ui"]);
  });

  it("may be longer than a title, on a line that ends well short of the measure", () => {
    const long = "Welke lessen zijn er te trekken uit eerdere voorstellen en maatregelen?";
    expect(kinds([...full, long, ...after])).toEqual(["paragraph De raad heeft de", "heading Welke lessen zij", "paragraph Het beeld dat ui"]);
    // (a question that fills the line is a paragraph's sentence)
    const filled = "Welke lessen zijn er te trekken uit alle eerdere voorstellen en uit de maatregelen van toen?";
    expect(kinds([...full, filled, ...after]).filter((k) => k.startsWith("heading"))).toEqual([]);
  });

  it("is running text in a magazine, in a run of questions, or answered by a short line", () => {
    expect(kinds([...full, "Wat gaat er mis?", ...after], "magazine").filter((k) => k.startsWith("heading"))).toEqual([]);
    expect(kinds([...full, "Wat gaat er mis?", "Wie betaalt de rekening?", ...after]).filter((k) => k.startsWith("heading"))).toEqual([]);
    expect(kinds([...full, "Wat gaat er mis?", "Niets.", ...after]).filter((k) => k.startsWith("heading"))).toEqual([]);
  });

  it("stays in its paragraph where the line before it did not end the block", () => {
    const wrapped = [full[0]!, "de vraag hoe de huisvesting van arbeidsmigranten kan worden verbeterd in de komende jaren. Maar", "wat gaat er mis?", ...after];
    expect(kinds(wrapped).filter((k) => k.startsWith("heading"))).toEqual([]);
  });
});

describe("a heading in larger type over two lines", () => {
  // pdftotext's default: no empty lines, a paragraph ends on a line short of the measure (some 90)
  const before = [
    "De raad heeft de afgelopen maanden gesproken met werkgevers, werknemers en gemeenten over",
    "de vraag hoe de huisvesting van arbeidsmigranten kan worden verbeterd in de komende jaren.",
    "Dat gesprek is nog niet klaar.",
  ];
  const after = [
    "Wie de gesprekken naast elkaar legt, ziet een aantal terugkerende verklaringen. Ten eerste",
    "sluiten de eisen die werkgevers stellen vaak niet aan bij wat werkzoekenden kunnen bieden.",
    "Dat geldt vooral in de zorg.",
  ];
  const kinds = (lines: string[]): string[] => normalise(raw(lines.join("\n")), undefined, { kind: "report" }).children.map((b) => `${b.type} ${blockText(b)}`);

  it("is a heading where its first line wrapped though the next word would have fitted, however long that line", () => {
    const heading = ["Waarom werkgevers en werkzoekenden elkaar in krappe regio’s toch niet", "vinden"];
    expect(kinds([...before, ...heading, ...after]).map((k) => k.split(" ").slice(0, 3).join(" "))).toEqual([
      "paragraph De raad",
      "heading Waarom werkgevers",
      "paragraph Wie de",
    ]);
    expect(kinds([...before, ...heading, ...after])[1]).toBe("heading Waarom werkgevers en werkzoekenden elkaar in krappe regio’s toch niet vinden");
  });

  it("is running text where its first line filled the measure", () => {
    const wrapped = ["Waarom werkgevers en werkzoekenden elkaar in krappe regio’s toch niet kunnen vinden, is de", "vraag"];
    expect(kinds([...before, ...wrapped, ...after]).filter((k) => k.startsWith("heading"))).toEqual([]);
  });
});

describe("the title over a minutes header", () => {
  // the first agenda item, in full lines of 80 characters: the title's joined line is no wider
  // than 1.2 of that measure
  const opening = [
    "1 Opening en mededelingen",
    "De voorzitter opent de vergadering om 14.00 uur en heet de aanwezigen welkom, in",
    "het bijzonder de heer Bakker, die voor het eerst aan de vergadering deelneemt als",
    "vertegenwoordiger van LTO Nederland. De secretaris meldt dat het dagelijks bestuur",
    "op 3 maart heeft ingestemd met de planning van het advies over de uitvoering van",
    "de pensioenwet.",
  ];

  it("is the document's title and first heading, on one line, where the letterhead is left out", () => {
    const text = [
      "Algemeen Secretariaat",
      "",
      "Verslag van de vergadering van de commissie",
      "Sociale Zekerheid en Pensioenen van 12 maart 2025",
      "Aanwezig: de heer Van den Berg (voorzitter), mevrouw De Vries (FNV)",
      "Afwezig met kennisgeving: mevrouw Van Leeuwen (kroonlid).",
      ...opening,
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "minutes" });
    const all = doc.children.map((b) => blockText(b)).join(" | ");
    expect(all).toContain("Verslag van de vergadering van de commissie Sociale Zekerheid en Pensioenen van 12 maart 2025");
    expect(all).not.toContain("Algemeen Secretariaat");
    const first = doc.children[0]!;
    expect(first.type).toBe("heading");
    expect(blockText(first)).toBe("Verslag van de vergadering van de commissie Sociale Zekerheid en Pensioenen van 12 maart 2025");
    expect(doc.meta.title).toBe("Verslag van de vergadering van de commissie Sociale Zekerheid en Pensioenen van 12 maart 2025");
    expect(doc.meta.minutes?.present).toEqual(["de heer Van den Berg (voorzitter)", "mevrouw De Vries (FNV)"]);
  });

  it("leaves a sentence over three lines after the title in the text, its second line closing no clause: no word is left out as letterhead", () => {
    const text = [
      "Verslag commissie Onderwijs en",
      "Arbeidsmarkt, 12 maart 2026",
      "",
      "Verslag van de vergadering van de commissie Onderwijs en Arbeidsmarkt (OA),",
      "gehouden op donderdag 12 maart 2026 van 13.30 tot 16.15 uur in de Tinbergenzaal",
      "van het raadsgebouw te Den Haag.",
      "Aanwezig: mevrouw Schuurman (voorzitter), de heer Van der Veen, mevrouw Yilmaz",
      "Afwezig: de heer Mulder (met bericht van verhindering).",
      ...opening,
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "minutes" });
    expect(doc.diagnostics.filter((d) => d.code === "normalise:minutes-header")).toEqual([]);
    expect(doc.children.map((b) => blockText(b)).join(" | ")).toContain(
      "Verslag van de vergadering van de commissie Onderwijs en Arbeidsmarkt (OA), gehouden op donderdag 12 maart 2026 van 13.30 tot 16.15 uur in de Tinbergenzaal van het raadsgebouw te Den Haag.",
    );
    expect(doc.meta.minutes?.present).toEqual(["mevrouw Schuurman (voorzitter)", "de heer Van der Veen", "mevrouw Yilmaz"]);
  });

  it("is a paragraph's first line where the line after it goes on with a number and closes the sentence: no word is left out", () => {
    const text = [
      "Verslag van de openbare vergadering van de raad, gehouden op vrijdag 20 maart",
      "2026 van 13.30 tot 16.15 uur in het raadsgebouw te Den Haag.",
      "Aanwezig: mevrouw De Vries-Bakker (voorzitter), de heer Özdemir, mevrouw Scholten-",
      "Dijkman, de heer De Jong",
      "Afwezig: de heer Brouwer (met bericht van verhindering).",
      ...opening,
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "minutes" });
    expect(doc.children.map((b) => `${b.type} ${blockText(b)}`)[0]).toBe(
      "paragraph Verslag van de openbare vergadering van de raad, gehouden op vrijdag 20 maart 2026 van 13.30 tot 16.15 uur in het raadsgebouw te Den Haag.",
    );
    expect(doc.meta.minutes?.present).toEqual(["mevrouw De Vries-Bakker (voorzitter)", "de heer Özdemir", "mevrouw Scholten-Dijkman", "de heer De Jong"]);
  });

  it("keeps a field whose value closes a sentence in the text, as it stands: a sentence of the minutes, no list of names", () => {
    const text = [
      "Verslag van de openbare vergadering van de raad van 16 oktober 2026",
      "Voorzitter: drs. M.C. van Dalen. Secretaris: mr. R.A. Tjon-A-Fong.",
      "Aanwezig: de kroonleden prof. dr. H.J. Brouwer en dr. A. Benali; namens de werkgeversorga-",
      "nisaties de heren drs. F.W. Jansen en ir. G. de Haan; namens het secretariaat de heer dr.",
      "S. van Ommen en mevrouw E. Dijkstra MSc.",
      "Afwezig: de heer J. Pietersen (met kennisgeving).",
      ...opening,
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "minutes" });
    expect(doc.meta.minutes?.present).toBeUndefined();
    const blocks = doc.children.map((b) => blockText(b));
    expect(blocks).toContain(
      "Aanwezig: de kroonleden prof. dr. H.J. Brouwer en dr. A. Benali; namens de werkgeversorganisaties de heren drs. F.W. Jansen en ir. G. de Haan; namens het secretariaat de heer dr. S. van Ommen en mevrouw E. Dijkstra MSc.",
    );
    expect(doc.diagnostics.some((d) => d.code === "normalise:minutes-text" && d.message.includes("closes a sentence") && d.position?.line === 3)).toBe(true);
  });

  it("has its lines joined as a block's are: a word broken at a line end is whole again", () => {
    const text = [
      "Verslag van de vergadering van de commissie Sociale Ze-",
      "kerheid en Pensioenen van 12 maart 2025",
      "Aanwezig: de heer Van den Berg (voorzitter), mevrouw De Vries (FNV)",
      "Afwezig met kennisgeving: mevrouw Van Leeuwen (kroonlid).",
      "1 Opening en mededelingen",
      "De voorzitter opent de vergadering om 14.00 uur en heet de aanwezigen welkom.",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "minutes" });
    expect(doc.meta.title).toBe("Verslag van de vergadering van de commissie Sociale Zekerheid en Pensioenen van 12 maart 2025");
  });
});

describe("a narrow column's lines, all short of 60 characters", () => {
  // a page of a two-column layout as pdftotext -raw gives it: no empty lines, every line short
  const column = [
    "1.3 Werkwijze",
    "De commissie heeft tussen september 2024 en februari",
    "2025 ruim dertig gesprekken gevoerd met wetenschap-",
    "pers, bestuurders, vakbondsbestuurders en anderen.",
    "Een eenduidige definitie van kunstmatige intelligentie",
    "bestaat niet. In deze verkenning sluiten we aan bij de",
    "Europese AI-verordening, die een AI-systeem omschrijft",
    "als een machinaal systeem dat met enige autonomie werkt.",
    "Werkgevers en werknemers hebben daarbij belang",
    "Zij hebben er beide belang bij dat nieuwe systemen goed",
    "worden ingevoerd, met oog voor de kwaliteit van het werk.",
  ];

  it("takes no wrapped line of running text for a heading: the next line's first word would not have fitted on it", () => {
    const doc = normalise(raw(column.join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["1.3 Werkwijze", "Werkgevers en werknemers hebben daarbij belang"]);
    expect(doc.children.filter((b) => b.type === "paragraph").map((b) => blockText(b).slice(0, 24))).toEqual(["De commissie heeft tusse", "Een eenduidige definitie", "Zij hebben er beide bela"]);
  });

  it("takes no line that closes a sentence inside a quotation for a heading", () => {
    const text = ["Zij zou zeker gebruik hebben gemaakt van", "zo’n gratis ontbijt. Omdat het school is.", "", "Daarom is dit ook zo’n goed project.”", "Spekman is blij dat de SER oog heeft", "voor dit soort initiatieven."];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading")).toEqual([]);
  });
});

describe("a line closed by a note mark", () => {
  it("closes a sentence, so it ends no heading over two lines", () => {
    const text = [
      "Tussen 2021 en 2024 nam het aantal zzp’ers in de zorg toe tot",
      "naar schatting 90.000, vooral onder verpleegkundigen.",
      "Sinds 1 januari 2025 handhaaft de Belastingdienst",
      "weer actief op schijnzelfstandigheid.4",
      "Verschillende instellingen hebben sindsdien hun zzp’ers een",
      "arbeidscontract aangeboden; een deel van hen is daarop ingegaan.",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading")).toEqual([]);
  });
});

describe("a numbered heading over three lines", () => {
  it("goes on with a line that opens with a number where the line before ends on a word no title ends on", () => {
    const text = [
      "2 Kerncijfers over deelname aan",
      "scholing en de uitgaven daaraan in",
      "2024",
      "2.1 Deelname naar opleidingsniveau en leeftijd",
      "In 2024 nam 27,4% van de werkenden van 25 tot 65 jaar deel aan een vorm van onderwijs.",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["2 Kerncijfers over deelname aan scholing en de uitgaven daaraan in 2024", "2.1 Deelname naar opleidingsniveau en leeftijd"]);
  });
});

describe("a numbered heading whose second line holds a span of years alone", () => {
  it("goes on with it whatever its first line ends on: a line of years alone is no paragraph", () => {
    const text = [
      "2 Ontwikkelingen op de arbeidsmarkt voor zorg en welzijn in de periode",
      "2021–2025",
      "2.1 Werkgelegenheid en vacatures",
      "De vraag naar personeel in de langdurige zorg is sinds 2021 met ruim 8% gestegen.",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual([
      "2 Ontwikkelingen op de arbeidsmarkt voor zorg en welzijn in de periode 2021–2025",
      "2.1 Werkgelegenheid en vacatures",
    ]);
  });
});

describe("a heading whose first line ends on a word no title ends on", () => {
  // a narrow column, as a two-column layout sets it: every line of running text is short
  const column = [
    "Het aantal robots in de industrie groeit al jaren,",
    "maar de verschillen tussen sectoren zijn groot. In",
    "de voedingsindustrie gaat het vooral om verpakken",
    "en sorteren.",
  ];
  const headings = (lines: string[]): string[] =>
    normalise(raw(lines.join("\n")), undefined, { kind: "report" }).children.filter((b) => b.type === "heading").map(blockText);

  it("goes on with a second line in upper case: a numbered heading", () => {
    const text = ["3.1 Wat doen robots al in de fabriek?", ...column, "3.2 Hoe ver is de inzet van robots in", "Nederlandse fabrieken gevorderd?", ...column];
    expect(headings(text)).toEqual(["3.1 Wat doen robots al in de fabriek?", "3.2 Hoe ver is de inzet van robots in Nederlandse fabrieken gevorderd?"]);
  });

  it("goes on with a second line in upper case: a heading without a number", () => {
    const text = [...column, "", "Hoeveel jongeren werken er in", "Nederland, en in welke sectoren?", ...column];
    expect(headings(text)).toEqual(["Hoeveel jongeren werken er in Nederland, en in welke sectoren?"]);
  });

  it("is no heading where no such second line follows: the first line of a paragraph", () => {
    const text = [
      "De secretaris geeft een korte toelichting op de stand van",
      "zaken. Het kabinet heeft de planning van het wetsvoorstel",
      "bevestigd, zodat de commissie beslist.",
      "Verder meldt de secretaris dat de Tweede Kamer op",
      "6 maart een hoorzitting heeft gehouden over de uitvoering",
      "van de wet. Mevrouw Jansen heeft daar namens de commissie",
      "aan deelgenomen en doet er in de volgende vergadering",
      "verslag van.",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.children.filter((b) => b.type === "heading")).toEqual([]);
    expect(doc.children.map((b) => blockText(b).slice(0, 30))).toContain("Verder meldt de secretaris dat");
  });

  it("is no heading where it ends on a name's particle, its surname on the next line", () => {
    const text = [...column, "Naar aanleiding daarvan vraagt mevrouw De", "Vries naar de stand van zaken rond het actiepunt.", ...column];
    expect(headings(text)).toEqual([]);
  });

  it("does not take a paragraph's first line for its second line where the text runs on", () => {
    const text = ["3.1 Hoe pakken we het aan", "De raad stelt voor om de regeling", "te verlengen tot het einde van het jaar, zodat", "de sector tijd heeft om zich voor te bereiden.", ...column];
    expect(headings(text)).toEqual(["3.1 Hoe pakken we het aan"]);
  });
});

describe("an unnumbered heading in a narrow column (pdftotext -raw)", () => {
  const headings = (lines: string[]): string[] =>
    normalise(raw(lines.join("\n")), undefined, { kind: "report" }).children.filter((b) => b.type === "heading").map(blockText);
  // (the column's measure: 55 characters; a heading's line may run past it, set in other type)
  const before = [
    "De krappe arbeidsmarkt speelt daarbij een rol. Werk-",
    "gevers kijken minder naar leeftijd en meer naar moti-",
    "vatie. Toch is zo’n overstap geen vanzelfsprekendheid:",
    "wie na zijn vijftigste opnieuw begint, levert vaak in",
    "op salaris, status of zekerheid.",
  ];
  const after = [
    "Vijfentwintig jaar werkte Marieke Hofstede bij een ver-",
    "zekeraar in Apeldoorn, de laatste tien als hoofd van",
    "een afdeling. Een goede baan, zegt ze zelf, met een",
    "leaseauto en een team van veertig mensen. Op een ge-",
    "geven moment merkte ze dat ze op zondagavond al moe",
    "werd van de week die nog moest komen.",
  ];

  it("goes on over a word broken at its first line's end, its rest a short line of its own", () => {
    expect(headings([...before, "Marieke, 57: van afdelingshoofd naar bus-", "chauffeur", ...after])).toEqual(["Marieke, 57: van afdelingshoofd naar buschauffeur"]);
  });

  it("is not a paragraph's first line broken at its end, the next line full and running on", () => {
    expect(headings([...before, "De voorzitter concludeert dat de secretaris een con-", "ceptbrief opstelt, waarin de punten van mevrouw Van", "Dijk en de heer Ter Horst worden meegenomen.", ...after])).toEqual([]);
  });

  it("is not a line that closes one sentence and opens the next", () => {
    expect(
      headings([...before, "Ze zijn niet de enigen. Het aantal 50-plussers dat van", "beroep wisselt, is de afgelopen jaren gestaag gestegen: in", "2025 maakte ongeveer 6% van de werkenden tussen 50", "en 65 jaar de overstap naar een ander beroep.", ...after]),
    ).toEqual([]);
  });
});

describe("a heading of a few words with a list under it at once", () => {
  it("is a heading where the list's bullets follow on the next line", () => {
    const text = [
      "Dhr. El Amrani wijst op het congres over duurzame inzetbaarheid op 16 april 2026 in",
      "Utrecht en nodigt de commissieleden uit om deel te nemen aan een van de werkgroepen.",
      "De voorzitter sluit de vergadering om 16.45 uur en dankt de aanwezigen voor hun inbreng.",
      "Actielijst",
      "• 2026-01: Het secretariaat verwerkt de opmerkingen over het conceptadvies en stuurt",
      "uiterlijk 12 maart 2026 een herziene versie rond aan alle commissieleden.",
      "• 2026-02: De rapporteur overlegt met de woordvoerders van werkgevers- en werknemers-",
      "zijde over de passage over beloning in de bouw- en installatiesector.",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "minutes" });
    expect(doc.children.map((b) => b.type).slice(-2)).toEqual(["heading", "list"]);
    expect(blockText(doc.children.at(-2)!)).toBe("Actielijst");
  });
});

describe("a numbered heading whose lines end on words broken with a hyphen", () => {
  it("goes on over each broken word, however long the next line", () => {
    const text = [
      "3 Conceptadvies over de verduurzaming van de gebouwde om-",
      "geving en de gevolgen voor werkgelegenheid in bouw en instal-",
      "latietechniek",
      "Dhr. De Groot licht als rapporteur de hoofdlijnen van het conceptadvies toe. Om de kli-",
      "maatdoelen voor 2030 te halen, moeten jaarlijks honderdduizenden woningen worden",
      "verduurzaamd, en daarvoor zijn veel meer vakmensen nodig dan er nu zijn.",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "minutes" });
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual([
      "3 Conceptadvies over de verduurzaming van de gebouwde omgeving en de gevolgen voor werkgelegenheid in bouw en installatietechniek",
    ]);
  });
});

describe("an unnumbered heading of more than ten words", () => {
  const body = [
    "Het bedrijf investeert daarom bewust in begeleiding. Elke leerling heeft een vaste",
    "praktijkopleider, en eens per maand bespreken leerling en opleider samen de voortgang. De",
    "kosten zijn aanzienlijk: Dekker schat dat de begeleiding per leerling zo’n € 9.000 per jaar",
    "kost aan uren en materiaal, waarvan een deel wordt gecompenseerd via een subsidieregeling.",
  ];
  const after = [
    "Wat maakt iemand een goede leermeester? Dekker hoeft er niet lang over na te denken. Het",
    "draait volgens haar om geduld, om uitleg die aansluit bij wat een leerling al kan, en om",
    "ruimte om fouten te maken zonder dat daar meteen een oordeel aan wordt verbonden.",
  ];
  const headings = (line: string): string[] =>
    normalise(raw([...body, line, ...after].join("\n")), undefined, { kind: "report" }).children.filter((b) => b.type === "heading").map(blockText);

  it("heads a section where its line ends well short of the measure", () => {
    expect(headings("Van de vloer naar het kantoor, maar nooit ver van de werkplaats")).toEqual(["Van de vloer naar het kantoor, maar nooit ver van de werkplaats"]);
  });

  it("is running text where its line nearly fills the measure", () => {
    expect(headings("Leermeester zijn kost tijd, maar het levert het bedrijf ook veel op, zegt zij")).toEqual([]);
  });
});

describe("a list whose dashes follow a label at once", () => {
  const before = [
    "De automatisering van de containeroverslag gaat sneller dan veel mensen in de haven hadden",
    "verwacht, en de gevolgen voor het werk zijn nog lang niet overal goed in beeld gebracht.",
  ];
  it("takes lines that open with the same dash, one after the other, for items, not for the label's text", () => {
    const text = [
      ...before,
      "Feiten en cijfers",
      "– Overslag in de Rotterdamse haven in 2025: 437 miljoen ton",
      "– Containeroverslag: 14,1 miljoen TEU",
      "– Aandeel vrouwen in operationele functies: 9%",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "magazine" });
    const list = doc.children.at(-1)!;
    expect(list.type).toBe("list");
    expect(list.type === "list" && list.children.map((it) => blockText(it))).toEqual([
      "Overslag in de Rotterdamse haven in 2025: 437 miljoen ton",
      "Containeroverslag: 14,1 miljoen TEU",
      "Aandeel vrouwen in operationele functies: 9%",
    ]);
    expect(doc.children.map((b) => blockText(b))).toContain("Feiten en cijfers");
  });
  it("leaves a dash that opens one line of a sentence in it", () => {
    const text = [
      ...before,
      "Het tekort aan technici",
      "– vooral in de elektrotechniek en de installatiebranche – groeit volgens de werkgevers nog",
      "elk jaar, en de opleidingen kunnen de vraag van de bedrijven in de regio niet bijhouden.",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "magazine" });
    expect(doc.children.some((b) => b.type === "list")).toBe(false);
  });
});
