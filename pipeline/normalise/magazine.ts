import type { Article, Block, Diagnostic, FlowBlock, Inline } from "../document/types.ts";
import { inlinesOf, plainText, ROLE, slugify, type Ids } from "./build-blocks.ts";
import { diag, isBlank, textOf, type LineCtx, type Ln } from "./lines.ts";

const BYLINE = /^Tekst\s+\S.*\sBeeld\s+\S/u;
const CAPTION = /\S\s{2,}(Beeld|Foto)\s+\S|^(Beeld|Foto)\s+\S/u;
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}’'.-]*|van|de|der|den|ten|ter|‘s|'s)`;
const NAME = new RegExp(`^${NAME_WORD}(?: ${NAME_WORD}){0,4}$`, "u");
const OPENS_QUOTE = /^[‘“]/u;
const CLOSES_QUOTE = /[’”][.!?]?$/u;

function capitals(t: string): boolean {
  const letters = t.replace(/[^\p{L}]/gu, "");
  return letters.length >= 10 && t.includes(" ") && !/\p{Ll}/u.test(letters.replace(/[‘’]s/g, ""));
}

/**
 * Find the set-apart text of a magazine page by its shape and give those
 * lines a role, so the running text is joined without them: bylines
 * ("Tekst … Beeld …"), captions (a photo credit "Beeld …" after the
 * caption), pull quotes (a quotation in short lines, opened and closed by
 * quote marks, with the speaker's name above it) and section heads in
 * capitals (kickers).
 */
export function markSetApart(lines: Ln[], ctx: LineCtx): Ln[] {
  const out = lines.map((l) => ({ ...l }));
  const before = (i: number): boolean => i === 0 || isBlank(out[i - 1]) || out[i]!.pageStart;
  for (let i = 0; i < out.length; i++) {
    const l = out[i]!;
    if (isBlank(l) || l.role) continue;
    const t = textOf(l);
    if (BYLINE.test(t)) l.role = "byline";
    else if (CAPTION.test(l.raw.trim())) l.role = "caption";
    else if (capitals(t) && before(i) && (i + 1 >= out.length || isBlank(out[i + 1]) || out[i + 1]!.pageStart)) l.role = "kicker";
    else {
      const named = NAME.test(t) && before(i) && out[i + 1] !== undefined && OPENS_QUOTE.test(textOf(out[i + 1]!));
      const q = named ? i + 1 : i;
      if (!OPENS_QUOTE.test(textOf(out[q]!)) || !(named || before(i))) continue;
      let end = -1;
      for (let j = q; j < out.length && j < q + 8 && !isBlank(out[j]) && (j === q || !out[j]!.pageStart); j++) {
        if (CLOSES_QUOTE.test(textOf(out[j]!))) {
          end = j;
          break;
        }
      }
      if (end < 0 || !(end + 1 >= out.length || isBlank(out[end + 1]) || out[end + 1]!.pageStart)) continue;
      for (let j = i; j <= end; j++) out[j]!.role = "pullquote";
      diag(ctx, "info", "normalise:pullquote", `pull quote set apart: "${out.slice(i, end + 1).map(textOf).join(" ").slice(0, 60)}"`, l);
      i = end;
      continue;
    }
    diag(ctx, "info", `normalise:${l.role}`, `${l.role} set apart: "${t.slice(0, 60)}"`, l);
  }
  return out;
}

/**
 * Shape a magazine into articles. A byline ("Tekst … Beeld …") marks an
 * article. Where a paragraph of running text stands just before the byline,
 * that is the lead, and the title is the display line before the lead or
 * the first display line after the byline (a quotation set in short lines,
 * a heading or a short line); otherwise the display line before the byline
 * is the title and the first paragraph after it the lead. A section head in
 * capitals or a short label just above is the kicker. A title printed twice
 * is kept once, and reported.
 */
export function shapeMagazine(blocks: FlowBlock[], ids: Ids, diagnostics: Diagnostic[]): FlowBlock[] {
  const found: { start: number; byline: number; title: number; lead?: number; kicker?: number }[] = [];
  blocks.forEach((b, bi) => {
    if (!isRole(b, "byline")) return;
    const floor = (found[found.length - 1]?.byline ?? -1) + 1;
    const prev = bi - 1 >= floor ? blocks[bi - 1] : undefined;
    let title = -1;
    let lead: number | undefined;
    if (prev && isRunningText(prev) && plainText(inlines(prev)).length > 120) {
      lead = bi - 1;
      // a display line set after the byline is the title; one above the lead then is the kicker
      for (let j = bi + 1; j < blocks.length && j <= bi + 2 && title < 0; j++) if (isDisplay(blocks[j]!)) title = j;
      if (title < 0 && bi - 2 >= floor && isDisplay(blocks[bi - 2]!)) title = bi - 2;
    } else if (prev && isDisplay(prev)) title = bi - 1;
    if (title < 0) return;
    const first = Math.min(title, lead ?? title);
    let kicker: number | undefined;
    const above = blocks[first - 1];
    if (first - 1 >= floor && above && (isRole(above, "kicker") || (above.type === "heading" && plainText(above.children).length <= 30))) kicker = first - 1;
    found.push({ start: kicker ?? first, byline: bi, title, lead, kicker });
  });
  if (found.length === 0) return blocks.flatMap((b) => unrole(b, diagnostics));
  const out: FlowBlock[] = blocks.slice(0, found[0]!.start);
  found.forEach((s, k) => {
    const end = found[k + 1]?.start ?? blocks.length;
    const titleBlock = blocks[s.title]!;
    const title = inlines(titleBlock);
    const art: Article = {
      type: "article",
      id: ids.take(`article-${slugify(plainText(title))}`),
      title,
      byline: inlines(blocks[s.byline]!),
      children: [],
      position: blocks[s.start]!.position,
    };
    if (s.kicker !== undefined) art.kicker = inlines(blocks[s.kicker]!);
    if (s.lead !== undefined) art.lead = inlines(blocks[s.lead]!);
    const parts = new Set([s.title, s.byline, s.kicker, s.lead]);
    const titleText = norm(plainText(title));
    const body: Block[] = [];
    for (let j = s.start; j < end; j++) {
      const b = blocks[j]!;
      if (parts.has(j)) continue;
      if (norm(plainText(inlines(b))) === titleText) {
        diagnostics.push({ severity: "info", code: "normalise:repeated-title", message: "article title printed twice: kept once", position: b.position });
        continue;
      }
      if (!art.lead && isRunningText(b) && body.every((x) => !isRunningText(x as FlowBlock))) {
        art.lead = inlines(b);
        continue;
      }
      body.push(b);
    }
    art.children = body as FlowBlock[];
    out.push(art);
  });
  return out.flatMap((b) => unrole(b, diagnostics));
}

/** A paragraph of running text (not set-apart text). */
function isRunningText(b: FlowBlock): boolean {
  return b.type === "paragraph" && !isRole(b);
}

/** A display line: a heading, a quotation set in short lines, or a short line without a sentence end. */
function isDisplay(b: FlowBlock): boolean {
  const t = plainText(inlines(b));
  if (b.type === "heading") return true;
  if (b.type !== "paragraph" || t.length > 120) return false;
  return isRole(b, "pullquote") || (!isRole(b) && t.length <= 80 && !/[.!?:;,]$/.test(t));
}

const norm = (s: string): string => s.replace(/[\s‘’“”'"]+/g, " ").trim().toLowerCase();

const inlines = (b: FlowBlock): Inline[] => inlinesOf(b) ?? [];

type Roled = FlowBlock & { [ROLE]?: string };
function isRole(b: FlowBlock, role?: string): boolean {
  const r = (b as Roled)[ROLE];
  return role ? r === role : r !== undefined;
}

/**
 * Turn role paragraphs not used for an article's parts into their nodes: a
 * pull quote into a Quote, a caption or a stray byline into a Caption; a
 * section head in capitals outside an article's kicker is a running head.
 */
export function unrole(b: FlowBlock, diagnostics: Diagnostic[]): FlowBlock[] {
  if (b.type === "article") return [{ ...b, children: b.children.flatMap((c) => unrole(c as FlowBlock, diagnostics)) }];
  const r = (b as Roled)[ROLE];
  if (b.type !== "paragraph" || !r) return [b];
  if (r === "pullquote") return [{ type: "quote", kind: "pull", children: b.children, position: b.position }];
  if (r === "kicker") {
    diagnostics.push({ severity: "info", code: "normalise:running-head", message: `removed section head "${plainText(b.children)}"`, position: b.position });
    return [];
  }
  return [{ type: "caption", children: b.children, position: b.position }];
}
