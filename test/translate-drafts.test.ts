// An English edition whose translation is not finished is a proof in drafts/, never a publication.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { build } from "../pipeline/build.ts";
import type { TranslatedDocument } from "../pipeline/document/types.ts";
import { markDraft, translationCompleteness } from "../pipeline/translate/completeness.ts";
import { segmentKey, serialiseMemory, type MemoryEntries } from "../pipeline/translate/index.ts";
import type { Coverage } from "../pipeline/translate/translate.ts";

const YAML = `kind: report
title: { nl: "Nieuwe verkenning", en: "New exploratory study" }
date: "2024-05-01"
publisher: Tweeluik
`;
const TEXT = "1 Inleiding\n\nDit is een korte tekst over gezondheid en werk.\n\n2 Aanbevelingen\n\nDe raad doet drie aanbevelingen aan het kabinet.\n";

/** A project with one new Dutch source and no translation of it; locales copied so a test may add one. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), "tweeluik-drafts-"));
  mkdirSync(join(root, "source"));
  symlinkSync(resolve("templates"), join(root, "templates"));
  cpSync(resolve("locales"), join(root, "locales"), { recursive: true });
  writeFileSync(join(root, "source", "nieuw.txt"), TEXT);
  writeFileSync(join(root, "source", "nieuw.yaml"), YAML);
  return root;
}

const manifestPaths = (output: string) => (JSON.parse(readFileSync(join(output, "manifest.json"), "utf8")) as { artefacts: { path: string }[] }).artefacts.map((a) => a.path);
const coverage = (over: Partial<Coverage>): Coverage => ({ segments: 10, copied: 0, translated: 10, reviewed: 10, draft: 0, fuzzy: 0, stale: 0, untranslated: 0, invalid: 0, errors: 0, warnings: 0, accepted: 0, ...over });

describe("completeness: when an English edition may be published", () => {
  it("only when every segment has a reviewed translation", () => {
    expect(translationCompleteness(coverage({}))).toEqual({ complete: true, reasons: [] });
    expect(translationCompleteness(coverage({ reviewed: 7 }))).toEqual({ complete: false, reasons: ["3 not reviewed"] });
    expect(translationCompleteness(coverage({ translated: 6, reviewed: 5, draft: 1, fuzzy: 1, stale: 1, untranslated: 4 }))).toEqual({ complete: false, reasons: ["2 untranslated", "1 fuzzy", "1 stale", "1 draft"] });
  });
  it("marks every chapter and the title of an unfinished edition, and leaves a finished one as it is", () => {
    const pos = { file: "source/x.txt", line: 1 };
    const doc: TranslatedDocument = {
      type: "document",
      stage: "translated",
      lang: "en",
      meta: { slug: "x", kind: "report", title: "Study", titles: { nl: "Studie", en: "Study" }, date: "2024", publisher: "P" },
      children: [
        { type: "paragraph", position: pos, children: [{ type: "text", value: "Intro" }] },
        { type: "heading", depth: 1, id: "a", position: pos, children: [{ type: "text", value: "A" }] },
        { type: "paragraph", position: pos, children: [{ type: "text", value: "Body" }] },
        { type: "heading", depth: 1, id: "b", position: pos, children: [{ type: "text", value: "B" }] },
      ],
      notes: [],
      diagnostics: [],
    };
    expect(markDraft(doc, { complete: true, reasons: [] })).toBe(doc);
    const marked = markDraft(doc, { complete: false, reasons: ["3 untranslated"] });
    expect(marked.meta.title).toBe("Translation in progress: Study");
    expect(marked.children.map((b) => b.type)).toEqual(["box", "paragraph", "heading", "box", "paragraph", "heading", "box"]);
    expect(JSON.stringify(marked.children[0])).toContain("3 untranslated");
  });
});

describe("build: a new source without translations", () => {
  it("publishes only its Dutch editions; the English ones are marked proofs in drafts/", async () => {
    const root = project();
    const output = join(root, "output");
    const r = await build({ root, output, formats: ["md", "pdf", "epub"], concurrency: 1 });
    expect(r.promoted).toBe(true);
    expect(r.withheld).toEqual([{ slug: "nieuw", lang: "en", reasons: [expect.stringMatching(/^\d+ untranslated$/)], files: ["drafts/en/nieuw.md", "drafts/en/nieuw.pdf", "drafts/en/nieuw.epub"] }]);

    const paths = manifestPaths(output);
    expect(paths).toEqual(expect.arrayContaining(["nl/nieuw.md", "nl/nieuw.pdf", "nl/nieuw.epub"]));
    expect(paths.filter((p) => p.startsWith("en/") || p.startsWith("drafts/"))).toEqual([]);
    expect(existsSync(join(output, "en", "nieuw.pdf"))).toBe(false);
    for (const page of ["opds/new.xml", "index.html"]) {
      const text = readFileSync(join(output, page), "utf8");
      expect(text).toContain("nieuw");
      expect(text).not.toMatch(/en\/nieuw\.(pdf|epub)|drafts\//);
    }
    expect(JSON.parse(readFileSync(join(output, "drafts", "drafts.json"), "utf8")).drafts[0].slug).toBe("nieuw");

    // the mark on every page of the PDF proof …
    const pdf = join(output, "drafts", "en", "nieuw.pdf");
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout)![1]);
    expect(pages).toBeGreaterThan(0);
    for (let p = 1; p <= pages; p++) {
      const text = spawnSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], { encoding: "utf8" }).stdout;
      expect(text, `page ${p}`).toMatch(/Translation in progress/);
    }
    // … and in every chapter of the EPUB proof
    const files = unzipSync(readFileSync(join(output, "drafts", "en", "nieuw.epub")));
    const chapters = Object.keys(files).filter((f) => /ch\d+\.xhtml$/.test(f));
    expect(chapters.length).toBeGreaterThan(1);
    for (const c of chapters) expect(strFromU8(files[c]!), c).toMatch(/Translation in progress/);
  }, 240_000);

  it("--publish-drafts publishes it anyway, marked; a finished translation publishes and clears the proof", async () => {
    const root = project();
    const output = join(root, "output");
    const anyway = await build({ root, output, formats: ["md"], publishDrafts: true });
    expect(anyway.withheld).toEqual([]);
    expect(manifestPaths(output)).toContain("en/nieuw.md");
    expect(readFileSync(join(output, "en", "nieuw.md"), "utf8")).toMatch(/Translation in progress/);

    await build({ root, output, formats: ["md"] });
    expect(manifestPaths(output)).not.toContain("en/nieuw.md");
    expect(existsSync(join(output, "en", "nieuw.md"))).toBe(false);
    expect(existsSync(join(output, "drafts", "en", "nieuw.md"))).toBe(true);

    // translate and review every segment the report lists as untranslated
    const report = JSON.parse(readFileSync(join(output, "reports", "nieuw.en.json"), "utf8"));
    const memory: MemoryEntries = {};
    for (const f of report.qa.findings.filter((x: { code: string }) => x.code === "translate:untranslated")) {
      memory[segmentKey(f.source)] = { source: f.source, target: `EN ${f.source}`, status: "reviewed", origin: "human", translator: "T", translated: "2024-05-02", reviser: "R", reviewed: "2024-05-03" };
    }
    writeFileSync(join(root, "locales", "en", "nieuw.json"), serialiseMemory(memory));
    const done = await build({ root, output, formats: ["md"] });
    expect(done.withheld).toEqual([]);
    expect(manifestPaths(output)).toContain("en/nieuw.md");
    expect(readFileSync(join(output, "en", "nieuw.md"), "utf8")).not.toMatch(/Translation in progress/);
    expect(existsSync(join(output, "drafts", "en", "nieuw.md"))).toBe(false);
    expect(existsSync(join(output, "drafts", "drafts.json"))).toBe(false);
  }, 240_000);
});
