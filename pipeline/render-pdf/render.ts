/**
 * Lays a document out and renders it to PDF bytes in this process: the
 * template of its kind, in one layout pass as a rule. Footnotes go at the
 * foot of the page their reference lands on, decided as the pages are filled
 * (footnotes.ts). The table of contents shows the page each heading landed
 * on in the same layout (react-pdf's second round of pagination sets them,
 * templates/pdf/house.tsx); where an entry shows another page than the one
 * its heading is on in the layout (layout-positions.ts), the document is
 * laid out again with the pages found, until they stay; only the pass that
 * is kept is written as PDF.
 *
 * renderPdf runs this in warm renderer processes (pool.ts, child.ts), one
 * document after another; nothing here may depend on what was rendered
 * before in the process (test/pdf-pool.test.ts).
 */
import { createElement } from "react";
import { pdf as reactPdf } from "@react-pdf/renderer";
import type { Diagnostic, RenderableDocument } from "../document/types.ts";
import { fixedFootnotes, makeContext, noteAnchor, noteHome, notePlan, type NotePlan, type PassData } from "../../templates/pdf/context.ts";
import { fixedDate } from "../../templates/pdf/dates.ts";
import { houseFontFile, registerHouseFonts } from "../../templates/pdf/fonts.ts";
import { HouseDocument } from "../../templates/pdf/house.tsx";
import { KIND_TEMPLATES } from "../../templates/pdf/kinds.ts";
import { A4, design, TEXT_BLOCK_HEIGHT } from "../../templates/pdf/tokens.ts";
import { linkNotesBack } from "./backlinks.ts";
import { FootnoteSettler } from "./footnotes.ts";
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
  /** What each contents entry shows for a page number, by the name of its heading's destination. */
  contents: ReadonlyMap<string, string>;
  /** This layout written as PDF bytes. */
  write(): Promise<Buffer>;
}

export async function layOut(doc: RenderableDocument, pass: PassData): Promise<LaidOut> {
  const tpl = KIND_TEMPLATES[doc.meta.kind];
  const measure = A4.width - design.page.marginInner - design.page.marginOuter;
  const ctx = makeContext(doc, tpl.noteMode, measure, { ...pass, contentsInLayout: true });
  // The document's own date, so that two renders give the same bytes.
  const date = fixedDate(doc.meta.date);
  const element = createElement(HouseDocument, { ctx, opts: { titlePage: tpl.titlePage, toc: tpl.toc, date } });
  const instance = reactPdf(element as Parameters<typeof reactPdf>[0]) as unknown as LayingInstance;
  const layout = await instance.toLayout();
  return { positions: positionsOf(layout), contents: contentsOf(layout), write: async () => streamBytes(await instance.toBuffer(layout)) };
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
export async function layoutAndRender(doc: RenderableDocument): Promise<{ pdf: Buffer; diagnostics: Diagnostic[]; passes?: number }> {
  const plan = notePlan(doc);
  const magazine = isMagazine(doc);
  const kept = await layoutPasses(doc, plan);
  const { bytes, unlinked } = await linkNotesBack(kept.pdf);
  const pdf = Buffer.from(bytes);
  // The page each note landed on, named in the diagnostics of notes set at the foot: where the
  // kept layout put them (linking the notes back moves no destination).
  const noteMode = magazine ? "end" : KIND_TEMPLATES[doc.meta.kind].noteMode;
  const pages = noteMode === "foot" ? kept.positions?.destinations : undefined;
  return { pdf, diagnostics: pdfDiagnostics(doc, plan, { noteMode, notePages: pages, unlinked }), passes: kept.passes };
}

function isMagazine(doc: RenderableDocument): boolean {
  return doc.meta.kind === "magazine" && doc.children.some((b) => b.type === "article");
}

/**
 * The PDF of the layout that is kept, where things are in it, and how many
 * layout passes it took (neither for the magazine, imposed from three documents).
 */
async function layoutPasses(doc: RenderableDocument, plan: NotePlan): Promise<{ pdf: Buffer; positions?: PdfLayout; passes?: number }> {
  registerHouseFonts();
  // A run's glyphs carry its own characters, whatever text reached them first.
  glyphsKeepTheirCharacters(houseFontFile());
  // Every pass shapes the same text again: shape each run once.
  cacheShaping(houseFontFile());
  if (isMagazine(doc)) return { pdf: await renderMagazine(doc, fixedDate(doc.meta.date)) };
  let passes = 0;
  const lay = (pass: PassData) => (passes++, layOut(doc, pass));
  const keep = async (laid: LaidOut) => ({ pdf: await laid.write(), positions: laid.positions, passes });
  const tpl = KIND_TEMPLATES[doc.meta.kind];
  // Notes at the feet of the pages are placed as the pages are filled (footnotes.ts).
  const settler = tpl.noteMode === "foot" && doc.notes.length > 0 ? new FootnoteSettler(plan, MAX_HELD) : undefined;
  let current = await lay({ footnotes: settler });
  // The contents show the pages the headings landed on in the same layout (templates/pdf/house.tsx);
  // where an entry shows another page (its page was filled afresh), lay out again with the pages
  // found, until they stay.
  for (let i = 1; tpl.toc && i < MAX_PASSES; i++) {
    const { destinations } = current.positions;
    if ([...current.contents].every(([name, shown]) => shown === String(destinations.get(name)))) break;
    current = await lay({ headingPages: headingPagesOf(current.positions), footnotes: settler });
  }
  const unset = settler?.unset() ?? [];
  if (unset.length === 0) return keep(current);
  // A note deferred past the last page: set the notes where this layout has them, and each
  // unset one on the page of its reference (nothing moves the contents' page numbers).
  const byPage = new Map([...settler!.byPage].map(([page, ids]) => [page, [...ids]]));
  const refs = referencePages(current.positions, plan);
  for (const id of unset) {
    const page = refs.get(id);
    if (page !== undefined) byPage.set(page, [...(byPage.get(page) ?? []), id]);
  }
  return keep(await lay({ headingPages: headingPagesOf(current.positions), footnotes: fixedFootnotes(byPage) }));
}

/** What each contents entry of a layout shows (a Text with `pageOf`, templates/pdf/house.tsx), by destination name. */
function contentsOf(root: LayoutNode): Map<string, string> {
  const shown = new Map<string, string>();
  const visit = (node: LayoutNode): void => {
    const name = node.props?.pageOf;
    if (node.type === "TEXT" && typeof name === "string") shown.set(name, (node.children ?? []).map((c) => (c as { value?: string }).value ?? "").join(""));
    else for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return shown;
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
