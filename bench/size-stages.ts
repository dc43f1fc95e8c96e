// The text stages on one source, past the source limit (bench/size.ts runs this in a process of
// its own, for its peak RSS): `tsx bench/size-stages.ts ROOT` with ROOT/source/big.{txt,yaml}.
// Prints one JSON line: seconds per stage and in total.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { readSourceConfig } from "../pipeline/config/sources.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import { normalise } from "../pipeline/normalise/index.ts";
import { decodeSource, splitSource } from "../pipeline/read/read-source.ts";
import { loadTranslateContext, translateDocument } from "../pipeline/translate/index.ts";

const root = process.argv[2]!;
const stages: Record<string, number> = {};
let t = performance.now();
const lap = (name: string): void => {
  const now = performance.now();
  stages[name] = (now - t) / 1000;
  t = now;
};
const file = join(root, "source", "big.txt");
// Read as readSource does, without its size limit.
const raw = { ...splitSource(decodeSource(readFileSync(file), file), file), file: "source/big.txt" };
lap("read");
const nl = normalise(raw, readSourceConfig(root, "big"), { corpus: [] });
lap("normalise");
// The context as the build loads it, with the source's lines given here (its loader reads the
// source through the limit).
const ctx = { ...loadTranslateContext(root, "big-without-source"), sourceLines: raw.lines };
const en = translateDocument(nl, ctx);
lap("translate");
toMarkdown(nl);
toMarkdown(en);
lap("markdown");
console.log(JSON.stringify({ total: Object.values(stages).reduce((a, b) => a + b, 0), stages }));
