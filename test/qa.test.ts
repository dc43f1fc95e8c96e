import { describe, expect, it } from "vitest";
import { readGlossaryFile } from "../pipeline/translate/load.ts";
import {
  checkAddresses,
  checkBrackets,
  checkConsistency,
  checkDutch,
  checkEndPunctuation,
  checkGlossary,
  checkNumbers,
  checkPlaceholderIssues,
  checkSegment,
  checkWhitespace,
  QA_CHECKS,
} from "../pipeline/translate/qa.ts";
import type { Code } from "../pipeline/translate/placeholders.ts";

const glossary = readGlossaryFile(new URL("../locales/glossary/nl-en.yaml", import.meta.url).pathname);
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

// Every sentence below is from source/*.txt (file and line in the test name).

describe("qa: numbers, percentages, amounts (qa:number-mismatch, error)", () => {
  const nl = "Het CBS telde in een publicatie uit 2018 dat van alle huishoudens 8,2% in armoede leeft."; // initiatiefgroep 2019:81
  it("passes 8,2% → 8.2%", () => {
    expect(checkNumbers(nl, "In a 2018 publication, Statistics Netherlands counted 8.2% of all households living in poverty.")).toEqual([]);
  });
  it("fails when the decimal comma is kept (8,2%) or the figure changed", () => {
    const kept = checkNumbers(nl, "In a 2018 publication, Statistics Netherlands counted 8,2% of all households living in poverty.");
    expect(codes(kept)).toEqual(["qa:number-mismatch"]);
    expect(kept[0]!.severity).toBe("error");
    expect(codes(checkNumbers(nl, "In a 2019 publication, Statistics Netherlands counted 8.2% of all households living in poverty."))).toEqual(["qa:number-mismatch"]);
  });
  it("1,1 miljoen = 1.1 million, and not 1,1 million or 11 million", () => {
    const nl2 = "Dat betreft in totaal 1,1 miljoen personen."; // initiatiefgroep 2019:82
    expect(checkNumbers(nl2, "That is 1.1 million people in all.")).toEqual([]);
    expect(checkNumbers(nl2, "That is 1,100,000 people in all.")).toEqual([]);
    expect(codes(checkNumbers(nl2, "That is 1,1 million people in all."))).toEqual(["qa:number-mismatch"]);
    expect(codes(checkNumbers(nl2, "That is 11 million people in all."))).toEqual(["qa:number-mismatch"]);
  });
  it("220.000 (Dutch thousands point) = 220,000", () => {
    const nl3 = "Ruim 220.000 mensen leven volgens het Sociaal en Cultureel Planbureau in armoede."; // zicht-op 2023-1:32
    expect(checkNumbers(nl3, "According to the SCP, more than 220,000 people live in poverty.")).toEqual([]);
    const wrong = checkNumbers(nl3, "According to the SCP, more than 220.000 people live in poverty.");
    expect(codes(wrong)).toEqual(["qa:number-mismatch"]);
    expect(wrong[0]!.text).toBe("220.000");
  });
  it("times: 10.15 uur = 10:15", () => {
    expect(checkNumbers("10.15 uur", "10:15")).toEqual([]);
    expect(codes(checkNumbers("10.15 uur", "10:30"))).toEqual(["qa:number-mismatch"]);
  });
});

describe("qa: dates (qa:date-mismatch, error)", () => {
  const nl = "Datum en tijd: 27 januari 2023, 10.15 uur"; // verslag R3026:9
  it("27 januari 2023 = 27 January 2023 = January 27, 2023", () => {
    expect(checkNumbers(nl, "Date and time: 27 January 2023, 10:15")).toEqual([]);
    expect(checkNumbers(nl, "Date and time: January 27, 2023, 10.15 am")).toEqual([]);
  });
  it("a wrong month or day is an error", () => {
    const r = checkNumbers(nl, "Date and time: 27 June 2023, 10:15");
    expect(codes(r)).toEqual(["qa:date-mismatch"]);
    expect(r[0]!.severity).toBe("error");
    expect(r[0]!.text).toBe("27 June 2023");
  });
  it("a date without year (12 maart jl.)", () => {
    const nl2 = "Op 12 maart jl. is de heer Ben Pompen overleden op de respectabele leeftijd van 90 jaar."; // verslag 2022-03:33
    expect(checkNumbers(nl2, "On 12 March, Mr Ben Pompen died at the respectable age of 90.")).toEqual([]);
    expect(codes(checkNumbers(nl2, "On 21 March, Mr Ben Pompen died at the respectable age of 90."))).toEqual(["qa:date-mismatch"]);
  });
});

describe("qa: URLs and e-mail addresses (qa:url-mismatch, error)", () => {
  const nl = "Zie: www.raadrvs.nl/documenten/publicaties/2020/10/03/gezondheidsverschillen-voorbij."; // briefadvies
  it("passes when the address is unchanged (final full stop is not part of it)", () => {
    expect(checkAddresses(nl, "See: www.raadrvs.nl/documenten/publicaties/2020/10/03/gezondheidsverschillen-voorbij.")).toEqual([]);
    expect(checkNumbers(nl, "See: www.raadrvs.nl/documenten/publicaties/2020/10/03/gezondheidsverschillen-voorbij.")).toEqual([]);
  });
  it("fails when the address was 'translated'", () => {
    const r = checkAddresses(nl, "See: www.raadrvs.nl/documents/publications/2020/10/03/beyond-health-inequalities.");
    expect(codes(r)).toEqual(["qa:url-mismatch", "qa:url-mismatch"]);
    expect(r[0]!.text).toBe("www.raadrvs.nl/documenten/publicaties/2020/10/03/gezondheidsverschillen-voorbij");
  });
  it("e-mail addresses too", () => {
    expect(checkAddresses("Mail naar info@ser.nl.", "Mail info@ser.nl.")).toEqual([]);
    expect(codes(checkAddresses("Mail naar info@ser.nl.", "Mail info@ser.com."))).toEqual(["qa:url-mismatch", "qa:url-mismatch"]);
  });
});

describe("qa: glossary (qa:glossary-forbidden error, qa:glossary-missing warning)", () => {
  const nl = "Bevorder bestaanszekerheid om een gezond leven te kunnen leiden."; // briefadvies:22
  it("passes with the approved rendering", () => {
    expect(checkGlossary(nl, "Promote livelihood security so that people can lead a healthy life.", glossary)).toEqual([]);
  });
  it("a forbidden rendering is an error naming it", () => {
    const r = checkGlossary(nl, "Promote subsistence security so that people can lead a healthy life.", glossary);
    expect(codes(r)).toEqual(["qa:glossary-forbidden"]);
    expect(r[0]!.severity).toBe("error");
    expect(r[0]!.text).toBe("subsistence security");
  });
  it("no approved rendering is a warning naming the Dutch term", () => {
    const r = checkGlossary(nl, "Promote a secure existence so that people can lead a healthy life.", glossary);
    expect(codes(r)).toEqual(["qa:glossary-missing"]);
    expect(r[0]!.severity).toBe("warning");
    expect(r[0]!.text).toBe("bestaanszekerheid");
  });
  it("matches Dutch morphology: sociaal-economische gezondheidsverschillen as one term (not also gezondheidsverschil)", () => {
    const nl2 = "Met dit briefadvies geeft de SER een eerste reactie op de vraag van het kabinet om te adviseren over sociaal-economische gezondheidsverschillen."; // briefadvies:2
    const good = "With this advisory letter the SER gives a first response to the government's request for advice on socio-economic health inequalities.";
    expect(checkGlossary(nl2, good, glossary)).toEqual([]);
    const bad = checkGlossary(nl2, good.replace("health inequalities", "health differences"), glossary);
    expect(codes(bad)).toEqual(["qa:glossary-forbidden"]);
    expect(bad[0]!.text).toBe("socio-economic health differences");
  });
  it("brede welvaart: broad prosperity, never broad welfare", () => {
    const nl3 = "Sociaal-economische gezondheidsverschillen beletten daarmee de mogelijkheden om te komen tot een meer gelijke kansenverdeling en tot brede welvaart."; // briefadvies
    const en = "Socio-economic health inequalities thus stand in the way of a more equal distribution of opportunities and of broad prosperity.";
    expect(checkGlossary(nl3, en, glossary)).toEqual([]);
    expect(codes(checkGlossary(nl3, en.replace("broad prosperity", "broad welfare"), glossary))).toEqual(["qa:glossary-forbidden"]);
  });
  it("a forbidden word inside another matched term's approved rendering is that term's (European Commission beside a committee)", () => {
    const nl4 = "De commissie volgt de voorstellen van de Europese Commissie nauwgezet.";
    const en4 = "The committee follows the proposals of the European Commission closely.";
    expect(checkGlossary(nl4, en4, glossary)).toEqual([]);
    // … but a committee rendered as "commission" is still caught.
    const bad = checkGlossary(nl4, "The commission follows the proposals of the European Commission closely.", glossary);
    expect(codes(bad)).toEqual(["qa:glossary-forbidden"]);
    expect(bad[0]!.text).toBe("commission");
  });
});

describe("qa: placeholders (qa:placeholder-*, error)", () => {
  const nl = "Met dit briefadvies geeft de SER een eerste reactie op de vraag van het kabinet om te adviseren over sociaal-economische gezondheidsverschillen.{1}, {2}";
  const notes: Code[] = [
    { kind: "noteRef", id: "fn1" },
    { kind: "noteRef", id: "fn2" },
  ];
  const en = "With this advisory letter the SER gives a first response to the government's request for advice on socio-economic health inequalities.";
  it("passes with each footnote reference once", () => {
    expect(checkPlaceholderIssues(`${en}{1}, {2}`, notes)).toEqual([]);
    expect(checkPlaceholderIssues(`${en}{2}, {1}`, notes)).toEqual([]); // reordering standalone codes is allowed
  });
  it("missing and duplicated references are errors", () => {
    expect(codes(checkPlaceholderIssues(`${en}{1}`, notes))).toEqual(["qa:placeholder-missing"]);
    expect(codes(checkPlaceholderIssues(`${en}{1}, {1}, {2}`, notes))).toEqual(["qa:placeholder-duplicated"]);
    expect(codes(checkPlaceholderIssues(`${en}{1}, {2}, {3}`, notes))).toEqual(["qa:placeholder-invalid"]);
    expect(checkPlaceholderIssues(`${en}{1}`, notes)[0]!.severity).toBe("error");
  });
  it("a pair must stay a well-nested pair", () => {
    const em: Code[] = [{ kind: "emphasis" }];
    expect(checkPlaceholderIssues("removing the {1}societal causes{/1} of health risks.", em)).toEqual([]);
    expect(codes(checkPlaceholderIssues("removing the {1}societal causes of health risks.", em))).toEqual(["qa:placeholder-missing"]);
    expect(codes(checkPlaceholderIssues("removing the {/1}societal causes{1} of health risks.", em))).toContain("qa:placeholder-invalid");
  });
  it("is part of checkSegment", () => {
    expect(codes(checkSegment(nl, notes, en, glossary))).toEqual(["qa:placeholder-missing", "qa:placeholder-missing"]);
  });
});

describe("qa: Dutch left in the target (qa:dutch-in-target, warning)", () => {
  it("flags a half-translated sentence", () => {
    // briefadvies:2-3, the second half left in Dutch
    const r = checkDutch("The Council advises het beleid vooral te richten op het wegnemen van maatschappelijke oorzaken.");
    expect(codes(r)).toEqual(["qa:dutch-in-target"]);
    expect(r[0]!.severity).toBe("warning");
    expect(r[0]!.message).toMatch(/het/);
  });
  it("passes English with Dutch names and quoted Dutch titles", () => {
    expect(checkDutch("The Council says goodbye to Mr Maxime Verhagen and Frank van Lenthe, and to Mr Van der Veen.")).toEqual([]);
    expect(checkDutch("See SER (2021) ‘Zekerheid voor mensen, een wendbare economie en herstel van de samenleving’.")).toEqual([]);
    expect(checkDutch("See SER (2021) {1}Verkenning Werken zonder armoede{/1}.")).toEqual([]);
    // R3026 table 6 and the March 2022 minutes: name lists and the English past perfect.
    expect(checkDutch("Participants: Gerbrandy, Louwaers, Van der Meulen, Van der Tak, Tasma, Westerlaken. Report: Van Kleef")).toEqual([]);
    expect(checkDutch("She had had a temporary job before she had joined the board.")).toEqual([]);
  });
});

describe("qa: white space, end punctuation, brackets (warnings)", () => {
  it("doubled spaces (the source has them: initiatiefgroep 2019:17 'Eind 2018  namen')", () => {
    expect(codes(checkWhitespace("At the end of 2018  some members took the initiative."))).toEqual(["qa:whitespace"]);
    expect(checkWhitespace("At the end of 2018 some members took the initiative.")).toEqual([]);
  });
  it("a question stays a question", () => {
    const nl = "Welke ervaringen heb ik met SEGV?"; // initiatiefgroep 2019:47
    expect(checkEndPunctuation(nl, "What experience do I have with SEHI?")).toEqual([]);
    const r = checkEndPunctuation(nl, "What experience do I have with SEHI.");
    expect(codes(r)).toEqual(["qa:end-punctuation"]);
    expect(r[0]!.severity).toBe("warning");
  });
  it("closing quotation marks do not hide the end mark", () => {
    expect(checkEndPunctuation("‘Gezondheidsverschillen zijn onverantwoord en onrechtvaardig’", "‘Health inequalities are irresponsible and unjust’")).toEqual([]);
  });
  it("unbalanced brackets", () => {
    const nl = "Mevrouw Hamer, voorzitter, opent de (fysieke) vergadering."; // verslag 2022-03:3
    expect(checkBrackets(nl, "Ms Hamer, President, opens the (physical) meeting.")).toEqual([]);
    expect(codes(checkBrackets(nl, "Ms Hamer, President, opens the (physical meeting."))).toEqual(["qa:brackets"]);
  });
  it("apostrophes are not closing quotes", () => {
    expect(checkBrackets("Versterk gebiedsgerichte programma’s.", "Strengthen the government’s area-based programmes and the regions’ infrastructure.")).toEqual([]);
  });
});

describe("qa: consistency (qa:inconsistent, warning)", () => {
  it("the same source with two targets", () => {
    const source = "Maak meer vaart met de Gezonde Generatie."; // briefadvies:32
    const found = checkConsistency([
      { source, target: "Speed up the Healthy Generation programme.", where: "briefadvies-segv-2023:a" },
      { source: source.replace(" ", "  "), target: "Accelerate the Healthy Generation.", where: "shared:a" },
      { source: "Adviesaanvraag", target: "Request for advice", where: "x" },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]!.targets.map((t) => t.target)).toEqual(["Speed up the Healthy Generation programme.", "Accelerate the Healthy Generation."]);
    expect(checkConsistency([{ source, target: "Speed up the Healthy Generation programme.", where: "a" }, { source, target: "Speed up the  Healthy Generation programme.", where: "b" }])).toEqual([]);
  });
});

describe("qa: the table of checks", () => {
  it("errors are the checks where the English would say something else", () => {
    const errors = Object.entries(QA_CHECKS).filter(([, v]) => v.severity === "error").map(([k]) => k).sort();
    expect(errors).toEqual(["qa:date-mismatch", "qa:glossary-forbidden", "qa:number-mismatch", "qa:placeholder-duplicated", "qa:placeholder-invalid", "qa:placeholder-missing", "qa:url-mismatch"]);
  });
});
