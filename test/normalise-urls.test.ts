/**
 * Web addresses broken over lines: typesetters break a long address anywhere,
 * also right after its scheme ("https:" / "//www…", "https://" / "www…").
 */
import { describe, expect, it } from "vitest";
import { joinLines } from "../pipeline/normalise/dehyphenate.ts";
import { buildLexicon } from "../pipeline/normalise/lexicon.ts";

const lex = buildLexicon([]);
const join = (...lines: string[]): string => joinLines(lines.map((text, k) => ({ text, position: { file: "t.txt", line: k + 1 } })), lex, []);

describe("web addresses over lines", () => {
  it("joins an address broken after its scheme", () => {
    expect(join("Zie https:", "//www.rivm.nl/publicaties/woningkwaliteit voor de cijfers.")).toBe("Zie https://www.rivm.nl/publicaties/woningkwaliteit voor de cijfers.");
    expect(join("Zie https://", "www.cbs.nl/nl-nl/cijfers voor de cijfers.")).toBe("Zie https://www.cbs.nl/nl-nl/cijfers voor de cijfers.");
    expect(join("Zie (https://", "www.cbs.nl) voor de cijfers.")).toBe("Zie (https://www.cbs.nl) voor de cijfers.");
  });

  it("leaves a scheme-like word that no address follows", () => {
    expect(join("het protocol https:", "Dat is veiliger.")).toBe("het protocol https: Dat is veiliger.");
    expect(join("via https:", "en niet via http.")).toBe("via https: en niet via http.");
  });

  it("still joins an address broken inside its path", () => {
    expect(join("Zie https://www.ser.nl/nl/publicaties/adviezen/", "2023/toeslagen voor het advies.")).toBe("Zie https://www.ser.nl/nl/publicaties/adviezen/2023/toeslagen voor het advies.");
  });

  it("joins an address broken anywhere, as LaTeX's xurl breaks it: inside the scheme or inside a word of its path", () => {
    expect(join("UWV, Factsheet installatietechniek, http", "s://www.werk.nl/factsheets/installatietechniek")).toBe("UWV, Factsheet installatietechniek, https://www.werk.nl/factsheets/installatietechniek");
    expect(join("Regeling subsidie praktijkleren, https://wetten.overheid.nl/B", "WBR0034256/2024-08-01#Paragraaf2")).toBe("Regeling subsidie praktijkleren, https://wetten.overheid.nl/BWBR0034256/2024-08-01#Paragraaf2");
    expect(join("https://www.rekenkamer.nl/publicaties/rapporten/2024/06/digi", "tale-inclusie-rijksoverheid")).toBe("https://www.rekenkamer.nl/publicaties/rapporten/2024/06/digitale-inclusie-rijksoverheid");
    // (a sentence after an address that ends the line stays apart, hyphenated word or not)
    expect(join("Zie https://www.ser.nl/publicaties/monitor", "Sociaal-economische cijfers volgen.")).toBe("Zie https://www.ser.nl/publicaties/monitor Sociaal-economische cijfers volgen.");
    expect(join("zie http", "Het protocol.")).toBe("zie http Het protocol.");
  });

  it("joins a path word broken inside, where the next line opens with a hyphen or goes on into a word of the text or the list", () => {
    const own = buildLexicon(["De energiearmoede neemt toe."]);
    const joinOwn = (...lines: string[]): string => joinLines(lines.map((text, k) => ({ text, position: { file: "t.txt", line: k + 1 } })), own, []);
    expect(joinOwn("https://www.rijksfinancien.nl/memorie-van-toelichting/2026/specifieke-uitkering-energiear", "moede")).toBe("https://www.rijksfinancien.nl/memorie-van-toelichting/2026/specifieke-uitkering-energiearmoede");
    expect(join("Zie https://www.cbs.nl/nl-nl/nieuws/2026/12/aantal-zzp-ers-zonder-arbeidsongeschiktheidsverzekering", "-stabiel.")).toBe("Zie https://www.cbs.nl/nl-nl/nieuws/2026/12/aantal-zzp-ers-zonder-arbeidsongeschiktheidsverzekering-stabiel.");
    expect(join("Zie https://www.werk-en-mantelzorg.nl/werkgevers/stappenplan-mantelzorgvriendelijk-per", "soneelsbeleid-2026")).toBe("Zie https://www.werk-en-mantelzorg.nl/werkgevers/stappenplan-mantelzorgvriendelijk-personeelsbeleid-2026");
    // (a sentence after an address whose path ends on a word stays apart)
    expect(joinOwn("Zie https://www.ser.nl/publicaties/energie", "armoede neemt toe.")).toBe("Zie https://www.ser.nl/publicaties/energie armoede neemt toe.");
  });

  it("joins a path that goes on in capitals after a slash, not a sentence that follows an address", () => {
    expect(join("Zie www.sciencedirect.com/science/article/abs/pii/", "S1703494919300787. Zie ook")).toBe("Zie www.sciencedirect.com/science/article/abs/pii/S1703494919300787. Zie ook");
    expect(join("en www.nvvk.nl/kennisbank-detail/2022/01/23/", "Monitor-Schuldhulpverlening-in-onzekere-tijden. De")).toBe("en www.nvvk.nl/kennisbank-detail/2022/01/23/Monitor-Schuldhulpverlening-in-onzekere-tijden. De");
    expect(join("Zie www.ser.nl/", "Daar staat het advies.")).toBe("Zie www.ser.nl/ Daar staat het advies.");
    expect(join("Zie www.ser.nl.", "COVID-19 trof iedereen.")).toBe("Zie www.ser.nl. COVID-19 trof iedereen.");
  });

  it("drops a hyphen that broke one of the address's words at a syllable, and keeps the address's own", () => {
    // "ciering" and "ningkwaliteit" are no words; "financiering", "woningkwaliteit" are
    expect(join("Zie https://www.rvo.nl/subsidies-finan-", "ciering/isde voor de regeling.")).toBe("Zie https://www.rvo.nl/subsidies-financiering/isde voor de regeling.");
    expect(join("Zie https://www.rivm.nl/gezondheid-en-wo-", "ningkwaliteit voor de cijfers.")).toBe("Zie https://www.rivm.nl/gezondheid-en-woningkwaliteit voor de cijfers.");
    // what follows is a word of its own, a number, or no word joined with the piece before
    expect(join("Zie https://www.rijksoverheid.nl/werk-", "en-inkomen voor meer.")).toBe("Zie https://www.rijksoverheid.nl/werk-en-inkomen voor meer.");
    expect(join("Zie https://www.azwinfo.nl/instroom-", "uitstroom voor de cijfers.")).toBe("Zie https://www.azwinfo.nl/instroom-uitstroom voor de cijfers.");
    expect(join("Zie https://zoek.officielebekendmakingen.nl/kst-", "36576-2.html voor de tekst.")).toBe("Zie https://zoek.officielebekendmakingen.nl/kst-36576-2.html voor de tekst.");
    expect(join("Zie https://www.actiz.nl/cao-", "vvt-2022 voor de cao.")).toBe("Zie https://www.actiz.nl/cao-vvt-2022 voor de cao.");
  });

  it("drops it where the letters after it are a word too, but the word list has the word they make with the piece before", () => {
    expect(join("https://zoek.officielebekend-", "makingen.nl/kst-36576-2.html")).toBe("https://zoek.officielebekendmakingen.nl/kst-36576-2.html");
    expect(join("www.cbs.nl/monitor-brede-wel-", "vaart-en-de-sustainable-development-goals-2023.")).toBe("www.cbs.nl/monitor-brede-welvaart-en-de-sustainable-development-goals-2023.");
    // words an address joins with its own hyphens: no listed word, only a compound made up here
    expect(join("https://www.tno.nl/energiearmoede-", "nederland-monitor/")).toBe("https://www.tno.nl/energiearmoede-nederland-monitor/");
  });

  it("drops it where the word it makes with the piece before is a word the document writes or an English one", () => {
    // "transitie" is a word of its own, "warmtetransitie" no word the word list has, but the text has it
    const text = buildLexicon(["De warmtetransitie vraagt veel van gemeenten.", "Voor de warmtetransitie is geld nodig."]);
    const joinIn = (...lines: string[]): string => joinLines(lines.map((t, k) => ({ text: t, position: { file: "t.txt", line: k + 1 } })), text, []);
    expect(joinIn("Zie https://www.rijksoverheid.nl/documenten/adviesaanvraag-warmte-", "transitie voor de vraag.")).toBe("Zie https://www.rijksoverheid.nl/documenten/adviesaanvraag-warmtetransitie voor de vraag.");
    // an address's words are often English: the English word list counts too
    expect(join("https://www.belastingdienst.nl/wps/wcm/con-", "nect/nl/zzp/content/handhaving-wet-dba")).toBe("https://www.belastingdienst.nl/wps/wcm/connect/nl/zzp/content/handhaving-wet-dba");
    expect(join("https://www.tno.nl/nl/news-", "room/2024/10/energiearmoede-nederland-monitor/")).toBe("https://www.tno.nl/nl/newsroom/2024/10/energiearmoede-nederland-monitor/");
    expect(join("https://www.oecd.org/en/publications/outlook.html?utm_medium=pdf&chap-", "ter=3#exposure")).toBe("https://www.oecd.org/en/publications/outlook.html?utm_medium=pdf&chapter=3#exposure");
    // without that evidence the hyphen stays: an address joins words with hyphens
    expect(join("Zie https://www.rijksoverheid.nl/documenten/adviesaanvraag-warmte-", "transitie voor de vraag.")).toBe("Zie https://www.rijksoverheid.nl/documenten/adviesaanvraag-warmte-transitie voor de vraag.");
  });
});

describe("a line-end hyphen after a capital", () => {
  it("joins where the letters after it are no word and the hyphenation patterns break the word there", () => {
    expect(join("reinforce one another. Incid-", "entally, this accumulation")).toBe("reinforce one another. Incidentally, this accumulation");
    expect(join("(2019) Neigh-", "borhood socioeconomic status")).toBe("(2019) Neighborhood socioeconomic status");
  });

  it("keeps it after a name where a word follows, or where the patterns do not break there", () => {
    expect(join("mevrouw Jansen-", "de Vries (FNV)")).toBe("mevrouw Jansen-de Vries (FNV)");
    expect(join("de Covid-", "maatregelen van het kabinet")).toBe("de Covid-maatregelen van het kabinet");
    expect(join("Lidl-", "xqzrt in de winkel")).toBe("Lidl-xqzrt in de winkel");
  });
});

describe("a line-end hyphen after an abbreviation", () => {
  const joinIn = (texts: string[], ...lines: string[]): string => joinLines(lines.map((text, k) => ({ text, position: { file: "t.txt", line: k + 1 } })), buildLexicon(texts), []);
  it("keeps it, unless the text itself writes the word joined", () => {
    expect(join("de SER-", "commissie adviseert")).toBe("de SER-commissie adviseert");
    expect(joinIn(["SERmagazine is now called Zicht op", "from SERmagazine to Zicht op"], "from SER-", "magazine to Zicht op")).toBe("from SERmagazine to Zicht op");
    expect(joinIn(["de SER-commissie en de SERcommissie"], "de SER-", "commissie adviseert")).toBe("de SER-commissie adviseert");
  });
});

describe("e-mail addresses and number ranges over lines", () => {
  it("joins an e-mail address broken inside its domain", () => {
    expect(join("Het e-mailadres van het secretariaat is zorgarbeidsmarkt@exa", "mple.nl.")).toBe("Het e-mailadres van het secretariaat is zorgarbeidsmarkt@example.nl.");
    expect(join("Mail naar secretariaat@", "ser.nl voor vragen.")).toBe("Mail naar secretariaat@ser.nl voor vragen.");
  });

  it("leaves a whole address and the word after it apart", () => {
    expect(join("Mail naar info@ser.nl", "voor vragen.")).toBe("Mail naar info@ser.nl voor vragen.");
    expect(join("via het account @ser", "op sociale media.")).toBe("via het account @ser op sociale media.");
  });

  it("joins a range broken after its dash, and keeps a dash set apart as punctuation", () => {
    expect(join("in de periode 2021–", "2025 relatief sterk gestegen.")).toBe("in de periode 2021–2025 relatief sterk gestegen.");
    expect(join("in de periode 2021 –", "2025 relatief sterk gestegen.")).toBe("in de periode 2021 – 2025 relatief sterk gestegen.");
    expect(join("de lonen zijn gestegen –", "2025 was een goed jaar.")).toBe("de lonen zijn gestegen – 2025 was een goed jaar.");
  });
});
