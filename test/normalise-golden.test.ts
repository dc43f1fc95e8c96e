/**
 * Golden files per artefact class: a short real excerpt of a source
 * (test/fixtures/normalise/<case>/input.txt, its kind in kind.txt, an optional
 * config.yaml) and the Markdown and diagnostics the normaliser gives for it.
 * Regenerate on purpose with `npx vitest run test/normalise-golden.test.ts -u`
 * and review the diff.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSource } from "../pipeline/read/read-source.ts";
import { normalise } from "../pipeline/normalise/index.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import { loadYamlConfig } from "../pipeline/config/load.ts";
import { sourceConfigSchema, type SourceConfig } from "../pipeline/config/schema.ts";
import type { Kind } from "../pipeline/document/types.ts";
import { corpus, ROOT } from "./normalise-helpers.ts";

const FIXTURES = join(ROOT, "test/fixtures/normalise");
const texts = corpus();

describe("normalise golden files", () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(name, async () => {
      const dir = join(FIXTURES, name);
      const kind = readFileSync(join(dir, "kind.txt"), "utf8").trim() as Kind;
      const cfgFile = join(dir, "config.yaml");
      const config = existsSync(cfgFile) ? (loadYamlConfig(cfgFile, sourceConfigSchema) as SourceConfig) : undefined;
      const doc = normalise(readSource(join(dir, "input.txt")), config, { kind, corpus: texts });
      await expect(toMarkdown(doc)).toMatchFileSnapshot(join(dir, "expected.md"));
      const diags = doc.diagnostics.map((d) => `${d.position?.line ?? "-"}: ${d.severity} ${d.code} ${d.message}`).join("\n") + "\n";
      await expect(diags).toMatchFileSnapshot(join(dir, "expected-diagnostics.txt"));
    });
  }
});
