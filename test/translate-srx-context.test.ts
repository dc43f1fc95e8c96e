/**
 * Segmenting reads a bounded stretch of text around each space
 * (pipeline/translate/srx.ts): the breaks must be those the rules give when
 * they see the whole paragraph, in long paragraphs, after long words and
 * with abbreviations, placeholders and quotes near the edge of that stretch.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakPositions, DUTCH_RULES, type SrxRule } from "../pipeline/translate/srx.ts";

/** The rules applied to the whole text before and after every space. */
function reference(text: string, rules: readonly SrxRule[]): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\s+/gu)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (start === 0 || end >= text.length) continue;
    const rule = rules.find((r) => r.before.test(text.slice(0, start)) && r.after.test(text.slice(end)));
    if (rule?.break) out.push(end);
  }
  return out;
}

const WORDS = ["a)", "IV.", "A.", "De", "raad", "adviseert.", "bijv.", "(bijv.", "Mr.", "J.P.", "jl.", "etc.", "Dat", "is", "zo.", "“Ja.”", "{1}", "{/1}.", "woord.{2},", "{3}", "1.", "Het", "?", "!"];
const word = fc.oneof(
  fc.constantFrom(...WORDS),
  // a long word (an address), so that the stretch before a space starts inside or at it
  fc.integer({ min: 200, max: 400 }).map((n) => `https://www.ser.nl/${"x".repeat(n)}.`),
);
const space = fc.constantFrom(" ", "  ", "\n", " \u00a0");

describe("breakPositions", () => {
  it("breaks where the rules break with the whole paragraph in view", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, space), { minLength: 1, maxLength: 400 }), (parts) => {
        const text = parts.map(([w, s]) => w + s).join("").trimEnd();
        expect(breakPositions(text, DUTCH_RULES)).toEqual(reference(text, DUTCH_RULES));
      }),
      { numRuns: 200 },
    );
  });

  it("breaks a paragraph of a thousand sentences in each of them", () => {
    const text = Array.from({ length: 1000 }, (_, i) => `Zin ${i} gaat over bijv. de raad.`).join(" ");
    expect(breakPositions(text, DUTCH_RULES)).toHaveLength(999);
  });
});
