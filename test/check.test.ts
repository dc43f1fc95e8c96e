import { describe, expect, it } from "vitest";
import { dutchSentences, markdownHeadings, readingKeys, readingOrder } from "../pipeline/publish/check.ts";

describe("tweeluik check helpers", () => {
  it("finds a Dutch sentence left in English text (briefadvies:3), not English citing Dutch titles or URLs", () => {
    const dutch = "De raad adviseert het beleid vooral te richten op het wegnemen van maatschappelijke oorzaken van gezondheidsrisico’s.";
    const text = [
      "The Council advises focusing policy above all on removing the societal causes of health risks.",
      dutch,
      "SER (2021) advisory report Zekerheid voor mensen, een wendbare economie en herstel van de samenleving.",
      "See: www.raadrvs.nl/documenten/publicaties/2020/10/03/gezondheidsverschillen-voorbij-van-de-een-naar-de-ander.",
    ].join(" ");
    expect(dutchSentences(text)).toEqual([dutch]);
    expect(dutchSentences(text.replace(dutch, ""))).toEqual([]);
  });

  it("reads headings from the Markdown contract without ids, notes or markup", () => {
    expect(markdownHeadings("# 1 Kern van het advies {#s-1}\n\ntekst\n\n## 3.5 Vroege start[^3-15] {#s-3-5}\n")).toEqual(["1 Kern van het advies", "3.5 Vroege start"]);
  });

  it("takes the opening words of every text block in document order; notes and openings under four words left out", () => {
    const md = [
      "## 2 Stap voor stap naar het einddoel {#s-2}",
      "",
      "Goede gezondheid begint volgens Knoef bij bestaanszekerheid.[^1]",
      "",
      ":::: {.box .info}",
      "",
      "### SER-advies Sociaaleconomische gezondheidsverschillen",
      "",
      "De SER brengt in 2023 een advies uit over de aanpak.",
      "",
      "::::",
      "",
      "[^1]: Een voetnoot die onderaan de pagina staat.",
      "",
    ].join("\n");
    expect(readingKeys(md)).toEqual(["stap voor stap naar het einddoel", "goede gezondheid begint volgens knoef bij", "de ser brengt in 2023 een"]);
  });

  it("finds blocks read out of order or missing in extracted text (zicht-op p. 7 as poppler read the first build)", () => {
    const keys = ["knoef vergelijkt het wel eens met", "stap voor stap naar het einddoel", "goede gezondheid begint volgens knoef bij", "marike knoef ‘het komt niet vanzelf"];
    const inOrder = "Knoef vergelijkt het wel\neens met de klimaat-\nproblematiek.\nStap voor stap naar het einddoel\nGoede gezondheid begint volgens Knoef bij\nbestaanszekerheid. Marike Knoef ‘Het komt niet vanzelf goed’";
    expect(readingOrder(keys, inOrder)).toEqual({ inOrder: 4, missing: [], outOfOrder: [] });
    // The subhead read before the text of the other column that precedes it.
    const swapped = "Stap voor stap naar het einddoel\nKnoef vergelijkt het wel eens met de klimaatproblematiek.\nGoede gezondheid begint volgens Knoef bij bestaanszekerheid. Marike Knoef ‘Het komt niet vanzelf goed’";
    expect(readingOrder(keys, swapped)).toEqual({ inOrder: 3, missing: [], outOfOrder: ["stap voor stap naar het einddoel"] });
    expect(readingOrder(keys, inOrder.replace("Marike", "M."))).toEqual({ inOrder: 3, missing: ["marike knoef ‘het komt niet vanzelf"], outOfOrder: [] });
  });

  it("reads an address the PDF broke after a slash as one word (the writer adds no hyphen there)", () => {
    const keys = readingKeys("ZICHT OP de gezondheidskloof www.ser.nl/nl/actueel/zicht-op/vragen-werkende-armen\n\nPeter Koppe is SER-beleidsmedewerker en schrijft dit stuk.\n");
    const text = "ZICHT OP de gezondheidskloof www.ser.nl/nl/\nactueel/zicht-op/vragen-werkende-armen\nPeter Koppe is SER-beleidsmedewerker en schrijft dit stuk.";
    expect(readingOrder(keys, text)).toEqual({ inOrder: 2, missing: [], outOfOrder: [] });
  });

  it("lets a repeated opening serve from whichever occurrence keeps the order", () => {
    const keys = ["wat is de rol van innovatie", "het tweede punt gaat over markten", "wat is de rol van innovatie"];
    const text = "Wat is de rol van innovatie dan? Het tweede punt gaat over markten. Wat is de rol van innovatie in platforms?";
    expect(readingOrder(keys, text).inOrder).toBe(3);
  });
});
