import { createHash } from "node:crypto";

/**
 * Normalise a segment's text for keying and comparison: white space
 * collapsed, typographic quotes and apostrophes folded to ASCII, soft
 * hyphens and zero-width characters removed. Two segments that differ only
 * in such typography share one memory entry.
 */
export function normaliseSegmentText(text: string): string {
  return text
    .replace(/[\u00AD\u200B-\u200D\uFEFF]/g, "")
    .replace(/[\u2018\u2019\u201A\u201B\u2032`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010\u2011]/g, "-")
    .replace(/\s+/gu, " ")
    .trim();
}

/**
 * The stable memory key of a segment: the first 12 hex digits of the SHA-256
 * of its normalised text (placeholders included). Pure and deterministic, so
 * the same Dutch sentence gets the same key in every document and every run.
 */
export function segmentKey(text: string): string {
  return createHash("sha256").update(normaliseSegmentText(text), "utf8").digest("hex").slice(0, 12);
}

/** True if `key` has the form segmentKey() produces. */
export function isSegmentKey(key: string): boolean {
  return /^[0-9a-f]{12}$/.test(key);
}
