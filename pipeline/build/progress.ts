/**
 * Build progress for the CLI. On a terminal: one live line per document with
 * its current step and a bar, redrawn in place. Elsewhere (CI, a log file):
 * plain lines, one when a document is done.
 */
import type { WriteStream } from "node:tty";

export interface Progress {
  /** A document moved to a step (`normalise`, `translate`, `pdf nl`, …) of `total` steps. */
  step(slug: string, step: string, done: number, total: number): void;
  /** A line that stays (a document done or failed). */
  line(text: string): void;
  /** Leave the live lines as they are and go on below them. */
  end(): void;
}

const BAR = 16;

/** Progress for `slugs` on `stream` (a live view when it is a terminal). */
export function createProgress(stream: NodeJS.WriteStream, slugs: readonly string[]): Progress {
  if (!(stream as WriteStream).isTTY) {
    return { step: () => {}, line: (text) => stream.write(`${text}\n`), end: () => {} };
  }
  const width = Math.max(...slugs.map((s) => s.length), 8);
  const rows = new Map(slugs.map((s) => [s, `${s.padEnd(width)}  waiting`]));
  let drawn = 0;
  const draw = (): void => {
    const cols = (stream as WriteStream).columns || 100;
    let out = drawn ? `\x1b[${drawn}A` : "";
    for (const row of rows.values()) out += `\x1b[2K${row.slice(0, cols - 1)}\n`;
    drawn = rows.size;
    stream.write(out);
  };
  draw();
  return {
    step(slug, step, done, total) {
      const filled = Math.round((BAR * Math.min(done, total)) / Math.max(total, 1));
      rows.set(slug, `${slug.padEnd(width)}  [${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ${step}`);
      draw();
    },
    line(text) {
      const slug = slugs.find((s) => text.startsWith(`${s}:`));
      if (slug) {
        rows.set(slug, text);
        draw();
      } else {
        // Not about one document: above the live lines.
        stream.write(`${drawn ? `\x1b[${drawn}A` : ""}\x1b[2K${text}\n`);
        drawn = 0;
        draw();
      }
    },
    end() {
      drawn = 0;
    },
  };
}
