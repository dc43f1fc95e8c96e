import type { Article, Block, Box, Diagnostic, FlowBlock, Inline, Text } from "../document/types.ts";
import { leadPositions } from "./magazine.ts";
import type { Anchor, Correction } from "../config/schema.ts";
import { yamlLocation } from "../config/load.ts";
import { inlinesOf, plainText, slugify, type Ids } from "./build-blocks.ts";
import { decideHyphen } from "./dehyphenate.ts";
import type { Lexicon } from "./lexicon.ts";

export interface CorrectionCtx {
  file: string;
  lex: Lexicon;
  diagnostics: Diagnostic[];
  ids: Ids;
  /**
   * For each source line in a block of text the normaliser found, the lines of
   * that block (ascending): where the first block of a split ends (its last
   * line above the second block's first). Without them, the line above.
   */
  textLines?: ReadonlyMap<number, readonly number[]>;
}

interface Slot {
  list: Block[];
  block: Block;
}

/** First and last source line. */
type Span = readonly [number, number];

const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

/** The text a correction matches a block by. */
export function blockText(b: Block): string {
  switch (b.type) {
    case "listItem":
      return squash(b.children.map(blockText).join(" "));
    case "heading":
    case "paragraph":
    case "quote":
    case "caption":
      return squash(plainText(b.children));
    case "list":
      return squash(b.children.map(blockText).join(" "));
    case "box":
      return squash([plainText(b.title ?? []), ...b.children.map(blockText)].join(" "));
    case "article":
      return squash(plainText(b.title));
  }
}

/**
 * The lines a block is named by where they differ from its position: a block
 * a join has appended text to (its position stretched to the text's last
 * line) keeps the lines it had before; a split records both blocks' lines.
 */
const spans = new WeakMap<Block, Span>();

/**
 * The source lines a correction names a block by: its position's first and
 * last line as the block was made (by the normaliser, or by the box, article
 * or split that made it). A move or mark keeps them, a join keeps those of the
 * block joined onto.
 */
export function anchorLines(b: Block): Span {
  return spans.get(b) ?? [b.position.line, b.position.endLine ?? b.position.line];
}

/** `119-121` (or `119`) as first and last line. */
export function parseLines(lines: number | string): Span {
  if (typeof lines === "number") return [lines, lines];
  const [a, b] = lines.split("-").map(Number);
  return [a!, b!];
}

const showSpan = ([a, b]: Span): string => (a === b ? `${a}` : `${a}-${b}`);

/** An anchor as a reviewer reads it: `119-121 "Het verkleinen van"`. */
function showAnchor(a: Anchor): string {
  const words = a.starts !== undefined ? `"${a.starts}"` : `"…${a.ends}"`;
  return `${showSpan(parseLines(a.lines))} ${words}`;
}

const preview = (b: Block): string => {
  const t = blockText(b);
  return `${b.type} "${t.length > 40 ? `${t.slice(0, 40)}…` : t}"`;
};

function slots(list: Block[], out: Slot[] = []): Slot[] {
  for (const block of list) {
    out.push({ list, block });
    if (block.type === "box" || block.type === "article") slots(block.children, out);
  }
  return out;
}

/** The block's text starts (and ends) with the anchor's words. */
function wordsMatch(b: Block, a: Anchor): boolean {
  const t = blockText(b);
  return (a.starts === undefined || t.startsWith(squash(a.starts))) && (a.ends === undefined || t.endsWith(squash(a.ends)));
}

/**
 * Apply the editorial corrections of a source's config, in order: generic
 * operations on blocks (move a block after or before another, drop it, mark
 * what it is, join a block with its continuation after a column or page jump,
 * split two texts run together, gather a run of blocks into a box or an
 * article), never a rewritten copy of the text. A correction names its blocks
 * by their source lines (anchorLines) and checks them by their first (or
 * last) words. A correction whose lines name no block, whose block does not
 * start with its words, or that cannot be carried out is an error diagnostic
 * at the correction's line in the YAML (source/<slug>.yaml:LINE, when the
 * config was loaded from YAML) naming it as `corrections.N`, and is skipped.
 */
export function applyCorrections(blocks: FlowBlock[], corrections: readonly Correction[], ctx: CorrectionCtx): FlowBlock[] {
  const doc = [...blocks];
  corrections.forEach((c, index) => {
    const where = yamlLocation(c);
    let hit: Slot | undefined;
    const report = (severity: Diagnostic["severity"], code: string, message: string): void => {
      const d: Diagnostic = { severity, code, message: `corrections.${index} ${c.op} ${showAnchor(c.block)}: ${message}` };
      if (where) d.position = { file: where.file, line: where.line };
      else if (hit) d.position = hit.block.position;
      ctx.diagnostics.push(d);
    };
    const at = (lines: Span): string => `${ctx.file}:${showSpan(lines)}`;

    /** The one block an anchor names (other than `not`), or an error. */
    const locate = (a: Anchor, role: "block" | "target", not?: Block): Slot | undefined => {
      const lines = parseLines(a.lines);
      const there = slots(doc).filter((s) => s.block !== not && anchorLines(s.block)[0] === lines[0] && anchorLines(s.block)[1] === lines[1]);
      const hits = there.filter((s) => wordsMatch(s.block, a));
      if (hits.length === 1) return hits[0];
      if (hits.length > 1) {
        report("error", "normalise:correction-ambiguous", `${role === "target" ? `target ${showAnchor(a)}: ` : ""}${hits.length} blocks at ${at(lines)} match`);
        return undefined;
      }
      const words = [a.starts !== undefined && `start with "${a.starts}"`, a.ends !== undefined && `end with "${a.ends}"`].filter(Boolean).join(" and ");
      const which = role === "target" ? `target ${showAnchor(a)}: ` : "";
      if (there.length) {
        report("error", "normalise:correction-unmatched", `${which}the block at ${at(lines)} does not ${words}: it is ${there.map((s) => preview(s.block)).join("; ")}`);
        return undefined;
      }
      const near = slots(doc).filter((s) => s.block !== not && anchorLines(s.block)[0] === lines[0]);
      const hint = near.length ? `; at line ${lines[0]} stands ${near.map((s) => `${preview(s.block)} of lines ${showSpan(anchorLines(s.block))}`).join("; ")}` : "";
      report("error", "normalise:correction-unmatched", `${which}no block at ${at(lines)}${hint}`);
      return undefined;
    };

    hit = locate(c.block, "block");
    if (!hit) return;
    const self = hit;
    const applied = (message: string): void => report("info", "normalise:correction-applied", message);
    const remove = (s: Slot): void => {
      s.list.splice(s.list.indexOf(s.block), 1);
    };
    /** The run of blocks from the block to the target, in the block's list. */
    const run = (target: Anchor): Block[] | undefined => {
      const t = locate(target, "target", self.block);
      if (!t) return undefined;
      const from = self.list.indexOf(self.block);
      const to = t.list === self.list ? self.list.indexOf(t.block) : -1;
      if (to < from) {
        report("error", "normalise:correction-invalid", `the target ${showAnchor(target)} does not follow the block in the same container`);
        return undefined;
      }
      return self.list.slice(from, to + 1);
    };

    const op = c.op;
    switch (op) {
      case "box": {
        const blocks = run(c.target);
        const title = inlinesOf(self.block);
        if (!blocks || !title) {
          if (blocks) report("error", "normalise:correction-invalid", "the block that titles a box must be running text");
          break;
        }
        const children = blocks.slice(1).map((b): FlowBlock => {
          if (b.type !== "heading") return b as FlowBlock;
          const para: FlowBlock = { type: "paragraph", children: b.children, position: b.position };
          spans.set(para, anchorLines(b));
          return para;
        });
        const lines = blocks.flatMap((b) => [b.position.line, b.position.endLine ?? b.position.line]);
        const box: Box = { type: "box", kind: c.kind ?? "sidebar", title, children, position: { ...self.block.position, line: Math.min(...lines), endLine: Math.max(...lines) } };
        self.list.splice(self.list.indexOf(self.block), blocks.length, box);
        applied(`${blocks.length} blocks boxed (${box.kind}) at ${at(anchorLines(box))}`);
        break;
      }
      case "article": {
        const blocks = run(c.target);
        const title = inlinesOf(self.block);
        if (!blocks || !title) {
          if (blocks) report("error", "normalise:correction-invalid", "the block that titles an article must be running text");
          break;
        }
        const last = blocks[blocks.length - 1]!;
        const art: Article = {
          type: "article",
          id: ctx.ids.take(`article-${slugify(plainText(title))}`),
          title,
          children: blocks.slice(1) as FlowBlock[],
          position: { ...self.block.position, endLine: last.position.endLine ?? last.position.line },
        };
        const from = self.list.indexOf(self.block);
        self.list.splice(from, blocks.length);
        // an article inside an article stands after it instead
        const parent = slots(doc).find((s) => s.block.type === "article" && s.block.children === self.list);
        if (parent) parent.list.splice(parent.list.indexOf(parent.block) + 1, 0, art);
        else self.list.splice(from, 0, art);
        applied(`article of ${blocks.length} blocks at ${at(anchorLines(art))}`);
        break;
      }
      case "split": {
        const b = self.block;
        const [first, last] = anchorLines(b);
        const [from, to] = parseLines(c.target.lines);
        if (b.type !== "paragraph" && b.type !== "heading") {
          report("error", "normalise:correction-invalid", `only a paragraph or heading can be split, not a ${b.type}`);
          break;
        }
        if (from <= first || to !== last) {
          report("error", "normalise:correction-invalid", `the block the split makes must run from a line below ${first} to the block's last line ${last}, not ${showSpan([from, to])}`);
          break;
        }
        const cut = splitAt(b.children, squash(c.target.starts ?? ""));
        if (!cut) {
          report("error", "normalise:correction-unmatched", `no text "${c.target.starts}" inside the block to split at`);
          break;
        }
        const above = ctx.textLines?.get(first)?.filter((n) => n >= first && n < from).pop() ?? from - 1;
        const second: FlowBlock = { type: "paragraph", children: cut.after, position: { ...b.position, line: from } };
        spans.set(second, [from, to]);
        b.children = cut.before;
        b.position = { ...b.position, endLine: above };
        spans.set(b, [first, above]);
        self.list.splice(self.list.indexOf(b) + 1, 0, second);
        applied(`split in two: ${at(anchorLines(b))} and ${showSpan([from, to])}`);
        break;
      }
      case "drop":
        remove(self);
        applied(`dropped ${at(anchorLines(self.block))}`);
        break;
      case "move-after":
      case "move-before": {
        const t = locate(c.target, "target", self.block);
        if (!t) break;
        remove(self);
        const i = t.list.indexOf(t.block);
        t.list.splice(op === "move-after" ? i + 1 : i, 0, self.block);
        break;
      }
      case "join": {
        const t = locate(c.target, "target", self.block);
        if (!t) break;
        const a = inlinesOf(self.block);
        const b = inlinesOf(t.block);
        if (!a || !b) {
          report("error", "normalise:correction-invalid", "join needs two blocks of running text");
          break;
        }
        spans.set(self.block, anchorLines(self.block));
        remove(t);
        a.push(...junction(a, b, ctx.lex));
        const end = t.block.position.endLine ?? t.block.position.line;
        if (end > (self.block.position.endLine ?? self.block.position.line)) self.block.position.endLine = end;
        break;
      }
      case "mark": {
        const inl = inlinesOf(self.block);
        if (!inl) {
          report("error", "normalise:correction-invalid", `only a block of running text can be marked as ${c.as}`);
          break;
        }
        const position = self.block.position;
        let next: Block | undefined;
        switch (c.as) {
          case "pullquote":
            next = { type: "quote", kind: "pull", children: inl, position };
            break;
          case "caption":
            next = { type: "caption", children: inl, position };
            break;
          case "heading":
            next = { type: "heading", depth: 2, id: ctx.ids.take(slugify(plainText(inl))), children: inl, position };
            break;
          case "paragraph":
            next = { type: "paragraph", children: inl, position };
            break;
          case "box": {
            const para: FlowBlock = { type: "paragraph", children: inl, position };
            spans.set(para, anchorLines(self.block));
            next = { type: "box", kind: c.kind ?? "sidebar", children: [para], position };
            break;
          }
          case "title":
          case "kicker":
          case "lead":
          case "byline": {
            const art = slots(doc).find((s) => s.block.type === "article" && s.block.children.includes(self.block))?.block;
            if (!art || art.type !== "article") {
              report("error", "normalise:correction-invalid", `mark as ${c.as} needs a block inside an article`);
              break;
            }
            // a part named anew: the old one goes back into the body (a lead in reading order)
            if (c.as === "title") {
              if (art.kicker === undefined) art.kicker = art.title;
              else art.children.unshift({ type: "heading", depth: 2, id: ctx.ids.take(slugify(plainText(art.title))), children: art.title, position: art.position });
              art.title = inl;
            } else {
              const old = art[c.as];
              art[c.as] = inl;
              if (old) {
                const pos = (c.as === "lead" ? leadPositions.get(old) : undefined) ?? art.position;
                const back: FlowBlock = { type: "paragraph", children: old, position: pos };
                const i = art.children.findIndex((b) => b.position.line > pos.line);
                art.children.splice(i < 0 ? art.children.length : i, 0, back);
              }
            }
            remove(self);
            break;
          }
        }
        if (next) {
          spans.set(next, anchorLines(self.block));
          self.list.splice(self.list.indexOf(self.block), 1, next);
        }
        break;
      }
      default: {
        const _exhaustive: never = op;
        report("error", "normalise:correction-invalid", `unknown operation ${String(_exhaustive)}`);
      }
    }
  });
  return doc;
}

/** Cut inlines where a text node holds `text` (white space collapsed), trimming the space at the cut. */
function splitAt(inl: Inline[], text: string): { before: Inline[]; after: Inline[] } | undefined {
  for (let k = 0; k < inl.length; k++) {
    const node = inl[k]!;
    if (node.type !== "text") continue;
    const at = node.value.indexOf(text);
    if (at <= 0) continue;
    const before: Inline[] = [...inl.slice(0, k), { type: "text", value: node.value.slice(0, at).trimEnd() }];
    const after: Inline[] = [{ type: "text", value: node.value.slice(at) }, ...inl.slice(k + 1)];
    return { before, after };
  }
  return undefined;
}

/** The inlines of a continuation, with the line-end hyphen at the junction decided. */
function junction(a: Inline[], b: Inline[], lex: Lexicon): Inline[] {
  const last = a[a.length - 1];
  const first = b[0];
  if (last?.type === "text" && first?.type === "text" && /[\p{L}\p{N}]-$/u.test(last.value)) {
    const leftTok = last.value.split(" ").pop() ?? "";
    const d = decideHyphen(leftTok, first.value, lex);
    if (!d.keep) last.value = last.value.slice(0, -1);
    else if (d.space) last.value += " ";
    return b;
  }
  const sep: Text = { type: "text", value: " " };
  return [sep, ...b];
}
