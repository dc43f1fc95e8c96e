import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, renameSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PDFDocument, rgb } from "pdf-lib";
import { TweeluikError } from "../errors.ts";
import { listFiles } from "./files.ts";

const SHEET = { cols: 4, rows: 2, cell: { w: 297, h: 420 }, gap: 16 };

/**
 * Impose the first pages of a PDF onto one landscape sheet (a contact sheet),
 * so a person can see a whole edition's opening at a glance.
 */
export async function contactSheetPdf(pdf: Uint8Array, pages = SHEET.cols * SHEET.rows): Promise<Uint8Array> {
  const src = await PDFDocument.load(pdf);
  const out = await PDFDocument.create();
  const n = Math.min(pages, src.getPageCount());
  const width = SHEET.cols * SHEET.cell.w + (SHEET.cols + 1) * SHEET.gap;
  const height = SHEET.rows * SHEET.cell.h + (SHEET.rows + 1) * SHEET.gap;
  const sheet = out.addPage([width, height]);
  sheet.drawRectangle({ x: 0, y: 0, width, height, color: rgb(0.85, 0.86, 0.86) });
  const embedded = await out.embedPdf(src, [...Array(n).keys()]);
  embedded.forEach((page, i) => {
    const col = i % SHEET.cols;
    const row = Math.floor(i / SHEET.cols);
    const scale = Math.min(SHEET.cell.w / page.width, SHEET.cell.h / page.height);
    const x = SHEET.gap + col * (SHEET.cell.w + SHEET.gap);
    const y = height - (row + 1) * (SHEET.cell.h + SHEET.gap);
    sheet.drawRectangle({ x, y, width: page.width * scale, height: page.height * scale, color: rgb(1, 1, 1) });
    sheet.drawPage(page, { x, y, xScale: scale, yScale: scale });
  });
  return out.save({ useObjectStreams: false });
}

/** `tweeluik proof`: PNG contact sheets of every built PDF in output/proofs/<lang>-<slug>.png. */
export async function proofCommand(argv: string[], root: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { help: { type: "boolean", short: "h" }, output: { type: "string" }, resolution: { type: "string" } } });
  if (values.help) {
    process.stdout.write("tweeluik proof [--output DIR] [--resolution DPI]\n\nWrites a PNG contact sheet of the first eight pages of every PDF in output/<lang>/ to output/proofs/.\nRun `npm run build` first.\n");
    return 0;
  }
  const output = values.output ?? join(root, "output");
  const dpi = values.resolution ?? "60";
  const pdfs = listFiles(output).filter((f) => /^(nl|en)\/[^/]+\.pdf$/.test(f));
  if (pdfs.length === 0) throw new TweeluikError("input:missing", "no PDFs to proof: run `npm run build` first", { file: output });
  if (spawnSync("pdftoppm", ["-v"]).error) throw new TweeluikError("tool:missing", "pdftoppm is missing: apt-get install poppler-utils");
  const proofs = join(output, "proofs");
  mkdirSync(proofs, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), "tweeluik-proof-"));
  try {
    for (const rel of pdfs) {
      const [lang, file] = rel.split("/") as [string, string];
      const name = `${lang}-${file.replace(/\.pdf$/, "")}`;
      const sheetPdf = join(tmp, `${name}.pdf`);
      writeFileSync(sheetPdf, await contactSheetPdf(readFileSync(join(output, rel))));
      const r = spawnSync("pdftoppm", ["-png", "-r", dpi, "-singlefile", sheetPdf, join(tmp, name)], { encoding: "utf8" });
      if (r.status !== 0 || !existsSync(join(tmp, `${name}.png`))) throw new TweeluikError("tool:failed", `pdftoppm failed: ${r.stderr}`, { file: rel });
      renameSync(join(tmp, `${name}.png`), join(proofs, `${name}.png`));
      process.stderr.write(`proofs/${name}.png\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return 0;
}
