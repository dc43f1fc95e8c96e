import type { Diagnostic, NormalisedDocument } from "../document/types.ts";
import { blockLines, PAGE_NUMBER, textAfterMarker, type LayoutLine } from "../read/layout.ts";
import type { PdfRun, PdfSourceInfo } from "../read/pdf.ts";
import type { StructTree } from "../read/structure.ts";
import { headingBlock, takeEndnotes } from "./from-layout.ts";
import type { RawNote } from "./footnotes.ts";
import { assemble, documentKind, type NormaliseConfig, type NormaliseOptions } from "./index.ts";
import { buildLexicon } from "./lexicon.ts";
import type { Ln } from "./lines.ts";
import { labelledItem, type RawBlock } from "./segment.ts";

/**
 * The normaliser's front for a tagged PDF read through its structure tree
 * (pipeline/read/structure.ts): the tree says which text is one block, what
 * kind of block it is and in which order the blocks are read; artifacts
 * (running heads, page numbers) are left out because the producer said so.
 * The layout only turns each block's runs into lines. From there on the
 * passes are those of every reader (assemble): hyphens, note references,
 * nodes, metadata.
 */

/** Below this share of the page text in the tree, the tree is not trusted: the layout decides. */
export const MIN_TREE_COVERAGE = 0.97;

export interface StructureReading {
  doc: NormalisedDocument;
  /** Share of the text (non-artifact letters) that the tree holds. */
  coverage: number;
}

/**
 * Normalise from the structure tree, or say why not (undefined, with the
 * reason): too little of the text is in the tree, or the tree has no blocks.
 */
export function normaliseStructure(
  pdf: PdfSourceInfo,
  tree: StructTree,
  source: { file: string; slug: string; title?: string },
  config?: NormaliseConfig,
  opts: NormaliseOptions = {},
): StructureReading | { reason: string; coverage: number } {
  const kind = documentKind(config, opts);
  const diagnostics: Diagnostic[] = [];

  // the runs of each marked content, in the order the page draws them
  const byKey = new Map<string, PdfRun[]>();
  let text = 0;
  let inTree = 0;
  // what the tree does not hold, per page: artifacts, and text outside the tree
  const leftOut: { page: number; runs: PdfRun[]; why: string }[] = [];
  for (const p of pdf.pages) {
    const artifacts: PdfRun[] = [];
    const outside: PdfRun[] = [];
    for (const r of p.runs) {
      if (r.artifact) {
        artifacts.push(r);
        continue;
      }
      const n = r.text.replace(/\s/g, "").length;
      text += n;
      const key = r.mcid === undefined ? undefined : `${p.number}:${r.mcid}`;
      if (key === undefined || !tree.keys.has(key)) {
        outside.push(r);
        continue;
      }
      inTree += n;
      const list = byKey.get(key);
      if (list) list.push(r);
      else byKey.set(key, [r]);
    }
    if (artifacts.length) leftOut.push({ page: p.number, runs: artifacts, why: "artifact" });
    if (outside.length) leftOut.push({ page: p.number, runs: outside, why: "text outside the structure tree" });
  }
  const coverage = text === 0 ? 0 : inTree / text;
  if (coverage < MIN_TREE_COVERAGE)
    return { reason: `its structure tree holds ${(coverage * 100).toFixed(1)} % of the text (${(MIN_TREE_COVERAGE * 100).toFixed(0)} % needed)`, coverage };

  const pageOf = new Map(pdf.pages.map((p) => [p.number, p]));
  /** A unit's lines: its runs per page, in the tree's order of pages. */
  const linesOf = (keys: string[]): LayoutLine[] => {
    const pages: { page: number; runs: PdfRun[] }[] = [];
    for (const k of keys) {
      const runs = byKey.get(k);
      if (!runs) continue;
      const page = Number(k.slice(0, k.indexOf(":")));
      const last = pages[pages.length - 1];
      if (last?.page === page) last.runs.push(...runs);
      else pages.push({ page, runs: [...runs] });
    }
    return pages.flatMap((g) => blockLines(pageOf.get(g.page)!, g.runs));
  };

  for (const g of leftOut)
    for (const l of blockLines(pageOf.get(g.page)!, g.runs))
      diagnostics.push({
        severity: "info",
        code: "normalise:furniture",
        message: `${PAGE_NUMBER.test(l.text) ? "page number" : g.why} left out: "${l.text.slice(0, 80)}"`,
        position: { file: source.file, line: 0, page: g.page },
      });

  const lns: Ln[] = [];
  const lnOf = (l: LayoutLine): Ln => {
    const prev = lns[lns.length - 1];
    const ln: Ln = { line: lns.length + 1, page: l.page, raw: l.text, pageStart: !prev || prev.page !== l.page };
    lns.push(ln);
    return ln;
  };
  const blocks: RawBlock[] = [];
  const notes: RawNote[] = [];
  let lastLabel = 0;
  let run = 0;
  for (const u of tree.units) {
    const lines = linesOf(u.content).filter((l) => l.text.trim() !== "");
    const label = linesOf(u.label).map((l) => l.text).join(" ").trim();
    if (u.kind === "figure") {
      const t = lines.map((l) => l.text).join(" ");
      if (t) diagnostics.push({ severity: "info", code: "normalise:figure", message: `text inside a figure left out: "${t.slice(0, 80)}"`, position: { file: source.file, line: 0, page: lines[0]!.page } });
      continue;
    }
    if (lines.length === 0) continue;
    const texts = lines.map((l) => l.text);
    const own = lines.map(lnOf);
    if (u.kind === "note") {
      const m = /^(\d{1,3}|[*†‡])(?:[.)]?\s+|(?=\S))/u.exec(texts[0]!);
      const lab = label.replace(/[.)]\s*$/, "") || m?.[1];
      if (lab === undefined) {
        // a note with no number: its text stays in the body, where it is not lost
        blocks.push({ t: "para", lines: own, texts });
        continue;
      }
      if (/^\d+$/.test(lab)) {
        if (Number(lab) <= lastLabel) run++;
        lastLabel = Number(lab);
      }
      own[0]!.raw = label ? `${lab} ${texts[0]}` : texts[0]!;
      notes.push({ label: lab, run, lines: own });
      continue;
    }
    if (u.kind === "heading") {
      const block = headingBlock(own, texts);
      block.depth = Math.min(3, Math.max(1, u.level ?? 1)) as 1 | 2 | 3;
      blocks.push(block);
      continue;
    }
    if (u.kind === "item") {
      // a label drawn in the item's own text (no Lbl element): the marker the layout sees there
      const first = lines[0]!;
      let drawn = label;
      if (!drawn && first.marker) {
        drawn = first.marker;
        texts[0] = textAfterMarker(first);
      }
      const item = labelledItem(drawn || (u.ordered ? String(u.number ?? 1) : "•"), texts[0]!);
      blocks.push({ t: "item", lines: own, ...item, texts: [...item.texts, ...texts.slice(1)] });
      continue;
    }
    blocks.push({ t: "para", lines: own, texts });
  }
  if (blocks.length === 0) return { reason: "its structure tree has no blocks of text", coverage };
  if (notes.length === 0) notes.push(...takeEndnotes(blocks, diagnostics, source.file));
  const lex = buildLexicon(
    lns.map((l) => l.raw),
    opts.corpus ?? [],
    opts.lang,
  );
  const doc = assemble({ file: source.file, slug: source.slug, firstText: source.title ?? lns[0]?.raw, rawBlocks: blocks, rawNotes: notes, lex, kind, config, diagnostics });
  return { doc, coverage };
}
