/**
 * Lays a document out and renders it to PDF bytes in this process: the
 * template of its kind, and as many passes as the contents and footnotes
 * need. Some layout needs to know where things land: the table of contents
 * shows page numbers, and footnotes go at the foot of the page their
 * reference lands on. Both are read from the previous pass's layout (where
 * its named destinations and link annotations would be in the PDF, see
 * layout-positions.ts) and the document is laid out again until nothing
 * moves; only the pass that is kept is written as PDF.
 *
 * renderPdf runs this in warm renderer processes (pool.ts, child.ts), one
 * document after another; nothing here may depend on what was rendered
 * before in the process (test/pdf-pool.test.ts).
 */
import { createElement } from "react";
import { pdf as reactPdf } from "@react-pdf/renderer";
import type { Diagnostic, RenderableDocument } from "../document/types.ts";
import { makeContext, noteAnchor, noteHome, notePlan, notesEndAnchor, type NotePlan, type PassData } from "../../templates/pdf/context.ts";
import { fixedDate } from "../../templates/pdf/dates.ts";
import { houseFontFile, registerHouseFonts } from "../../templates/pdf/fonts.ts";
import { HouseDocument } from "../../templates/pdf/house.tsx";
import { KIND_TEMPLATES } from "../../templates/pdf/kinds.ts";
import { A4, design, TEXT_BLOCK_HEIGHT } from "../../templates/pdf/tokens.ts";
import { linkNotesBack } from "./backlinks.ts";
import { pdfDiagnostics } from "./diagnostics.ts";
import type { PdfLayout } from "./inspect.ts";
import { positionsOf, type LayoutNode } from "./layout-positions.ts";
import { renderMagazine } from "./magazine.ts";
import { cacheShaping, glyphsKeepTheirCharacters } from "./shaping.ts";

/** Upper bound on layout passes; each pass is a full render. */
const MAX_PASSES = 12;

/** The most space (points) a page holds free for notes set on the next page: a quarter of the text block. */
const MAX_HELD = TEXT_BLOCK_HEIGHT / 4;

/** One layout of the document, with what earlier passes found; written to PDF only if it is the last. */
export interface LaidOut {
  /** Where things landed: what the written PDF would show (layout-positions.ts). */
  positions: PdfLayout;
  /** This layout written as PDF bytes. */
  write(): Promise<Buffer>;
}

export async function layOut(doc: RenderableDocument, pass: PassData): Promise<LaidOut> {
  const tpl = KIND_TEMPLATES[doc.meta.kind];
  const measure = A4.width - design.page.marginInner - design.page.marginOuter;
  const ctx = makeContext(doc, tpl.noteMode, measure, pass);
  // The document's own date, so that two renders give the same bytes.
  const date = fixedDate(doc.meta.date);
  const element = createElement(HouseDocument, { ctx, opts: { titlePage: tpl.titlePage, toc: tpl.toc, date } });
  const instance = reactPdf(element as Parameters<typeof reactPdf>[0]) as unknown as LayingInstance;
  const layout = await instance.toLayout();
  return { positions: positionsOf(layout), write: async () => streamBytes(await instance.toBuffer(layout)) };
}

/** react-pdf's pdf() instance as patched (patches/@react-pdf+renderer*): a layout, and that layout written. */
interface LayingInstance {
  toLayout(): Promise<LayoutNode>;
  toBuffer(layout?: LayoutNode): Promise<NodeJS.ReadableStream>;
}

function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer | Uint8Array) => chunks.push(Buffer.from(c)));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/**
 * Renders `doc` to PDF bytes in this process (see the note above), with what
 * the writer did about the document's doubtful structure (notes nothing
 * refers to, references with no note, unknown nodes).
 */
export async function layoutAndRender(doc: RenderableDocument): Promise<{ pdf: Buffer; diagnostics: Diagnostic[] }> {
  const plan = notePlan(doc);
  const magazine = isMagazine(doc);
  const kept = await layoutPasses(doc, plan);
  const { bytes, unlinked } = await linkNotesBack(kept.pdf);
  const pdf = Buffer.from(bytes);
  // The page each note landed on, named in the diagnostics of notes set at the foot: where the
  // kept layout put them (linking the notes back moves no destination).
  const noteMode = magazine ? "end" : KIND_TEMPLATES[doc.meta.kind].noteMode;
  const pages = noteMode === "foot" ? kept.positions?.destinations : undefined;
  return { pdf, diagnostics: pdfDiagnostics(doc, plan, { noteMode, notePages: pages, unlinked }) };
}

function isMagazine(doc: RenderableDocument): boolean {
  return doc.meta.kind === "magazine" && doc.children.some((b) => b.type === "article");
}

/** The PDF of the layout that is kept, and where things are in it (none for the magazine, imposed from three documents). */
async function layoutPasses(doc: RenderableDocument, plan: NotePlan): Promise<{ pdf: Buffer; positions?: PdfLayout }> {
  registerHouseFonts();
  // A run's glyphs carry its own characters, whatever text reached them first.
  glyphsKeepTheirCharacters(houseFontFile());
  // Every pass shapes the same text again: shape each run once.
  cacheShaping(houseFontFile());
  if (isMagazine(doc)) return { pdf: await renderMagazine(doc, fixedDate(doc.meta.date)) };
  const keep = async (laid: LaidOut) => ({ pdf: await laid.write(), positions: laid.positions });
  const tpl = KIND_TEMPLATES[doc.meta.kind];
  const foot = tpl.noteMode === "foot" && doc.notes.length > 0;
  if (!tpl.toc && !foot) return keep(await layOut(doc, {}));
  // Each pass is laid out only; the one that is kept is written.
  const placer = new FootnotePlacer(plan);
  let pass: PassData = {};
  let current = await layOut(doc, pass);
  // The best pass so far whose contents are true: most notes on the page of their reference.
  let best: { laid: LaidOut; score: number } | undefined;
  for (let i = 1; ; i++) {
    const layout = current.positions;
    const headingPages = headingPagesOf(layout);
    const score = foot ? placer.onTheirPage(layout) : 0;
    const complete = !foot || placer.allSet(layout);
    if (complete && (!tpl.toc || sameMap(pass.headingPages, headingPages)) && (!best || score > best.score)) best = { laid: current, score };
    const next: PassData = { headingPages, ...(foot ? placer.next(layout) : {}) };
    if (samePass(pass, next)) return keep(current);
    if (i === MAX_PASSES) break;
    pass = next;
    current = await layOut(doc, pass);
  }
  if (best) return keep(best.laid);
  // No pass came out with true contents and every note set: set each note on
  // the page its reference is on now, hold nothing, and make the contents
  // true to this layout (page numbers do not move anything).
  const layout = current.positions;
  return keep(await layOut(doc, { headingPages: headingPagesOf(layout), footnotesByPage: notesByPage(referencePages(layout, plan)) }));
}

function headingPagesOf(layout: PdfLayout): Map<string, number> {
  const pages = new Map<string, number>();
  for (const [name, page] of layout.destinations) if (name.startsWith("h-")) pages.set(name.slice(2), page);
  return pages;
}

/**
 * The page each note is first referenced on, in reading order; a note that
 * nothing in the text refers to counts as referenced where the block it
 * belongs with ends (its marker, templates/pdf/blocks.tsx), among the others
 * on that page in source order.
 */
function referencePages(layout: PdfLayout, plan: NotePlan): Map<string, number> {
  const refs: [string, number][] = [];
  const seen = new Set<string>();
  for (const [page, links] of [...layout.linksByPage].sort((a, b) => a[0] - b[0]))
    for (const d of links) if (d.startsWith(noteAnchor(""))) {
      const id = d.slice(noteAnchor("").length);
      // Only references in the text: a link inside a note does not place the note it points to.
      if (plan.referenced.has(id) && !seen.has(id)) {
        seen.add(id);
        refs.push([id, page]);
      }
    }
  for (const ids of plan.homes.values())
    for (const id of ids) {
      const page = layout.destinations.get(noteHome(id));
      if (page === undefined) continue;
      const line = plan.lines.get(id) ?? Infinity;
      const at = refs.findIndex(([other, p]) => p > page || (p === page && (plan.lines.get(other) ?? -Infinity) > line));
      refs.splice(at < 0 ? refs.length : at, 0, [id, page]);
    }
  return new Map(refs);
}

/**
 * The height each note takes at the foot of its page: from its destination to
 * the next note's, or to the end of the page's notes.
 */
function noteHeights(layout: PdfLayout): Map<string, number> {
  const byPage = new Map<number, { id: string; y: number }[]>();
  for (const [name, page] of layout.destinations) {
    const y = layout.destinationY.get(name);
    if (!name.startsWith(noteAnchor("")) || y === undefined) continue;
    byPage.set(page, [...(byPage.get(page) ?? []), { id: name.slice(noteAnchor("").length), y }]);
  }
  const heights = new Map<string, number>();
  for (const [page, notes] of byPage) {
    notes.sort((a, b) => b.y - a.y); // top of the page first
    const end = layout.destinationY.get(notesEndAnchor(page));
    notes.forEach((n, i) => {
      const below = notes[i + 1]?.y ?? end;
      if (below !== undefined) heights.set(n.id, n.y - below);
    });
  }
  return heights;
}

/**
 * Decides, pass by pass, the page at whose foot each note is set. A note goes
 * on the page its reference lands on. When setting it there pushes the line
 * with the reference over the page break, and setting it on the next page
 * pulls the line back, the note and its reference go to the next page
 * together: the note's space stays free at the foot of the first page, which
 * then runs short (as in LaTeX when a note cannot be split). The passes
 * converge on a layout where every note is on the page of its reference.
 */
class FootnotePlacer {
  /** Where each note was set in the pass being read. */
  private placed = new Map<string, number>();
  /** Pages where setting a note pushed its reference on to a later page. */
  private readonly pushedOff = new Map<string, Set<number>>();
  /** Notes whose space is held on `page`, set on the next page with their reference. */
  private readonly held = new Map<string, { page: number; height: number }>();

  constructor(private readonly plan: NotePlan) {}

  /** How many notes are on the page of their reference in `layout`. */
  onTheirPage(layout: PdfLayout): number {
    let n = 0;
    for (const [id, page] of referencePages(layout, this.plan)) if (layout.destinations.get(noteAnchor(id)) === page) n++;
    return n;
  }

  /** Whether every referenced note is set somewhere in `layout` (a note held for a page that never came is not). */
  allSet(layout: PdfLayout): boolean {
    return [...referencePages(layout, this.plan).keys()].every((id) => layout.destinations.has(noteAnchor(id)));
  }

  /** Where the notes go in the next pass, given where things landed in this one. */
  next(layout: PdfLayout): Pick<PassData, "footnotesByPage" | "footnoteReserve"> {
    const refs = referencePages(layout, this.plan);
    const heights = noteHeights(layout);
    for (const [id, page] of refs) {
      const was = this.placed.get(id);
      if (was !== undefined && was < page) this.pushedOff.set(id, (this.pushedOff.get(id) ?? new Set()).add(was));
    }
    const placed = new Map<string, number>();
    const heldOn = (page: number): number => [...this.held.values()].reduce((sum, h) => sum + (h.page === page ? h.height : 0), 0);
    for (const [id, page] of refs) {
      const held = this.held.get(id);
      if (held && page === held.page + 1) {
        placed.set(id, page); // held: the note and its reference on the next page
        continue;
      }
      this.held.delete(id);
      // Holding the space did not move the reference: the note fits where its reference is.
      if (held && page === held.page) this.pushedOff.get(id)?.delete(page);
      const height = heights.get(id);
      if (this.pushedOff.get(id)?.has(page) && page < layout.pages && height !== undefined) {
        // A page gives up at most a quarter of its text block to held notes; a
        // note beyond that goes to the next page on its own (its reference stays).
        if (heldOn(page) + height <= MAX_HELD) this.held.set(id, { page, height });
        placed.set(id, page + 1);
      } else placed.set(id, page);
    }
    this.placed = placed;
    const footnoteReserve = new Map<number, number>();
    for (const { page, height } of [...this.held.values()].sort((a, b) => a.page - b.page)) footnoteReserve.set(page, (footnoteReserve.get(page) ?? 0) + height);
    return { footnotesByPage: notesByPage(placed), footnoteReserve };
  }
}

/** Note ids by the page they are set on, pages in order, notes in reading order. */
function notesByPage(pageOfNote: ReadonlyMap<string, number>): Map<number, string[]> {
  const byPage = new Map<number, string[]>();
  for (const [id, page] of pageOfNote) byPage.set(page, [...(byPage.get(page) ?? []), id]);
  return new Map([...byPage].sort((a, b) => a[0] - b[0]));
}

function sameMap<K, V>(x?: ReadonlyMap<K, V>, y?: ReadonlyMap<K, V>): boolean {
  return JSON.stringify([...(x ?? [])]) === JSON.stringify([...(y ?? [])]);
}

function samePass(a: PassData, b: PassData): boolean {
  return sameMap(a.headingPages, b.headingPages) && sameMap(a.footnotesByPage, b.footnotesByPage) && sameMap(a.footnoteReserve, b.footnoteReserve);
}
