import { listSlugs, readSourceConfig, readSourceInputs, sourceFile } from "../config/sources.ts";
import type { SourceConfig } from "../config/schema.ts";
import type { Kind, NormalisedDocument } from "../document/types.ts";
import { TweeluikError } from "../errors.ts";
import { siblingTexts } from "../read/corpus.ts";
import { layout } from "../read/layout.ts";
import { readPdf } from "../read/pdf.ts";
import { normaliseLayout } from "./from-layout.ts";
import { normaliseStructure } from "./from-structure.ts";
import { normalise, type NormaliseConfig } from "./index.ts";

/**
 * Normalise the source of `slug` from whichever file it has: source/<slug>.txt
 * through the text path, source/<slug>.pdf through the PDF reader and its
 * layout. Downstream (translation keys, editions) nothing differs.
 */
export async function normaliseSource(root: string, slug: string): Promise<{ doc: NormalisedDocument; config: SourceConfig | undefined }> {
  const src = sourceFile(root, slug);
  if (!src) throw new TweeluikError("input:missing", `no source for slug "${slug}" (known: ${listSlugs(root).join(", ") || "none"})`, { file: `source/${slug}.txt` });
  if (src.format === "txt") {
    const { raw, config, corpus } = readSourceInputs(root, slug);
    // Line-end hyphens are decided with the whole corpus's word forms as evidence.
    return { doc: normalise(raw, config, { corpus }), config };
  }
  const config = readSourceConfig(root, slug);
  const doc = await normalisePdf(src.path, { file: src.name, slug, config, corpus: siblingTexts(src.path) });
  return { doc, config };
}

/**
 * Read a PDF and normalise it: through its structure tree where it is tagged
 * and the tree holds its text (from-structure.ts), else from its layout
 * (from-layout.ts). `structure: false` ignores the tree, as does `pdfReader: layout` in the
 * source's YAML where `structure` is not given. The first diagnostic
 * says which was used, and why.
 */
export async function normalisePdf(
  path: string,
  opts: { file?: string; slug: string; config?: NormaliseConfig | undefined; kind?: Kind | undefined; corpus?: readonly string[]; structure?: boolean },
): Promise<NormalisedDocument> {
  const file = opts.file ?? path;
  const pdf = await readPdf(path, file);
  const source = { file, slug: opts.slug, ...(pdf.title ? { title: pdf.title } : {}) };
  // the PDF's own language (/Lang) says which word list is evidence for its hyphens: English
  // for an English edition read back, Dutch otherwise
  const lang = /^en\b/i.test(pdf.lang ?? "") ? ("en" as const) : ("nl" as const);
  const options = { kind: opts.kind, corpus: opts.corpus ?? [], lang };
  const pages = `${pdf.pages.length} page${pdf.pages.length === 1 ? "" : "s"}${lang === "en" ? ", in English by its /Lang" : ""}`;
  let why: string;
  if (!pdf.tagged) why = "the PDF is not tagged";
  else if (opts.structure === false) why = "the PDF is tagged; its structure tree was set aside on request";
  else if (opts.structure === undefined && opts.config?.pdfReader === "layout") why = "the PDF is tagged; its structure tree was set aside (pdfReader: layout in the source's YAML)";
  else if (!pdf.tree) why = "the PDF is tagged, but its structure tree cannot be read";
  else {
    const read = normaliseStructure(pdf, pdf.tree, source, opts.config, options);
    if ("doc" in read) {
      read.doc.diagnostics.unshift({ severity: "info", code: "normalise:reader", message: `read through the PDF's structure tree (${pages}; it holds ${(read.coverage * 100).toFixed(1)} % of the text)` });
      return read.doc;
    }
    why = `the PDF is tagged, but ${read.reason}`;
  }
  const doc = normaliseLayout(layout(pdf.pages), source, opts.config, options);
  doc.diagnostics.unshift({ severity: "info", code: "normalise:reader", message: `read from the PDF's layout (${pages}; ${why})` });
  return doc;
}
