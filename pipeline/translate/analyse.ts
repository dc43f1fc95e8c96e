import { normaliseSegmentText } from "./key.ts";
import type { MemoryEntries, MemoryEntry } from "./memory.ts";
import { stripPlaceholders } from "./placeholders.ts";
import { similarity, similarityBound, tokens } from "./similarity.ts";
import type { SegmentResult } from "./translate.ts";

/**
 * The bands of a translation analysis, as agencies quote work: a repetition
 * of a sentence earlier in the same document, an exact match anywhere in the
 * memory, fuzzy matches in three bands, and new text.
 */
export const BANDS = ["repetition", "exact", "fuzzy 95–99%", "fuzzy 85–94%", "fuzzy 75–84%", "new"] as const;
export type Band = (typeof BANDS)[number];

/** The lowest similarity an analysis counts as a fuzzy match. */
export const ANALYSIS_FLOOR = 0.75;

/** The best entry of the whole memory for one segment. */
export interface BestMatch {
  ns: string;
  key: string;
  entry: MemoryEntry;
  /** 1 for an exact match. */
  score: number;
}

/** A searchable view of every namespace of the memory (token lists cached). */
export interface MemoryIndex {
  namespaces: Readonly<Record<string, MemoryEntries>>;
  items: { ns: string; key: string; entry: MemoryEntry; tokens: string[]; norm: string }[];
}

/** Index every namespace (every document's and the shared one) for analysis and pre-filling. */
export function indexMemory(namespaces: Readonly<Record<string, MemoryEntries>>): MemoryIndex {
  const items: MemoryIndex["items"] = [];
  for (const ns of Object.keys(namespaces).sort()) {
    for (const [key, entry] of Object.entries(namespaces[ns]!)) {
      if (!entry.target.trim()) continue;
      items.push({ ns, key, entry, tokens: tokens(entry.source), norm: normaliseSegmentText(entry.source) });
    }
  }
  return { namespaces, items };
}

/**
 * The best match in the whole memory for a Dutch segment: an exact entry
 * (same key and normalised source, any namespace; the most reviewed first),
 * else the most similar entry at least `floor` similar, else none.
 */
export function bestMatch(index: MemoryIndex, key: string, text: string, floor = ANALYSIS_FLOOR): BestMatch | undefined {
  const norm = normaliseSegmentText(text);
  const exact = index.items.filter((i) => i.key === key && i.norm === norm);
  if (exact.length) {
    const rank = (e: MemoryEntry) => (e.status === "reviewed" ? 0 : e.status === "translated" ? 1 : 2);
    const best = exact.sort((a, b) => rank(a.entry) - rank(b.entry))[0]!;
    return { ns: best.ns, key: best.key, entry: best.entry, score: 1 };
  }
  const mine = tokens(text);
  let best: BestMatch | undefined;
  for (const i of index.items) {
    if (similarityBound(mine, i.tokens) < floor) continue;
    const score = similarity(mine, i.tokens);
    if (score >= floor && score < 1 && (!best || score > best.score)) best = { ns: i.ns, key: i.key, entry: i.entry, score };
  }
  return best;
}

/** The band of a match score. */
export function bandOf(score: number | undefined): Band {
  if (score === undefined || score < ANALYSIS_FLOOR) return "new";
  if (score >= 1) return "exact";
  if (score >= 0.95) return "fuzzy 95–99%";
  if (score >= 0.85) return "fuzzy 85–94%";
  return "fuzzy 75–84%";
}

/** Words of a segment as an analysis counts them: letters and digits, placeholders left out. */
export function countWords(text: string): number {
  return (stripPlaceholders(text).match(/[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu) ?? []).length;
}

/** The analysis of one document: segments and words per band. */
export interface Analysis {
  slug: string;
  bands: Record<Band, { segments: number; words: number }>;
  total: { segments: number; words: number };
}

/**
 * Analyse a document's segments against the whole memory. Segments with
 * nothing to translate (numbers, addresses) are left out; the first
 * occurrence of a sentence is matched, every later one is a repetition.
 */
export function analyse(slug: string, results: readonly SegmentResult[], index: MemoryIndex): Analysis {
  const bands = Object.fromEntries(BANDS.map((b) => [b, { segments: 0, words: 0 }])) as Analysis["bands"];
  const total = { segments: 0, words: 0 };
  const seen = new Set<string>();
  for (const r of results) {
    if (r.status === "copy") continue;
    const words = countWords(r.segment.text);
    const band: Band = seen.has(r.segment.key) ? "repetition" : bandOf(bestMatch(index, r.segment.key, r.segment.text)?.score);
    seen.add(r.segment.key);
    bands[band].segments++;
    bands[band].words += words;
    total.segments++;
    total.words += words;
  }
  return { slug, bands, total };
}

/** "exact 5,321 · fuzzy 95–99% 0 · … · new 0 · repetition 12 (of 5,333 words)". */
export function formatAnalysis(a: Analysis): string {
  const n = (x: number) => x.toLocaleString("en-GB");
  return `${BANDS.filter((b) => b !== "repetition").map((b) => `${b} ${n(a.bands[b].words)}`).join(" · ")} · repetitions ${n(a.bands.repetition.words)} (of ${n(a.total.words)} words)`;
}
