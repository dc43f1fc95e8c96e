/**
 * A two-column page whose blocks the extraction took from the two columns in turn (pdftotext's
 * default mode, under a title that spans both columns) is read one column after the other, where
 * the document's heading numbering says so; a page whose numbering follows on is left as it is.
 */
import { describe, expect, it } from "vitest";
import { normalise } from "../pipeline/normalise/index.ts";
import { splitSource } from "../pipeline/read/read-source.ts";
import { blockText, inlineText } from "./normalise-helpers.ts";

/** pdftotext's way: a form feed ends every page. */
const raw = (text: string) => splitSource(text + "\f", "t.txt");

/** A page's lines normalised as a document of this kind. */
const read = (lines: string[], kind: "report" | "advice" | "minutes" | "magazine") => normalise(raw(lines.join("\n")), undefined, { kind });

/** The source lines where the column order reported a page taken apart. */
const moves = (doc: ReturnType<typeof read>): (number | undefined)[] => doc.diagnostics.filter((d) => d.code === "normalise:columns").map((d) => d.position?.line);

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
    const doc = read(page, "report");
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
    expect(moves(doc)).toEqual([8]);
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
    const doc = read(turns, "report");
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
    const doc = read([...page, ...filler], "report");
    expect(doc.children.filter((b) => b.type === "heading").map(blockText).filter((t) => /^\d/.test(t))).toEqual([
      "1 Inleiding",
      "2.2 Verzuim en arbeidsongeschiktheid",
      "1.1 Achtergrond",
      "2.2.1 Ziekteverzuim",
      "2 Ontwikkelingen op de arbeidsmarkt",
      "2.1 Instroom en uitstroom",
    ]);
    // (the one block that goes on in lower case is still put after the one that broke off)
    expect(moves(doc)).toEqual([4]);
  });

  it("leaves a page whose numbered headings follow each other as it is", () => {
    const inOrder = ["1 Inleiding", "", "1.1 Achtergrond", "De langdurige zorg staat onder grote druk.", "", "2 Ontwikkelingen", "", "2.1 Instroom", "De instroom is gedaald.", ""];
    const doc = read(inOrder, "report");
    expect(doc.children.filter((b) => b.type === "heading").map(blockText)).toEqual(["1 Inleiding", "1.1 Achtergrond", "2 Ontwikkelingen", "2.1 Instroom"]);
    expect(moves(doc)).toEqual([]);
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
      const doc = read(magazine, "magazine");
      const text = doc.children.map(blockText).join("\n");
      expect(text).toContain("zo vertelt hij als een schipper met twintig jaar ervaring.");
      expect(text.indexOf("Een vak met toekomst")).toBeLessThan(text.indexOf("Kapitein Rik Smit"));
      expect(text.indexOf("Geen school kan je dat leren.")).toBeLessThan(text.indexOf("Blik vooruit"));
      expect(moves(doc)).toEqual([6]);
    });

    it("reads a letter's second column after its first, whose text ends before the notes at its foot", () => {
      // (the second column goes on after the list's lead-in and its colon: three lines or more
      // in lower case are no list's items; the first column's text breaks off before its notes,
      // the page's last block a note)
      const letter = [
        "Briefadvies over de toegankelijkheid van digitale",
        "overheidsdienstverlening",
        "Geachte staatssecretaris,",
        "In uw brief vraagt u de raad om een reactie op het voornemen om de",
        "digitale dienstverlening van de overheid verder uit te breiden, waar",
        "de vragen van burgers nu elders worden beantwoord.2 De raad adviseert u",
        "daarom om bij de verdere digitalisering de volgende uitgangspunten te hanteren:",
        "",
        "van de overheidswebsites nog niet aan de toegankelijkheidseisen",
        "voldoet. De raad vraagt u erop toe te zien dat deze achterstand",
        "wordt ingelopen voordat fysieke loketten verder worden afgebouwd.",
        "Hoogachtend,",
        "de voorzitter van de raad",
        "",
        "• Houd voor elke digitale dienst een volwaardig alternatief beschikbaar.",
        "• Ontwerp digitale diensten samen met de mensen die er moeite mee hebben.",
        "De raad wijst in dit verband ook op de verplichtingen",
        "die voortvloeien uit het Besluit digitale toegankelijkheid",
        "overheid.1 Uit onderzoek blijkt dat een aanzienlijk deel",
        "1 Besluit digitale toegankelijkheid overheid, https://wetten.ove",
        "rheid.nl/BWBR0040936/2018-07-01.",
        "",
        "2 Zie ook het eerdere advies van de raad over het niet-gebruik.",
        "",
      ];
      const doc = read(letter, "advice");
      expect(doc.children.map(blockText).join("\n")).toContain("een aanzienlijk deel van de overheidswebsites nog niet aan de toegankelijkheidseisen voldoet.");
      expect(moves(doc)).toEqual([9]);
    });

    it("leaves the page as it is where the block in lower case stands after the one that broke off", () => {
      const later = [...magazine.slice(0, 5), ...magazine.slice(8, 19), ...magazine.slice(5, 8), ...magazine.slice(19)];
      const doc = read(later, "magazine");
      expect(moves(doc)).toEqual([]);
    });

    it("leaves the page as it is where a list's items open in lower case after its lead-in", () => {
      const list = [...magazine.slice(0, 2), "Rederijen zoeken vooral de volgende mensen:", "", "stuurlieden en matrozen met een vaarbewijs", "voor de grote rivieren;", "", ...magazine.slice(8)];
      const doc = read(list, "magazine");
      expect(moves(doc)).toEqual([]);
    });
  });
});

describe("a two-column page whose headings open blocks of text", () => {
  const headings = (lines: string[]) =>
    read(lines, "advice")
      .children.filter((b) => b.type === "heading")
      .map(blockText);

  // (the second column's heading "6" came first, the first column's "5" after it, each with
  // the text under it in one block: neither is a block of its own)
  const last = [
    "4 Uitvoering",
    "",
    "De uitvoering ligt bij de Belastingdienst, die de regeling al kent",
    "en de inkomens van zelfstandigen elk jaar vaststelt. Daarmee",
    "zijn de kosten van de uitvoering beperkt en goed te ramen.",
    "",
    "6 Tot slot",
    "Een goede oudedagsvoorziening is geen luxe. De raad is ervan",
    "overtuigd dat een verstandige combinatie van standaardopties",
    "en keuzevrijheid het pensioen van zelfstandigen verbetert.",
    "",
    "5 Aanbevelingen",
    "Op grond van het voorgaande doet de raad het kabinet en de",
    "sociale partners de volgende aanbevelingen, in deze volgorde",
    "van belang, voor de komende kabinetsperiode en de jaren daarna.",
    "",
  ];

  it("counts a heading of one number that opens a block of text, short against its lines", () => {
    expect(headings(last)).toEqual(["4 Uitvoering", "5 Aanbevelingen", "6 Tot slot"]);
  });

  it("parts the two columns' headings where the extraction set them side by side in one block", () => {
    const side = [
      "1 Inleiding",
      "",
      "De raad brengt in deze verkenning de arbeidsmarkt voor de zorg",
      "in kaart, op verzoek van de minister van VWS.",
      "",
      "op tot ruim 130.000 in 2035. De tekorten zijn het grootst in de",
      "ouderenzorg en de wijkverpleging, en in het noorden van het land.",
      "",
      "3 Flexibele inzet en zzp’ers",
      "2 Personeelstekorten in zorg en",
      "welzijn",
      "Mevrouw Kortenhorst presenteert de uitkomsten van de nieuwe prognose",
      "voor de sector. Het verwachte tekort loopt de komende jaren verder",
      "op, ondanks de groei van het aantal werkenden, en zonder beleid loopt het",
      "",
      "De secretaris licht de notitie toe over de inzet van flexwerkers en",
      "zelfstandigen in de zorg. Veel instellingen hebben hun beleid aangepast.",
      "",
    ];
    expect(headings(side)).toEqual(["1 Inleiding", "2 Personeelstekorten in zorg en welzijn", "3 Flexibele inzet en zzp’ers"]);
    const doc = read(side, "advice");
    expect(doc.children.map(blockText).join("\n")).toContain("zonder beleid loopt het op tot ruim 130.000 in 2035.");
  });

  it("reads the first column's notes at its foot as notes, once the second column opens after them", () => {
    const noted = [
      "1 Inleiding",
      "",
      "De raad brengt in deze verkenning de arbeidsmarkt voor de zorg",
      "in kaart, op verzoek van de minister van VWS.1",
      "",
      "op tot ruim 130.000 in 2035. De tekorten zijn het grootst in de",
      "ouderenzorg en de wijkverpleging, en in het noorden van het land.",
      "",
      "3 Flexibele inzet en zzp’ers",
      "2 Personeelstekorten in zorg en",
      "welzijn",
      "Mevrouw Kortenhorst presenteert de uitkomsten van de nieuwe prognose",
      "voor de sector.2 Het verwachte tekort loopt de komende jaren verder",
      "op, ondanks de groei van het aantal werkenden, en zonder beleid loopt het",
      "1 Zie:",
      "",
      "https://www.rijksoverheid.nl/documenten/kamerstukk",
      "en/2026/10/02/kamerbrief-over-voortgang-arbeidsmarktbeleid.",
      "2 De prognose is gebaseerd op het Prognosemodel Zorg en Welzijn.",
      "",
      "De secretaris licht de notitie toe over de inzet van flexwerkers en",
      "zelfstandigen in de zorg. Sinds het einde van het moratorium op de",
      "handhaving hebben veel instellingen hun beleid ten aanzien van",
      "zelfstandigen aangepast. Een deel heeft hun een dienstverband",
      "aangeboden; de notitie noemt",
      "drie knelpunten, die de commissie in haar volgende vergadering",
      "bespreekt aan de hand van een uitwerking door het secretariaat.3",
      "3 Het moratorium op de handhaving gold sinds de wet van 2016. Sinds",
      "1 januari 2025 handhaaft de Belastingdienst weer.",
      "",
    ];
    const doc = read(noted, "advice");
    expect(doc.notes.map((n) => `${n.label} ${inlineText(n.children)}`)).toEqual([
      "1 Zie: https://www.rijksoverheid.nl/documenten/kamerstukken/2026/10/02/kamerbrief-over-voortgang-arbeidsmarktbeleid.",
      "2 De prognose is gebaseerd op het Prognosemodel Zorg en Welzijn.",
      "3 Het moratorium op de handhaving gold sinds de wet van 2016. Sinds 1 januari 2025 handhaaft de Belastingdienst weer.",
    ]);
    expect(doc.children.map(blockText).join("\n")).toContain("zonder beleid loopt het op tot ruim 130.000 in 2035.");
  });

  it("does not count a note's first line, as long as the lines after it", () => {
    const note = [
      ...last.slice(0, 6),
      "5 Zie voor de cijfers het jaarverslag van de Belastingdienst",
      "over 2025, tabel 3, en de toelichting daarbij op de website",
      "van de dienst, waar ook de cijfers over eerdere jaren staan.",
      "",
      ...last.slice(6, 11),
    ];
    const doc = read(note, "advice");
    expect(moves(doc)).toEqual([]);
  });

  it("does not count a line broken at a hyphen: a note's first line, a block of its own", () => {
    // (the note's number 5 after the headings 6 and 7 is no break in their numbering)
    const foot = [
      "buiten de EU, in het licht van de internationale afspraken over",
      "ethische werving. De voorzitter zegt toe dit mee te nemen.",
      "",
      "6 Rondvraag",
      "Mevrouw De Vries vraagt aandacht voor de werving van personeel",
      "in het buitenland en voor de positie van de nieuwe collega's.",
      "",
      "7 Actiepunten",
      "Het secretariaat verwerkt de uitkomsten van de prognose in de",
      "conceptnotitie over het behoud van personeel in de zorg.",
      "",
      "5 Zie: WHO (2010), Global Code of Practice on the Internatio-",
      "",
      "nal Recruitment of Health Personnel, Genève.",
      "",
    ];
    const doc = read(foot, "minutes");
    expect(moves(doc)).toEqual([]);
  });
});

describe("a two-column page's blocks joined in order", () => {
  const text = (lines: string[], kind: "minutes" | "advice") =>
    read(lines, kind)
      .children.map(blockText)
      .join("\n");
  const at = (t: string, s: string): number => {
    expect(t).toContain(s);
    return t.indexOf(s);
  };

  // (the first column: "5", "6" and their text; the second: "welvaart …", "7", the action points)
  const minutes = [
    "dat het ontwerpadvies op deze punten wordt aangepast voordat het",
    "in de vergadering van april ter vaststelling wordt voorgelegd. De",
    "commissie zegt toe de tekst in die zin te herzien en de leden",
    "vooraf een nieuwe versie toe te sturen. Daarmee stemt de raad in.",
    "",
    "5 Verkenning platformwerk",
    "De algemeen secretaris licht het plan van aanpak toe voor de",
    "verkenning naar platformwerk. De verkenning moet in juni gereed",
    "zijn en dient als basis voor een advies in het voorjaar.",
    "",
    "welvaart in de regio. Voor elk thema is een beperkt aantal",
    "adviestrajecten voorzien, zo blijkt uit het conceptprogramma.",
    "",
    "7 Rondvraag en sluiting",
    "Mevrouw Hoekstra vraagt of de raad in het najaar een bijeenkomst",
    "kan organiseren over kunstmatige intelligentie en werk.",
    "",
    "Actiepunten",
    "Het secretariaat stuurt vóór 1 april de reactie van de minister rond.",
    "De commissie Wonen en Werk past het ontwerpadvies aan.",
    "Het dagelijks bestuur legt het werkprogramma opnieuw voor.",
    "",
    "6 Werkprogramma 2026–2027",
    "De voorzitter blikt terug op de strategische bijeenkomst van",
    "februari. Het conceptprogramma bevat vier thema’s: arbeidsmarkt",
    "en inkomen, wonen en leefomgeving, digitalisering, en de brede",
    "",
  ];

  it("reads the columns nearest in length where the joins allow more than one order", () => {
    const t = text(minutes, "minutes");
    expect(at(t, "6 Werkprogramma")).toBeLessThan(at(t, "7 Rondvraag"));
    expect(at(t, "7 Rondvraag")).toBeLessThan(at(t, "Actiepunten"));
    expect(t).toContain("digitalisering, en de brede welvaart in de regio.");
  });

  it("reads a list's items after its lead-in, not another block after the colon", () => {
    const advice = [
      "dat nieuwe taken alleen kunnen worden toegevoegd als daarvoor",
      "voldoende capaciteit beschikbaar is. Het kabinet zou moeten",
      "voorkomen dat zelfstandigen met een laag inkomen in de knel komen.",
      "",
      "6 Tot slot",
      "Een goede oudedagsvoorziening is geen luxe. De raad is ervan",
      "overtuigd dat een verstandige combinatie van standaardopties",
      "en keuzevrijheid het pensioen van zelfstandigen verbetert.",
      "",
      "5 Aanbevelingen",
      "Op grond van het voorgaande doet de raad het kabinet en de",
      "sociale partners de volgende aanbevelingen:",
      "",
      "1. Vereenvoudig op korte termijn de lijfrenteregeling voor",
      "zelfstandigen door de berekening van de jaarruimte te",
      "automatiseren en de voorafingevulde aangifte te gebruiken.",
      "2. Werk een wettelijke regeling uit voor automatische deelname",
      "met een opt-out, waarbij zelfstandigen met een fiscale winst",
      "boven een drempel een deel van hun winst inleggen.",
      "3. Wijs een standaardvoorziening aan met lage kosten en een",
      "beleggingsbeleid dat past bij de leeftijd van de deelnemer.",
      "",
      "8 Het advies is vastgesteld met algemene stemmen. De leden",
      "van de zelfstandigenorganisaties hebben bij de vaststelling",
      "een minderheidsstandpunt laten aantekenen.",
      "",
    ];
    const t = text(advice, "advice");
    expect(at(t, "de volgende aanbevelingen:")).toBeLessThan(at(t, "Vereenvoudig op korte termijn"));
    expect(at(t, "Vereenvoudig op korte termijn")).toBeLessThan(at(t, "6 Tot slot"));
  });
});
