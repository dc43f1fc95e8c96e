/**
 * Properties of the normaliser and the Markdown contract, on generated text
 * shaped like the extractions (hard wraps, line-end hyphens, bullets, numbered
 * lines, lead spaces, blank and white-space lines, page numbers, running
 * heads) and on the real sources.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { splitSource, readSource } from "../pipeline/read/read-source.ts";
import { normalise } from "../pipeline/normalise/index.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import { fromMarkdown } from "../pipeline/markdown/from-markdown.ts";
import type { NormalisedDocument } from "../pipeline/document/types.ts";
import { blockText, corpus, ROOT } from "./normalise-helpers.ts";

const WORDS = [
  "de", "het", "een", "raad", "gezondheid", "verschillen", "sociaal-economische", "SER", "beleid",
  "Nederland", "werk", "inkomen", "mensen", "(zie", "bijlage)", "“citaat”", "’s", "2023", "25%",
  "zorg,", "armoede;", "doel:", "leven.", "kansen?", "a*b", "_x_", "[1]", "<tag>", "#1", "\\", "~", "^", "@",
  "www.ser.nl/advies-", "gezond-", "toe-", "–", "Informatieblok", "Mededelingen", "1.", "2.",
];
const word = fc.constantFrom(...WORDS);
const textLine = fc
  .tuple(
    fc.constantFrom("", "", "", " ", "■ ", "• ", "- ", "1. ", "3 ", "2.1 ", "Informatieblok 2. "),
    fc.array(word, { minLength: 1, maxLength: 14 }),
    fc.constantFrom("", "", " ", "  "),
  )
  .map(([lead, ws, trail]) => lead + ws.join(" ") + trail);
const line = fc.oneof(
  { weight: 12, arbitrary: textLine },
  { weight: 4, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constant(" ") },
  { weight: 1, arbitrary: fc.constantFrom("12", "7", "THEMA GEZONDHEID", "9ZICHT OP 2023 #1") },
);
const source = fc.array(line, { minLength: 1, maxLength: 60 }).map((ls) => ls.join("\n"));

const letters = (s: string): string => s.replace(/[^\p{L}]/gu, "").toLowerCase();

const docText = (d: NormalisedDocument): string => d.children.map(blockText).join(" ");

const REMOVED = new Set(["normalise:page-number", "normalise:running-head", "normalise:empty-item", "normalise:minutes-header", "normalise:contents"]);
const texts = corpus();

describe("normalise properties", () => {
  it("never throws on arbitrary text and writes Markdown for it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (s) => {
        if (!s.trim()) return;
        const doc = normalise(splitSource(s, "any.txt"), undefined, { kind: "report" });
        expect(typeof toMarkdown(doc)).toBe("string");
      }),
      { numRuns: 200 },
    );
  });

  it("keeps every word of the text in order, except artefacts it removes and reports", () => {
    fc.assert(
      fc.property(source, fc.constantFrom("report", "advice", "minutes") as fc.Arbitrary<"report" | "advice" | "minutes">, (s, kind) => {
        if (!s.trim()) return;
        const raw = splitSource(s, "gen.txt");
        const doc = normalise(raw, undefined, { kind, corpus: texts });
        const removed = new Set(doc.diagnostics.filter((d) => REMOVED.has(d.code)).map((d) => d.position!.line));
        const kept = raw.lines.filter((l) => !removed.has(l.line)).map((l) => l.text).join(" ");
        expect(letters(docText(doc))).toBe(letters(kept));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a minutes header line whose label is no minutes field (a counterexample fast-check found)", () => {
    const raw = splitSource("doel: de\ndoel: de\n1. Mededelingen de\nde", "gen.txt");
    const doc = normalise(raw, undefined, { kind: "minutes", corpus: texts });
    expect(letters(docText(doc))).toBe(letters(raw.lines.map((l) => l.text).join(" ")));
    expect(doc.diagnostics.filter((d) => d.code === "normalise:minutes-header")).toEqual([]);
  });

  it("writes Markdown that reads back to the same Markdown", () => {
    fc.assert(
      fc.property(source, (s) => {
        if (!s.trim()) return;
        const md = toMarkdown(normalise(splitSource(s, "gen.txt"), undefined, { kind: "report" }));
        expect(toMarkdown(fromMarkdown(md, "gen.md"))).toBe(md);
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips the Markdown of every real source", () => {
    for (const f of readdirSync(join(ROOT, "source")).filter((x) => x.endsWith(".txt"))) {
      const md = toMarkdown(normalise(readSource(join(ROOT, "source", f)), undefined, { corpus: texts }));
      expect(toMarkdown(fromMarkdown(md, f))).toBe(md);
    }
  });
});
