/**
 * Ace by DAISY as the oracle for the EPUBs' accessibility: one real EPUB of
 * each kind (both languages among them), built by the real pipeline, has no
 * serious or critical violation; and a file with a known fault is caught, so
 * the check can fail. Needs Chromium (pipeline/setup/setup.mjs installs it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync } from "fflate";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../pipeline/build.ts";
import { failsCheck, runAce, type AceResult } from "../pipeline/render-epub/check-a11y.ts";
import { reproducibleZip } from "../pipeline/render-epub/finish-epub.ts";

const EDITIONS = [
  { kind: "minutes", lang: "nl", slug: "raad-2023-01-27-verslag-r3026" },
  { kind: "advice", lang: "en", slug: "briefadvies-segv-2023" },
  { kind: "magazine", lang: "en", slug: "zicht-op-2023-1" },
  { kind: "report", lang: "nl", slug: "rapport-initiatiefgroep-segv-2019" },
] as const;

const output = mkdtempSync(join(tmpdir(), "tweeluik-a11y-"));
afterAll(() => rmSync(output, { recursive: true, force: true }));

const results = new Map<string, AceResult>();
let faulty: AceResult;

const summary = (r: AceResult) => r.findings.filter((f) => f.impact === "serious" || f.impact === "critical").map((f) => `${f.impact} ${f.rule} in ${f.where}: ${f.message} ${f.html}`);

beforeAll(async () => {
  const built = await build({ root: process.cwd(), output, slugs: EDITIONS.map((e) => e.slug), formats: ["epub"], concurrency: 2 });
  expect(built.documents.map((d) => d.error?.format())).toEqual(EDITIONS.map(() => undefined));

  // The minutes EPUB without the package's language: Ace's epub-lang is serious.
  const good = join(output, "nl", `${EDITIONS[0].slug}.epub`);
  const files = unzipSync(new Uint8Array(readFileSync(good)));
  const opf = strFromU8(files["EPUB/content.opf"]!);
  expect(opf).toMatch(/<package xml:lang="nl"/);
  files["EPUB/content.opf"] = strToU8(opf.replace(/<package xml:lang="nl"/, "<package"));
  const bad = join(output, "faulty.epub");
  writeFileSync(bad, reproducibleZip(files, "2023-01-27"));

  const limit = pLimit(2);
  await Promise.all([
    ...EDITIONS.map((e) => limit(async () => results.set(e.kind, await runAce(join(output, e.lang, `${e.slug}.epub`))))),
    limit(async () => (faulty = await runAce(bad))),
  ]);
}, 300_000);

describe("Ace by DAISY", () => {
  for (const e of EDITIONS) {
    it(`finds no serious or critical violation in the ${e.kind} EPUB (${e.lang}/${e.slug})`, () => {
      const r = results.get(e.kind)!;
      expect(summary(r)).toEqual([]);
      expect(failsCheck(r)).toBe(false);
      // Ace reads the accessibility metadata finishEpub writes.
      expect(JSON.stringify(r.metadata)).toContain("accessibilitySummary");
    });
  }

  it("catches a known fault, so the check can fail", () => {
    expect(failsCheck(faulty)).toBe(true);
    expect(faulty.findings).toContainEqual(expect.objectContaining({ impact: "serious", rule: "epub-lang" }));
  });
});
