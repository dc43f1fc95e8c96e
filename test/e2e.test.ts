// End to end: real normaliser, translator, react-pdf and pandoc on a real source, both languages.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../pipeline/build.ts";
import { sha256 } from "../pipeline/publish/files.ts";
import type { Manifest } from "../pipeline/publish/manifest.ts";
import { checkEpub, checkPdf } from "../pipeline/publish/check.ts";

const SLUG = "raad-2023-01-27-verslag-r3026";
const TITLES = { nl: "Verslag van de raadsvergadering van 27 januari 2023", en: "Minutes of the Council meeting of 27 January 2023" };
const output = mkdtempSync(join(tmpdir(), "tweeluik-e2e-"));
let result: BuildResult;

beforeAll(async () => {
  result = await build({ root: process.cwd(), output, slugs: [SLUG], concurrency: 1 });
}, 600_000);

describe(`build ${SLUG}`, () => {
  it("succeeds and promotes its output", () => {
    expect(result.documents.map((d) => d.error?.format())).toEqual([undefined]);
    expect(result.promoted).toBe(true);
  });

  it("writes md, pdf, epub and a report per language, all in the manifest with true digests", () => {
    const manifest = JSON.parse(readFileSync(join(output, "manifest.json"), "utf8")) as Manifest;
    const paths = manifest.artefacts.map((a) => a.path).sort();
    expect(paths).toEqual(
      ["en", "nl"].flatMap((l) => [`${l}/${SLUG}.epub`, `${l}/${SLUG}.md`, `${l}/${SLUG}.pdf`]).concat([`reports/${SLUG}.en.json`, `reports/${SLUG}.nl.json`]).sort(),
    );
    for (const a of manifest.artefacts) {
      const data = readFileSync(join(output, a.path));
      expect(a.bytes).toBe(data.length);
      expect(a.sha256).toBe(sha256(data));
      if (a.format === "pdf") expect(a.pages).toBeGreaterThan(1);
    }
    expect(existsSync(join(output, `.staging-${process.pid}`))).toBe(false);
  });

  it.each(["nl", "en"] as const)("%s PDF and EPUB pass the real tools' checks (pdffonts, qpdf, pdftotext, epubcheck)", (lang) => {
    const manifest = JSON.parse(readFileSync(join(output, "manifest.json"), "utf8")) as Manifest;
    const results = manifest.artefacts
      .filter((a) => a.lang === lang)
      .flatMap((a) => (a.format === "pdf" ? checkPdf(output, a, TITLES[lang]) : a.format === "epub" ? checkEpub(output, a) : []));
    const expected = ["/Lang", "cover inside", "epubcheck", "fonts embedded", "fonts inside", "headings in order", "no broken glyphs", "outline", "text in reading order", "title in text"];
    if (lang === "en") expected.push("no Dutch sentences", "no Dutch sentences");
    expect(results.map((r) => r.check).sort()).toEqual(expected.sort());
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it("building again gives byte-identical PDFs and EPUBs", async () => {
    const again = mkdtempSync(join(tmpdir(), "tweeluik-e2e-again-"));
    // force: made again by the writers, not copied from the build cache.
    const second = await build({ root: process.cwd(), output: again, slugs: [SLUG], concurrency: 2, formats: ["pdf", "epub"], force: true });
    expect(second.promoted).toBe(true);
    for (const lang of ["nl", "en"]) {
      for (const ext of ["pdf", "epub"]) {
        const f = `${lang}/${SLUG}.${ext}`;
        expect(sha256(readFileSync(join(again, f))), f).toBe(sha256(readFileSync(join(output, f))));
      }
    }
  }, 600_000);

  it("the Markdown has front matter with the metadata and no hard-wrapped blocks", () => {
    const md = readFileSync(join(output, "nl", `${SLUG}.md`), "utf8");
    expect(md.startsWith("---\n")).toBe(true);
    expect(md).toMatch(/number: R3026/);
    expect(md).toContain("De voorzitter opent de vergadering en heet de aanwezigen welkom.");
  });

  it("the English edition marks and counts what is not yet translated", () => {
    const report = JSON.parse(readFileSync(join(output, "reports", `${SLUG}.en.json`), "utf8")) as { summary: { byCode: Record<string, number> } };
    const md = readFileSync(join(output, "en", `${SLUG}.md`), "utf8");
    const untranslatedInMd = (md.match(/\.untranslated\}/g) ?? []).length;
    const counted = Object.entries(report.summary.byCode).filter(([c]) => /untranslated/.test(c)).reduce((n, [, k]) => n + k, 0);
    // Either everything is translated, or what is not is both marked and counted.
    expect(untranslatedInMd > 0).toBe(counted > 0);
  });
});
