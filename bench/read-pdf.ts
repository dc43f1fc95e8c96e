// Reading a PDF source: `npm run bench:read-pdf [-- --pages N --runs R --file PDF]`.
//
// Builds a PDF of N pages (default 20) from the corpus's PDFs of other engines (pdf-lib copies
// their pages: LaTeX one- and two-column, LibreOffice, Chromium), then times, R times each:
//   read     readPdf (pdf.js: text runs with position, size, font)
//   layout   layout() + normaliseLayout() (lines, reading order, blocks, the document)
//   baseline `pdftotext` on the same file, the extraction the text path starts from
// (--file PDF times that PDF instead) and prints the medians, the ratio of read+layout to the baseline, and the target
// (reading a 20-page PDF takes less than a second). Exit 0; 1 when a tool is missing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDocument } from "pdf-lib";
import { normaliseLayout } from "../pipeline/normalise/from-layout.ts";
import { layout } from "../pipeline/read/layout.ts";
import { readPdf } from "../pipeline/read/pdf.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = join(root, "bench", "corpus", "pdf");

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) {
    console.error(`bench:read-pdf: --${name} needs a whole number from 1`);
    process.exit(2);
  }
  return v;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function makePdf(pages: number): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  const sources = readdirSync(CORPUS)
    .sort()
    .flatMap((layoutDir) =>
      readdirSync(join(CORPUS, layoutDir))
        .filter((f) => f.endsWith(".pdf") && !f.startsWith("seed-"))
        .sort()
        .map((f) => join(CORPUS, layoutDir, f)),
    );
  for (let k = 0; out.getPageCount() < pages; k++) {
    const src = await PDFDocument.load(readFileSync(sources[k % sources.length]!));
    const want = Math.min(src.getPageCount(), pages - out.getPageCount());
    for (const p of await out.copyPages(src, [...Array(want).keys()])) out.addPage(p);
  }
  return out.save();
}

async function main(): Promise<void> {
  const pages = arg("pages", 20);
  const runs = arg("runs", 5);
  if (spawnSync("pdftotext", ["-v"]).error) {
    console.error("bench:read-pdf: missing tool: pdftotext (apt-get install poppler-utils)");
    process.exit(1);
  }
  const work = mkdtempSync(join(tmpdir(), "tweeluik-bench-read-pdf-"));
  try {
    const given = process.argv.indexOf("--file");
    const file = given >= 0 ? resolve(process.argv[given + 1] ?? "") : join(work, "bench.pdf");
    if (given < 0) writeFileSync(file, await makePdf(pages));
    await readPdf(file); // loads pdf.js once, as a build does for its first PDF
    const read: number[] = [];
    const lay: number[] = [];
    const base: number[] = [];
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      const info = await readPdf(file);
      read.push(performance.now() - t);
      t = performance.now();
      normaliseLayout(layout(info.pages), { file, slug: "bench" }, undefined, { kind: "report" });
      lay.push(performance.now() - t);
      t = performance.now();
      spawnSync("pdftotext", ["-enc", "UTF-8", file, join(work, "bench.txt")]);
      base.push(performance.now() - t);
    }
    const total = median(read.map((v, k) => v + lay[k]!));
    const ms = (v: number): string => `${Math.round(v)} ms`;
    const n = (await readPdf(file)).pages.length;
    console.log(`${given >= 0 ? file : "PDF from the corpus"}: ${n} pages, ${runs} runs, medians:`);
    console.log(`  read (pdf.js)                ${ms(median(read))}`);
    console.log(`  layout + normalise           ${ms(median(lay))}`);
    console.log(`  read + layout + normalise    ${ms(total)}   target < 1000 ms for 20 pages: ${total * (20 / n) < 1000 ? "met" : "MISSED"} (${ms(total * (20 / n))} per 20 pages)`);
    console.log(`  baseline: pdftotext          ${ms(median(base))}`);
    console.log(`  ratio to the baseline        ${(total / median(base)).toFixed(1)}×`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
