/**
 * The raw engines on the same documents, the baseline `npm run bench` sets a
 * cold build against: react-pdf setting every block of a document as one
 * Text (the house faces and hyphenation, a page number on every page, A4 with
 * the house margins) and pandoc writing Markdown to EPUB 3 with the house
 * font files, one document after another in this one thread. No contents, no
 * footnote placement, no columns, no tagging, no checks: what any pipeline
 * on these engines has to pay at least.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createElement as h } from "react";
import { Document, Page, renderToBuffer, Text } from "@react-pdf/renderer";
import type { Block, RenderableDocument } from "../pipeline/document/types.ts";
import { inlinesOf, plainText } from "../pipeline/document/text.ts";
import { toMarkdown } from "../pipeline/markdown/to-markdown.ts";
import { EPUB_FONTS } from "../pipeline/render-epub/index.ts";
import { fontFile } from "../pipeline/render-epub/design.ts";
import { registerHouseFonts, SERIF } from "../templates/pdf/fonts.ts";
import { hyphenator } from "../templates/pdf/hyphenate.ts";
import { design } from "../templates/pdf/tokens.ts";

/** The text of every block with text, in reading order, notes last. */
function blockTexts(doc: RenderableDocument): string[] {
  const out: string[] = [];
  const walk = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      const inl = inlinesOf(b);
      if (inl) out.push(plainText(inl));
      if ("children" in b && Array.isArray(b.children) && !inl) walk(b.children as Block[]);
    }
  };
  walk(doc.children);
  for (const n of doc.notes) out.push(`${n.label} ${plainText(n.children)}`);
  return out.filter((t) => t.trim() !== "");
}

/** react-pdf alone: one Text per block and a page number, in this process. */
export async function rawPdf(doc: RenderableDocument): Promise<Buffer> {
  registerHouseFonts();
  const hyphenate = hyphenator(doc.lang);
  const P = design.page;
  const page = h(
    Page,
    { size: "A4", style: { paddingTop: P.marginTop, paddingBottom: P.marginBottom, paddingLeft: P.marginInner, paddingRight: P.marginOuter, fontFamily: SERIF, fontSize: 10 } },
    h(Text, { fixed: true, style: { position: "absolute", bottom: 30, left: P.marginInner, fontSize: 8 }, render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) => `${pageNumber} / ${totalPages}` }),
    ...blockTexts(doc).map((t, i) => h(Text, { key: i, hyphenationCallback: hyphenate, style: { marginBottom: 6, textAlign: "justify" } }, t)),
  );
  return renderToBuffer(h(Document, { title: doc.meta.title }, page) as Parameters<typeof renderToBuffer>[0]);
}

/** pandoc alone: the document's Markdown to EPUB 3 with the house font files. */
export function rawEpub(doc: RenderableDocument, dir: string): void {
  const md = join(dir, `${doc.meta.slug}.${doc.lang}.md`);
  writeFileSync(md, toMarkdown(doc));
  const r = spawnSync("pandoc", [md, "-f", "markdown", "-t", "epub3", "--toc", "-o", join(dir, `${doc.meta.slug}.${doc.lang}.epub`), `--metadata=title:${doc.meta.title}`, ...EPUB_FONTS.map(([family, style]) => `--epub-embed-font=${fontFile(family, style)}`)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pandoc failed on ${doc.meta.slug} (${doc.lang}): ${r.stderr}`);
}

/** Seconds the raw engines take on `docs`, one after another in this thread. */
export async function timeRawEngines(docs: readonly RenderableDocument[]): Promise<{ pdf: number; epub: number }> {
  const dir = mkdtempSync(join(tmpdir(), "tweeluik-bench-raw-"));
  try {
    let pdf = 0;
    let epub = 0;
    for (const doc of docs) {
      const t0 = performance.now();
      await rawPdf(doc);
      const t1 = performance.now();
      rawEpub(doc, dir);
      const t2 = performance.now();
      pdf += (t1 - t0) / 1000;
      epub += (t2 - t1) / 1000;
    }
    return { pdf, epub };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
