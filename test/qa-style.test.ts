// The house style checks (locales/en/style.yaml) and the QA false-alarm classes fixed at their cause.
// Every seeded case is a real segment of the memory (document and segment in the comment).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Inline } from "../pipeline/document/types.ts";
import { readGlossaryFile } from "../pipeline/translate/load.ts";
import { checkBrackets, checkDutch, checkGlossary, checkSegment, checkTermConsistency } from "../pipeline/translate/qa.ts";
import { accentEmphasis, checkCorpusStyle, checkStyle, parseStyleSheet } from "../pipeline/translate/style.ts";
import { applyAccepted } from "../pipeline/translate/translate.ts";
import { TweeluikError } from "../pipeline/errors.ts";

const STYLE_FILE = new URL("../locales/en/style.yaml", import.meta.url).pathname;
const style = parseStyleSheet(readFileSync(STYLE_FILE, "utf8"), STYLE_FILE);
const glossary = readGlossaryFile(new URL("../locales/glossary/nl-en.yaml", import.meta.url).pathname);
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe("style sheet", () => {
  it("is read with its rules; a bad field names the file and line", () => {
    expect(style.spelling.variant).toBe("british-ise");
    expect(style.percent).toBe("%");
    expect(style.titles.length).toBeGreaterThan(10);
    const bad = readFileSync(STYLE_FILE, "utf8").replace('percent: "%"', 'percent: "pct"');
    let err: unknown;
    try {
      parseStyleSheet(bad, "locales/en/style.yaml");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TweeluikError);
    expect((err as TweeluikError).format()).toMatch(/^locales\/en\/style\.yaml:\d+: percent: /);
    expect((err as TweeluikError).line).toBe(bad.split("\n").findIndex((l) => l.startsWith("percent:")) + 1);
  });
});

describe("style:spelling", () => {
  it("flags -ize and the listed variants (initiatiefgroep s0260: health-care network)", () => {
    const t = "On 1 December, more than fifty members of either the health-care network of GroenLinks or the health-care network of the PvdA (Labour Party) shared their experiences.";
    expect(codes(checkStyle("", t, style))).toEqual(["style:spelling"]);
    expect(codes(checkStyle("", "The Council wants to organize this better.", style))).toEqual(["style:spelling"]);
  });
  it("leaves prize, size and official names spelt with -ize alone (initiatiefgroep: World Health Organization)", () => {
    expect(checkStyle("", "The World Health Organization (WHO) wants health inequalities to have fallen by 25% by 2000.", style)).toEqual([]);
    expect(checkStyle("", "The prize was the size of the problem.", style)).toEqual([]);
  });
});

describe("style:quotes", () => {
  it("flags a straight apostrophe (R3026: the chair's remark), not a curly one or one in a URL", () => {
    const t = "He confirmed the chair's remark that the reason for the request for advice was that the divide had remained stable for too long.";
    expect(codes(checkStyle("", t, style))).toEqual(["style:quotes"]);
    expect(checkStyle("", t.replace("'", "’"), style)).toEqual([]);
    expect(checkStyle("", "See: https://example.org/it's-here.", style)).toEqual([]);
  });
});

describe("style:percent", () => {
  it("flags per cent and a spaced % (briefadvies: the most prosperous 20 per cent)", () => {
    expect(codes(checkStyle("", "the most prosperous 20 per cent of people in the Netherlands live more than 8 years longer", style))).toEqual(["style:percent"]);
    expect(codes(checkStyle("", "an increase of 10 % a year", style))).toEqual(["style:percent"]);
    expect(checkStyle("", "the most prosperous 20% of people; the percentage rose", style)).toEqual([]);
  });
});

describe("style:avoid", () => {
  it("flags SEHI (initiatiefgroep) and the table header 'Report:' where the Dutch names the rapporteur (R3026)", () => {
    expect(codes(checkStyle("De oorzaken van SEGV …", "The causes of SEHI (income, education, housing) do indeed form an almost inextricable tangle.", style))).toEqual(["style:avoid"]);
    const src = "Deelnemers: Ten Dam, Spijkerman, Thijssen, De Groot, Smit, Henrar, Putters. Verslag: Blijden";
    expect(codes(checkStyle(src, "Participants: Ten Dam, Spijkerman, Thijssen, De Groot, Smit, Henrar, Putters. Report: Blijden", style))).toEqual(["style:avoid"]);
    expect(checkStyle(src, "Participants: Ten Dam, Spijkerman, Thijssen, De Groot, Smit, Henrar, Putters. Rapporteur: Blijden", style)).toEqual([]);
    // "Report:" is only wrong where the Dutch has "Verslag:"
    expect(checkStyle("Rapport: zie bijlage", "Report: see annex", style)).toEqual([]);
  });
  it("reads 'chair of the SER’s committee' as a committee's chair, not the SER's", () => {
    const issues = checkStyle("", "says Marike Knoef, chair of the SER’s health inequalities committee.", style);
    expect(issues).toEqual([]);
    expect(codes(checkStyle("", "says Kim Putters, chair of the SER.", style))).toEqual(["style:avoid"]);
  });
});

describe("style:title-gloss", () => {
  it("a Dutch title kept in Dutch needs the house gloss every time (briefadvies s0076, s0315)", () => {
    expect(codes(checkStyle("", "SER (2021) exploratory study Werken zonder armoede.", style))).toEqual(["style:title-gloss"]);
    expect(checkStyle("", "SER (2021) exploratory study Werken zonder armoede (Working without poverty).", style)).toEqual([]);
    expect(checkStyle("", "SER (2021) exploratory study Werken zonder armoede [Working without poverty].", style)).toEqual([]);
    const other = checkStyle("", "SER (2021) exploratory study Werken zonder armoede (Work without poverty).", style);
    expect(other.map((i) => i.message)).toEqual([expect.stringMatching(/glossed as "Work without poverty"; the house gloss is "Working without poverty"/)]);
  });
  it("finds the title however its words are spaced or cased (a no-break space, a line break, capitals)", () => {
    for (const written of ["Werken\u00A0zonder armoede", "Werken zonder\narmoede", "WERKEN ZONDER ARMOEDE"])
      expect(codes(checkStyle("", `SER (2021) exploratory study ${written}.`, style)), written).toEqual(["style:title-gloss"]);
  });
  it("reads a gloss with parentheses inside, and a year between title and gloss", () => {
    const t =
      "See: Stichting van de Arbeid (2020) Wet werk en inkomen naar arbeidsvermogen: Aanbevelingen aan de minister van SZW (Work and Income (Capacity for Work) Act: recommendations to the Minister of Social Affairs and Employment).";
    expect(checkStyle("", t, style)).toEqual([]);
    expect(checkStyle("", "The Volksgezondheid Toekomst Verkenning 2018 (Public Health Foresight Study) confirms this picture.", style)).toEqual([]);
  });
});

describe("emphasis: Dutch accent-emphasis becomes italics in English", () => {
  const text = (inlines: Inline[]): string => inlines.map((i) => (i.type === "text" ? i.value : i.type === "emphasis" ? `<em>${text(i.children)}</em>` : "")).join("");
  it("sets nót in an emphasis node without the accent where the Dutch has níet (magazine)", () => {
    const out = accentEmphasis([{ type: "text", value: "That is why we must first talk about the people who are nót poor." }], "We moeten het daarom eerst hebben over de mensen die níet arm zijn.", style);
    expect(text(out)).toBe("That is why we must first talk about the people who are <em>not</em> poor.");
  });
  it("keeps accents that are spelling (clichéd), and needs an accent-emphasis in the Dutch", () => {
    const src = "Het klinkt als een cliché, maar het is wáár.";
    expect(text(accentEmphasis([{ type: "text", value: "It sounds clichéd, but it is trúe." }], src, style))).toBe("It sounds clichéd, but it is <em>true</em>.");
    const plain = [{ type: "text" as const, value: "It is nót true." }];
    expect(accentEmphasis(plain, "Het is niet waar.", style)).toBe(plain);
  });
  it("style:accent flags an accent the Dutch does not explain", () => {
    expect(codes(checkStyle("Het is niet waar.", "It is nót true.", style))).toEqual(["style:accent"]);
    expect(checkStyle("Het is níet waar.", "It is nót true.", style)).toEqual([]);
    expect(checkStyle("Een cliché.", "A cliché.", style)).toEqual([]);
  });
});

describe("style:author-slip", () => {
  it("flags a slip of the Dutch copied into the English (R3026: ChatGTP, Maxine Verhagen)", () => {
    expect(codes(checkStyle("ChatGTP.", "ChatGTP.", style))).toEqual(["style:author-slip"]);
    expect(codes(checkStyle("", "Participants: Van Weegberg (moderator), Lindeboom, Nijpels, Maxine Verhagen.", style))).toEqual(["style:author-slip"]);
    expect(checkStyle("ChatGTP.", "ChatGPT.", style)).toEqual([]);
  });
});

describe("style:one-spelling across the corpus", () => {
  it("finds a compound written closed in one document and open or hyphenated in another", () => {
    const found = checkCorpusStyle(
      [
        { target: "Access to healthcare is unequal.", where: "a:1" },
        { target: "The health care system is under pressure.", where: "b:1" },
        { target: "The health-care network met.", where: "b:2" },
        { target: "A long-term plan.", where: "a:2" },
        { target: "In the long term.", where: "b:3" },
      ],
      style,
    );
    expect(found).toEqual([{ word: "healthcare", forms: [{ form: "health care", where: ["b:1"] }, { form: "health-care", where: ["b:2"] }, { form: "healthcare", where: ["a:1"] }] }]);
  });
  it("leaves different words alone (every one / everyone)", () => {
    expect(checkCorpusStyle([{ target: "Everyone agreed.", where: "a" }, { target: "Every one of them agreed.", where: "b" }], style)).toEqual([]);
  });
});

describe("term consistency across the corpus", () => {
  it("lists a glossary term rendered in two approved ways (the SER's voorzitter: President in one set of minutes, chair in the other)", () => {
    const found = checkTermConsistency(
      [
        { source: "Mevrouw Hamer, voorzitter, opent de (fysieke) vergadering.", target: "Ms Hamer, President, opened the (in-person) meeting.", where: "raad-2022-03-verslag:1" },
        { source: "De voorzitter opent de vergadering.", target: "The chair opened the meeting.", where: "raad-2023-01-27-verslag-r3026:1" },
        { source: "De voorzitter sluit de vergadering.", target: "The chair closed the meeting.", where: "raad-2023-01-27-verslag-r3026:2" },
      ],
      glossary,
    );
    expect(found.find((f) => f.id === "voorzitter")).toEqual({
      id: "voorzitter",
      term: "voorzitter",
      renderings: [
        { rendering: "chair", where: ["raad-2023-01-27-verslag-r3026:1", "raad-2023-01-27-verslag-r3026:2"] },
        { rendering: "President", where: ["raad-2022-03-verslag:1"] },
      ],
    });
    expect(checkTermConsistency([{ source: "De voorzitter opent de vergadering.", target: "The chair opened the meeting.", where: "a" }], glossary)).toEqual([]);
  });
});

describe("QA false alarms fixed at their cause", () => {
  it("a closing ’ after an s closes an open ‘ (March 2022 s0098: the other ‘circles’)", () => {
    const src = "De maatschappelijke factoren worden in de andere ‘kringen’ belangrijker.";
    expect(checkBrackets(src, "Societal factors became more important in the other ‘circles’.")).toEqual([]);
    expect(checkBrackets(src, "It was time to get rid of the members’ ‘negative incentives’.")).toEqual([]);
    expect(codes(checkBrackets(src, "Societal factors became more important in the other ‘circles."))).toEqual(["qa:brackets"]);
  });
  it("web addresses and Dutch titles kept on purpose are not Dutch left in the English (briefadvies s0298, s0310)", () => {
    expect(checkDutch("See: https://esb.nu/arbeidsdeelname-kan-en-moet-fors-omhoog/.", style)).toEqual([]);
    expect(checkDutch("RVS (2021) Een eerlijke kans op gezond leven (A fair chance of a healthy life).", style)).toEqual([]);
    // without the sheet the title is still counted, and half-Dutch text always is
    expect(codes(checkDutch("RVS (2021) Een eerlijke kans op gezond leven, en de mensen van het land.", style))).toEqual(["qa:dutch-in-target"]);
  });
  it("a glossary term inside a title the English keeps in Dutch is part of the title (briefadvies s0076: armoede)", () => {
    const src = "In zijn verkenning Werken zonder armoede constateerde de SER dat werkenden met financiële problemen vaker chronische stress hebben.";
    const tgt = "In its exploratory study Werken zonder armoede, the SER found that workers with financial problems more often suffer from chronic stress.";
    expect(checkGlossary(src, tgt, glossary, undefined, style)).toEqual([]);
    expect(codes(checkGlossary(src, tgt, glossary))).toContain("qa:glossary-missing");
  });
  it("a compound is not read across a space (March 2022 s0121: 'bij lage' is not 'bijlage')", () => {
    const src = "Het is niet alleen een probleem dat bij lage sociaaleconomische groepen speelt.";
    expect(checkGlossary(src, "It was not only a problem affecting low socio-economic groups.", glossary)).toEqual([]);
    expect(codes(checkGlossary("Zie bijlage 1.", "See part 1.", glossary))).toEqual(["qa:glossary-missing"]);
  });
  it("irregular plurals and an acronym inside a rendering (March 2022 s0314 aldermen; R3026 s0087 (IRBC) agreements)", () => {
    expect(checkGlossary("de nieuwe wethouders bestaanszekerheid", "the new aldermen responsible for livelihood security", glossary)).toEqual([]);
    expect(checkGlossary("maar ook voor de IMVO-convenanten.", "but also to the International Responsible Business Conduct (IRBC) agreements.", glossary)).toEqual([]);
  });
  it("style findings are part of checkSegment when the sheet is given", () => {
    expect(codes(checkSegment("ChatGTP.", [], "ChatGTP.", glossary, undefined, style))).toEqual(["style:author-slip"]);
    expect(checkSegment("ChatGTP.", [], "ChatGTP.", glossary)).toEqual([]);
  });
});

describe("translator's notes", () => {
  it("are shown by QA as info for the editor to confirm, never as a warning", async () => {
    const { createMemory, segmentKey, translateWithReport } = await import("../pipeline/translate/index.ts");
    const { fixtureDocument } = await import("./fixtures/translate/fixture-doc.ts");
    const nl = "Werkende armen";
    const own = { [segmentKey(nl)]: { source: nl, target: "The working poor", status: "reviewed" as const, note: "the Dutch heading lacks its article; translated as meant" } };
    const { report } = translateWithReport(fixtureDocument(), { slug: "fixture", memory: createMemory("fixture", own, {}), glossary, style });
    const notes = report.findings.filter((f) => f.code === "translate:note");
    expect(notes).toEqual([expect.objectContaining({ severity: "info", message: "translator's note: the Dutch heading lacks its article; translated as meant", target: "The working poor" })]);
  });
});

describe("accepted exceptions", () => {
  const issue = { code: "qa:glossary-missing" as const, severity: "warning" as const, message: "m", text: "rondvraag" };
  const accepted = [{ code: "qa:glossary-missing", text: "rondvraag", by: "R. Revisor", date: "2026-12-01", why: "“There was no other business” renders the Dutch idiom" }];
  it("turn the same finding of the same segment into info with who and why", () => {
    expect(applyAccepted([issue], accepted)).toEqual([{ ...issue, severity: "info", accepted: accepted[0] }]);
  });
  it("do not cover another text, another check, or an error", () => {
    expect(applyAccepted([{ ...issue, text: "hulpverlener" }], accepted)[0]!.severity).toBe("warning");
    expect(applyAccepted([{ ...issue, code: "qa:dutch-in-target" }], accepted)[0]!.severity).toBe("warning");
    const error = { ...issue, code: "qa:number-mismatch" as const, severity: "error" as const };
    expect(applyAccepted([error], [{ ...accepted[0]!, code: "qa:number-mismatch" }])[0]!.severity).toBe("error");
  });
});
