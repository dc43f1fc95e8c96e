import { diag, ENDS_CLAUSE, isBlank, isSpaceOnly, textOf, type LineCtx, type Ln } from "./lines.ts";

/**
 * Some extractions are double-spaced: every text line is followed by an
 * empty line and a paragraph break is a line holding white space only (the
 * report). Detect that from the text and bring it to the single-spaced
 * convention: empty lines go, white-space lines become the blank lines that
 * separate blocks.
 */
export function isDoubleSpaced(lines: readonly Ln[]): boolean {
  let text = 0;
  let midSentence = 0;
  let spaceOnly = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (isSpaceOnly(l)) spaceOnly++;
    if (isBlank(l)) continue;
    text++;
    const next = lines[i + 1];
    if (next && next.raw === "" && lines[i + 2] && !isBlank(lines[i + 2]) && !ENDS_CLAUSE.test(textOf(l))) midSentence++;
  }
  return spaceOnly >= 3 && text > 0 && midSentence / text > 0.3;
}

export function normaliseSpacing(lines: Ln[], ctx: LineCtx): { lines: Ln[]; doubleSpaced: boolean } {
  if (!isDoubleSpaced(lines)) return { lines, doubleSpaced: false };
  diag(ctx, "info", "normalise:double-spaced", "double-spaced extraction: empty lines ignored, white-space lines taken as paragraph breaks");
  const out: Ln[] = [];
  lines.forEach((l, i) => {
    if (l.raw === "") return;
    out.push(isSpaceOnly(l) ? { ...l, raw: "" } : { ...l, gapAfter: lines[i + 1]?.raw === "" });
  });
  return { lines: out, doubleSpaced: true };
}
