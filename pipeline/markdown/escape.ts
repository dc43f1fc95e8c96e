/**
 * Pandoc-Markdown escaping of running text. Inline syntax characters are
 * backslash-escaped everywhere; what would start a block (a list marker, a
 * heading, a quotation, a div fence, a footnote definition) only at the
 * start of a line.
 */
export function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]<>#^~$@|{}]/g, (c) => `\\${c}`);
}

export function escapeLineStart(s: string): string {
  return s
    .replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2")
    .replace(/^(\(?)([a-zA-Z]{1,4})([.)])(?=\s)/, "$1$2\\$3")
    .replace(/^([-+:%=■•])(?=\s|$)/, "\\$1")
    .replace(/^(-{2,}|={2,})/, (m) => m.split("").map((c) => `\\${c}`).join(""));
}

