/**
 * Scoring normalised Markdown against a gold file with the shared scorer
 * (../shared/tools/score-normalise.py), for the tests that measure a reader.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Kind } from "../pipeline/document/types.ts";

const SCORER = resolve("..", "shared", "tools", "score-normalise.py");

export interface Score {
  token_accuracy: number;
  blocks_exact: number;
  /** found/gold per block kind */
  heading: string;
  item: string;
  note: string;
  para: string;
}

export const BLOCK_KINDS = ["heading", "item", "note", "para"] as const;

/**
 * Score `markdown` (written to `dir/name`) against `gold`, in a child process
 * (the scores of a document run side by side).
 */
export function score(dir: string, gold: string, markdown: string, name: string): Promise<Score> {
  const file = join(dir, name);
  writeFileSync(file, markdown);
  return new Promise((done, fail) =>
    execFile("python3", [SCORER, gold, file], { encoding: "utf8", maxBuffer: 1 << 24 }, (err, stdout) => (err ? fail(err) : done(JSON.parse(stdout) as Score))),
  );
}

/** Blocks found and in the gold, summed over the block kinds of a score. */
export function blockCounts(s: Score): { found: number; gold: number } {
  let found = 0;
  let gold = 0;
  for (const k of BLOCK_KINDS) {
    const [a, b] = String(s[k]).split("/").map(Number);
    found += a!;
    gold += b!;
  }
  return { found, gold };
}

/** The kind a corpus text says in its front matter (bench/corpus/texts/<slug>.md). */
export function corpusKind(text: string): Kind {
  const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(text, "utf8"))?.[1] ?? "";
  return (parseYaml(front) as { kind?: Kind }).kind ?? "report";
}
