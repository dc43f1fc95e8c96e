/**
 * How much text a source may hold. The PDF editions bound it: react-pdf sets
 * a document in time and memory that grow faster than its length (measured
 * on sources made of the corpus's texts: 250 kB, 103 pages, a full build in
 * 272 s with 0.92 GB at its peak; 500 kB, an English edition not rendered in
 * the writer's 300 s, 1.38 GB). The office's publications are 40–70 kB. A
 * longer source is refused when it is read, before any work, with where the
 * text passes the limit, so that it can be published in parts.
 */
export const MAX_SOURCE_TEXT_BYTES = 250_000;

/** The limit as the office reads it. */
export function describeLimit(): string {
  return `${MAX_SOURCE_TEXT_BYTES / 1000} kB of text (about 100 pages)`;
}

/** "1.0 MB", "312 kB". */
export function describeSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.round(bytes / 1000)} kB`;
}
