import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Block, Inline, NormalisedDocument, TranslatedDocument } from "../pipeline/document/types.ts";
import {
  createMemory,
  extractSegments,
  loadTranslateContext,
  lookup,
  parseMemory,
  readGlossaryFile,
  segmentKey,
  serialiseMemory,
  translateDocument,
  translateWithReport,
  type MemoryEntries,
  type TranslateContext,
} from "../pipeline/translate/index.ts";
import { FIXTURE_EN, fixtureDocument } from "./fixtures/translate/fixture-doc.ts";
import { cli, fixtureRoot, GLOSSARY, thrown } from "./fixtures/translate/helpers.ts";

const glossary = readGlossaryFile(GLOSSARY);

function entries(map: Record<string, string>, status: "draft" | "translated" | "reviewed" = "translated"): MemoryEntries {
  const out: MemoryEntries = {};
  for (const [source, target] of Object.entries(map)) out[segmentKey(source)] = { source, target, status };
  return out;
}
function ctxWith(own: MemoryEntries, shared: MemoryEntries = {}, slug = "fixture"): TranslateContext {
  return { slug, memory: createMemory(slug, own, shared), glossary };
}
function plain(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.type === "text" ? i.value : i.type === "noteRef" ? `[${i.id}]` : plain(i.children))).join("");
}
function shape(blocks: readonly Block[]): unknown {
  return blocks.map((b) => ({ type: b.type, position: b.position, id: "id" in b ? b.id : undefined, children: "children" in b && b.type !== "heading" && b.type !== "paragraph" && b.type !== "quote" && b.type !== "caption" ? shape(b.children as Block[]) : undefined }));
}

describe("memory files (locales/en/<slug>.json)", () => {
  const source = "Maak meer vaart met de Gezonde Generatie.";
  const key = segmentKey(source);
  const good = serialiseMemory({ [key]: { source, target: "Speed up the Healthy Generation programme.", status: "reviewed", note: "briefadvies" } });
  it("round-trips through serialise/parse", () => {
    expect(parseMemory(good, "m.json")[key]!.status).toBe("reviewed");
    expect(serialiseMemory(parseMemory(good, "m.json"))).toBe(good);
  });
  it("reports JSON syntax errors with the line", () => {
    const broken = good.replace('"status"', '"status" "');
    const e = thrown(() => parseMemory(broken, "locales/en/x.json"));
    expect(e.code).toBe("memory:invalid");
    expect(e.file).toBe("locales/en/x.json");
    expect(e.line).toBe(5);
  });
  it("reports a bad status, a bad key and a key that does not match its source, at the key's line", () => {
    expect(thrown(() => parseMemory(good.replace('"reviewed"', '"final"'), "m.json")).message).toMatch(/status/);
    expect(thrown(() => parseMemory(good.replace(key, "abc"), "m.json")).message).toMatch(/not a segment key/);
    const edited = thrown(() => parseMemory(good.replace("Maak meer", "Maak nog meer"), "m.json"));
    expect(edited.message).toMatch(/does not match its source/);
    expect(edited.line).toBe(2);
  });
  it("reports duplicate keys (JSON.parse would silently keep the last)", () => {
    const dup = `{\n  "${key}": {"source": ${JSON.stringify(source)}, "target": "a", "status": "draft"},\n  "${key}": {"source": ${JSON.stringify(source)}, "target": "b", "status": "draft"}\n}\n`;
    const e = thrown(() => parseMemory(dup, "m.json"));
    expect(e.message).toMatch(/duplicate key/);
    expect(e.line).toBe(3);
  });
});

describe("look-up through i18next", () => {
  const own = entries({ "Maak meer vaart met de Gezonde Generatie.": "Speed up the Healthy Generation programme." });
  const shared = entries({ "Adviesaanvraag": "Request for advice", "Maak meer vaart met de Gezonde Generatie.": "Accelerate the Healthy Generation." });
  const memory = createMemory("fixture", own, shared);
  it("returns the entry object, the document's namespace before the shared one", () => {
    const hit = lookup(memory, segmentKey("Maak meer vaart met de Gezonde Generatie."), "Maak meer vaart met de Gezonde Generatie.", new Set());
    expect(hit).toMatchObject({ kind: "exact", ns: "fixture", entry: { target: "Speed up the Healthy Generation programme." } });
    expect(lookup(memory, segmentKey("Adviesaanvraag"), "Adviesaanvraag", new Set())).toMatchObject({ kind: "exact", ns: "shared" });
    expect(memory.i18n.t(segmentKey("Adviesaanvraag"), { ns: ["fixture", "shared"], returnObjects: true })).toMatchObject({ target: "Request for advice" });
  });
  it("offers a close match as fuzzy (shared) or stale (own namespace, source gone from the document), never as exact", () => {
    const old = "Maak nog meer vaart met de Gezonde Generatie.";
    const m1 = createMemory("fixture", entries({ [old]: "Speed up the Healthy Generation programme even more." }), {});
    const key = segmentKey("Maak meer vaart met de Gezonde Generatie.");
    expect(lookup(m1, key, "Maak meer vaart met de Gezonde Generatie.", new Set([key]))).toMatchObject({ kind: "stale", score: expect.closeTo(0.889, 2) });
    expect(lookup(m1, key, "Maak meer vaart met de Gezonde Generatie.", new Set([key, segmentKey(old)]))).toMatchObject({ kind: "fuzzy" });
    const m2 = createMemory("fixture", {}, entries({ [old]: "x" }));
    expect(lookup(m2, key, "Maak meer vaart met de Gezonde Generatie.", new Set([key]))).toMatchObject({ kind: "fuzzy", ns: "shared" });
    // below 85%: nothing
    expect(lookup(m2, segmentKey("Maak vaart."), "Maak vaart.", new Set())).toEqual({ kind: "none" });
  });
});

describe("translateDocument", () => {
  it("with a full memory: English throughout, same shape, notes translated, title from meta.titles.en", () => {
    const nl = fixtureDocument();
    const { doc, report } = translateWithReport(nl, ctxWith(entries(FIXTURE_EN)));
    expect(doc.stage).toBe("translated");
    expect(doc.lang).toBe("en");
    expect(doc.meta.title).toBe("Minutes of the meeting");
    expect(doc.meta.minutes?.datetime).toBe("27 January 2023, 10:15");
    expect(shape(doc.children)).toEqual(shape(nl.children));
    expect(doc.notes.map((n) => [n.id, n.position])).toEqual(nl.notes.map((n) => [n.id, n.position]));
    expect(plain(doc.notes[0]!.children)).toBe("The request for advice is included in Annex 1.");
    const p = doc.children[2]!;
    expect(p.type === "paragraph" && plain(p.children)).toBe(
      "With this advisory letter the SER gives a first response to the government's request for advice on socio-economic health inequalities.[fn1], [fn2] The Council advises focusing policy above all on removing the societal causes of health risks.",
    );
    expect(p.type === "paragraph" && p.children.some((c) => c.type === "emphasis")).toBe(true);
    expect(report.coverage).toMatchObject({ segments: 22, copied: 1, translated: 21, untranslated: 0, errors: 0 });
    expect(report.percentTranslated).toBe(100);
    expect(JSON.stringify(doc)).not.toMatch(/"foreign"/);
  });
  it("with an empty memory: every segment Dutch in a Foreign node, counted and reported with its line", () => {
    const nl = fixtureDocument();
    const { doc, report } = translateWithReport(nl, ctxWith({}));
    expect(shape(doc.children)).toEqual(shape(nl.children));
    const h = doc.children[0]!;
    expect(h.type === "heading" && h.children).toEqual([{ type: "foreign", lang: "nl", reason: "untranslated", children: [{ type: "text", value: "Opening" }] }]);
    // the footnote references stay outside-in: inside the Foreign node, as noteRefs
    const p = doc.children[2]!;
    expect(p.type === "paragraph" && p.children[0]).toMatchObject({ type: "foreign", children: [{ type: "text" }, { type: "noteRef", id: "fn1" }, { type: "text", value: ", " }, { type: "noteRef", id: "fn2" }] });
    expect(report.coverage).toMatchObject({ segments: 22, copied: 1, translated: 0, untranslated: 21 });
    const f = report.findings.find((x) => x.segment === "s0003")!;
    expect(f).toMatchObject({ code: "translate:untranslated", severity: "warning", file: "source/fixture.txt", line: 3, text: "Op 12 maart jl. is de heer Ben Pompen overleden op de respectabele leeftijd van 90 jaar." });
    expect(doc.diagnostics.filter((d) => d.code === "translate:untranslated")).toHaveLength(21);
    expect(doc.diagnostics[0]!.position).toEqual(nl.children[0]!.position);
  });
  it("a target with a broken placeholder is not used: Dutch shown, error reported", () => {
    const broken = { ...FIXTURE_EN };
    const k = "Met dit briefadvies geeft de SER een eerste reactie op de vraag van het kabinet om te adviseren over sociaal-economische gezondheidsverschillen.{1}, {2}";
    broken[k] = broken[k]!.replace("{1}, {2}", "{1}");
    const { doc, report } = translateWithReport(fixtureDocument(), ctxWith(entries(broken)));
    expect(report.coverage).toMatchObject({ invalid: 1, untranslated: 1, errors: 1 });
    expect(report.findings.find((f) => f.severity === "error")).toMatchObject({ code: "qa:placeholder-missing", segment: "s0004", line: 6, text: "{2}" });
    const p = doc.children[2]!;
    expect(p.type === "paragraph" && p.children[0]!.type).toBe("foreign");
  });
  it("QA findings name segment, line and offending text; drafts are used but flagged", () => {
    const bad = { ...FIXTURE_EN, "Dat betreft in totaal 1,1 miljoen personen.": "That is 1,1 million people in all." };
    const own = entries(bad);
    own[segmentKey("Werkende armen")]!.status = "draft";
    const { report, doc } = translateWithReport(fixtureDocument(), ctxWith(own));
    expect(report.findings.filter((f) => f.code !== "translate:untranslated").map((f) => [f.code, f.segment, f.line, f.text])).toEqual([
      ["qa:number-mismatch", "s0010", 19, "1"],
      ["translate:draft", "s0012", 22, "The working poor"],
    ]);
    expect(doc.diagnostics.find((d) => d.code === "qa:number-mismatch")).toMatchObject({ severity: "error", position: { line: 19 } });
    expect(report.coverage.draft).toBe(1);
  });
  it("reports an inconsistent translation between the document's and the shared namespace", () => {
    const shared = entries({ "Maak meer vaart met de Gezonde Generatie.": "Accelerate the Healthy Generation." });
    const { report } = translateWithReport(fixtureDocument(), ctxWith(entries(FIXTURE_EN), shared));
    expect(report.findings.map((f) => [f.code, f.segment])).toEqual([["qa:inconsistent", "s0007"]]);
  });
  it("refuses a document that is not normalised Dutch", () => {
    const en = { ...fixtureDocument(), lang: "en" } as unknown as NormalisedDocument;
    expect(() => translateDocument(en, ctxWith({}))).toThrow(/normalised Dutch/);
  });
  it("property: translation never changes the document's shape, whatever part of the memory is filled", () => {
    const all = Object.entries(FIXTURE_EN);
    fc.assert(
      fc.property(fc.subarray(all), fc.subarray(all), (own, shared) => {
        const nl = fixtureDocument();
        const doc: TranslatedDocument = translateDocument(nl, ctxWith(entries(Object.fromEntries(own)), entries(Object.fromEntries(shared))));
        expect(shape(doc.children)).toEqual(shape(nl.children));
        expect(doc.notes.length).toBe(nl.notes.length);
        // every footnote reference survives
        expect(JSON.stringify(doc).match(/"noteRef"/g)?.length).toBe(JSON.stringify(nl).match(/"noteRef"/g)?.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe("loadTranslateContext and `translate status`", () => {
  it("loads an empty memory and the glossary; a broken memory file is named with its line", () => {
    const root = fixtureRoot();
    expect(loadTranslateContext(root, "fixture").glossary.entries.length).toBeGreaterThan(40);
    writeFileSync(join(root, "locales", "en", "fixture.json"), '{\n  "abc": 1\n}\n');
    const e = thrown(() => loadTranslateContext(root, "fixture"));
    expect(e).toMatchObject({ code: "memory:invalid", line: 2 });
    expect(e.file).toMatch(/locales\/en\/fixture\.json$/);
  });
  it("status reports coverage per document, and errors with segment, line and text", async () => {
    const root = fixtureRoot();
    writeFileSync(join(root, "source", "tweede.txt"), "x\n");
    const bad = { ...FIXTURE_EN, "Ruim 220.000 mensen leven volgens het Sociaal en Cultureel Planbureau in armoede.": "According to the SCP, more than 22,000 people live in poverty." };
    writeFileSync(join(root, "locales", "en", "fixture.json"), serialiseMemory(entries(bad)));
    const { run, out } = cli(root);
    expect(await run("status")).toBe(0);
    const text = out.join("");
    expect(text).toMatch(/^document\s+segments\s+translated\s+reviewed\s+fuzzy\s+stale\s+untranslated\s+QA errors\s+warnings\s+style\s+accepted\s+%$/m);
    expect(text).toMatch(/^fixture\s+22\s+21\s+0\s+0\s+0\s+0\s+1\s+0\s+0\s+0\s+100\.0$/m);
    expect(text).toMatch(/^tweede\s+22\s+0\s+0\s+0\s+0\s+21\s+0\s+0\s+0\s+0\s+0\.0$/m);
    expect(text).toMatch(/source\/fixture\.txt:22: error qa:number-mismatch s0013 .*220\.000.*\n\s+text:\s+22,000\n\s+target: According to the SCP, more than 22,000 people/);
    const strict = cli(root);
    expect(await strict.run("status", "--strict")).toBe(1);
  });
  it("status fails (1) naming the file and line of a broken memory, and --help / bad options exit 0 / 2", async () => {
    const root = fixtureRoot();
    writeFileSync(join(root, "locales", "en", "shared.json"), "{\n  \"x\": \n}\n");
    const { run, err } = cli(root);
    expect(await run("status")).toBe(1);
    expect(err.join("")).toMatch(/locales\/en\/shared\.json:3: JSON syntax: .*\[memory:invalid\]/);
    const h = cli(root);
    for (const cmd of ["status", "export-xliff", "import-xliff", "export-tmx"]) expect(await h.run(cmd, "--help")).toBe(0);
    expect(await h.run("--help")).toBe(0);
    expect(await h.run("status", "--frobnicate")).toBe(2);
    expect(await h.run("vertaal")).toBe(2);
    expect(await h.run()).toBe(2);
    expect(await h.run("export-xliff")).toBe(2);
  });
  it("reads the real glossary and slugs of this repository", () => {
    const ctx = loadTranslateContext(new URL("..", import.meta.url).pathname, "briefadvies-segv-2023");
    expect(ctx.metaEn?.keywords).toContain("livelihood security");
    expect(readFileSync(GLOSSARY, "utf8")).toMatch(/bestaanszekerheid/);
  });
});
