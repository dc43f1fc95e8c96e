/**
 * Pandoc-Markdown escaping of running text. Inline syntax characters are
 * backslash-escaped, but for an underscore or an at sign inside a word
 * (a letter or digit on either side: "werkprogramma_2026", "info@ser.nl"),
 * which Pandoc reads as itself (intraword underscores; a citation needs
 * the at sign to open a word), so that web and mail addresses read as
 * they are printed; what would start a block (a list marker, a heading, a
 * quotation, a div fence, a footnote definition) only at the start of a
 * line.
 */
export function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]<>#^~$@|{}]/g, (c, at: number) => (INTRAWORD.has(c) && WORD.test(s[at - 1] ?? "") && WORD.test(s[at + 1] ?? "") ? c : `\\${c}`));
}

/** Characters Pandoc reads as themselves between two word characters. */
const INTRAWORD = new Set(["_", "@"]);
const WORD = /^[\p{L}\p{N}]$/u;

export function escapeLineStart(s: string): string {
  return s
    .replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2")
    .replace(/^(\(?)([a-zA-Z]{1,4})([.)])(?=\s)/, "$1$2\\$3")
    .replace(/^([-+:%=■•])(?=\s|$)/, "\\$1")
    .replace(/^(-{2,}|={2,})/, (m) => m.split("").map((c) => `\\${c}`).join(""));
}

