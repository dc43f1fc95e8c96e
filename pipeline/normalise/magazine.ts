import type { Article, Block, Diagnostic, FlowBlock, Inline, Position } from "../document/types.ts";
import { inlinesOf, OPENS, plainText, ROLE, slugify, type Ids } from "./build-blocks.ts";
import { diag, isBlank, textOf, type LineCtx, type Ln } from "./lines.ts";
import type { RawBlock } from "./segment.ts";
import { bareWord, type Lexicon } from "./lexicon.ts";

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
    const vertical = verticalRun(out, i);
    if (vertical) {
      vertical.lines.forEach((k, n) => {
        out[k]!.role = "byline";
        if (n > 0) out[k]!.glue = true;
      });
      diag(ctx, "info", "normalise:byline", `byline set vertically, joined: "${vertical.text}"`, l);
      i = vertical.lines[vertical.lines.length - 1]!;
      continue;
    }
    if (BYLINE.test(t)) l.role = "byline";
    else if (CAPTION.test(l.raw.trim())) l.role = "caption";
    else if (capitals(t) && before(i)) l.role = "kicker";
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

const DROP_CAP = /^(\p{Lu}) (\p{Ll}{2,}\S*)/u;

/**
 * Mark the blocks that open a page or column (their first line starts one)
 * and mend a drop cap: an article's first letter set large, which the
 * extraction cuts off its word ("B angladesh, april 2013"). The letter is
 * joined where it is no word of its own ("U", "A", "O") and the rest is no
 * word either; the block then opens an article. Each repair is reported.
 */
export function markOpenings(blocks: RawBlock[], lex: Lexicon, ctx: LineCtx): void {
  for (const b of blocks) {
    if (b.lines[0]!.pageStart) b.opens = true;
    const m = DROP_CAP.exec(b.texts[0] ?? "");
    if (!m || b.role || /^[UAO]$/.test(m[1]!) || lex.dictionary(bareWord(m[2]!))) continue;
    b.texts[0] = m[1]! + b.texts[0]!.slice(2);
    b.opens = true;
    diag(ctx, "info", "normalise:drop-cap", `drop cap joined to its word: "${m[1]}${bareWord(m[2]!)}"`, b.lines[0]);
  }
}

/**
 * A byline set vertically beside a page: the extraction gives a few letters
 * a line ("Te", "ks", "t B", …). A run of at least six such fragments whose
 * letters, put together, read "Tekst …" is one byline.
 */
function verticalRun(lines: Ln[], i: number): { lines: number[]; text: string } | undefined {
  const frag = (l: Ln | undefined): boolean => l !== undefined && !isBlank(l) && l.raw.length <= 3;
  if (!frag(lines[i])) return undefined;
  const at: number[] = [];
  for (let j = i; j < lines.length && (frag(lines[j]) || (isBlank(lines[j]) && frag(lines[j + 1]))); j++) if (!isBlank(lines[j])) at.push(j);
  const text = at.map((k) => lines[k]!.raw).join("").replace(/\s+/g, " ").trim();
  return at.length >= 6 && /^Tekst\s+\p{Lu}/u.test(text) ? { lines: at, text } : undefined;
}

/**
 * Shape a magazine into articles. A byline ("Tekst … Beeld …") marks an
 * article. Where a paragraph of running text stands just before the byline,
 * that is the lead, and the title is the display line just after the byline
 * or the one before the lead; the page was then extracted body first, so the
 * article begins at the block before the lead that opens the page or column
 * (or at its drop cap). Otherwise the display line before the byline is the
 * title and the first paragraph after it the lead. The kicker is the
 * magazine's section head in capitals printed over the article ("INTERVIEW
 * …"), or else a short label just above. An article without a display title
 * takes its section head as title (reported). A title printed twice is kept
 * once, and reported.
 */
export function shapeMagazine(blocks: FlowBlock[], ids: Ids, diagnostics: Diagnostic[]): FlowBlock[] {
  const found: { start: number; byline: number; title: number; lead?: number; kicker?: number }[] = [];
  blocks.forEach((b, bi) => {
    if (!isRole(b, "byline")) return;
    const floor = (found[found.length - 1]?.byline ?? -1) + 1;
    const prev = bi - 1 >= floor ? blocks[bi - 1] : undefined;
    let title = -1;
    let lead: number | undefined;
    let start: number | undefined;
    if (prev && isRunningText(prev) && plainText(inlines(prev)).length > 120) {
      lead = bi - 1;
      // a display line set just after the byline is the title; one above the lead then is the kicker
      if (bi + 1 < blocks.length && isDisplay(blocks[bi + 1]!)) title = bi + 1;
      if (title < 0 && bi - 2 >= floor && isDisplay(blocks[bi - 2]!)) title = bi - 2;
    } else if (prev && isDisplay(prev)) {
      title = bi - 1;
      // lead, title, byline: a paragraph of lead length set just above the title
      const above = bi - 2 >= floor ? blocks[bi - 2] : undefined;
      const len = above && isRunningText(above) ? plainText(inlines(above)).length : 0;
      if (len > 120 && len <= 700) lead = bi - 2;
    }
    if (lead !== undefined) {
      // the body extracted before the lead: from the last opening of a page, column or article
      for (let j = Math.min(lead, title < 0 ? lead : title); j >= floor; j--) {
        if (opens(blocks[j]!)) {
          start = j;
          break;
        }
      }
    }
    if (title < 0) {
      let next = blocks.length;
      for (let j = bi + 1; j < blocks.length; j++) if (isRole(blocks[j]!, "byline")) { next = j; break; }
      const head = sectionHead(blocks, bi + 1, next);
      if (head === undefined || lead === undefined) return;
      title = head;
      diagnostics.push({ severity: "warning", code: "normalise:untitled-article", message: `no display title found: the section head "${plainText(inlines(blocks[head]!))}" is the title`, position: blocks[bi]!.position });
    }
    const first = Math.min(title, lead ?? title, start ?? title);
    let kicker: number | undefined;
    const above = blocks[first - 1];
    if (start === undefined && first - 1 >= floor && above && (isRole(above, "kicker") || (above.type === "heading" && plainText(above.children).length <= 30))) kicker = first - 1;
    found.push({ start: kicker ?? first, byline: bi, title, lead, kicker });
  });
  if (found.length === 0) return blocks.flatMap((b) => unrole(b, diagnostics));
  const out: FlowBlock[] = blocks.slice(0, found[0]!.start);
  found.forEach((s, k) => {
    const end = found[k + 1]?.start ?? blocks.length;
    // the section head printed over the article is its kicker, before a short label above the title
    const head = sectionHead(blocks, s.start, end);
    if (head !== undefined && head !== s.title) s.kicker = head;
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
    if (s.lead !== undefined) {
      art.lead = inlines(blocks[s.lead]!);
      leadPositions.set(art.lead, blocks[s.lead]!.position);
    }
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
        leadPositions.set(art.lead, b.position);
        continue;
      }
      body.push(b);
    }
    // depth 1 inside an article is the article's title: its numbered sections sit below it
    art.children = (body as FlowBlock[]).map((b) => (b.type === "heading" && b.depth === 1 ? { ...b, depth: 2 } : b));
    out.push(art);
  });
  return out.flatMap((b) => unrole(b, diagnostics));
}

/**
 * Where an article's lead came from, so that an editorial correction that
 * names another lead can put the old one back in reading order.
 */
export const leadPositions = new WeakMap<Inline[], Position>();

/** The first section head in capitals (a kicker line) in blocks[from, to). */
function sectionHead(blocks: FlowBlock[], from: number, to: number): number | undefined {
  for (let j = Math.max(0, from); j < Math.min(to, blocks.length); j++) if (isRole(blocks[j]!, "kicker")) return j;
  return undefined;
}

const opens = (b: FlowBlock): boolean => (b as FlowBlock & { [OPENS]?: boolean })[OPENS] === true;

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
