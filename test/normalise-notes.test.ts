/**
 * Page-bottom notes told from what looks like them: a numbered heading above
 * its own first subsection is no note, and a note mark after a question mark
 * links its note.
 */
import { describe, expect, it } from "vitest";
import { normalise } from "../pipeline/normalise/index.ts";
import type { RawSource } from "../pipeline/document/types.ts";
import { splitSource } from "../pipeline/read/read-source.ts";
import { blockText, inlineText } from "./normalise-helpers.ts";

/** pdftotext's way: a form feed ends every page. */
const raw = (text: string): RawSource => splitSource(text + "\f", "t.txt");

const page1 = [
  "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling, waaruit",
  "bleek dat die vooral werd benut door mensen die al relatief vaak scholing volgen.1 Bij",
  "de vormgeving van een nieuw instrument is het van belang om die les ter harte te nemen,",
  "zeker waar het om werkenden gaat met een tijdelijk contract of een kleine baan.2 Ook",
  "sociale partners hebben daarin een rol, zoals de raad eerder heeft opgemerkt.",
  "1 Zie de evaluatie van de regeling door het onderzoeksbureau.",
  "2 Zie het eerdere advies van de raad over scholing.",
];

describe("notes at a page bottom", () => {
  it("does not take a numbered heading over two lines, its first subsection under it, for the next note", () => {
    const text = [
      ...page1,
      "\fDie rol is in de afgelopen jaren groter geworden, zeker in de sectoren met een cao.3",
      "3 Ontwikkelingen in beleid en",
      "regelgeving",
      "3.1 Van het STAP-budget naar nieuwe individuele",
      "ontwikkelbudgetten",
      "Het budget bood werkenden en werkzoekenden tot duizend euro per jaar voor een opleiding",
      "naar keuze en is per 1 januari 2024 beëindigd, zoals eerder al was aangekondigd.",
      "3 Zie de cao-afspraken over scholing in het jaaroverzicht van het ministerie.",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "1 Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "2 Zie het eerdere advies van de raad over scholing.",
      "3 Zie de cao-afspraken over scholing in het jaaroverzicht van het ministerie.",
    ]);
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual([
      "3 Ontwikkelingen in beleid en regelgeving",
      "3.1 Van het STAP-budget naar nieuwe individuele ontwikkelbudgetten",
    ]);
  });

  it("takes the rest of an address a note was cut off in at a page's foot from above the next page's notes", () => {
    const text = [
      "De lonen in de zorg zijn de afgelopen jaren gestegen, zoals de cijfers over de uitgaven laten",
      "zien.1 Toch blijft de beloning voor veel functies bescheiden, zeker in verhouding tot de",
      "verantwoordelijkheid die medewerkers dragen en de belasting van het werk.2",
      "1 Zie de cijfers van het ministerie over de uitgaven aan de langdurige zorg.",
      "2 Arbeidsmarktinformatie Zorg en Welzijn, dashboard instroom en uitstroom, https://www.azwinfo.nl/dash-",
      "\fDaarmee is een deel van de achterstand ingelopen die in de jaren daarvoor was ontstaan, al",
      "verschilt het beeld per regio en per functie sterk.3",
      "board/instroom-uitstroom-langdurige-zorg-2024",
      "3 Zie de cao-afspraken van 2022 en 2024.",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "1 Zie de cijfers van het ministerie over de uitgaven aan de langdurige zorg.",
      "2 Arbeidsmarktinformatie Zorg en Welzijn, dashboard instroom en uitstroom, https://www.azwinfo.nl/dashboard/instroom-uitstroom-langdurige-zorg-2024",
      "3 Zie de cao-afspraken van 2022 en 2024.",
    ]);
    expect(JSON.stringify(doc.children)).not.toContain("board/instroom");
  });

  it("links a note whose mark follows a question mark", () => {
    const text = [
      "De raad heeft al gewezen op het belang van bewuste keuzes: welk werk willen we in Nederland",
      "laten doen, en tegen welke voorwaarden?1 Die vraag wordt in het publieke debat vaak",
      "vermeden, maar is voor de positie van arbeidsmigranten van grote betekenis, ook voor hun",
      "gezinnen en de gemeenten waar zij wonen.2",
      "1",
      "Zie over dit onderwerp ook het rapport van de Staatscommissie, januari 2024.",
      "2",
      "Zie de monitor arbeidsmigratie van het statistiekbureau.",
      "7",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "advice" });
    expect(doc.notes.map((n) => n.label)).toEqual(["1", "2"]);
    const refs = JSON.stringify(doc.children).match(/"noteRef"/g) ?? [];
    expect(refs).toHaveLength(2);
  });
});

describe("a note mark after a year that closes a sentence", () => {
  it("links it, and leaves a section number and a thousands point alone", () => {
    const text = [
      "De uiterste datum voor de overgang naar het nieuwe stelsel is 1 januari 2028.1 Uit de",
      "gesprekken blijkt dat de meeste fondsen die datum halen, zoals paragraaf 3.1 laat zien; het",
      "gaat om ruim 350.000 deelnemers in totaal, van wie de meesten in de grote fondsen.",
      "1 Wet toekomst pensioenen, Stb. 2023, 164.",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.notes.map((n) => n.label)).toEqual(["1"]);
    const para = JSON.stringify(doc.children[0]);
    expect(para).toContain("1 januari 2028.");
    expect(para.match(/"noteRef"/g) ?? []).toHaveLength(1);
    expect(blockText(doc.children[0]!)).toContain("paragraaf 3.1 laat zien");
    expect(blockText(doc.children[0]!)).toContain("350.000 deelnemers");
  });
});

describe("a note mark set off by a space (pdftotext's default mode of a word processor's PDF)", () => {
  it("links it after a percentage, a closing bracket or a year that close a sentence", () => {
    const text = [
      "Het CBS volgt sinds 2014 jaarlijkse cohorten statushouders. Uit die cijfers blijkt dat de",
      "arbeidsparticipatie langzaam op gang komt. Na één jaar heeft slechts 7,3% betaald werk, na",
      "vijf jaar is dat 45,2%. 1 Het aandeel dat een uitkering ontvangt, daalt in dezelfde periode.",
      "Het examen vraagt sinds de nieuwe wet een hoger taalniveau (B1 in plaats van A2). 2 De eerste",
      "resultaten van de evaluatie verschijnen naar verwachting in april 2027. 3 Eerdere publicaties",
      "over de gevolgen voor werkgevers en gemeenten zijn er nog niet.",
      "1 CBS (2025), Cohortstudie asielzoekers en statushouders, editie 2025, tabel 3.2.",
      "2 Wet inburgering 2021, Stb. 2020, 461; zie ook de toelichting bij de wet.",
      "3 Zie het werkprogramma 2026–2027 van de Raad, hoofdstuk 4 over inburgering en werk.",
      "",
      "Pagina 1",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.notes.map((n) => n.label)).toEqual(["1", "2", "3"]);
    const para = JSON.stringify(doc.children[0]);
    expect(para.match(/"noteRef"/g) ?? []).toHaveLength(3);
    expect(doc.diagnostics.filter((d) => d.code === "normalise:unreferenced-note")).toEqual([]);
    // (a code of capitals and a digit is no note mark: "B1", "A2")
    expect(blockText(doc.children[0]!)).toContain("(B1 in plaats van A2).");
  });
});

describe("a numbered list that closes the document after a colon", () => {
  it("is a list, not the document's endnotes, also where the text above carries its numbers", () => {
    const text = [
      "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling, waaruit bleek",
      "dat die vooral werd benut door mensen die al relatief vaak scholing volgen, in 2023 en 2024.1",
      "Bij de vormgeving van een nieuw instrument is het van belang om die les ter harte te nemen,",
      "zeker waar het om werkenden gaat met een tijdelijk contract of een kleine baan.2 Ook sociale",
      "partners hebben daarin een rol.3 Op basis hiervan doet de raad de volgende aanbevelingen:",
      "1. Werkgevers maken digitale scholing een vast onderdeel van de invoering van elk nieuw",
      "systeem, met voldoende tijd om tijdens werktijd te oefenen.",
      "2. Sociale partners maken in cao’s afspraken over een individueel ontwikkelbudget.",
      "3. Het kabinet vereenvoudigt de regeling, zodat ook kleine werkgevers er gebruik van maken.",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "report" });
    expect(doc.notes).toEqual([]);
    const body = doc.children.map(blockText).join(" | ");
    expect(body).toContain("Werkgevers maken digitale scholing een vast onderdeel van de invoering van elk nieuw systeem, met voldoende tijd om tijdens werktijd te oefenen.");
    expect(body).toContain("Sociale partners maken in cao’s afspraken over een individueel ontwikkelbudget.");
    expect(body).toContain("Het kabinet vereenvoudigt de regeling, zodat ook kleine werkgevers er gebruik van maken.");
    expect(doc.children.some((b) => b.type === "list")).toBe(true);
  });
});

describe("a note at the foot of a column that ends on a web address", () => {
  it("ends where the next column's text goes on in lower case, not at the page's end", () => {
    const text = [
      "Het conceptadvies stelt voor om het budget in te laten gaan",
      "vanaf 1 januari 2027.1",
      "Mevrouw De Boer merkt op dat zij het advies steunt. Zij",
      "wijst er wel op dat de lasten voor kleine werkgevers",
      "1De cijfers zijn ontleend aan https://www.statistiek-en-onder",
      "zoek.example.nl/cijfers/deelname-naar-bedrijfsgro",
      "otte-2015-2024",
      "zo laag mogelijk moeten blijven. Volgens haar haken veel",
      "ondernemers af omdat de procedures te ingewikkeld zijn.",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "minutes" });
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual(["De cijfers zijn ontleend aan https://www.statistiek-en-onderzoek.example.nl/cijfers/deelname-naar-bedrijfsgrootte-2015-2024"]);
    expect(doc.children.map(blockText).join(" ")).toContain("kleine werkgevers zo laag mogelijk moeten blijven.");
  });
});

describe("endnotes whose references come in a run", () => {
  it("counts the numbers after a comma in a run (\"verschillen.1, 2\") as references and takes the notes", () => {
    const text = [
      "Met dit advies geeft de raad een eerste reactie op de vraag van het kabinet om te",
      "adviseren over de gevolgen van de vergrijzing voor de arbeidsmarkt.1, 2 De raad",
      "adviseert het beleid vooral te richten op de regio’s waar de krapte het grootst is.",
      "Hiervoor geldt een gedeelde verantwoordelijkheid,3 waar het beleid van rijk en",
      "gemeenten op moet aansluiten. Dat vraagt om samenwerking in de regio.4",
      "1. De adviesaanvraag is opgenomen in bijlage 1.↩︎",
      "2. Met vergrijzing wordt bedoeld de toename van het aandeel ouderen in de bevolking.↩︎",
      "3. Zie ook het eerdere advies van de raad over de regionale arbeidsmarkt.↩︎",
      "4. Daarbij bouwt de raad voort op zijn eerdere adviezen over de arbeidsmarkt.↩︎",
    ];
    const doc = normalise(raw(text.join("\n")), undefined, { kind: "advice" });
    expect(doc.notes.map((n) => n.label)).toEqual(["1", "2", "3", "4"]);
    expect(inlineText(doc.notes[0]!.children)).toBe("De adviesaanvraag is opgenomen in bijlage 1.");
    expect(doc.children.map(blockText).join(" ")).not.toMatch(/↩/u);
  });
});

describe("a document with one endnote", () => {
  const body = [
    "De secretaris geeft een korte toelichting op de recente voortgangsrapportage van het",
    "kabinet.1 Daaruit blijkt dat het grondstoffengebruik in Nederland sinds 2016 met ongeveer",
    "8% is gedaald, maar dat het doel voor 2030 buiten bereik lijkt.",
    "Volgende vergadering: donderdag 26 maart 2026, 13.30 uur.",
  ];
  it("takes it for the note where it ends on the back link a browser prints after an endnote", () => {
    const doc = normalise(raw([...body, "1. Zie https://www.rijksoverheid.nl/documenten/kamerstukken/2026/01/29/voortgangsrapportage-", "nationaal-programma-circulaire-economie-2025.↩︎"].join("\n")), undefined, { kind: "minutes" });
    expect(doc.notes.map((n) => n.label)).toEqual(["1"]);
    expect(inlineText(doc.notes[0]!.children)).toBe("Zie https://www.rijksoverheid.nl/documenten/kamerstukken/2026/01/29/voortgangsrapportage-nationaal-programma-circulaire-economie-2025.");
    expect(doc.children.map(blockText).join(" ")).not.toMatch(/↩|kabinet\.1/u);
  });
  it("closes a list whose bullets were lost at the document's end, before the endnote", () => {
    const list = [
      "De commissie heeft in deze vergadering de volgende besluiten genomen en",
      "actiepunten vastgesteld:",
      "Het verslag van de vergadering van 5 februari 2025 wordt met één wijziging",
      "vastgesteld.",
      "Het secretariaat werkt de positie van baanwisselaars tijdens de",
      "pensioentransitie nader uit.",
      "Het secretariaat onderzoekt de mogelijkheden voor een werkbezoek aan een",
      "pensioenuitvoerder in het najaar.",
    ];
    const doc = normalise(raw([...body.slice(0, 3), ...list, "1. Zie https://wetten.overheid.nl/BWBR0048163/2023-07-01#Hoofdstuk1↩︎"].join("\n")), undefined, { kind: "minutes" });
    expect(doc.notes.map((n) => n.label)).toEqual(["1"]);
    const items = doc.children.find((b) => b.type === "list");
    expect(items?.type === "list" && items.children.map(blockText)).toEqual([
      "Het verslag van de vergadering van 5 februari 2025 wordt met één wijziging vastgesteld.",
      "Het secretariaat werkt de positie van baanwisselaars tijdens de pensioentransitie nader uit.",
      "Het secretariaat onderzoekt de mogelijkheden voor een werkbezoek aan een pensioenuitvoerder in het najaar.",
    ]);
  });
  it("leaves one numbered line at the end without it in the text", () => {
    const doc = normalise(raw([...body, "1. Zie de voortgangsrapportage van het kabinet over de circulaire economie."].join("\n")), undefined, { kind: "minutes" });
    expect(doc.notes).toEqual([]);
    expect(doc.children.map(blockText).join(" ")).toMatch(/Zie de voortgangsrapportage van het kabinet over de circulaire economie\./u);
  });
});

describe("a list whose bullets were lost, its lead-in at the foot of the page before", () => {
  const page1 = [
    "De gemeenten die aan het onderzoek deelnamen, werken op heel verschillende manieren met",
    "vrijwilligers en beroepskrachten. Sommige hebben een vast team, andere werken met een",
    "welzijnsorganisatie of een coöperatie die de bezoeken regelt en de coaches begeleidt.",
    "Tegenover de opbrengsten staan enkele knelpunten die in de gesprekken met gemeenten,",
    "corporaties en coaches steeds terugkwamen:",
  ];
  const page2 = [
    "De financiering is tijdelijk en versnipperd, waardoor gemeenten geen",
    "langjarige afspraken durven te maken.",
    "Vrijwilligers haken af wanneer zij te maken krijgen met complexe",
    "problematiek waarvoor zij niet zijn opgeleid.",
    "De samenwerking met woningcorporaties en netbeheerders hangt sterk af van",
    "individuele contacten.",
    "Vooral het tweede punt verdient aandacht. Een coach die bij een huishouden binnenkomt,",
    "treft soms een situatie aan waarin energiebesparing het minst urgente probleem is. In",
    "interviews gaven coaches aan dat zij zich in zulke gevallen onvoldoende toegerust voelen",
    "en niet altijd weten bij wie zij terechtkunnen. Een gemeente die coaches inzet, zou daarom",
    "vooraf moeten regelen welke hulpverleners zij kunnen inschakelen wanneer zij tijdens een",
    "bezoek op schulden, gezondheidsproblemen of eenzaamheid stuiten, en hoe die overdracht",
    "verloopt. In de gemeenten waar dat al is geregeld, zijn coaches en huishoudens er beter",
    "over te spreken en haken minder vrijwilligers af dan in de gemeenten waar het ontbreekt.",
  ];
  it("reads the blocks under the page break as its items (the page's foot and head left empty lines)", () => {
    const doc = normalise(raw([...page1, "", "\f", "", ...page2].join("\n")), undefined, { kind: "report" });
    const items = doc.children.find((b) => b.type === "list");
    expect(items?.type === "list" && items.children.map(blockText)).toEqual([
      "De financiering is tijdelijk en versnipperd, waardoor gemeenten geen langjarige afspraken durven te maken.",
      "Vrijwilligers haken af wanneer zij te maken krijgen met complexe problematiek waarvoor zij niet zijn opgeleid.",
      "De samenwerking met woningcorporaties en netbeheerders hangt sterk af van individuele contacten.",
    ]);
    expect(blockText(doc.children[doc.children.length - 1]!)).toMatch(/^Vooral het tweede punt/u);
  });
});

describe("a line broken after a raised note number (pdftotext -raw)", () => {
  const before = [
    "In de vierde plaats is er behoefte aan betere monitoring, zodat regio’s van elkaar kunnen",
    "leren. Een gezamenlijke set indicatoren, die ook kijkt naar duurzaamheid en kwaliteit van het",
  ];
  const after = [
    "De krappe arbeidsmarkt biedt een kans die zich niet vaak voordoet. Werkgevers hebben",
    "mensen nodig, en mensen die lang aan de kant stonden, krijgen een kans die zij eerder niet",
    "kregen. Of die kans wordt benut, hangt af van de keuzes die nu worden gemaakt.",
  ];
  const blocks = (lines: string[]): string[] =>
    normalise(raw(lines.join("\n")), undefined, { kind: "report" }).children.map((b) => `${b.type} ${blockText(b).slice(0, 24)}`);

  it("goes on with the rest of that printed line", () => {
    const text = [...before, "werk, zou daarbij kunnen helpen7", "als de regio's dat willen. Dat vraagt tijd.", ...after];
    expect(blocks(text)).toEqual(["paragraph In de vierde plaats is e", "paragraph De krappe arbeidsmarkt b"]);
  });

  it("leaves a short line after a sentence closed by the note to a heading of its own", () => {
    const text = [...before, "werk, zou daarbij kunnen helpen.7", "Tot slot", ...after];
    expect(blocks(text)).toEqual(["paragraph In de vierde plaats is e", "heading Tot slot", "paragraph De krappe arbeidsmarkt b"]);
  });
});

describe("a note number on a line of its own (pdftotext's default mode)", () => {
  it("takes a number set under the notes' texts for the label of the note whose text opens after the one before closed", () => {
    const text = [
      "Veel werkzoekenden vertelden dat zij zich vooral een dossier voelen, zeker bij de mobiliteitsteams.3",
      "Ook het onderwijs sluit niet altijd aan op wat werkgevers vragen, zoals gesprekspartners zeiden.4",
      "3",
      "",
      "Zie de Kamerbrief over de inzet van regionale mobiliteitsteams, Kamerstukken II 2020/21, 35 420, nr. 213.",
      "Samenwerkingsorganisatie Beroepsonderwijs Bedrijfsleven, Kansen op werk en stage, https://www.s-bb.nl",
      "/onderzoek/kansen-op-werk-en-stage-beroepsbegeleidende-leerweg",
      "4",
      "",
      "1",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "3 Zie de Kamerbrief over de inzet van regionale mobiliteitsteams, Kamerstukken II 2020/21, 35 420, nr. 213.",
      "4 Samenwerkingsorganisatie Beroepsonderwijs Bedrijfsleven, Kansen op werk en stage, https://www.s-bb.nl/onderzoek/kansen-op-werk-en-stage-beroepsbegeleidende-leerweg",
    ]);
  });

  it("takes a note's first line for a note where the line under it opens with a year, not with a heading's text", () => {
    // (two columns: note 1 under the first, note 2 under the second, after text that breaks off)
    const text = [
      "De raad is gevraagd te adviseren over technisch vakmanschap.1 Zonder technici",
      "geen energietransitie.",
      "1 Adviesaanvraag Technisch vakmanschap, brief van 3 maart 2026.",
      "",
      "Dat klinkt als een open deur, maar de gevolgen zijn concreet: de wachttijd",
      "voor een warmtepomp liep in 2025 op tot meer dan negen maanden.2 Ook de",
      "woningbouw wordt geraakt. Een aanzienlijk deel van de gediplomeerden werkt",
      "2 Techniek Nederland (2025), Monitor installatiecapaciteit",
      "2025: wachttijden en personeelsbehoefte in de installatiebranche,",
      "Woerden.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "1 Adviesaanvraag Technisch vakmanschap, brief van 3 maart 2026.",
      "2 Techniek Nederland (2025), Monitor installatiecapaciteit 2025: wachttijden en personeelsbehoefte in de installatiebranche, Woerden.",
    ]);
  });

  it("takes a line that reads as a heading for the next note where a run of notes goes on from it", () => {
    // (the second column's notes under the first's: "3 …, Den" / "Haag, …" reads as a heading)
    const text = [
      "Werkende mantelzorgers zeggen zich zwaar belast te voelen.1 Ook jonge",
      "mantelzorgers krijgen steeds meer aandacht.2",
      "",
      "1 Adviesaanvraag Werkende mantelzorgers, brief van 14 maart 2026.",
      "2 CBS, Mantelzorg en betaald werk 2025, Den Haag.",
      "",
      "Het verzuim onder zwaarbelaste mantelzorgers ligt twee keer zo hoog.3 De",
      "wet kent kortdurend en langdurend zorgverlof.4",
      "",
      "3 Sociaal en Cultureel Planbureau, Zorgen voor elkaar, Den",
      "Haag, 2024, p. 58.",
      "4 Wet arbeid en zorg, art. 5:1 en 5:9.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => n.label)).toEqual(["1", "2", "3", "4"]);
    expect(inlineText(doc.notes[2]!.children)).toBe("Sociaal en Cultureel Planbureau, Zorgen voor elkaar, Den Haag, 2024, p. 58.");
  });

  it("takes a page's last number for the label of the notes above it, set in smaller type, where the notes' labels stand under their texts", () => {
    // (pdftotext's default mode: note 2's raised label under its text, last on the page; and a
    // page whose first note's label stands last, the others' in their place)
    const body = [
      "De raad heeft in de afgelopen jaren herhaaldelijk gewezen op de gevolgen",
      "van een krappe arbeidsmarkt voor de kwaliteit van de publieke diensten,",
      "en op de noodzaak om werkgevers en onderwijsinstellingen beter te laten",
      "samenwerken.1 Leeftijd is daarbij vooral een signaal, geen verklaring.",
    ];
    const page2 = ["\fWerkgevers investeren minder in de scholing van oudere werknemers dan", "in die van jongere collega's, zo blijkt uit de enquête van dit voorjaar.", "", "2"];
    const one = [
      ...body,
      "1 Zie het eerdere advies van de raad over de arbeidsmarkt, Den Haag, 2024, hoofdstuk 2.",
      "",
      "1",
      ...page2,
      "\fIn de zorg en het onderwijs zijn de tekorten het grootst. Scholen werken",
      "met vierdaagse lesweken en zorginstellingen sluiten afdelingen omdat er",
      "geen mensen zijn.2 Toch is krapte niet het hele verhaal voor de regio.",
      "Zie: OECD (2024), Do Adults Have the Skills They Need to Thrive in a Changing World? Survey",
      "of Adult Skills 2023, Parijs.",
      "2",
      "",
      "3",
      "",
    ];
    const doc = normalise(raw(one.join("\n")), undefined, { kind: "report" });
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "1 Zie het eerdere advies van de raad over de arbeidsmarkt, Den Haag, 2024, hoofdstuk 2.",
      "2 Zie: OECD (2024), Do Adults Have the Skills They Need to Thrive in a Changing World? Survey of Adult Skills 2023, Parijs.",
    ]);
    expect(doc.children.map(blockText).join(" ")).not.toContain("Parijs");
    const three = [
      ...body,
      "1 Zie het eerdere advies van de raad over de arbeidsmarkt, Den Haag, 2024, hoofdstuk 2.",
      "",
      "1",
      ...page2,
      "\fIn de zorg en het onderwijs zijn de tekorten het grootst.2 Scholen werken",
      "met vierdaagse lesweken en zorginstellingen sluiten afdelingen omdat er",
      "geen mensen zijn.3 Toch is krapte niet het hele verhaal voor de regio.4",
      "De enquête is in oktober en november 2025 afgenomen bij werkgevers in de zorg en",
      "het onderwijs.",
      "3",
      "CBS, Vacatures naar sector, 2025, tabel 4, met de cijfers over het vierde kwartaal.",
      "4",
      "Zie de evaluatie door de Stichting van de Arbeid, Den Haag, 2026, paragraaf 3.",
      "2",
      "",
      "3",
      "",
    ];
    const d3 = normalise(raw(three.join("\n")), undefined, { kind: "report" });
    expect(d3.notes.map((n) => `${n.label} ${inlineText(n.children).slice(0, 20).trimEnd()}`)).toEqual(["1 Zie het eerdere advi", "2 De enquête is in okt", "3 CBS, Vacatures naar", "4 Zie de evaluatie doo"]);
  });

  it("takes the last number of a page whose number stands in its head for a note's label, not for the page's number", () => {
    // (a two-sided report: each page's number in its head; pdftotext's default mode set note 5's
    // raised number last, under the texts of notes 5 and 6)
    const text = [
      ["1", "", "Mantelzorg en werk", "", "De raad heeft in de afgelopen jaren herhaaldelijk gewezen op de gevolgen", "van mantelzorg voor werkenden, die zorg en werk moeten combineren."],
      [
        "2",
        "",
        "Mantelzorg en werk",
        "",
        "Werkenden hebben recht op kortdurend zorgverlof.4 Uit een enquête blijkt dat",
        "veel werkgevers daar weinig van weten.5 Op dit moment is informatie over",
        "verlof verspreid over tientallen websites.6",
        "4",
        "",
        "Wet arbeid en zorg, art. 5:1 en 5:9.",
        "Enquête uitgevoerd in opdracht van de raad in mei en juni 2026.",
        "6",
        "Een inventarisatie telde in 2025 meer dan veertig websites met informatie voor",
        "mantelzorgers.",
        "5",
        "",
      ],
      ["3", "", "Mantelzorg en werk", "", "De raad doet daarom de volgende aanbevelingen aan het kabinet en aan", "de werkgevers."],
    ]
      .map((p) => p.join("\n"))
      .join("\n\f");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "4 Wet arbeid en zorg, art. 5:1 en 5:9.",
      "5 Enquête uitgevoerd in opdracht van de raad in mei en juni 2026.",
      "6 Een inventarisatie telde in 2025 meer dan veertig websites met informatie voor mantelzorgers.",
    ]);
    expect(doc.diagnostics.filter((d) => d.code === "normalise:page-number").map((d) => d.message)).toEqual(["removed page furniture \"1\"", "removed page furniture \"2\"", "removed page furniture \"3\""]);
  });

  it("takes no number alone under the notes for a label where the text above carries no such mark", () => {
    const text = [
      "Veel werkzoekenden vertelden dat zij zich vooral een dossier voelen, zeker bij de mobiliteitsteams.1",
      "Ook het onderwijs sluit niet altijd aan op wat werkgevers vragen, zoals gesprekspartners zeiden.",
      "1",
      "",
      "Zie de Kamerbrief over de inzet van regionale mobiliteitsteams, Kamerstukken II 2020/21, 35 420, nr. 213.",
      "Zie ook de evaluatie van de mobiliteitsteams door het onderzoeksbureau, Den Haag, 2023.",
      "2",
      "",
      "1",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => n.label)).toEqual(["1"]);
  });

  const page = (folio: string, body: string[], foot: string[] = []): string[] => [...body, "", ...foot, "", folio];
  const text = [
    ...page("1", [
      "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling, waaruit",
      "bleek dat die vooral werd benut door mensen die al relatief vaak scholing volgen.3",
    ], ["3", "", "Zie de evaluatie van de regeling door het onderzoeksbureau, Den Haag, 2024."]),
    "\f" + "Bij de vormgeving van een nieuw instrument is het van belang om die les ter harte te",
    ...page("2", ["nemen, zeker waar het om werkenden gaat met een tijdelijk contract of een kleine baan."]),
    "",
  ].join("\n");

  it("takes it for the note's number, not for a page number: those keep the pages' step", () => {
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.children.map((b) => `${b.type} ${blockText(b).slice(0, 30)}`)).toEqual([
      "paragraph De raad heeft in zijn vorige m",
      "paragraph Bij de vormgeving van een nieu",
    ]);
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual([
      "Zie de evaluatie van de regeling door het onderzoeksbureau, Den Haag, 2024.",
    ]);
    expect(doc.diagnostics.filter((d) => d.code === "normalise:page-number").map((d) => d.message)).toEqual([
      'removed page furniture "1"',
      'removed page furniture "2"',
    ]);
  });

  it("takes a page number between the two columns' texts for one, and opens the second column there", () => {
    const col = (t: string): string[] => [t];
    const two = [
      ...col("De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling."),
      "", "1", "",
      ...col("Bij de vormgeving van een nieuw instrument is het van belang die les te leren."),
      "\fEen tweede pagina met een eigen alinea over de uitvoering van de regeling.",
      "", "2", "",
      "En een tweede kolom met de rest van de tekst over de uitvoering van de regeling.",
      "",
    ].join("\n");
    const doc = normalise(raw(two), undefined, { kind: "report" });
    expect(doc.diagnostics.filter((d) => d.code === "normalise:page-number").length).toBe(2);
    expect(doc.children.map((b) => blockText(b))).not.toContainEqual(expect.stringMatching(/^\d$/));
  });
});

describe("a page's first note run into the page's last line of text (pdftotext's default mode)", () => {
  it("reads the note apart, and the word broken at the page's foot joins its rest on the next page", () => {
    const text = [
      "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling, waaruit",
      "bleek dat die vooral werd benut door mensen die al relatief vaak scholing volgen.1 Bij",
      "de vormgeving van een nieuw instrument is het van belang om die les ter harte te nemen,",
      "zeker waar het om werkenden gaat met een tijdelijk contract. Daarop is eerder gewe1 Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "2 Zie het eerdere advies van de raad over scholing.",
      "\fzen door sociale partners, zoals de raad eerder heeft opgemerkt.2",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.children.map((b) => blockText(b).replace(/\s+/g, " ").trim())).toEqual([
      "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling, waaruit bleek dat die vooral werd benut door mensen die al relatief vaak scholing volgen. Bij de vormgeving van een nieuw instrument is het van belang om die les ter harte te nemen, zeker waar het om werkenden gaat met een tijdelijk contract. Daarop is eerder gewezen door sociale partners, zoals de raad eerder heeft opgemerkt.",
    ]);
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual([
      "Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "Zie het eerdere advies van de raad over scholing.",
    ]);
    expect(doc.diagnostics.some((d) => d.code === "normalise:note-split" && d.position?.line === 4)).toBe(true);
  });
});

describe("a page's first note run into the page's last line, a space before its number", () => {
  it("reads the note apart where the extraction set a space between the broken word and the number", () => {
    const text = [
      "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling, waaruit",
      "bleek dat die vooral werd benut door mensen die al relatief vaak scholing volgen.1 Bij",
      "de vormgeving van een nieuw instrument is het van belang om die les ter harte te nemen,",
      "zeker waar het om nieuwkomers gaat, zoals statushouders die snel aan het werk willen zonder Neder 1 Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "2 Zie het eerdere advies van de raad over scholing.",
      "\flandse diploma’s, zoals de raad eerder heeft opgemerkt.2",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.children.map((b) => blockText(b)).join(" ")).toContain("zonder Nederlandse diploma’s, zoals");
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual([
      "Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "Zie het eerdere advies van de raad over scholing.",
    ]);
  });
});

describe("notes under each column of a two-column page (pdftotext -raw)", () => {
  /** The first column's text, its note 1 referenced. */
  const firstColumn = [
    "De raad heeft voor de voorbereiding van dit advies",
    "een commissie ingesteld waarin vertegenwoordigers van",
    "werkgevers en werknemers zitting hadden, op verzoek van",
    "de minister van Volkshuisvesting.1 De commissie sprak",
    "met gemeenten, netbeheerders en woningcorporaties.",
  ];

  it("takes the first column's notes first, and ends them where the second column's text resumes", () => {
    const text = [
      ...firstColumn,
      "1Adviesaanvraag van de minister van Volkshuisvesting en",
      "Ruimtelijke Ordening, https://www.rijksoverheid.nl/",
      "documenten/brieven/2024/09/19/adviesaanvraag",
      "Het Nationaal Warmtefonds biedt leningen aan, ook",
      "aan huishoudens die bij een reguliere bank niet terecht",
      "kunnen. Installateurs behoren al jaren tot de beroepen",
      "met de grootste spanning op de arbeidsmarkt.2 Dat",
      "tekort heeft gevolgen voor de betaalbaarheid.",
      "2UWV, Factsheet arbeidsmarktkrapte installatietechniek.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual([
      "Adviesaanvraag van de minister van Volkshuisvesting en Ruimtelijke Ordening, https://www.rijksoverheid.nl/documenten/brieven/2024/09/19/adviesaanvraag",
      "UWV, Factsheet arbeidsmarktkrapte installatietechniek.",
    ]);
    expect(doc.children.map((b) => blockText(b).replace(/\s+/g, " ").trim().slice(0, 30))).toEqual([
      "De raad heeft voor de voorbere",
      "Het Nationaal Warmtefonds bied",
    ]);
  });

  it("ends the first column's notes at the second column's numbered heading, whose number no text above carries", () => {
    const text = [
      ...firstColumn,
      "1Adviesaanvraag van de minister van Volkshuisvesting en",
      "Ruimtelijke Ordening van 19 september 2024.",
      "2 De opgave in de gebouwde om-",
      "geving",
      "2.1 Stand van zaken",
      "Nederland telt ruim acht miljoen woningen, waarvan het",
      "overgrote deel nog met aardgas wordt verwarmd. Het",
      "Klimaatakkoord ging ervan uit dat in 2030 anderhalf",
      "miljoen bestaande woningen van het aardgas af zouden",
      "zijn.2",
      "Dat tempo wordt bij lange na niet gehaald.",
      "2Klimaatakkoord, hoofdstuk C1 Gebouwde omgeving, 2019.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "1 Adviesaanvraag van de minister van Volkshuisvesting en Ruimtelijke Ordening van 19 september 2024.",
      "2 Klimaatakkoord, hoofdstuk C1 Gebouwde omgeving, 2019.",
    ]);
    expect(doc.children.filter((b) => b.type === "heading").map(blockText).slice(0, 2)).toEqual(["2 De opgave in de gebouwde omgeving", "2.1 Stand van zaken"]);
    expect(doc.children.map(blockText).join(" ")).toContain("Nederland telt ruim acht miljoen woningen");
  });

  it("ends the first column's notes at a numbered heading over two lines, an unnumbered one under it", () => {
    const text = [
      ...firstColumn,
      "1Adviesaanvraag van de minister van Volkshuisvesting en",
      "Ruimtelijke Ordening van 19 september 2024.",
      "2 Het beeld van de regionale ar-",
      "beidsmarkt",
      "Krapte in cijfers",
      "De spanning op de arbeidsmarkt wordt doorgaans uitge-",
      "drukt als de verhouding tussen het aantal openstaande",
      "vacatures en het aantal werklozen.2",
      "Dat tempo wordt bij lange na niet gehaald.",
      "2UWV, Spanningsindicator arbeidsmarkt, 2024.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "1 Adviesaanvraag van de minister van Volkshuisvesting en Ruimtelijke Ordening van 19 september 2024.",
      "2 UWV, Spanningsindicator arbeidsmarkt, 2024.",
    ]);
    expect(doc.children.filter((b) => b.type === "heading").map(blockText).slice(0, 2)).toEqual(["2 Het beeld van de regionale arbeidsmarkt", "Krapte in cijfers"]);
  });

  it("ends a note that closed on an address, on lines of its own, at the next column's numbered heading", () => {
    const text = [
      "Sinds 1 januari 2025 handhaaft de Belastingdienst",
      "weer actief op schijnzelfstandigheid.1 Verschillende in-",
      "stellingen hebben hun zzp’ers een contract aangeboden.",
      "1Belastingdienst, Handhaving Wet DBA vanaf 1 januari 2025,",
      "https://www.belastingdienst.nl/wps/wcm/connect/nl/zzp/cont",
      "ent/handhaving-wet-dba",
      "3.2.3 Scenario ‘anders werken’",
      "In het derde scenario wordt ingezet op technologie, taak-",
      "herschikking en een grotere rol voor mantelzorgers.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual(["Belastingdienst, Handhaving Wet DBA vanaf 1 januari 2025, https://www.belastingdienst.nl/wps/wcm/connect/nl/zzp/content/handhaving-wet-dba"]);
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["3.2.3 Scenario ‘anders werken’"]);
  });

  it("ends the first column's notes at the second column's line that carries the next mark, right after a note that closed", () => {
    const text = [
      ...firstColumn,
      "1Adviesaanvraag van de minister van Volkshuisvesting, 2 juli",
      "2026. De brief is niet openbaar gemaakt.",
      "(VNG) in 2024 heeft vastgesteld.2 Dat kader geeft voorrang",
      "aan projecten die de congestie verminderen.",
      "2Autoriteit Consument & Markt, Codebesluit prioriteringsruimte.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual([
      "Adviesaanvraag van de minister van Volkshuisvesting, 2 juli 2026. De brief is niet openbaar gemaakt.",
      "Autoriteit Consument & Markt, Codebesluit prioriteringsruimte.",
    ]);
    expect(doc.children.map((b) => blockText(b).replace(/\s+/g, " ")).at(-1)).toBe("(VNG) in 2024 heeft vastgesteld. Dat kader geeft voorrang aan projecten die de congestie verminderen.");
  });

  it("takes a note that ends on a reference number with a slash for closed, so the next column's text resumes after it", () => {
    const text = [
      ...firstColumn,
      "1Adviesaanvraag van de minister van Volkshuisvesting,",
      "brief van 3 maart 2026, kenmerk VRO/26045871.",
      "Dat klinkt als een open deur, maar de gevolgen zijn",
      "concreet: de wachttijd liep op tot negen maanden.2",
      "Ook de woningbouw wordt geraakt.",
      "2Techniek Nederland (2025), Monitor installatiecapaciteit.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual([
      "Adviesaanvraag van de minister van Volkshuisvesting, brief van 3 maart 2026, kenmerk VRO/26045871.",
      "Techniek Nederland (2025), Monitor installatiecapaciteit.",
    ]);
  });

  it("ends the notes where the next column's text resumed, where a numbered heading follows that text", () => {
    const text = [
      "Subsidies dekken een deel van die kosten, maar vereisen dat",
      "het huishouden de investering eerst zelf voorfinanciert.1",
      "1Rijksdienst voor Ondernemend Nederland, ISDE voor wo-",
      "ningeigenaren, https://www.rvo.nl/subsidies-financiering/isde",
      "/woningeigenaren/isolatiemaatregelen",
      "Het Nationaal Warmtefonds biedt leningen aan, ook",
      "aan huishoudens die bij een reguliere bank niet terecht-",
      "kunnen. Bovendien vinden velen de aanvraag ingewikkeld.",
      "3.2 Uitvoeringscapaciteit en vakmensen",
      "De uitvoering wordt belemmerd door een tekort aan vakmensen.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual(["Rijksdienst voor Ondernemend Nederland, ISDE voor woningeigenaren, https://www.rvo.nl/subsidies-financiering/isde/woningeigenaren/isolatiemaatregelen"]);
    // (the text that resumed goes on the paragraph the notes interrupted: nothing tells them apart)
    expect(doc.children.map((b) => blockText(b).replace(/\s+/g, " "))).toEqual([
      "Subsidies dekken een deel van die kosten, maar vereisen dat het huishouden de investering eerst zelf voorfinanciert. Het Nationaal Warmtefonds biedt leningen aan, ook aan huishoudens die bij een reguliere bank niet terechtkunnen. Bovendien vinden velen de aanvraag ingewikkeld.",
      "3.2 Uitvoeringscapaciteit en vakmensen",
      "De uitvoering wordt belemmerd door een tekort aan vakmensen.",
    ]);
  });
});

describe("notes whose numbers a full stop follows at the pages' feet (WeasyPrint)", () => {
  it("takes them for the page's notes where the text carries their marks, and leaves a numbered list alone", () => {
    const text = [
      "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling.1 Die werd",
      "vooral benut door mensen die al relatief vaak scholing volgen.2 Dat is een les voor de",
      "vormgeving van een nieuw instrument, zoals de raad eerder heeft opgemerkt in zijn advies.",
      "",
      "1. Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "2. Zie het eerdere advies van de raad over scholing.",
      "",
      "\fOok sociale partners hebben een rol bij het bereiken van werkenden in kleine bedrijven.3",
      "Zij kunnen in cao’s afspraken maken over scholing in werktijd en over de kosten daarvan.4",
      "",
      "3. Stichting van de Arbeid, Werkagenda, Den Haag, 2024.",
      "4. Zie de monitor van vorig jaar, hoofdstuk 2.",
      "",
      "\fDe raad beveelt aan:",
      "",
      "1. Stel een landelijk loket in.",
      "2. Zorg voor een vaste financiering.",
      "De raad gaat ervan uit dat het kabinet deze aanbevelingen overneemt.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "1 Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "2 Zie het eerdere advies van de raad over scholing.",
      "3 Stichting van de Arbeid, Werkagenda, Den Haag, 2024.",
      "4 Zie de monitor van vorig jaar, hoofdstuk 2.",
    ]);
    expect(doc.children.map(blockText).join(" ")).not.toContain("Zie de evaluatie");
    // (the numbered list after its lead-in stays in the text, though the text carries marks 1 and 2)
    const body = doc.children.map(blockText).join(" ");
    expect(body).toContain("Stel een landelijk loket in.");
    expect(body).toContain("Zorg voor een vaste financiering.");
  });
});

describe("endnotes beside a number at a page's foot that passes for a note", () => {
  it("takes the run at the end where it holds more than twice the notes the page bottoms gave", () => {
    const text = [
      "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling.1 Die",
      "werd vooral benut door mensen die al relatief vaak scholing volgen.2 Dat is een les",
      "voor de vormgeving van een nieuw instrument, zoals de raad eerder opmerkte.3 Per",
      "1 januari geldt een nieuwe regeling voor werkenden met een tijdelijk contract.",
      "\fDie regeling wordt over twee jaar geëvalueerd, met aandacht voor de uitvoering.",
      "",
      "1. Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "2. Zie het eerdere advies van de raad over scholing.",
      "3. Zie de monitor van vorig jaar.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual([
      "Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "Zie het eerdere advies van de raad over scholing.",
      "Zie de monitor van vorig jaar.",
    ]);
    expect(doc.children.map(blockText).join(" ")).toContain("Per 1 januari geldt een nieuwe regeling");
  });
});

describe("a numbered list in the text, note marks above it", () => {
  it("is no run of endnotes where running text and a heading follow it: every word stays", () => {
    const text = [
      "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling.1 Die",
      "werd vooral benut door mensen die al relatief vaak scholing volgen.2 Dat is een les",
      "voor de vormgeving van een nieuw instrument, zoals de raad eerder opmerkte.3 Regionaal",
      "lopen de cijfers uiteen,4 en het bereik is het laagst in kleine bedrijven.5",
      "In de gesprekken kwamen drie drempels steeds terug:",
      "1. werknemers willen niet dat collega’s weten dat zij moeite hebben met taal;",
      "2. het aanbod sluit slecht aan op wisselende werktijden;",
      "3. kleine werkgevers hebben geen tijd om zelf een traject te organiseren.",
      "Vooral de eerste drempel is hardnekkig, vertelde een chauffeur uit de regio.",
      "4",
      "Zie de regionale schattingen van de stichting.",
      "5",
      "Zie het onderzoek onder oud-studenten.",
      "4 Conclusies en aanbevelingen",
      "4.1 Conclusies",
      "Laaggeletterdheid onder werkenden is omvangrijk, hardnekkig en grotendeels verborgen.",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => n.label)).toEqual(["4", "5"]);
    const body = doc.children.map(blockText).join(" ");
    expect(body).toContain("kleine werkgevers hebben geen tijd");
    expect(body).toContain("grotendeels verborgen.");
  });
});

describe("a page's note numbers apart from their texts (pdftotext's default mode)", () => {
  const notes = (lines: string[]): string[] => normalise(raw(lines.join("\n")), undefined, { kind: "report" }).notes.map((n) => `${n.label} ${inlineText(n.children)}`);

  it("gives each text its number where the numbers came out of order among the texts", () => {
    expect(
      notes([
        ...page1.slice(0, 4),
        "sociale partners hebben daarin een rol, zoals de raad eerder heeft opgemerkt.3",
        "1",
        "",
        "Zie de evaluatie van de regeling door het onderzoeksbureau.",
        "Zie het eerdere advies van de raad over scholing.",
        "3",
        "Zie de monitor van vorig jaar.",
        "2",
      ]),
    ).toEqual([
      "1 Zie de evaluatie van de regeling door het onderzoeksbureau.",
      "2 Zie het eerdere advies van de raad over scholing.",
      "3 Zie de monitor van vorig jaar.",
    ]);
  });

  it("opens a note where its number stands and where a web address opens a line after a closed note", () => {
    expect(
      notes([
        "De coaches bezochten vooral huurders van corporaties, zoals hoofdstuk 4 laat zien.1 De",
        "handreiking voor gemeenten geeft voorbeelden van een aanpak die werkt.2 Volgens de",
        "evaluatie besparen huishoudens gemiddeld een tiende van hun verbruik.3 Die cijfers komen",
        "uit interviews met coaches in twaalf gemeenten, gehouden in het voorjaar.4",
        "1",
        "",
        "Zie hoofdstuk 4 van dit rapport.",
        "https://www.pharos.nl/kennisbank/energiearmoede-handreiking-voor-gemeenten/",
        "3",
        "https://www.tno.nl/nl/newsroom/2025/03/evaluatie-energiecoaches-laag-inkom",
        "en/",
        "4",
        "Het gaat om interviews met 38 energiecoaches in 12 gemeenten.",
        "2",
      ]),
    ).toEqual([
      "1 Zie hoofdstuk 4 van dit rapport.",
      "2 https://www.pharos.nl/kennisbank/energiearmoede-handreiking-voor-gemeenten/",
      "3 https://www.tno.nl/nl/newsroom/2025/03/evaluatie-energiecoaches-laag-inkomen/",
      "4 Het gaat om interviews met 38 energiecoaches in 12 gemeenten.",
    ]);
  });

  // (a page whose notes' labels hang in the margin: pdftotext's default mode sets them in a column
  // of their own above the texts)
  const column = (labels: string[], texts: string[]): string[] =>
    notes([
      "De coaches bezochten vooral huurders van corporaties, zoals hoofdstuk 4 laat zien.1 De",
      "handreiking voor gemeenten geeft voorbeelden van een aanpak die werkt.2 Volgens de",
      "evaluatie besparen huishoudens gemiddeld een tiende van hun verbruik.3 Die cijfers komen",
      "uit interviews met coaches in twaalf gemeenten, gehouden in het voorjaar.",
      ...labels,
      "",
      ...texts,
      "\fDe coaches zelf noemen vooral de korte lijnen met de corporaties als reden voor hun bereik.",
    ]);

  it("gives each text its number where the numbers stand in a column above the texts", () => {
    expect(
      column(["1", "2", "3"], ["Zie hoofdstuk 4 van dit rapport.", "https://www.pharos.nl/kennisbank/energiearmoede-handreiking-voor-gemeenten/", "Het gaat om interviews met 38 energiecoaches", "in 12 gemeenten, gehouden in 2026."]),
    ).toEqual([
      "1 Zie hoofdstuk 4 van dit rapport.",
      "2 https://www.pharos.nl/kennisbank/energiearmoede-handreiking-voor-gemeenten/",
      "3 Het gaat om interviews met 38 energiecoaches in 12 gemeenten, gehouden in 2026.",
    ]);
  });

  it("takes no such column for labels where the texts part into more notes than it holds, or a number has no mark", () => {
    const texts = ["Zie hoofdstuk 4 van dit rapport.", "Zie de handreiking voor gemeenten.", "Het gaat om interviews met 38 energiecoaches."];
    expect(column(["1", "2"], texts)).toEqual([]);
    expect(column(["1", "2", "3", "4"], [...texts, "Zie de monitor."])).toEqual([]);
  });
});

describe("endnotes as a browser prints them", () => {
  const body = [
    "De raad heeft in zijn vorige monitor gewezen op de evaluatie van de regeling.1 Die",
    "werd vooral benut door mensen die al relatief vaak scholing volgen.2 Dat is een les",
    "voor de vormgeving van een nieuw instrument, zoals de raad eerder opmerkte.3",
    "",
  ];
  const notes = (lines: string[]): string[] => normalise(raw([...body, ...lines].join("\n")), undefined, { kind: "report" }).notes.map((n) => inlineText(n.children));

  it("goes on with a web address broken at a hyphen, whatever the next line opens with", () => {
    expect(
      notes([
        "1. Zie de evaluatie van de regeling.↩︎",
        "2. Zie artikel 14 van de Huisvestingswet 2014, https://wetten.overheid.nl/BWBR0035303/2025-01-",
        "01. Met de wet krijgen gemeenten meer ruimte.↩︎",
        "3. Zie de monitor van vorig jaar.↩︎",
      ]),
    ).toEqual([
      "Zie de evaluatie van de regeling.",
      "Zie artikel 14 van de Huisvestingswet 2014, https://wetten.overheid.nl/BWBR0035303/2025-01-01. Met de wet krijgen gemeenten meer ruimte.",
      "Zie de monitor van vorig jaar.",
    ]);
  });

  it("takes a number after a line that ends on a word no sentence ends on for the note's text, not the next note", () => {
    expect(notes(["1. Kamerbrief", "van", "2", "oktober", "2026.↩︎", "2. Zie het eerdere advies.↩︎", "3. Zie de monitor van vorig jaar.↩︎"])).toEqual([
      "Kamerbrief van 2 oktober 2026.",
      "Zie het eerdere advies.",
      "Zie de monitor van vorig jaar.",
    ]);
  });

  it("puts the words pdftotext took after a note's back link where its first line, set out word by word, ended", () => {
    // (a justified first line over a long address: a word a line, its last words after the note)
    expect(
      notes([
        "1. Zie de evaluatie van de regeling.↩︎",
        "2. Monitor",
        "scholing",
        "en",
        "ontwikkeling,",
        "https://www.example.nl/monitor/scholing-en-ontwikkeling-2025↩︎",
        "",
        "tabel",
        "",
        "3,",
        "",
        "3. Zie de monitor van vorig jaar.↩︎",
      ]),
    ).toEqual(["Zie de evaluatie van de regeling.", "Monitor scholing en ontwikkeling, tabel 3, https://www.example.nl/monitor/scholing-en-ontwikkeling-2025", "Zie de monitor van vorig jaar."]);
  });

  it("leaves text after a back link where the note's lines before it are no line set out word by word", () => {
    expect(notes(["1. Zie de evaluatie van de regeling.↩︎", "2. Zie de monitor over scholing en ontwikkeling van", "vorig jaar.↩︎", "", "tabel", "", "3. Zie de monitor van vorig jaar.↩︎"])).toEqual([
      "Zie de evaluatie van de regeling.",
      "Zie de monitor over scholing en ontwikkeling van vorig jaar. tabel",
      "Zie de monitor van vorig jaar.",
    ]);
  });
});

describe("a browser's page foot line with the words of a line set out word by word before its page number", () => {
  it("is furniture where it repeats, whole, at the foot of the other pages", () => {
    const head = "12/7/26, 12:45 AM                 Scholing en ontwikkeling";
    const foot = "file:///tmp/drukwerk/scholing-en-ontwikkeling.html";
    const para = (k: number): string[] => [
      `De raad volgt de deelname aan scholing sinds jaren en ziet in ${2020 + k} weer een lichte`,
      "stijging, vooral bij werkenden met een vast contract en een hogere opleiding.",
    ];
    const text = [
      head, "", ...para(1), "", foot, "", "1/3", "\f",
      head, "", ...para(2), "1. Monitor", "scholing", "en", "ontwikkeling,", "https://www.example.nl/monitor/scholing-en-ontwikkeling-2025↩︎", "", foot, "", "tabel", "", "3,", "", "2/3", "\f",
      head, "", ...para(3), "", foot, "", "3/3",
    ].join("\n").replace(/\n\f\n/g, "\n\f");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    const all = [...doc.children.map(blockText), ...doc.notes.map((n) => inlineText(n.children))].join(" ");
    expect(all).not.toContain("file:///");
    expect(doc.diagnostics.filter((d) => d.message.includes("file:///")).map((d) => d.position?.line)).toHaveLength(3);
  });
});

describe("a column's note ending on a place of publication with a slash", () => {
  it("closes its sentence there: the column's text resumes in lower case after it", () => {
    const text = [
      "Ruud Verhoef verkocht bijna dertig jaar kantoormeubi-",
      "lair. Hij was er goed in, zegt hij, maar het raakte hem",
      "nooit echt. Dat veranderde toen zijn vader in 2019 over-",
      "leed, al was de overstap toen nog niet in zicht.1 “De",
      "uitvaartbegeleider die ons hielp, was zo rustig",
      "1Zie: CBS (2026), Beroepswisselingen van oudere werkenden,",
      "2015–2025, Den Haag/Heerlen.",
      "en zo precies. Ze wist wat we nodig hadden voordat we",
      "het zelf wisten. Ik dacht: dát wil ik ook kunnen.”",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual(["Zie: CBS (2026), Beroepswisselingen van oudere werkenden, 2015–2025, Den Haag/Heerlen."]);
    expect(doc.children.map(blockText).join(" ")).toContain("was zo rustig en zo precies.");
  });
});

describe("a note whose first line holds a sentence end and the next sentence's first word", () => {
  it("is a note, not a numbered heading: a heading closes no sentence before another", () => {
    const text = [
      "Sindsdien is het speelveld sterk in beweging. Sommige",
      "platforms zijn overgestapt op werken met werknemers of",
      "uitzendkrachten, na een uitspraak van de Hoge Raad.1",
      "1 HR 24 maart 2023, ECLI:NL:HR:2023:443 (Deliveroo). De",
      "Hoge Raad liet het oordeel van het gerechtshof in stand.",
      "\fDe vraag of zij zelfstandig ondernemer zijn of eigenlijk",
      "werknemer, heeft geleid tot een reeks rechtszaken.",
      "",
    ].join("\n");
    const doc = normalise(raw(text), undefined, { kind: "report" });
    expect(doc.notes.map((n) => inlineText(n.children))).toEqual(["HR 24 maart 2023, ECLI:NL:HR:2023:443 (Deliveroo). De Hoge Raad liet het oordeel van het gerechtshof in stand."]);
    expect(doc.children.filter((b) => b.type === "heading")).toEqual([]);
  });
});
