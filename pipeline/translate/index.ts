/**
 * The translate stage: Dutch document → segments → translation memory and
 * glossary → English document + QA report. See README in this folder.
 */
export { translateDocument, translateWithReport, qaReport, resolveSegment } from "./translate.ts";
export type { TranslateContext, QaReport, QaFinding, Coverage, SegmentResult, SegmentStatus } from "./translate.ts";
export { loadTranslateContext, translatePaths, readMemoryFile, readGlossaryFile } from "./load.ts";
export { extractSegments, segmentInlines, splitSentences, type Segment } from "./segment.ts";
export { createMemory, parseMemory, serialiseMemory, lookup, SHARED_NS, FUZZY_THRESHOLD, type Memory, type MemoryEntry, type MemoryEntries } from "./memory.ts";
export { parseGlossary, findTerms, type Glossary, type GlossaryEntry } from "./glossary.ts";
export { QA_CHECKS, checkSegment, type QaCode, type QaIssue } from "./qa.ts";
export { segmentKey, normaliseSegmentText } from "./key.ts";
export { parseStyleSheet, checkStyle, checkCorpusStyle, accentEmphasis, STYLE_CHECKS, type StyleSheet, type StyleCode } from "./style.ts";
export { translationCompleteness, markDraft, type Completeness } from "./completeness.ts";
export { analyse, bestMatch, indexMemory, BANDS, type Analysis, type Band } from "./analyse.ts";
export { stampEntry, legacyProvenance, summariseProvenance, type ImportStamp } from "./provenance.ts";
