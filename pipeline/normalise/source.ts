import { listSlugs, readSourceConfig, readSourceInputs, sourceFile } from "../config/sources.ts";
import type { SourceConfig } from "../config/schema.ts";
import type { Kind, NormalisedDocument } from "../document/types.ts";
import { TweeluikError } from "../errors.ts";
import { siblingTexts } from "../read/corpus.ts";
import { layout } from "../read/layout.ts";
import { readPdf } from "../read/pdf.ts";
import { normaliseLayout } from "./from-layout.ts";
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

/** Read a PDF and normalise it from its layout. */
export async function normalisePdf(
  path: string,
  opts: { file?: string; slug: string; config?: NormaliseConfig | undefined; kind?: Kind | undefined; corpus?: readonly string[] },
): Promise<NormalisedDocument> {
  const file = opts.file ?? path;
  const pdf = await readPdf(path, file);
  const lay = layout(pdf.pages);
  const doc = normaliseLayout(lay, { file, slug: opts.slug, ...(pdf.title ? { title: pdf.title } : {}) }, opts.config, { kind: opts.kind, corpus: opts.corpus ?? [] });
  doc.diagnostics.unshift({
    severity: "info",
    code: "normalise:reader",
    message: pdf.tagged
      ? `read from the PDF's layout (${pdf.pages.length} pages); the PDF is tagged, but its structure tree is not read: the layout decides`
      : `read from the PDF's layout (${pdf.pages.length} pages; the PDF is not tagged)`,
  });
  return doc;
}
