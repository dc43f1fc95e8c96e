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
      const file = join(out, `${slug}.md`);
      writeFileSync(file, toMarkdown(doc));
      const res = JSON.parse(execFileSync("python3", [SCORER, join(GOLD, gold), file], { encoding: "utf8" })) as {
        token_accuracy: number;
        blocks_exact: number;
      };
      expect(res.token_accuracy, JSON.stringify(res)).toBeGreaterThanOrEqual(0.995);
      expect(res.blocks_exact, JSON.stringify(res)).toBe(1);
      expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    });
  }
});
