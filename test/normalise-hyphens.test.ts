/** What a hyphen at a line's end means, from the document's own spellings. */
import { describe, expect, it } from "vitest";
import { decideHyphen } from "../pipeline/normalise/dehyphenate.ts";
import { buildLexicon } from "../pipeline/normalise/lexicon.ts";

const text = [
  "Het aantal mbo-studenten groeit, net als het aantal mbo-opleidingen in de techniek.",
  "Ook hbo-ingenieurs zijn schaars; de raad vraagt de instellingen om voorstellen.",
];

describe("a hyphen after a first part the text writes with a hyphen in its compounds", () => {
  const lex = buildLexicon(text);
  it("stays where the text writes other compounds of that part with a hyphen and none without", () => {
    expect(decideHyphen("mbo-", "niveau ligt de grootste vraag.", lex)).toMatchObject({ keep: true, space: false });
    expect(decideHyphen("hbo-", "instellingen werken samen.", lex)).toMatchObject({ keep: true, space: false });
  });
  it("goes where the text also opens words with that part joined ('voor' in 'voorstellen')", () => {
    const withVoor = buildLexicon([...text, "Een voor-onderzoek ging vooraf; de commissie stelt voor."]);
    expect(decideHyphen("voor-", "opstond.", withVoor)).toMatchObject({ keep: false });
  });
});

describe("the word list's words", () => {
  it("include a name in its capital, and no single letter", () => {
    const lex = buildLexicon(text);
    expect(lex.known("Groningen")).toBe(true);
    // ("(ii)" would otherwise read as "(i" and a mark "i")
    expect(lex.known("i")).toBe(false);
    expect(lex.known("(i")).toBe(false);
  });
});
