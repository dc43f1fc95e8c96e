import type { Diagnostic, Inline, Meta, MinutesMeta, NormalisedDocument, Position, SourceLine, TranslatedDocument } from "../document/types.ts";
import { findTerms, type Glossary, type GlossaryHit } from "./glossary.ts";
import { lookup, SHARED_NS, type AcceptedException, type Memory, type MemoryMatch } from "./memory.ts";
import { toInlines } from "./placeholders.ts";
import { checkConsistency, checkPlaceholderIssues, checkSegment, inconsistencyIssue, QA_CHECKS, type QaCode, type QaIssue } from "./qa.ts";
import { segmentKey } from "./key.ts";
import { extractSegments, makeSegment, mapSlots, segmentInlines, type Segment } from "./segment.ts";
import { accentEmphasis, type StyleSheet } from "./style.ts";

/** Everything the translate stage needs besides the document: built by loadTranslateContext or by tests. */
export interface TranslateContext {
  slug: string;
  memory: Memory;
  glossary: Glossary;
  /** English metadata from source/<slug>.yaml (the Dutch is in the document's meta). */
  /** English metadata given in source/<slug>.yaml: used as it is, not through the memory. */
  metaEn?: { subtitle?: string; description?: string; keywords?: string[]; publisher?: string; author?: string; dateNote?: string };
  /** The source's lines: when given, each segment's report names the line its sentence starts on, not only its block's first line. */
  sourceLines?: readonly SourceLine[];
  /** The house style (locales/en/style.yaml): when given, every target is checked against it. */
  style?: StyleSheet;
}

/** How a segment was resolved. */
export type SegmentStatus = "copy" | "reviewed" | "translated" | "draft" | "fuzzy" | "stale" | "untranslated" | "invalid";

/** One segment with its translation, its match and its QA issues. */
export interface SegmentResult {
  segment: Segment;
  status: SegmentStatus;
  /** The English text used (with placeholders); absent when the Dutch stands. */
  target?: string;
  match: MemoryMatch;
  hits: GlossaryHit[];
  issues: QaIssue[];
}

/** Coverage figures of one document. */
export interface Coverage {
  segments: number;
  /** Segments with nothing to translate (numbers, URLs), copied as they are. */
  copied: number;
  /** Usable translations (translated + reviewed + draft). */
  translated: number;
  reviewed: number;
  draft: number;
  fuzzy: number;
  stale: number;
  /** Segments shown in Dutch: no entry, fuzzy, stale or invalid. */
  untranslated: number;
  /** Entries whose target could not be used (broken placeholders). */
  invalid: number;
  errors: number;
  warnings: number;
  /** Findings a reviewer accepted for their segment (not counted as warnings). */
  accepted: number;
}

/** One QA finding in the report: which segment, where in the source, what is wrong with which text. */
export interface QaFinding {
  segment: string;
  key: string;
  path: string;
  file: string;
  line: number;
  page?: number;
  code: QaCode;
  severity: "error" | "warning" | "info";
  message: string;
  /** The offending text. */
  text: string;
  source: string;
  target?: string;
  /** A reviewed exception covering this finding (then its severity is "info"). */
  accepted?: { by: string; date: string; why: string };
  /** For fuzzy and stale: the candidate offered. */
  candidate?: { key: string; ns: string; score: number; source: string; target: string };
}

/** The structured QA report of one English edition (output/reports/<slug>.en.json). */
export interface QaReport {
  slug: string;
  lang: "en";
  coverage: Coverage;
  /** Share of translatable segments that have a usable translation, 0–100, one decimal. */
  percentTranslated: number;
  findings: QaFinding[];
}

/**
 * Translate a normalised Dutch document with the memory and glossary in
 * `ctx`, returning the English document, the per-segment results and the QA
 * report. Pure: the same input gives the same output. The document keeps its
 * shape exactly; a segment without a usable translation stays Dutch inside a
 * Foreign node (reason "untranslated") and is reported.
 */
export function translateWithReport(doc: NormalisedDocument, ctx: TranslateContext): { doc: TranslatedDocument; results: SegmentResult[]; report: QaReport } {
  if (doc?.type !== "document" || doc.stage !== "normalised" || doc.lang !== "nl") {
    throw new TypeError("Expected a normalised Dutch document (stage \"normalised\", lang \"nl\")");
  }
  const liveKeys = new Set([...extractSegments(doc).map((s) => s.key), ...metaStrings(doc.meta, ctx).flatMap(([, v]) => segmentInlines([{ type: "text", value: v }]).pieces.map((p) => segmentKey(p.text)))]);
  const results: SegmentResult[] = [];
  const resolve = (seg: Segment): SegmentResult => {
    const r = resolveSegment(seg, ctx, liveKeys);
    results.push(r);
    return r;
  };

  const sourceIndex = ctx.sourceLines ? indexLines(ctx.sourceLines) : undefined;
  const { children, notes } = mapSlots(
    doc,
    (inlines, slot) => {
      const { pieces, trailing } = segmentInlines(inlines);
      const locate = sourceIndex ? lineLocator(sourceIndex, slot.position) : undefined;
      const out: Inline[] = [];
      const push = (nodes: Inline[]) => {
        for (const n of nodes) {
          const last = out[out.length - 1];
          if (n.type === "text" && last?.type === "text") last.value += n.value;
          else out.push(n);
        }
      };
      for (const piece of pieces) {
        const seg = makeSegment(results.length, piece, slot);
        if (locate) seg.position = locate(piece.text);
        const r = resolve(seg);
        if (piece.gap) push([{ type: "text", value: piece.gap }]);
        if (r.target !== undefined) push(accentEmphasis(toInlines(r.target, piece.codes), piece.text, ctx.style));
        else if (r.status === "copy") push(toInlines(piece.text, piece.codes));
        else out.push({ type: "foreign", lang: "nl", reason: "untranslated", children: toInlines(piece.text, piece.codes) });
      }
      if (trailing) push([{ type: "text", value: trailing }]);
      return out;
    },
    "translated",
  );

  const file = doc.children[0]?.position.file ?? doc.notes[0]?.position.file ?? `source/${doc.meta.slug}.txt`;
  const meta = translateMeta(doc.meta, ctx, { file, line: 1 }, resolve);

  // The same source with two translations (document namespace against shared).
  const pairs = results.flatMap((r) => {
    const out: { source: string; target: string; where: string }[] = [];
    for (const ns of [ctx.memory.slug, SHARED_NS]) {
      const e = ctx.memory.namespaces[ns]?.[r.segment.key];
      if (e) out.push({ source: e.source, target: e.target, where: `${ns}:${r.segment.key}` });
    }
    return out;
  });
  const seen = new Set<string>();
  for (const found of checkConsistency(pairs)) {
    const r = results.find((x) => found.targets.some((t) => t.where.some((w) => w.endsWith(x.segment.key))));
    if (r && !seen.has(r.segment.key)) {
      seen.add(r.segment.key);
      r.issues.push(inconsistencyIssue({ ...found, targets: found.targets.map((t) => ({ ...t, where: [...new Set(t.where)] })) }));
    }
  }

  const findings: QaFinding[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const r of results) {
    for (const i of r.issues) {
      const f = finding(r, i);
      findings.push(f);
      diagnostics.push({ severity: f.severity, code: f.code, message: `${f.segment}: ${f.message} — “${truncate(f.text, 80)}”`, position: r.segment.position });
    }
  }
  const coverage = countCoverage(results);
  const translatable = coverage.segments - coverage.copied;
  const report: QaReport = {
    slug: doc.meta.slug,
    lang: "en",
    coverage,
    percentTranslated: translatable === 0 ? 100 : Math.round((coverage.translated / translatable) * 1000) / 10,
    findings,
  };
  const en: TranslatedDocument = { type: "document", stage: "translated", lang: "en", meta, children, notes, diagnostics };
  return { doc: en, results, report };
}

/** Look a segment up in the memory and check what is found. */
export function resolveSegment(seg: Segment, ctx: TranslateContext, liveKeys: ReadonlySet<string>): SegmentResult {
  const hits = findTerms(seg.text, ctx.glossary);
  if (seg.copy) return { segment: seg, status: "copy", match: { kind: "none" }, hits, issues: [] };
  const match = lookup(ctx.memory, seg.key, seg.text, liveKeys);
  const base = { segment: seg, match, hits };
  const note = (code: QaCode, message: string, text: string): QaIssue => ({ code, severity: QA_CHECKS[code].severity, message, text });
  switch (match.kind) {
    case "none":
      return { ...base, status: "untranslated", issues: [note("translate:untranslated", "not translated", seg.text)] };
    case "fuzzy":
    case "stale": {
      const pct = Math.round(match.score * 100);
      const msg = match.kind === "fuzzy" ? `not translated; a ${pct}% match (${match.ns}:${match.key}) is offered` : `the entry ${match.ns}:${match.key} was made for an earlier version of this sentence (${pct}% similar)`;
      return { ...base, status: match.kind, issues: [note(`translate:${match.kind}`, msg, seg.text)] };
    }
    case "exact": {
      const target = match.entry.target;
      if (!target.trim()) return { ...base, status: "untranslated", issues: [note("translate:untranslated", `the entry ${match.ns}:${match.key} has an empty target`, seg.text)] };
      const broken = checkPlaceholderIssues(target, seg.codes);
      if (broken.length > 0) return { ...base, status: "invalid", issues: broken };
      const issues = checkSegment(seg.text, seg.codes, target, ctx.glossary, hits, ctx.style);
      if (match.entry.status === "draft") issues.unshift(note("translate:draft", `the entry ${match.ns}:${match.key} is a draft`, target));
      // the translator's note says where the English departs from the author's text; QA shows it to the editor
      if (match.entry.note) issues.push(note("translate:note", `translator's note: ${match.entry.note}`, target));
      return { ...base, status: match.entry.status, target, issues: applyAccepted(issues, match.entry.accepted) };
    }
    default: {
      const never: never = match;
      throw new Error(`unknown match ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A finding a reviewer accepted for this segment (same check, same offending
 * text) is kept, as "info" with who and why, so it no longer counts as a
 * warning; any other finding of the segment still does.
 */
export function applyAccepted(issues: QaIssue[], accepted: readonly AcceptedException[] | undefined): QaIssue[] {
  if (!accepted?.length) return issues;
  return issues.map((i) => {
    const a = i.severity === "error" ? undefined : accepted.find((x) => x.code === i.code && x.text === i.text);
    return a ? { ...i, severity: "info" as const, accepted: a } : i;
  });
}

/** The meta strings that go through the memory, as [path, Dutch text]. */
function metaStrings(meta: Meta, ctx: TranslateContext): [string, string][] {
  const out: [string, string][] = [];
  if (meta.subtitle !== undefined && ctx.metaEn?.subtitle === undefined) out.push(["subtitle", meta.subtitle]);
  if (meta.description !== undefined && ctx.metaEn?.description === undefined) out.push(["description", meta.description]);
  if (meta.keywords !== undefined && ctx.metaEn?.keywords === undefined) meta.keywords.forEach((k, i) => out.push([`keywords.${i}`, k]));
  for (const field of MINUTES_TEXT_FIELDS) {
    const v = meta.minutes?.[field];
    if (v !== undefined) out.push([`minutes.${field}`, v]);
  }
  for (const field of MINUTES_LIST_FIELDS) meta.minutes?.[field]?.forEach((v, i) => out.push([`minutes.${field}.${i}`, v]));
  return out;
}

/** Minutes header fields that are one text each, and those that are lists of entries ("Putters (voorzitter)"). */
const MINUTES_TEXT_FIELDS = ["meeting", "datetime", "place"] as const;
const MINUTES_LIST_FIELDS = ["present", "guests", "rapporteurs", "secretariat"] as const;

/** Meta: the English title from the config, English subtitle/description/keywords when given, minutes fields through the memory. */
function translateMeta(meta: Meta, ctx: TranslateContext, position: Position, resolve: (s: Segment) => SegmentResult): Meta {
  const out: Meta = { ...meta, title: meta.titles.en };
  if (ctx.metaEn?.publisher) out.publisher = ctx.metaEn.publisher;
  if (ctx.metaEn?.author) out.author = ctx.metaEn.author;
  if (ctx.metaEn?.dateNote) out.dateNote = ctx.metaEn.dateNote;
  const viaMemory = (value: string, path: string): string => {
    let text = "";
    for (const piece of segmentInlines([{ type: "text", value }]).pieces) {
      const r = resolve(makeSegment(Number.MAX_SAFE_INTEGER - 1, piece, { path, position }));
      r.segment.id = `meta.${path}${piece.gap || text ? `.${text.length}` : ""}`;
      text += piece.gap + (r.target ?? piece.text);
    }
    return text;
  };
  if (meta.subtitle !== undefined) out.subtitle = ctx.metaEn?.subtitle ?? viaMemory(meta.subtitle, "subtitle");
  if (meta.description !== undefined) out.description = ctx.metaEn?.description ?? viaMemory(meta.description, "description");
  if (meta.keywords !== undefined) out.keywords = ctx.metaEn?.keywords ?? meta.keywords.map((k, i) => viaMemory(k, `keywords.${i}`));
  if (meta.minutes) {
    const m: MinutesMeta = { ...meta.minutes };
    for (const field of MINUTES_TEXT_FIELDS) {
      const v = meta.minutes[field];
      if (v !== undefined) m[field] = viaMemory(v, `minutes.${field}`);
    }
    // Each entry is a segment: descriptions such as "(voorzitter)" are translated, names stay.
    for (const field of MINUTES_LIST_FIELDS) {
      const list = meta.minutes[field];
      if (list) m[field] = list.map((v, i) => viaMemory(v, `minutes.${field}.${i}`));
    }
    out.minutes = m;
  }
  return out;
}

/** The source lines with where each line number is and the page it is on, made once per document. */
interface LineIndex {
  lines: readonly SourceLine[];
  indexOf: Map<number, number>;
  pageOf: Map<number, number>;
}

function indexLines(lines: readonly SourceLine[]): LineIndex {
  const indexOf = new Map<number, number>();
  const pageOf = new Map<number, number>();
  lines.forEach((l, i) => {
    if (!indexOf.has(l.line)) indexOf.set(l.line, i);
    pageOf.set(l.line, l.page);
  });
  return { lines, indexOf, pageOf };
}

/**
 * A function that finds the line a sentence of a block starts on, by its
 * first letters in the block's source lines (letters only, so line breaks,
 * hyphenation and footnote digits do not matter), searching onwards from the
 * previous sentence. Falls back to the block's position. Reads only the
 * block's own lines: a document's time stays linear in its length.
 */
function lineLocator({ lines, indexOf, pageOf }: LineIndex, block: Position): (text: string) => Position {
  const first = indexOf.get(block.line) ?? -1;
  if (first === -1) return () => block;
  const last = block.endLine ?? block.line;
  let letters = "";
  const lineAt: number[] = [];
  for (let i = first; i < lines.length && lines[i]!.line <= last + 1; i++) {
    const l = lines[i]!;
    for (const c of l.text.toLowerCase().replace(/\{\/?\d+\}/g, "")) {
      if (/\p{L}/u.test(c)) {
        letters += c;
        lineAt.push(l.line);
      }
    }
  }
  let cursor = 0;
  return (text) => {
    const probe = [...text.replace(/\{\/?\d+\}/g, "").toLowerCase()].filter((c) => /\p{L}/u.test(c)).join("").slice(0, 24);
    if (!probe) return block;
    const at = letters.indexOf(probe, cursor);
    if (at === -1) return block;
    cursor = at + probe.length;
    const line = lineAt[at]!;
    const page = pageOf.get(line);
    return { ...block, line, ...(page === undefined ? {} : { page }) };
  };
}

function countCoverage(results: readonly SegmentResult[]): Coverage {
  const c: Coverage = { segments: results.length, copied: 0, translated: 0, reviewed: 0, draft: 0, fuzzy: 0, stale: 0, untranslated: 0, invalid: 0, errors: 0, warnings: 0, accepted: 0 };
  for (const r of results) {
    switch (r.status) {
      case "copy":
        c.copied++;
        break;
      case "reviewed":
        c.reviewed++;
        c.translated++;
        break;
      case "translated":
        c.translated++;
        break;
      case "draft":
        c.draft++;
        c.translated++;
        break;
      case "fuzzy":
      case "stale":
        c[r.status]++;
        c.untranslated++;
        break;
      case "invalid":
        c.invalid++;
        c.untranslated++;
        break;
      case "untranslated":
        c.untranslated++;
        break;
    }
    for (const i of r.issues) {
      if (i.severity === "error") c.errors++;
      else if (i.severity === "warning") c.warnings++;
      else if (i.accepted) c.accepted++;
    }
  }
  return c;
}

function finding(r: SegmentResult, i: QaIssue): QaFinding {
  const f: QaFinding = {
    segment: r.segment.id,
    key: r.segment.key,
    path: r.segment.path,
    file: r.segment.position.file,
    line: r.segment.position.line,
    code: i.code,
    severity: i.severity,
    message: i.message,
    text: i.text,
    source: r.segment.text,
  };
  if (r.segment.position.page !== undefined) f.page = r.segment.position.page;
  if (i.accepted) f.accepted = { by: i.accepted.by, date: i.accepted.date, why: i.accepted.why };
  if (r.target !== undefined) f.target = r.target;
  else if (r.match.kind === "exact") f.target = r.match.entry.target;
  if ((r.match.kind === "fuzzy" || r.match.kind === "stale") && (i.code === "translate:fuzzy" || i.code === "translate:stale")) {
    f.candidate = { key: r.match.key, ns: r.match.ns, score: Math.round(r.match.score * 1000) / 1000, source: r.match.entry.source, target: r.match.entry.target };
  }
  return f;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** The English edition of a Dutch document (see translateWithReport). */
export function translateDocument(doc: NormalisedDocument, ctx: TranslateContext): TranslatedDocument {
  return translateWithReport(doc, ctx).doc;
}

/** The QA report of a document's English edition (see translateWithReport). */
export function qaReport(doc: NormalisedDocument, ctx: TranslateContext): QaReport {
  return translateWithReport(doc, ctx).report;
}
