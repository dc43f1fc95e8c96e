// Stage timings and memory for every source: `npm run bench`.
// Prints one line per source and stage plus a summary, then a cold build of
// the same sources against the raw engines on the same documents, measured in
// this run (bench/engines.ts). Targets are checked here, never in tests.
// Exit 1 when a target is missed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { readSourceInputs, listSlugs } from "../pipeline/config/sources.ts";
import type { RenderableDocument } from "../pipeline/document/types.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import { normalise } from "../pipeline/normalise/index.ts";
import { renderEpub } from "../pipeline/render-epub/index.ts";
import { renderPdf } from "../pipeline/render-pdf/index.ts";
import { renderPool } from "../pipeline/render-pdf/pool.ts";
import { loadTranslateContext, translateDocument } from "../pipeline/translate/index.ts";
import { build } from "../pipeline/build.ts";
import { timeRawEngines } from "./engines.ts";

/** Targets per document and language (2 cores, 24 GiB). The first normalise also loads the Dutch word list. */
const TARGETS_MS = { normalise: 2_000, translate: 3_000, markdown: 200, pdf: 20_000, epub: 5_000 } as const;
const TARGET_PEAK_RSS_MB = 1_500;
/** A cold build's wall time against the raw engines' (one thread, same documents). */
const TARGET_COLD_RATIO = 1.25;

type Stage = keyof typeof TARGETS_MS;
const root = process.cwd();
const out = mkdtempSync(join(tmpdir(), "tweeluik-bench-"));
const rows: { slug: string; stage: Stage; ms: number }[] = [];
let peakRss = process.memoryUsage().rss;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function time<T>(slug: string, stage: Stage, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  rows.push({ slug, stage, ms: performance.now() - t0 });
  return r;
}

const slugs = process.argv.slice(2).length ? process.argv.slice(2) : listSlugs(root);
const total0 = performance.now();
const docs: RenderableDocument[] = [];
for (const slug of slugs) {
  const { raw, config, corpus } = readSourceInputs(root, slug);
  const nl = await time(slug, "normalise", () => normalise(raw, config, { corpus }));
  const ctx = loadTranslateContext(root, slug);
  const en = await time(slug, "translate", () => translateDocument(nl, ctx));
  for (const doc of [nl, en] as RenderableDocument[]) {
    docs.push(doc);
    await time(slug, "markdown", () => toMarkdown(doc));
    await time(slug, "pdf", () => renderPdf(doc, { outFile: join(out, `${doc.lang}-${slug}.pdf`) }));
    await time(slug, "epub", () => renderEpub(doc, { outFile: join(out, `${doc.lang}-${slug}.epub`) }));
  }
}
const benchS = (performance.now() - total0) / 1000;
clearInterval(sample);

// The raw engines, then a cold build (empty cache, every core, renderer processes of its own) of
// the same sources; the stages' renderer processes are ended first, so nothing else runs beside.
renderPool().close();
const raw = await timeRawEngines(docs);
const cold0 = performance.now();
const cold = await build({ root, slugs, output: join(out, "output"), cacheDir: join(out, "cache"), force: true });
const coldS = (performance.now() - cold0) / 1000;
rmSync(out, { recursive: true, force: true });

let missed = 0;
console.log("slug\tstage\tms\ttarget_ms");
for (const r of rows) {
  const over = r.ms > TARGETS_MS[r.stage];
  if (over) missed++;
  console.log(`${r.slug}\t${r.stage}\t${r.ms.toFixed(0)}\t${TARGETS_MS[r.stage]}${over ? "\tMISSED" : ""}`);
}
const totals = Object.keys(TARGETS_MS).map((s) => `${s} ${(rows.filter((r) => r.stage === s).reduce((a, r) => a + r.ms, 0) / 1000).toFixed(1)} s`);
const peakMb = peakRss / 2 ** 20;
console.log(`\ntotal ${benchS.toFixed(1)} s for ${slugs.length} sources, both languages, one thread (${totals.join(", ")})`);
console.log(`peak RSS ${peakMb.toFixed(0)} MB (target ${TARGET_PEAK_RSS_MB} MB)${peakMb > TARGET_PEAK_RSS_MB ? " MISSED" : ""}`);
if (peakMb > TARGET_PEAK_RSS_MB) missed++;
const rawS = raw.pdf + raw.epub;
const ratio = coldS / rawS;
console.log(
  `cold build ${coldS.toFixed(1)} s (${cold.documents.length} sources, ${cold.documents.flatMap((d) => d.artefacts).filter((a) => a.format === "pdf" || a.format === "epub").length} PDF and EPUB files, every core, empty cache)` +
    ` vs the raw engines ${rawS.toFixed(1)} s (react-pdf ${raw.pdf.toFixed(1)} s + pandoc ${raw.epub.toFixed(1)} s, same documents, one thread):` +
    ` ratio ${ratio.toFixed(2)} (target ${TARGET_COLD_RATIO})${ratio > TARGET_COLD_RATIO ? " MISSED" : ""}`,
);
if (!cold.promoted) {
  console.log(`cold build failed: ${cold.documents.map((d) => d.error?.format()).filter(Boolean).join("; ")}`);
  missed++;
}
if (ratio > TARGET_COLD_RATIO) missed++;
console.log(missed ? `${missed} targets missed` : "all targets met");
process.exitCode = missed ? 1 : 0;
