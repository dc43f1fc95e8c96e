import { normaliseSegmentText } from "./key.ts";

/** Word tokens of a segment for fuzzy matching: words, numbers, placeholders and punctuation marks. */
export function tokens(text: string): string[] {
  return normaliseSegmentText(text).toLowerCase().match(/\{\/?\d+\}|[\p{L}\p{N}]+(?:[.,'-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** Levenshtein distance between two token sequences (insert, delete, substitute a whole token). */
export function tokenDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * Token-based similarity in [0, 1]: 1 − distance / longer length, the
 * measure CAT tools show as a fuzzy-match percentage.
 */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - tokenDistance(a, b) / longer;
}

/**
 * An upper bound of similarity() that is cheap to compute (shared tokens as
 * a multiset over the longer length), to skip hopeless candidates.
 */
export function similarityBound(a: readonly string[], b: readonly string[]): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  if (Math.min(a.length, b.length) / longer < 0.5) return Math.min(a.length, b.length) / longer;
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of b) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  return common / longer;
}
