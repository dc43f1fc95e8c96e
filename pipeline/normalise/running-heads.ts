import { diag, dropLines, type LineCtx, type Ln } from "./lines.ts";

/** The part of a line that repeats from page to page: page numbers stripped. */
function headKey(raw: string): string {
  return raw.replace(/\s+/g, " ").trim().replace(/^\d+\s*/, "").replace(/\s*\d+$/, "").trim();
}

function isCapitalsLine(key: string): boolean {
  const letters = key.replace(/[^\p{L}]/gu, "");
  if (letters.length < 6) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  return upper / letters.length >= 0.8;
}

/**
 * Remove running heads and page footers, found from the text itself: a line
 * in capitals (page number glued on or not) that recurs on several pages is
 * not part of the text flow. Each removal is reported. With keepSectionHeads
 * (a magazine) the first print of a head without a page number is kept.
 */
export function removeRunningHeads(lines: Ln[], ctx: LineCtx, opts: { keepSectionHeads?: boolean } = {}): Ln[] {
  const count = new Map<string, Set<number>>();
  for (const l of lines) {
    const k = headKey(l.raw);
    if (k.length > 70 || !isCapitalsLine(k)) continue;
    const pages = count.get(k) ?? new Set<number>();
    pages.add(l.line);
    count.set(k, pages);
  }
  const heads = new Set([...count].filter(([, at]) => at.size >= 2).map(([k]) => k));
  if (heads.size === 0) return lines;
  const kept = new Set<string>();
  return dropLines(
    lines,
    (l) => {
      const key = headKey(l.raw);
      if (!heads.has(key)) return false;
      // a magazine's section head ("INTERVIEW …", no page number glued on) names the article it
      // runs over: its first print stays, to become that article's kicker
      if (opts.keepSectionHeads && !kept.has(key) && key === l.raw.replace(/\s+/g, " ").trim()) {
        kept.add(key);
        return false;
      }
      diag(ctx, "info", "normalise:running-head", `removed running head "${l.raw.trim()}"`, l);
      return true;
    },
    () => true, // a running head or footer sits at a page boundary
  );
}
