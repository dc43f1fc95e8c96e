import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Inline } from "../pipeline/document/types.ts";
import { segmentKey, normaliseSegmentText } from "../pipeline/translate/key.ts";
import { flattenInlines, toInlines, type Code } from "../pipeline/translate/placeholders.ts";
import { segmentInlines, splitSentences, isCopyText } from "../pipeline/translate/segment.ts";

describe("segmentation (SRX rules for Dutch)", () => {
  it("breaks at sentence ends, not after jl. before lower case", () => {
    // raad-2022-03-verslag:33-35
    expect(splitSentences("Op 12 maart jl. is de heer Ben Pompen overleden op de respectabele leeftijd van 90 jaar. De heer Pompen was de derde algemeen secretaris van de SER van 1 oktober 1978 tot 1 oktober 1990.")).toEqual([
      "Op 12 maart jl. is de heer Ben Pompen overleden op de respectabele leeftijd van 90 jaar.",
      "De heer Pompen was de derde algemeen secretaris van de SER van 1 oktober 1978 tot 1 oktober 1990.",
    ]);
  });
  it.each([
    ["ca.", "1 op de 3 Nederlanders (dus ca. 4,4 miljoen mensen) heeft te maken met gezondheidsachterstanden."],
    ["o.a.", "Dit betreft o.a. Divosa en Pharos."],
    ["c.q.", "De werkgever c.q. De Nederlandsche Bank beslist."],
    ["bijv.", "Denk aan bijv. Kansrijke Start."],
    ["nr.", "Vergadering: Raad, nr. 746"],
    ["mr. / dr. / prof.", "Het woord is aan prof. dr. Mackenbach en mr. Verhulp."],
    ["e.d.", "Roken, overgewicht e.d. zijn risicofactoren."],
    ["a.s.", "De vergadering van 3 mei a.s. gaat door."],
    ["initials", "Volgens J.P. Mackenbach is dat zo."],
    ["decimals", "Van 5,3 miljoen in 2011 naar 8,2% in 2040."],
    ["URL", "Lees dit artikel op: ser.nl/zichtop en www.ser.nl/nl/actueel."],
    ["question in lower case context", "Wat nu (stay tuned!) en online videoserie."],
    ["quotation", "Het kabinet vraagt “een praktisch advies. Met handvatten.” van de raad."],
  ])("does not break after %s", (_name, text) => {
    expect(splitSentences(text)).toEqual([text]);
  });
  it("does break after a.s. / jl. before a capital, and after a question or a quotation", () => {
    expect(splitSentences("De vergadering is op 3 mei a.s. De raad besluit dan.")).toEqual(["De vergadering is op 3 mei a.s.", "De raad besluit dan."]);
    expect(splitSentences("Welke ervaringen heb ik met SEGV? Wat kan ik doen?")).toEqual(["Welke ervaringen heb ik met SEGV?", "Wat kan ik doen?"]);
    expect(splitSentences("Hij zei: ‘Dit is goed.’ De raad stemt in.")).toEqual(["Hij zei: ‘Dit is goed.’", "De raad stemt in."]);
    expect(splitSentences("Zie: www.ser.nl/nl/actueel. Daar staat het.")).toEqual(["Zie: www.ser.nl/nl/actueel.", "Daar staat het."]);
  });
  it("breaks before list bullets in running text", () => {
    expect(splitSentences("De raad formuleert: ■ Versterk de aandacht ■ Bevorder bestaanszekerheid")).toEqual(["De raad formuleert:", "■ Versterk de aandacht", "■ Bevorder bestaanszekerheid"]);
  });
  it("footnote references stay with their sentence, as placeholders", () => {
    const inlines: Inline[] = [
      { type: "text", value: "om te adviseren over sociaal-economische gezondheidsverschillen." },
      { type: "noteRef", id: "fn1" },
      { type: "text", value: ", " },
      { type: "noteRef", id: "fn2" },
      { type: "text", value: " De raad adviseert " },
      { type: "emphasis", children: [{ type: "text", value: "dit. En dat" }] },
      { type: "text", value: " ook." },
    ];
    const { pieces } = segmentInlines(inlines);
    expect(pieces.map((p) => p.text)).toEqual(["om te adviseren over sociaal-economische gezondheidsverschillen.{1}, {2}", "De raad adviseert {1}dit. En dat{/1} ook."]);
    expect(pieces[0]!.codes).toEqual([{ kind: "noteRef", id: "fn1" }, { kind: "noteRef", id: "fn2" }]);
    expect(pieces[1]!.codes).toEqual([{ kind: "emphasis" }]);
    expect(pieces[1]!.gap).toBe(" ");
  });
  it("numbers placeholders per segment, so the same sentence has the same key wherever its footnote is", () => {
    const a = segmentInlines([{ type: "text", value: "De adviesaanvraag is opgenomen." }, { type: "noteRef", id: "fn3" }]).pieces[0]!;
    const b = segmentInlines([{ type: "text", value: "De adviesaanvraag is  opgenomen." }, { type: "noteRef", id: "fn9" }]).pieces[0]!;
    expect(segmentKey(a.text)).toBe(segmentKey(b.text));
    expect(segmentKey(a.text)).toMatch(/^[0-9a-f]{12}$/);
  });
  it("keys ignore typographic quotes and spacing but not words", () => {
    expect(normaliseSegmentText(" ‘de punten op de i’  zetten ")).toBe("'de punten op de i' zetten");
    expect(segmentKey("‘de punten op de i zetten’")).toBe(segmentKey("'de punten op de i zetten'"));
    expect(segmentKey("de punten op de i zetten")).not.toBe(segmentKey("de punten op de j zetten"));
  });
  it("copies segments with nothing to translate", () => {
    expect(isCopyText("2023")).toBe(true);
    expect(isCopyText("{1}")).toBe(true);
    expect(isCopyText("www.ser.nl/nl/actueel")).toBe(true);
    expect(isCopyText("Opening")).toBe(false);
  });
});

// Properties: flatten → segment → rebuild gives back the same inline content.
const text = fc.stringMatching(/^[A-Za-z ,.?!’‘()0-9]{0,30}$/).filter((s) => !/[{}]/.test(s));
const inline: fc.Arbitrary<Inline> = fc.letrec<{ inline: Inline }>((tie) => ({
  inline: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text.map((value) => ({ type: "text", value }) as Inline),
    fc.constantFrom("fn1", "fn2").map((id) => ({ type: "noteRef", id }) as Inline),
    fc.array(tie("inline"), { maxLength: 3 }).map((children) => ({ type: "emphasis", children }) as Inline),
    fc.array(tie("inline"), { maxLength: 3 }).map((children) => ({ type: "link", url: "https://www.ser.nl", children }) as Inline),
  ),
})).inline;

function merge(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of inlines) {
    const m = "children" in n ? ({ ...n, children: merge(n.children) } as Inline) : n;
    const last = out[out.length - 1];
    if (m.type === "text" && m.value === "") continue;
    if (m.type === "text" && last?.type === "text") last.value += m.value;
    else out.push(m.type === "text" ? { ...m } : m);
  }
  return out;
}

describe("segmentation properties", () => {
  it("rebuilding the pieces gives back the inlines (no word lost, no code lost)", () => {
    fc.assert(
      fc.property(fc.array(inline, { maxLength: 6 }), (inlines) => {
        const { pieces, trailing } = segmentInlines(inlines);
        const rebuilt: Inline[] = [];
        for (const p of pieces) {
          rebuilt.push({ type: "text", value: p.gap }, ...toInlines(p.text, p.codes));
        }
        rebuilt.push({ type: "text", value: trailing });
        const codes: Code[] = [];
        expect(flattenInlines(merge(rebuilt), codes)).toBe(flattenInlines(merge(inlines), []));
      }),
      { numRuns: 300 },
    );
  });
});
