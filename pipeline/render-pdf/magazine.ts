/**
 * Two-column magazine pages: react-pdf sets the article bodies on
 * column-sized pages and the A4 frame (running head, article heads, page
 * numbers) separately; impose.ts copies two columns onto each frame page,
 * with their structure tree, links and destinations.
 * See templates/pdf/magazine.tsx for the three passes.
 */
import { createElement, type ReactElement } from "react";
import { renderToBuffer } from "@react-pdf/renderer";
import { PDFDocument } from "pdf-lib";
import type { RenderableDocument } from "../document/types.ts";
import { makeContext } from "../../templates/pdf/context.ts";
import { ColumnsDocument, FrameDocument, frontMatterPages, HeadsDocument, MAGAZINE, magazineUnits, tocHeadingPages, unitAnchor } from "../../templates/pdf/magazine.tsx";
import { imposeColumns, type Placement } from "./impose.ts";
import { inspectPdf } from "./inspect.ts";

const render = (el: ReactElement): Promise<Buffer> => renderToBuffer(el as Parameters<typeof renderToBuffer>[0]);

/** Renders a magazine with two-column article pages. */
export async function renderMagazine(doc: RenderableDocument, date: Date): Promise<Buffer> {
  const units = magazineUnits(doc.children);
  const ctx = makeContext(doc, "end", MAGAZINE.colW);

  // 1. Heights of the article heads.
  const heads = await PDFDocument.load(await render(createElement(HeadsDocument, { ctx, units, date })), { updateMetadata: false });
  const headHeights = heads.getPages().map((p, i) => (units[i]?.article ? p.getHeight() : 0));

  // 2. The columns; each unit starts on a new column page carrying its anchor.
  const columnsPdf = await render(createElement(ColumnsDocument, { ctx, units, headHeights, date }));
  const columns = await inspectPdf(columnsPdf);
  const starts = units.map((_, i) => columns.destinations.get(unitAnchor(i)));
  if (starts.some((s) => s === undefined)) throw new Error("a magazine article has no column pages");
  const columnRanges = units.map((_, i) => [starts[i]!, (starts[i + 1] ?? columns.pages + 1) - 1] as const);
  const unitPages = columnRanges.map(([a, b]) => Math.ceil((b - a + 1) / 2));

  // 3. The frame, its contents pointing at each article's first A4 page; a
  //    second round when the contents take more than the one page assumed.
  const bodyPages = unitPages.reduce((a, b) => a + b, 0);
  let front = frontMatterPages(1);
  let frame: PDFDocument | undefined;
  for (let round = 0; round < 2 && !frame; round++) {
    const headingPages = tocHeadingPages(units, unitPages, front);
    const frameCtx = makeContext(doc, "end", MAGAZINE.textW, { headingPages });
    const candidate = await PDFDocument.load(await render(createElement(FrameDocument, { ctx: frameCtx, units, unitPages, front, date })), { updateMetadata: false });
    if (candidate.getPageCount() === front + bodyPages) frame = candidate;
    else front = candidate.getPageCount() - bodyPages;
  }
  if (!frame) throw new Error("the magazine's contents pages do not settle");

  // Impose: column page k of a unit goes to frame page ⌊k/2⌋, left or right.
  const placements: Placement[] = [];
  const unitOfColumn: number[] = [];
  const unitStarts: number[] = [];
  let framePage = front;
  columnRanges.forEach(([a, b], u) => {
    unitStarts.push(framePage);
    for (let c = a; c <= b; c++) {
      const k = c - a;
      const x = MAGAZINE.left + (k % 2) * (MAGAZINE.colW + MAGAZINE.gap);
      const page = framePage + Math.floor(k / 2);
      const y = frame!.getPage(page).getHeight() - MAGAZINE.colTop - MAGAZINE.colH;
      placements.push({ column: c - 1, page, x, y });
      unitOfColumn[c - 1] = u;
    }
    framePage += unitPages[u]!;
  });
  const columnsDoc = await PDFDocument.load(columnsPdf, { updateMetadata: false });
  imposeColumns(frame, columnsDoc, placements, (c) => unitOfColumn[c] ?? 0, (u) => unitStarts[u] ?? 0);
  return Buffer.from(await frame.save({ useObjectStreams: false }));
}
