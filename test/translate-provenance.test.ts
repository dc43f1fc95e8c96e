// Who translated and reviewed each memory entry, and when; analysis and pre-filling from the whole memory.
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyse, indexMemory } from "../pipeline/translate/analyse.ts";
import { createMemory, readGlossaryFile, segmentKey, serialiseMemory, translateWithReport, type MemoryEntries } from "../pipeline/translate/index.ts";
import { changedSinceReview, parseMemory } from "../pipeline/translate/memory.ts";
import { legacyProvenance, stampEntry, summariseProvenance } from "../pipeline/translate/provenance.ts";
import { exportTmx, parseTmx } from "../pipeline/translate/tmx.ts";
import { FIXTURE_EN, fixtureDocument } from "./fixtures/translate/fixture-doc.ts";
import { cli, fixtureRoot, GLOSSARY } from "./fixtures/translate/helpers.ts";

const FILL = new URL("./fixtures/translate/fill-xliff.mjs", import.meta.url).pathname;
const glossary = readGlossaryFile(GLOSSARY);
const memoryOf = (root: string, ns = "fixture") => JSON.parse(readFileSync(join(root, "locales", "en", `${ns}.json`), "utf8")) as MemoryEntries;
function fill(input: string, output: string, dict: Record<string, string>, state = "translated") {
  writeFileSync(`${output}.dict.json`, JSON.stringify(dict));
  execFileSync(process.execPath, [FILL, input, `${output}.dict.json`, output, state]);
}
const K = segmentKey("Werkende armen");

describe("provenance of memory entries", () => {
  it("is validated: dates are YYYY-MM-DD, origin one of human, xliff, tmx, legacy", () => {
    const entry = { source: "Werkende armen", target: "The working poor", status: "reviewed", origin: "legacy", translator: "unknown", translated: "2026-11-23", reviser: "unknown", reviewed: "2026-11-23" };
    expect(parseMemory(JSON.stringify({ [K]: entry }), "x.json")[K]).toEqual(entry);
    expect(() => parseMemory(JSON.stringify({ [K]: { ...entry, reviewed: "23-11-2026" } }), "x.json")).toThrow(/reviewed: expected a date YYYY-MM-DD/);
    expect(() => parseMemory(JSON.stringify({ [K]: { ...entry, origin: "magic" } }), "x.json")).toThrow(/origin/);
  });
  it("legacy entries get an honest record: nobody named, the commit's date", () => {
    expect(legacyProvenance({ source: "a", target: "b", status: "reviewed" }, "2026-11-23")).toEqual({
      source: "a", target: "b", status: "reviewed", origin: "legacy", translator: "unknown", translated: "2026-11-23", reviser: "unknown", reviewed: "2026-11-23",
    });
    expect(legacyProvenance({ source: "a", target: "b", status: "translated" }, "2026-11-23")).toEqual({ source: "a", target: "b", status: "translated", origin: "legacy", translator: "unknown", translated: "2026-11-23" });
  });
  it("an import stamps translator or reviser and the date; a new target after review is a change since review", () => {
    const stamp = { translator: "T. Vertaler", reviser: "R. Revisor", date: "2026-12-01", origin: "xliff" as const };
    const translated = stampEntry(undefined, { source: "a", target: "b", status: "translated" }, stamp);
    expect(translated).toEqual({ source: "a", target: "b", status: "translated", origin: "xliff", translator: "T. Vertaler", translated: "2026-12-01" });
    const reviewed = stampEntry(translated, { source: "a", target: "b", status: "reviewed" }, { ...stamp, date: "2026-12-02" });
    expect(reviewed).toMatchObject({ translator: "T. Vertaler", translated: "2026-12-01", reviser: "R. Revisor", reviewed: "2026-12-02" });
    expect(changedSinceReview(reviewed)).toBe(false);
    const edited = stampEntry({ ...reviewed, accepted: [{ code: "qa:brackets", text: "‘", by: "R", date: "2026-12-02", why: "w" }] }, { source: "a", target: "c", status: "translated" }, { ...stamp, translator: "A. Ander", date: "2026-12-05" });
    expect(edited).toMatchObject({ translator: "A. Ander", translated: "2026-12-05", reviser: "R. Revisor", reviewed: "2026-12-02" });
    expect(edited.accepted).toBeUndefined();
    expect(changedSinceReview(edited)).toBe(true);
    expect(summariseProvenance({ "x:1": reviewed, "x:2": edited })).toMatchObject({ changedSinceReview: ["x:2"], revisers: [{ name: "R. Revisor", entries: 2 }], missing: [] });
  });
  it("TMX export writes creationid/creationdate (translator) and changeid/changedate (reviser), and reads them back", () => {
    const own: MemoryEntries = { [K]: { source: "Werkende armen", target: "The working poor", status: "reviewed", origin: "xliff", translator: "T. Vertaler", translated: "2026-12-01", reviser: "R. Revisor", reviewed: "2026-12-02" } };
    const tmx = exportTmx({ fixture: own });
    expect(tmx).toContain(`<tu tuid="fixture:${K}" creationid="T. Vertaler" creationdate="20261201T000000Z" changeid="R. Revisor" changedate="20261202T000000Z">`);
    expect(parseTmx(tmx)[0]).toMatchObject({ creationid: "T. Vertaler", changeid: "R. Revisor", changedate: "20261202T000000Z", origin: "xliff" });
  });
});

describe("XLIFF import records who", () => {
  it("refuses a file when nobody is named for the work, with the unit's line; takes tw:translator from the file", async () => {
    const root = fixtureRoot();
    const { run } = cli(root);
    const xlf = join(root, "fixture.xlf");
    expect(await run("export-xliff", "fixture", "-o", xlf)).toBe(0);
    fill(xlf, join(root, "filled.xlf"), FIXTURE_EN);
    const anon = cli(root);
    expect(await anon.run("import-xliff", join(root, "filled.xlf"))).toBe(1);
    expect(anon.err.join("")).toMatch(/filled\.xlf:\d+: error unit "[0-9a-f]{12}" is returned as translated: who translated it\? \(--translator NAME, or tw:translator on <file>\)/);
    writeFileSync(join(root, "filled.xlf"), readFileSync(join(root, "filled.xlf"), "utf8").replace('<file id="fixture"', '<file id="fixture" tw:translator="Agency Vertaalt"'));
    const named = cli(root);
    expect(await named.run("import-xliff", join(root, "filled.xlf"), "--date", "2026-12-01")).toBe(0);
    expect(memoryOf(root)[K]).toMatchObject({ origin: "xliff", translator: "Agency Vertaalt", translated: "2026-12-01" });

    // a review pass: export all, return as reviewed by a reviser; status says who reviewed what
    expect(await run("export-xliff", "fixture", "--all", "-o", join(root, "all.xlf"))).toBe(0);
    fill(join(root, "all.xlf"), join(root, "reviewed.xlf"), FIXTURE_EN, "reviewed");
    const rev = cli(root);
    expect(await rev.run("import-xliff", join(root, "reviewed.xlf"), "--reviser", "R. Revisor", "--date", "2026-12-03")).toBe(0);
    expect(memoryOf(root)[K]).toMatchObject({ translator: "Agency Vertaalt", reviser: "R. Revisor", reviewed: "2026-12-03", status: "reviewed" });
    const st = cli(root);
    expect(await st.run("status")).toBe(0);
    expect(st.out.join("")).toMatch(/reviewed by R\. Revisor ×21 \(2026-12-03\)\n\s+changed since review 0, never reviewed 0, without provenance 0/);
  });
});

describe("translate accept", () => {
  it("records a reviewed exception on the entry; the warning then counts as accepted", async () => {
    const root = fixtureRoot();
    const own: MemoryEntries = {};
    for (const [s, t] of Object.entries(FIXTURE_EN)) own[segmentKey(s)] = { source: s, target: t, status: "reviewed" };
    const nl = "Bevorder bestaanszekerheid om een gezond leven te kunnen leiden.";
    own[segmentKey(nl)] = { source: nl, target: "Promote security so that people can lead a healthy life.", status: "reviewed" };
    writeFileSync(join(root, "locales", "en", "fixture.json"), serialiseMemory(own));
    const before = cli(root);
    expect(await before.run("status")).toBe(0);
    expect(before.out.join("")).toMatch(/^fixture\s+22\s+21\s+21\s+0\s+0\s+0\s+0\s+1\s+0\s+0\s/m);
    const seg = translateWithReport(fixtureDocument(), { slug: "fixture", memory: createMemory("fixture", own, {}), glossary }).results.find((r) => r.segment.key === segmentKey(nl))!.segment.id;
    const no = cli(root);
    expect(await no.run("accept", "fixture", seg, "qa:glossary-missing")).toBe(2);
    const acc = cli(root);
    expect(await acc.run("accept", "fixture", seg, "qa:glossary-missing", "--by", "R. Revisor", "--why", "the sentence paraphrases", "--date", "2026-12-01")).toBe(0);
    expect(memoryOf(root)[segmentKey(nl)]!.accepted).toEqual([{ code: "qa:glossary-missing", text: "bestaanszekerheid", by: "R. Revisor", date: "2026-12-01", why: "the sentence paraphrases" }]);
    const after = cli(root);
    expect(await after.run("status")).toBe(0);
    expect(after.out.join("")).toMatch(/^fixture\s+22\s+21\s+21\s+0\s+0\s+0\s+0\s+0\s+0\s+1\s/m);
  });
});

describe("translate migrate-provenance", () => {
  it("dates each entry by the commit that last changed its target, names nobody", async () => {
    const root = fixtureRoot();
    const own: MemoryEntries = {};
    for (const [s, t] of Object.entries(FIXTURE_EN)) own[segmentKey(s)] = { source: s, target: t, status: "reviewed" };
    const file = join(root, "locales", "en", "fixture.json");
    writeFileSync(file, serialiseMemory(own));
    const git = (args: string[], date: string) =>
      execFileSync("git", args, { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: "x", GIT_AUTHOR_EMAIL: "x@x", GIT_COMMITTER_NAME: "x", GIT_COMMITTER_EMAIL: "x@x" } });
    git(["init", "-q"], "2026-11-20T10:00:00Z");
    git(["add", "."], "2026-11-20T10:00:00Z");
    git(["commit", "-q", "-m", "memory"], "2026-11-20T10:00:00Z");
    writeFileSync(file, serialiseMemory({ ...own, [K]: { ...own[K]!, target: "The working poor (revised)" } }));
    git(["commit", "-q", "-am", "review"], "2026-11-23T10:00:00Z");
    const { run, out } = cli(root);
    expect(await run("migrate-provenance")).toBe(0);
    expect(out.join("")).toMatch(/21 entries migrated/);
    const mem = memoryOf(root);
    expect(mem[K]).toEqual({ source: "Werkende armen", target: "The working poor (revised)", status: "reviewed", origin: "legacy", translator: "unknown", translated: "2026-11-23", reviser: "unknown", reviewed: "2026-11-23" });
    expect(mem[segmentKey("Opening")]).toMatchObject({ reviewed: "2026-11-20" });
    const again = cli(root);
    expect(await again.run("migrate-provenance")).toBe(0);
    expect(again.out.join("")).toMatch(/0 entries migrated/);
  });
});

describe("analysis and pre-filling from the whole memory", () => {
  const other: MemoryEntries = {};
  // exact in another document's memory; one word changed (fuzzy); everything else new
  other[segmentKey("Werkende armen")] = { source: "Werkende armen", target: "The working poor", status: "reviewed" };
  const nl = "Bevorder bestaanszekerheid om een gezond leven te kunnen leiden.";
  const near = "Bevorder bestaanszekerheid om een gezond leven te kunnen hebben.";
  other[segmentKey(near)] = { source: near, target: "Promote livelihood security so that people can have a healthy life.", status: "reviewed" };
  it("counts words by band: exact from any document, fuzzy by similarity, new, repetitions", () => {
    const { results } = translateWithReport(fixtureDocument(), { slug: "fixture", memory: createMemory("fixture", {}, {}), glossary });
    const a = analyse("fixture", results, indexMemory({ andere: other, fixture: {}, shared: {} }));
    expect(a.bands.exact).toEqual({ segments: 1, words: 2 });
    expect(a.bands["fuzzy 85–94%"]).toEqual({ segments: 1, words: 9 });
    expect(a.bands["fuzzy 95–99%"].segments + a.bands["fuzzy 75–84%"].segments).toBe(0);
    expect(a.total.words).toBe(Object.values(a.bands).reduce((n, b) => n + b.words, 0));
    expect(a.bands.new.segments).toBe(a.total.segments - 2 - a.bands.repetition.segments);
    // with an empty memory every word is new
    const empty = analyse("fixture", results, indexMemory({}));
    expect(empty.bands.new.words + empty.bands.repetition.words).toBe(a.total.words);
  });
  it("export-xliff pre-fills exact and fuzzy matches of other documents as drafts marked for review", async () => {
    const root = fixtureRoot();
    writeFileSync(join(root, "locales", "en", "andere.json"), serialiseMemory(other));
    const { run, out } = cli(root);
    expect(await run("export-xliff", "fixture")).toBe(0);
    const xml = out.join("");
    const unit = (key: string) => {
      const u = xml.slice(xml.indexOf(`<unit id="${key}"`));
      return u.slice(0, u.indexOf("</unit>"));
    };
    expect(unit(K)).toMatch(/<note category="prefill" priority="1">pre-filled from andere:[0-9a-f]{12} \(exact match\): review before setting the state to translated<\/note>/);
    expect(unit(K)).toMatch(/<segment state="initial">[\s\S]*<target>The working poor<\/target>/);
    expect(unit(segmentKey(nl))).toMatch(/pre-filled from andere:[0-9a-f]{12} \(9\d% match\)/);
    expect(unit(segmentKey("Opening"))).not.toContain("<target>");
    const an = cli(root);
    expect(await an.run("analyse", "fixture")).toBe(0);
    expect(an.out.join("")).toMatch(/exact\s+2 words\s+1 segments/);
  });
});

describe("a copy-edit pass through XLIFF", () => {
  it("export-xliff --warnings exports the reviewed segments with a house-style warning, the warning as a note", async () => {
    const root = fixtureRoot();
    copyFileSync(new URL("../locales/en/style.yaml", import.meta.url).pathname, join(root, "locales", "en", "style.yaml"));
    const own: MemoryEntries = {};
    for (const [s, t] of Object.entries(FIXTURE_EN)) own[segmentKey(s)] = { source: s, target: t, status: "reviewed" };
    writeFileSync(join(root, "locales", "en", "fixture.json"), serialiseMemory(own));
    const plain = cli(root);
    expect(await plain.run("export-xliff", "fixture")).toBe(0);
    expect(plain.out.join("")).not.toContain("<unit ");
    const copyedit = cli(root);
    expect(await copyedit.run("export-xliff", "fixture", "--warnings")).toBe(0);
    const xml = copyedit.out.join("");
    expect(xml).toMatch(/<note category="qa">style:quotes: 1 straight quote or apostrophe/);
    expect(xml).toContain("<target>With this advisory letter the SER gives a first response to the government's request");
  });
});
