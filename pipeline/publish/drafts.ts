import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Coverage } from "../translate/translate.ts";
import { translationCompleteness } from "../translate/completeness.ts";
import { writeFileAtomic } from "./files.ts";
import type { Artefact } from "./manifest.ts";

/** Where proofs of unfinished editions go in the output: not published, not in the manifest or the catalogue. */
export const DRAFTS_DIR = "drafts";

/** An English edition held back because its translation is not finished. */
export interface WithheldEdition {
  slug: string;
  lang: "en";
  reasons: string[];
  /** Its files below drafts/ (paths relative to the output folder). */
  files: string[];
}

/** What a document's build gives this step: its reports (the English one with its QA coverage) and files. */
export interface DraftInput {
  slug: string;
  reports: readonly { lang: string; qa?: { coverage: Coverage } }[];
  artefacts: readonly Artefact[];
}

const EDITION_FORMATS = ["md", "pdf", "epub"];

/**
 * Hold back the English editions whose translation is not finished (see
 * translationCompleteness): their Markdown, PDF and EPUB move in the staging
 * folder from en/ to drafts/en/ (they were rendered with the draft mark), and
 * are left out of the artefacts returned for the manifest and the catalogue;
 * a copy at en/ (or members/en/) left by an earlier build is removed, so the
 * edition is not published by accident. `drafts/drafts.json` lists every
 * draft with the reasons. With `publishDrafts`, nothing is held back (the
 * editions still carry the mark). Its reports stay in reports/.
 */
export function withholdDrafts(staging: string, documents: readonly DraftInput[], publishDrafts = false): { artefacts: Artefact[]; withheld: WithheldEdition[] } {
  const artefacts: Artefact[] = [];
  const withheld: WithheldEdition[] = [];
  for (const d of documents) {
    const coverage = d.reports.find((r) => r.lang === "en")?.qa?.coverage;
    const c = coverage ? translationCompleteness(coverage) : { complete: true, reasons: [] };
    const hold = !c.complete && !publishDrafts;
    const files: string[] = [];
    for (const a of d.artefacts) {
      if (!hold || a.lang !== "en" || !EDITION_FORMATS.includes(a.format)) {
        artefacts.push(a);
        continue;
      }
      const to = `${DRAFTS_DIR}/${a.path}`;
      mkdirSync(dirname(join(staging, to)), { recursive: true });
      renameSync(join(staging, a.path), join(staging, to));
      files.push(to);
    }
    for (const f of EDITION_FORMATS) {
      const path = `en/${d.slug}.${f}`;
      if (hold) {
        // an edition published by an earlier build, when its translation was complete
        rmSync(join(staging, path), { force: true });
        rmSync(join(staging, "members", path), { force: true });
      } else rmSync(join(staging, DRAFTS_DIR, path), { force: true });
    }
    if (hold) withheld.push({ slug: d.slug, lang: "en", reasons: c.reasons, files });
  }
  writeDraftList(staging, documents.map((d) => d.slug), withheld);
  return { artefacts, withheld };
}

/** drafts/drafts.json: this build's drafts, and earlier ones of documents not built now whose files are still there. */
function writeDraftList(staging: string, built: readonly string[], withheld: readonly WithheldEdition[]): void {
  const file = join(staging, DRAFTS_DIR, "drafts.json");
  let earlier: WithheldEdition[] = [];
  if (existsSync(file)) {
    try {
      earlier = (JSON.parse(readFileSync(file, "utf8")) as { drafts?: WithheldEdition[] }).drafts ?? [];
    } catch {
      earlier = [];
    }
  }
  const kept = earlier.filter((w) => !built.includes(w.slug) && w.files.some((f) => existsSync(join(staging, f))));
  const all = [...kept, ...withheld].sort((a, b) => a.slug.localeCompare(b.slug));
  if (all.length === 0) {
    rmSync(file, { force: true });
    return;
  }
  writeFileAtomic(file, `${JSON.stringify({ note: "English editions held back until their translation is finished: proofs, not publications", drafts: all }, null, 2)}\n`);
}
