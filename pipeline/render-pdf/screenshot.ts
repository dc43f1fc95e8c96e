/**
 * PDFs in pdf.js, the viewer of Firefox and of many web sites: `npm run
 * screenshot:pdf -- [--out DIR] FILE.pdf…` opens each PDF with pdf.js
 * (pdfjs-dist) in headless Chromium, draws page 1 on a canvas at 96 dpi and
 * writes a PNG to DIR (default output/screenshots/) as `<lang>-<slug>.pdf.png`.
 * It prints, per file, the pages pdf.js counts, the structure roles pdf.js
 * reads on page 1 (a tagged PDF's headings and paragraphs, as a screen
 * reader in the browser gets them) and the warnings pdf.js gave. Exit 1 when
 * pdf.js cannot open a file, 2 when Chromium cannot run.
 *
 * Chromium is the system one, driven through puppeteer-core (both as for
 * the EPUB screenshots, render-epub/screenshot.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TweeluikError } from "../errors.ts";
import { launchChromium } from "../render-epub/screenshot.ts";

const require = createRequire(import.meta.url);

export interface ViewerResult {
  file: string;
  pages: number;
  /** Structure roles on page 1, in tree order (depth first). */
  roles: string[];
  png?: string;
  warnings: string[];
}

/** Runs in the page: pdf.js from a blob, its worker likewise (pdf.js runs it in the page); draws page 1 at 96 dpi and reads page 1's structure tree. */
const BROWSER_SCRIPT = `async (libSrc, workerSrc, b64) => {
  const url = (src) => URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
  const pdfjs = await import(url(libSrc));
  pdfjs.GlobalWorkerOptions.workerSrc = url(workerSrc);
  const bin = atob(b64);
  const data = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
  const doc = await pdfjs.getDocument({ data }).promise;
  const first = await doc.getPage(1);
  const viewport = first.getViewport({ scale: 96 / 72 });
  const canvas = document.getElementById("c");
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await first.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
  const roles = [];
  const walk = (n) => {
    if (!n) return;
    if (n.role && n.role !== "Root") roles.push(n.role);
    for (const c of n.children || []) walk(c);
  };
  walk(await first.getStructTree());
  return { pages: doc.numPages, roles, width: canvas.width, height: canvas.height };
}`;

/** Opens each PDF in pdf.js in one headless Chromium; a PNG of page 1 of each when `outDir` is given. */
export async function openInPdfJs(pdfs: readonly string[], opts: { outDir?: string } = {}): Promise<ViewerResult[]> {
  const lib = readFileSync(require.resolve("pdfjs-dist/build/pdf.min.mjs"), "utf8");
  const worker = readFileSync(require.resolve("pdfjs-dist/build/pdf.worker.min.mjs"), "utf8");
  const browser = await launchChromium();
  const results: ViewerResult[] = [];
  try {
    for (const pdf of pdfs) {
      const file = resolve(pdf);
      const page = await browser.newPage();
      const warnings: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "warn" || m.type() === "error") warnings.push(m.text());
      });
      await page.setContent(`<!DOCTYPE html><html><head><style>html,body{margin:0;background:#888}canvas{display:block;background:#fff}</style></head><body><canvas id="c"></canvas></body></html>`);
      // Plain JavaScript, as the page runs it (a compiled function would bring the compiler's helpers along).
      const run = await page.evaluateHandle(BROWSER_SCRIPT);
      const out = (await run.evaluate((f, a: string, b: string, c: string) => (f as unknown as (...x: string[]) => unknown)(a, b, c), lib, worker, readFileSync(file).toString("base64"))) as { pages: number; roles: string[]; width: number; height: number };
      let png: string | undefined;
      if (opts.outDir) {
        mkdirSync(opts.outDir, { recursive: true });
        const lang = basename(dirname(file));
        png = join(opts.outDir, `${/^[a-z]{2}$/.test(lang) ? `${lang}-` : ""}${basename(file)}.png`);
        await page.setViewport({ width: out.width, height: out.height, deviceScaleFactor: 1 });
        writeFileSync(png, await (await page.$("#c"))!.screenshot({ type: "png" }));
      }
      await page.close();
      results.push({ file, pages: out.pages, roles: out.roles, png, warnings });
    }
  } finally {
    await browser.close();
  }
  return results;
}

async function main(argv: string[]): Promise<number> {
  let outDir = "output/screenshots";
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") outDir = argv[++i] ?? outDir;
    else files.push(argv[i]!);
  }
  if (files.length === 0) {
    console.error("usage: npm run screenshot:pdf -- [--out DIR] FILE.pdf…");
    return 2;
  }
  let results: ViewerResult[];
  try {
    results = await openInPdfJs(files, { outDir });
  } catch (err) {
    console.error(`tweeluik: ${err instanceof TweeluikError ? err.format() : (err as Error).message}`);
    return err instanceof TweeluikError && err.code === "tool:missing" ? 2 : 1;
  }
  for (const r of results) {
    const count = (re: RegExp) => r.roles.filter((x) => re.test(x)).length;
    console.log(`ok ${r.file}: ${r.pages} pages → ${r.png ?? "(no PNG)"}`);
    console.log(`    page 1 structure (pdf.js): ${r.roles.length} elements, ${count(/^H\d$/)} headings, ${count(/^P$/)} paragraphs${r.warnings.length ? `; warnings: ${r.warnings.slice(0, 3).join(" | ")}` : ""}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
