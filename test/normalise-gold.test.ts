/**
 * The measure: every hand-corrected gold excerpt in ../shared/gold is scored
 * with the project's scorer against the normalised Markdown of its source
 * (config and corrections applied, as the build does). Targets: token
 * accuracy ≥ 0.995 and every gold block found exactly.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSource } from "../pipeline/read/read-source.ts";
import { normalise } from "../pipeline/normalise/index.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import { loadYamlConfig } from "../pipeline/config/load.ts";
import { sourceConfigSchema, type SourceConfig } from "../pipeline/config/schema.ts";
import { corpus, ROOT } from "./normalise-helpers.ts";

const SHARED = join(ROOT, "..", "shared");
const GOLD = join(SHARED, "gold");
const SCORER = join(SHARED, "tools", "score-normalise.py");
const out = mkdtempSync(join(tmpdir(), "tweeluik-gold-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Score {
  token_accuracy: number;
  blocks_exact: number;
}

/** The scorer's figures for a gold excerpt against normalised Markdown (written to `name` in a temporary folder). */
function score(gold: string, name: string, markdown: string): Score {
  const file = join(out, name);
  writeFileSync(file, markdown);
  return JSON.parse(execFileSync("python3", [SCORER, join(GOLD, gold), file], { encoding: "utf8" })) as Score;
}

describe("normalised text against the gold excerpts", () => {
  it("finds the gold set and the scorer", () => {
    expect(existsSync(SCORER), SCORER).toBe(true);
    expect(readdirSync(GOLD).filter((f) => f.includes("--")).length).toBeGreaterThan(0);
  });
  const texts = corpus();
  const golds = existsSync(GOLD) ? readdirSync(GOLD).filter((f) => /--.+\.md$/.test(f)).sort() : [];
  for (const gold of golds) {
    it(gold, () => {
      const slug = gold.replace(/--.*$/, "");
      const config = loadYamlConfig(join(ROOT, "source", `${slug}.yaml`), sourceConfigSchema) as SourceConfig;
      const doc = normalise(readSource(join(ROOT, "source", `${slug}.txt`)), config, { corpus: texts });
      const res = score(gold, `${slug}.md`, toMarkdown(doc));
      expect(res.token_accuracy, JSON.stringify(res)).toBeGreaterThanOrEqual(0.995);
      expect(res.blocks_exact, JSON.stringify(res)).toBe(1);
      expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    });
  }
});

/**
 * What the magazine's editorial corrections are worth: its gold excerpt scored
 * against the normalised magazine with its corrections and without them. The
 * figures are printed; with them the targets hold, without them the figures
 * recorded when the corrections were anchored by source lines are a floor (the
 * normaliser alone may only get better).
 */
describe("the magazine's editorial corrections", () => {
  const slug = "zicht-op-2023-1";
  const gold = `${slug}--hardnekkig-probleem.md`;
  it.skipIf(!existsSync(join(GOLD, gold)))(`${gold} with corrections (≥ 0.995, all blocks) and without (floor 0.45 tokens, 0.66 blocks)`, () => {
    const config = loadYamlConfig(join(ROOT, "source", `${slug}.yaml`), sourceConfigSchema) as SourceConfig;
    const raw = readSource(join(ROOT, "source", `${slug}.txt`));
    const texts = corpus();
    const withDoc = normalise(raw, config, { corpus: texts });
    const { corrections, ...bare } = config;
    expect(corrections?.length).toBeGreaterThan(0);
    const withoutDoc = normalise(raw, bare, { corpus: texts });
    const withScore = score(gold, `${slug}.with.md`, toMarkdown(withDoc));
    const withoutScore = score(gold, `${slug}.without.md`, toMarkdown(withoutDoc));
    const show = (s: Score): string => `token accuracy ${s.token_accuracy.toFixed(4)}, blocks exact ${s.blocks_exact.toFixed(4)}`;
    console.log(`${gold}: with ${corrections!.length} corrections ${show(withScore)}; without ${show(withoutScore)}`);
    expect(withScore.token_accuracy, JSON.stringify(withScore)).toBeGreaterThanOrEqual(0.995);
    expect(withScore.blocks_exact, JSON.stringify(withScore)).toBe(1);
    expect(withDoc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // recorded without corrections: token accuracy 0.4594, blocks exact 0.6667
    expect(withoutScore.token_accuracy, JSON.stringify(withoutScore)).toBeGreaterThanOrEqual(0.45);
    expect(withoutScore.blocks_exact, JSON.stringify(withoutScore)).toBeGreaterThanOrEqual(0.66);
    expect(withScore.token_accuracy).toBeGreaterThan(withoutScore.token_accuracy);
  });
});
