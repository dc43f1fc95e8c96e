import type { Diagnostic, Lang, RenderableDocument, Severity } from "../document/types.ts";
import type { QaReport } from "../translate/index.ts";

/** What output/reports/<slug>.<lang>.json holds: every stage's diagnostics for one edition. */
export interface StageReport {
  slug: string;
  lang: Lang;
  stage: RenderableDocument["stage"];
  summary: Record<Severity, number> & { byCode: Record<string, number> };
  diagnostics: Diagnostic[];
  /** Translation coverage and QA findings (segment, source line, offending text): English editions only. */
  qa?: QaReport;
}

/** Summarise a document's diagnostics, sorted by source position, for the report file and the CLI. */
export function reportFor(doc: RenderableDocument, qa?: QaReport): StageReport {
  const summary: StageReport["summary"] = { error: 0, warning: 0, info: 0, byCode: {} };
  for (const d of doc.diagnostics) {
    summary[d.severity]++;
    summary.byCode[d.code] = (summary.byCode[d.code] ?? 0) + 1;
  }
  summary.byCode = Object.fromEntries(Object.entries(summary.byCode).sort(([a], [b]) => a.localeCompare(b)));
  const diagnostics = [...doc.diagnostics].sort((a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || a.code.localeCompare(b.code));
  return { slug: doc.meta.slug, lang: doc.lang, stage: doc.stage, summary, diagnostics, ...(qa ? { qa } : {}) };
}

/** "source/x.txt:12: warning normalise:ambiguous-hyphen message", the form the CLI prints. */
export function formatDiagnostic(d: Diagnostic): string {
  // In a PDF source the page is what a reader can find; its line numbers are the reader's own.
  const p = d.position;
  const where = !p ? "" : /\.pdf$/i.test(p.file) ? `${p.file}${p.page ? `, page ${p.page}` : ""}: ` : `${p.file}:${p.line}: `;
  return `${where}${d.severity} ${d.code} ${d.message}`;
}
