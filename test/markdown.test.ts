/** The Markdown contract: structure, escapes, footnote placement, reading back. */
import { describe, expect, it } from "vitest";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import { fromMarkdown } from "../pipeline/markdown/from-markdown.ts";
import { escapeInline } from "../pipeline/markdown/escape.ts";
import type { NormalisedDocument } from "../pipeline/document/types.ts";

const pos = { file: "x.txt", line: 1 };
const doc: NormalisedDocument = {
  type: "document",
  stage: "normalised",
  lang: "nl",
  meta: {
    slug: "x",
    kind: "minutes",
    title: "Verslag",
    titles: { nl: "Verslag", en: "Minutes" },
    date: "2023-01-27",
    publisher: "SER",
    minutes: { meeting: "Raad", meetingNumber: "746", present: ["Van der Meulen", "Putters (voorzitter)"] },
  },
  children: [
    { type: "heading", depth: 2, number: "5.1", id: "s-5-1", children: [{ type: "text", value: "5.1 Inleiding heer Noorlander" }], position: pos },
    {
      type: "paragraph",
      children: [
        { type: "text", value: "Zie *dit* en [dat] voor 1. of #1." },
        { type: "noteRef", id: "1" },
        { type: "text", value: " Verder." },
        { type: "foreign", lang: "nl", reason: "untranslated", children: [{ type: "text", value: "nog niet" }] },
      ],
      position: pos,
    },
    { type: "paragraph", children: [{ type: "text", value: "1. Geen lijst" }], position: pos },
    {
      type: "list",
      ordered: true,
      start: 3,
      children: [
        { type: "listItem", children: [{ type: "paragraph", children: [{ type: "text", value: "drie" }], position: pos }], position: pos },
        { type: "listItem", children: [{ type: "paragraph", children: [{ type: "text", value: "vier" }], position: pos }], position: pos },
      ],
      position: pos,
    },
    { type: "box", kind: "info", title: [{ type: "text", value: "Informatieblok 1. Titel" }], children: [{ type: "paragraph", children: [{ type: "text", value: "Inhoud." }], position: pos }], position: pos },
    { type: "quote", kind: "pull", children: [{ type: "text", value: "‘Citaat’" }], position: pos },
  ],
  notes: [{ type: "note", id: "1", label: "1", position: pos, children: [{ type: "text", value: "Een noot." }] }],
  diagnostics: [],
};

describe("toMarkdown", () => {
  const md = toMarkdown(doc);
  it("writes front matter with the minutes metadata", () => {
    expect(md.startsWith("---\ntitle: Verslag\n")).toBe(true);
    expect(md).toContain("minutes:\n  meeting: Raad\n  meetingNumber: \"746\"\n  present:\n    - Van der Meulen\n");
  });
  it("keeps the printed section number in the heading, escapes what Pandoc would read as syntax", () => {
    expect(md).toContain("\n## 5.1 Inleiding heer Noorlander {#s-5-1}\n");
    expect(md).toContain("Zie \\*dit\\* en \\[dat\\] voor 1. of \\#1.[^1] Verder.[nog niet]{lang=nl .untranslated}");
    expect(md).toContain("\n1\\. Geen lijst\n");
  });
  it("leaves an underscore or at sign inside a word as it is printed, and escapes it elsewhere", () => {
    const url = "https://www.ser.nl/downloads/werkprogramma_2026-2027_definitief.pdf";
    expect(escapeInline(`Zie ${url} of mail info@ser.nl.`)).toBe(`Zie ${url} of mail info@ser.nl.`);
    expect(escapeInline("_nadruk_ en @bron en a_ en _b")).toBe("\\_nadruk\\_ en \\@bron en a\\_ en \\_b");
    const back = fromMarkdown(toMarkdown({ ...doc, children: [{ type: "paragraph", children: [{ type: "text", value: `Zie ${url}, _x_.` }], position: pos }] }), "x.md");
    expect(back.children[0]).toMatchObject({ type: "paragraph", children: [{ type: "text", value: `Zie ${url}, _x_.` }] });
  });
  it("puts a note right after the block that first references it", () => {
    expect(md).toMatch(/\{lang=nl \.untranslated\}\n\n\[\^1\]: Een noot\.\n\n1\\\. Geen lijst/);
  });
  it("writes lists, boxes and pull quotes", () => {
    expect(md).toContain("3. drie\n\n4. vier");
    expect(md).toContain("::: {.box .info}\n\n### Informatieblok 1. Titel\n\nInhoud.\n\n:::");
    expect(md).toContain("::: pullquote\n\n‘Citaat’\n\n:::");
  });
  it("reads back to the same document text", () => {
    const back = fromMarkdown(md, "x.md");
    expect(toMarkdown(back)).toBe(md);
    expect(back.meta.minutes?.present).toEqual(["Van der Meulen", "Putters (voorzitter)"]);
    expect(back.children[0]).toMatchObject({ type: "heading", depth: 2, number: "5.1", id: "s-5-1" });
  });
});
