/**
 * Lays a document out and renders it to PDF bytes in this process: the
 * template of its kind, and as many passes as the contents and footnotes
 * need. Some layout needs to know where things land: the table of contents
 * shows page numbers, and footnotes go at the foot of the page their
 * reference lands on. Both are read back from the previous pass's PDF
 * (named destinations and link annotations, see inspect.ts) and the document
 * is laid out again until nothing moves.
 *
 * react-pdf keeps font state between documents in one process (a document
 * rendered after another can come out different), so renderPdf runs this in
 * a child process per document (child.ts); call it directly only there.
 */
import { createElement } from "react";
import { renderToBuffer } from "@react-pdf/renderer";
import type { RenderableDocument } from "../document/types.ts";
import { makeContext, noteAnchor, type PassData } from "../../templates/pdf/context.ts";
import { fixedDate } from "../../templates/pdf/dates.ts";
import { registerHouseFonts } from "../../templates/pdf/fonts.ts";
import { HouseDocument } from "../../templates/pdf/house.tsx";
import { KIND_TEMPLATES } from "../../templates/pdf/kinds.ts";
import { A4, design } from "../../templates/pdf/tokens.ts";
import { inspectPdf, type PdfLayout } from "./inspect.ts";
import { renderMagazine } from "./magazine.ts";

/** Upper bound on layout passes for footnotes; each pass is a full render. */
const MAX_PASSES = 6;

async function renderOnce(doc: RenderableDocument, pass: PassData): Promise<Buffer> {
  const tpl = KIND_TEMPLATES[doc.meta.kind];
  const measure = A4.width - design.page.marginInner - design.page.marginOuter;
  const ctx = makeContext(doc, tpl.noteMode, measure, pass);
  // The document's own date, so that two renders give the same bytes.
  const date = fixedDate(doc.meta.date);
  const element = createElement(HouseDocument, { ctx, opts: { titlePage: tpl.titlePage, toc: tpl.toc, date } });
  return renderToBuffer(element as Parameters<typeof renderToBuffer>[0]);
}

/** Renders `doc` to PDF bytes in this process (see the note above). */
export async function layoutAndRender(doc: RenderableDocument): Promise<Buffer> {
  registerHouseFonts();
  if (doc.meta.kind === "magazine" && doc.children.some((b) => b.type === "article")) return renderMagazine(doc, fixedDate(doc.meta.date));
  const tpl = KIND_TEMPLATES[doc.meta.kind];
  const needsFeedback = tpl.toc || (tpl.noteMode === "foot" && doc.notes.length > 0);
  let pass: PassData = {};
  let pdf = await renderOnce(doc, pass);
  if (!needsFeedback) return pdf;
  for (let i = 1; i < MAX_PASSES; i++) {
    const layout = await inspectPdf(pdf);
    // Let footnotes settle freely first; only the last passes hold them from moving back.
    const next = passData(layout, tpl.noteMode === "foot", i >= MAX_PASSES - 2 ? pass : {});
    if (samePass(pass, next)) return pdf;
    pass = next;
    pdf = await renderOnce(doc, pass);
  }
  // Footnotes did not settle within the passes: keep where they are, but make
  // the contents true to this layout (page numbers do not move anything).
  const last = passData(await inspectPdf(pdf), false, {});
  if (samePass({ headingPages: pass.headingPages }, { headingPages: last.headingPages })) return pdf;
  return renderOnce(doc, { headingPages: last.headingPages, footnotesByPage: pass.footnotesByPage });
}

/**
 * What the next pass needs from where things landed in this one. Given the
 * previous pass, a footnote does not move to an earlier page: when setting a
 * note pushes its reference over the page break and moving the note along
 * pulls it back, the note settles at the foot of the next page (as in
 * LaTeX) instead of the passes flip-flopping.
 */
function passData(layout: PdfLayout, foot: boolean, previous: PassData): PassData {
  const headingPages = new Map<string, number>();
  for (const [name, page] of layout.destinations) if (name.startsWith("h-")) headingPages.set(name.slice(2), page);
  const footnotesByPage = new Map<number, string[]>();
  if (foot) {
    const before = new Map<string, number>();
    for (const [page, ids] of previous.footnotesByPage ?? []) for (const id of ids) before.set(id, page);
    const seen = new Set<string>();
    for (const [page, links] of [...layout.linksByPage].sort((a, b) => a[0] - b[0])) {
      for (const d of links) {
        if (!d.startsWith(noteAnchor(""))) continue;
        const id = d.slice(noteAnchor("").length);
        if (seen.has(id)) continue;
        seen.add(id);
        const at = Math.max(page, before.get(id) ?? 0);
        footnotesByPage.set(at, [...(footnotesByPage.get(at) ?? []), id]);
      }
    }
  }
  return { headingPages, footnotesByPage };
}

function samePass(a: PassData, b: PassData): boolean {
  const eq = <K, V>(x?: ReadonlyMap<K, V>, y?: ReadonlyMap<K, V>): boolean => JSON.stringify([...(x ?? [])]) === JSON.stringify([...(y ?? [])]);
  return eq(a.headingPages, b.headingPages) && eq(a.footnotesByPage, b.footnotesByPage);
}

