import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Inline, NormalisedDocument, TranslatedDocument } from "../pipeline/document/types.ts";
import { createMemory, readGlossaryFile, segmentKey, translateWithReport, loadTranslateContext, type MemoryEntries } from "../pipeline/translate/index.ts";
import { exportXliff, parseXliff, applyXliffUnits, toXliffInline } from "../pipeline/translate/xliff.ts";
import { parseXml } from "../pipeline/translate/xml.ts";
import { FIXTURE_EN, fixtureDocument } from "./fixtures/translate/fixture-doc.ts";
import { cli, fixtureRoot, GLOSSARY } from "./fixtures/translate/helpers.ts";

const FILL = new URL("./fixtures/translate/fill-xliff.mjs", import.meta.url).pathname;
const glossary = readGlossaryFile(GLOSSARY);
/** Who did the work, as every import records it. */
const WHO = ["--translator", "T. Vertaler", "--reviser", "R. Revisor", "--date", "2026-12-01"];

function fill(input: string, output: string, dict: Record<string, string>, state = "translated") {
  const d = `${output}.dict.json`;
  writeFileSync(d, JSON.stringify(dict));
  const r = spawnSync(process.execPath, [FILL, input, d, output, state], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}
function plain(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.type === "text" ? i.value : i.type === "noteRef" ? `[${i.id}]` : `<${i.type}>${plain(i.children)}</${i.type}>`)).join("");
}
function edition(doc: TranslatedDocument): string {
  return JSON.stringify(doc, (k, v) => (k === "diagnostics" ? undefined : v));
}
function expectedEdition(): TranslatedDocument {
  const own: MemoryEntries = {};
  for (const [s, t] of Object.entries(FIXTURE_EN)) own[segmentKey(s)] = { source: s, target: t, status: "translated" };
  return translateWithReport(fixtureDocument(), { slug: "fixture", memory: createMemory("fixture", own, {}), glossary }).doc;
}
const memoryFiles = (root: string) => ["fixture.json", "shared.json"].map((f) => join(root, "locales", "en", f)).map((f) => (existsSync(f) ? readFileSync(f, "utf8") : null));

describe("XLIFF 2.0 export", () => {
  it("exports each distinct segment that needs work once, with codes, glossary and location notes", () => {
    const { results } = translateWithReport(fixtureDocument(), { slug: "fixture", memory: createMemory("fixture", {}, {}), glossary });
    const xml = exportXliff(results, { slug: "fixture", original: "source/fixture.txt", glossary });
    const root = parseXml(xml);
    expect(root.attrs).toMatchObject({ xmlns: "urn:oasis:names:tc:xliff:document:2.0", version: "2.0", srcLang: "nl", trgLang: "en" });
    expect(xml.match(/<unit /g)).toHaveLength(21);
    expect(xml).toContain(`<unit id="${segmentKey("Bevorder bestaanszekerheid om een gezond leven te kunnen leiden.")}" tw:ns="fixture">`);
    expect(xml).toContain('<note category="glossary">bestaanszekerheid → livelihood security; not: subsistence security');
    expect(xml).toContain('<note category="location">source/fixture.txt:14 (s0006, 3.li0.0)</note>');
    expect(xml).toContain('gezondheidsverschillen.<ph id="1" type="other" disp="[fn1]"/>, <ph id="2" type="other" disp="[fn2]"/></source>');
    expect(xml).toContain('<pc id="1" type="fmt" subType="xlf:i">maatschappelijke oorzaken</pc>');
    expect(xml).toContain('<pc id="1" type="link" dispStart="https://www.ser.nl/zichtop">ser.nl/zichtop</pc>');
  });
  it("offers a fuzzy candidate as a note, not as the target", () => {
    const shared: MemoryEntries = { [segmentKey("Maak nog meer vaart met de Gezonde Generatie.")]: { source: "Maak nog meer vaart met de Gezonde Generatie.", target: "Speed up the Healthy Generation even more.", status: "reviewed" } };
    const { results } = translateWithReport(fixtureDocument(), { slug: "fixture", memory: createMemory("fixture", {}, shared), glossary });
    const xml = exportXliff(results, { slug: "fixture", original: "source/fixture.txt", glossary });
    expect(xml).toMatch(/<note category="fuzzy" priority="2">89% shared:[0-9a-f]{12}: Maak nog meer vaart met de Gezonde Generatie\. ⇒ Speed up the Healthy Generation even more\.<\/note>/);
    const unit = xml.slice(xml.indexOf(`<unit id="${segmentKey("Maak meer vaart met de Gezonde Generatie.")}"`));
    expect(unit.slice(0, unit.indexOf("</unit>"))).not.toContain("<target>");
  });
  it("exports a translated segment with a QA error (forbidden term), with the error as a note and its target", () => {
    const own: MemoryEntries = {};
    for (const [s, t] of Object.entries(FIXTURE_EN)) own[segmentKey(s)] = { source: s, target: t, status: "reviewed" };
    const nl = "Bevorder bestaanszekerheid om een gezond leven te kunnen leiden.";
    own[segmentKey(nl)] = { source: nl, target: "Promote subsistence security so that people can lead a healthy life.", status: "reviewed" };
    const { results } = translateWithReport(fixtureDocument(), { slug: "fixture", memory: createMemory("fixture", own, {}), glossary });
    const xml = exportXliff(results, { slug: "fixture", original: "source/fixture.txt", glossary });
    expect(xml.match(/<unit /g)).toHaveLength(1);
    expect(xml).toContain(`<unit id="${segmentKey(nl)}"`);
    expect(xml).toMatch(/<note category="qa">qa:glossary-forbidden: .*subsistence security/);
    expect(xml).toContain("<target>Promote subsistence security so that people can lead a healthy life.</target>");
  });
  it("escapes markup characters", () => {
    expect(toXliffInline("Mens & Technologie <nieuw>", [])).toBe("Mens &amp; Technologie &lt;nieuw&gt;");
  });
});

describe("XLIFF round trip: export → another tool fills it in → import → English edition", () => {
  it("produces the expected English edition", async () => {
    const root = fixtureRoot();
    const { run, err } = cli(root);
    const xlf = join(root, "fixture.xlf");
    expect(await run("export-xliff", "fixture", "-o", xlf)).toBe(0);
    expect(err.join("")).toMatch(/fixture\.xlf: 21 units of fixture/);
    expect(fill(xlf, join(root, "filled.xlf"), FIXTURE_EN)).toBe("21 units filled\n");
    const imp = cli(root);
    expect(await imp.run("import-xliff", ...WHO, join(root, "filled.xlf"))).toBe(0);
    expect(imp.out.join("")).toMatch(/fixture: 21 added, 0 updated; now 21 of 21 segments translated, 0 QA errors/);
    const { doc, report } = translateWithReport(fixtureDocument(), loadTranslateContext(root, "fixture"));
    expect(report.coverage).toMatchObject({ translated: 21, untranslated: 0, errors: 0 });
    expect(edition(doc)).toBe(edition(expectedEdition()));
    const p = doc.children[2]!;
    expect(p.type === "paragraph" && plain(p.children)).toBe(
      "With this advisory letter the SER gives a first response to the government's request for advice on socio-economic health inequalities.[fn1], [fn2] The Council advises focusing policy above all on removing the <emphasis>societal causes</emphasis> of health risks.",
    );
    // the memory file holds the entries in the documented format
    const mem = JSON.parse(readFileSync(join(root, "locales", "en", "fixture.json"), "utf8"));
    // with who translated it, when, and how it came in
    expect(mem[segmentKey("Werkende armen")]).toEqual({ source: "Werkende armen", target: "The working poor", status: "translated", origin: "xliff", translator: "T. Vertaler", translated: "2026-12-01" });
    // nothing left to export; a second import of the same file changes nothing
    const again = cli(root);
    expect(await again.run("export-xliff", "fixture")).toBe(0);
    expect(again.out.join("")).not.toContain("<unit ");
    expect(await again.run("import-xliff", ...WHO, join(root, "filled.xlf"))).toBe(0);
    expect(again.out.join("")).toMatch(/0 added, 0 updated/);
  });
  it("maps states: initial → draft, reviewed/final → reviewed; --all re-exports with targets", async () => {
    const root = fixtureRoot();
    const { run } = cli(root);
    const xlf = join(root, "fixture.xlf");
    await run("export-xliff", "fixture", "-o", xlf);
    fill(xlf, join(root, "draft.xlf"), FIXTURE_EN, "initial");
    expect(await run("import-xliff", ...WHO, join(root, "draft.xlf"))).toBe(0);
    const ctx = loadTranslateContext(root, "fixture");
    expect(Object.values(ctx.memory.namespaces.fixture!).every((e) => e.status === "draft")).toBe(true);
    const all = cli(root);
    await all.run("export-xliff", "fixture", "--all");
    const units = parseXliff(all.out.join("")).units;
    expect(units).toHaveLength(21);
    expect(units.every((u) => u.status === "draft")).toBe(true);
    fill(xlf, join(root, "final.xlf"), FIXTURE_EN, "final");
    expect(await run("import-xliff", ...WHO, join(root, "final.xlf"))).toBe(0);
    expect(Object.values(loadTranslateContext(root, "fixture").memory.namespaces.fixture!).every((e) => e.status === "reviewed")).toBe(true);
  });
  it("puts a sentence that recurs in another document in the shared namespace", async () => {
    const root = fixtureRoot();
    writeFileSync(join(root, "source", "tweede.txt"), "x\n");
    const other = (): NormalisedDocument => ({ ...fixtureDocument("tweede"), children: fixtureDocument("tweede").children.slice(3, 4), notes: [] });
    const { run } = cli(root, { tweede: other });
    const xlf = join(root, "fixture.xlf");
    await run("export-xliff", "fixture", "-o", xlf);
    expect(readFileSync(xlf, "utf8")).toContain(`<unit id="${segmentKey("Maak meer vaart met de Gezonde Generatie.")}" tw:ns="shared">`);
    fill(xlf, join(root, "filled.xlf"), FIXTURE_EN);
    expect(await run("import-xliff", ...WHO, join(root, "filled.xlf"))).toBe(0);
    const shared = JSON.parse(readFileSync(join(root, "locales", "en", "shared.json"), "utf8"));
    expect(Object.values(shared).map((e) => (e as { target: string }).target).sort()).toEqual(["Promote livelihood security so that people can lead a healthy life.", "Speed up the Healthy Generation programme."]);
    // and the other document is translated by it too
    expect(translateWithReport(other(), loadTranslateContext(root, "tweede")).report.coverage.translated).toBe(2);
  });
});

describe("XLIFF import refuses a broken file and changes nothing", () => {
  async function setup() {
    const root = fixtureRoot();
    const { run } = cli(root);
    const xlf = join(root, "fixture.xlf");
    await run("export-xliff", "fixture", "-o", xlf);
    // a previous, good import so that there is a memory to protect
    const partial = Object.fromEntries(Object.entries(FIXTURE_EN).slice(0, 3));
    fill(xlf, join(root, "partial.xlf"), partial);
    expect(await run("import-xliff", ...WHO, join(root, "partial.xlf"))).toBe(0);
    fill(xlf, join(root, "filled.xlf"), FIXTURE_EN);
    return { root, filled: readFileSync(join(root, "filled.xlf"), "utf8"), before: memoryFiles(root) };
  }
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;

  it.each([
    ["malformed XML", (x: string) => x.replace("</source>", "</sourc>"), (x: string) => lineOf(x, "</sourc>"), /malformed XML/],
    ["a wrong unit id", (x: string) => x.replace(`<unit id="${segmentKey("Werkende armen")}"`, '<unit id="000000000000"'), (x: string) => lineOf(x, "<source>Werkende armen"), /unit id "000000000000" does not match its source/],
    ["a missing footnote placeholder", (x: string) => x.replace('inequalities.<ph id="1" type="other" disp="[fn1]"/>, <ph id="2" type="other" disp="[fn2]"/></target>', 'inequalities.<ph id="1" type="other" disp="[fn1]"/></target>'), (x: string) => lineOf(x, "inequalities.<ph"), /placeholder <ph\|pc id="2"> of the source is missing/],
    ["a duplicated placeholder", (x: string) => x.replace('<pc id="1" type="fmt" subType="xlf:i">societal causes</pc>', '<pc id="1" type="fmt" subType="xlf:i">societal</pc> <pc id="1">causes</pc>'), (x: string) => lineOf(x, ">societal</pc>"), /occurs more than once/],
    ["an unknown placeholder", (x: string) => x.replace("Annex 1.</target>", 'Annex 1.<ph id="7"/></target>'), (x: string) => lineOf(x, "Annex 1.<ph"), /is not in the source/],
    ["an edited source", (x: string) => x.replace("<source>Werkende armen</source>", "<source>Werkende arme mensen</source>"), (x: string) => lineOf(x, "Werkende arme mensen"), /does not match its source/],
    ["a foreign language pair", (x: string) => x.replace('trgLang="en"', 'trgLang="de"'), () => 2, /srcLang="nl" trgLang="en"/],
  ])("%s is reported with its line", async (_name, breakIt, expectedLine, message) => {
    const { root, filled, before } = await setup();
    const broken = breakIt(filled);
    expect(broken).not.toBe(filled);
    writeFileSync(join(root, "broken.xlf"), broken);
    const { run, err } = cli(root);
    expect(await run("import-xliff", ...WHO, join(root, "broken.xlf"))).toBe(1);
    const stderr = err.join("");
    expect(stderr).toMatch(message);
    expect(stderr).toContain(`broken.xlf:${expectedLine(broken)}: error`);
    expect(stderr).toMatch(/refused .*the memory is unchanged/);
    expect(memoryFiles(root)).toEqual(before);
  });
  it("a unit for a sentence no longer in the document is refused (the document changed since export)", async () => {
    const { root, filled, before } = await setup();
    const changed = (): NormalisedDocument => ({ ...fixtureDocument(), children: fixtureDocument().children.slice(0, 3) });
    const { run, err } = cli(root, { fixture: changed });
    writeFileSync(join(root, "old.xlf"), filled);
    expect(await run("import-xliff", ...WHO, join(root, "old.xlf"))).toBe(1);
    expect(err.join("")).toMatch(/is not a segment of the document any more/);
    expect(memoryFiles(root)).toEqual(before);
  });
  it("--strict refuses QA errors; without it they are reported and the file is imported", async () => {
    const { root, filled, before } = await setup();
    writeFileSync(join(root, "qa.xlf"), filled.replace("more than 220,000 people", "more than 22,000 people"));
    const strict = cli(root);
    expect(await strict.run("import-xliff", ...WHO, join(root, "qa.xlf"), "--strict")).toBe(1);
    expect(strict.err.join("")).toMatch(/source\/fixture\.txt:22: error qa:number-mismatch s0013/);
    expect(memoryFiles(root)).toEqual(before);
    const lax = cli(root);
    expect(await lax.run("import-xliff", ...WHO, join(root, "qa.xlf"))).toBe(0);
    expect(lax.out.join("")).toMatch(/1 QA errors/);
  });
  it("applyXliffUnits is pure", () => {
    const ns = { fixture: {}, shared: {} };
    const r = applyXliffUnits([{ key: segmentKey("Opening"), ns: "fixture", source: "Opening", target: "Opening", status: "translated", line: 3 }], ns);
    expect(ns.fixture).toEqual({});
    expect(r.namespaces.fixture![segmentKey("Opening")]).toBeDefined();
  });
});

describe("XLIFF translator's notes", () => {
  it("a <note category=\"translator\"> is recorded on the entry, goes out again with --all, and an empty one removes it", async () => {
    const root = fixtureRoot();
    const { run } = cli(root);
    const xlf = join(root, "fixture.xlf");
    await run("export-xliff", "fixture", "-o", xlf);
    fill(xlf, join(root, "done.xlf"), FIXTURE_EN, "final");
    expect(await run("import-xliff", ...WHO, join(root, "done.xlf"))).toBe(0);

    const all = cli(root);
    await all.run("export-xliff", "fixture", "--all");
    const key = segmentKey("Opening");
    const NOTE = "The Dutch has “Maxine”; the English has “Maxime”: the minister’s name.";
    const withNote = all.out.join("").replace(new RegExp(`(<unit id="${key}"[^>]*>\\s*<notes>)`), `$1\n        <note category="translator">${NOTE}</note>`);
    expect(withNote).not.toBe(all.out.join(""));
    writeFileSync(join(root, "note.xlf"), withNote);
    expect(await run("import-xliff", ...WHO, join(root, "note.xlf"))).toBe(0);
    expect(loadTranslateContext(root, "fixture").memory.namespaces.fixture![key]!.note).toBe(NOTE);

    // the note goes out with the unit, so a round trip keeps it; two notes are refused
    const again = cli(root);
    await again.run("export-xliff", "fixture", "--all");
    const out = again.out.join("");
    expect(out).toContain(`<note category="translator">${NOTE}</note>`);
    const twice = out.replace(`<note category="translator">${NOTE}</note>`, `<note category="translator">${NOTE}</note><note category="translator">x</note>`);
    expect(parseXliff(twice).problems.map((p) => p.message)).toEqual([`unit "${key}" has more than one translator's note (<note category="translator">)`]);
    writeFileSync(join(root, "empty.xlf"), out.replace(`<note category="translator">${NOTE}</note>`, `<note category="translator"></note>`));
    expect(await run("import-xliff", ...WHO, join(root, "empty.xlf"))).toBe(0);
    expect(loadTranslateContext(root, "fixture").memory.namespaces.fixture![key]!.note).toBeUndefined();
  });
});
