import type { Article, Block, Box, Diagnostic, FlowBlock, Inline, Text } from "../document/types.ts";
import { leadPositions } from "./magazine.ts";
import type { Correction } from "../config/schema.ts";
import { inlinesOf, plainText, slugify, type Ids } from "./build-blocks.ts";
import { decideHyphen } from "./dehyphenate.ts";
import type { Lexicon } from "./lexicon.ts";

export interface CorrectionCtx {
  file: string;
  lex: Lexicon;
  diagnostics: Diagnostic[];
  ids: Ids;
}

interface Slot {
  list: Block[];
  block: Block;
}

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

function slots(list: Block[], out: Slot[] = []): Slot[] {
  for (const block of list) {
    out.push({ list, block });
    if (block.type === "box" || block.type === "article") slots(block.children, out);
  }
  return out;
}

function find(blocks: Block[], pred: (t: string) => boolean): Slot[] {
  return slots(blocks).filter((s) => pred(blockText(s.block)));
}

/**
 * Apply the editorial corrections of a source's config: generic operations on
 * blocks (move a block after or before another, drop it, mark what it is,
 * join a block with its continuation after a column or page jump, gather a
 * run of blocks into a box or an article), never a rewritten copy of the text. Blocks are found by the text they start (or
 * end) with. A correction that matches nothing is an error diagnostic, one
 * that matches more than one block a warning (the first is used).
 */
export function applyCorrections(blocks: FlowBlock[], corrections: readonly Correction[], ctx: CorrectionCtx): FlowBlock[] {
  const doc = [...blocks];
  for (const c of corrections) {
    const report = (severity: Diagnostic["severity"], code: string, message: string): void => {
      const d: Diagnostic = { severity, code, message: `correction ${c.op} "${c.block}": ${message}` };
      if (hit?.block) d.position = hit.block.position;
      ctx.diagnostics.push(d);
    };
    const blockHits = find(doc, (t) => t.startsWith(squash(c.block)));
    const hit = blockHits[(c.nth ?? 1) - 1];
    if (!hit) {
      report("error", "normalise:correction-unmatched", c.nth ? `fewer than ${c.nth} blocks start with this text` : "no block starts with this text");
      continue;
    }
    if (blockHits.length > 1 && c.nth === undefined) report("warning", "normalise:correction-ambiguous", `${blockHits.length} blocks start with this text; the first is used`);
    const target = (): Slot | undefined => {
      const t = squash(c.target ?? "");
      const hits = find(doc, (x) => (c.op === "move-after" ? x.endsWith(t) : x.startsWith(t))).filter((s) => s.block !== hit.block);
      if (!hits.length) report("error", "normalise:correction-unmatched", `no block ${c.op === "move-after" ? "ends" : "starts"} with the target "${c.target}"`);
      else if (hits.length > 1) report("warning", "normalise:correction-ambiguous", `${hits.length} blocks match the target; the first is used`);
      return hits[0];
    };
    const remove = (s: Slot): void => {
      s.list.splice(s.list.indexOf(s.block), 1);
    };
    /** The run of blocks from the hit to the target, in the hit's list. */
    const run = (): Block[] | undefined => {
      const t = target();
      if (!t) return undefined;
      const from = hit.list.indexOf(hit.block);
      const to = t.list === hit.list ? hit.list.indexOf(t.block) : -1;
      if (to < from) {
        report("error", "normalise:correction-invalid", `the target "${c.target}" does not follow the block in the same container`);
        return undefined;
      }
      return hit.list.slice(from, to + 1);
    };
    switch (c.op) {
      case "box": {
        const blocks = run();
        const title = inlinesOf(hit.block);
        if (!blocks || !title) break;
        const children = blocks.slice(1).map((b): FlowBlock => (b.type === "heading" ? { type: "paragraph", children: b.children, position: b.position } : (b as FlowBlock)));
        const lines = blocks.flatMap((b) => [b.position.line, b.position.endLine ?? b.position.line]);
        const box: Box = { type: "box", kind: c.kind ?? "sidebar", title, children, position: { ...hit.block.position, line: Math.min(...lines), endLine: Math.max(...lines) } };
        hit.list.splice(hit.list.indexOf(hit.block), blocks.length, box);
        report("info", "normalise:correction-applied", `${blocks.length} blocks boxed (${box.kind})`);
        break;
      }
      case "article": {
        const blocks = run();
        const title = inlinesOf(hit.block);
        if (!blocks || !title) break;
        const last = blocks[blocks.length - 1]!;
        const art: Article = {
          type: "article",
          id: ctx.ids.take(`article-${slugify(plainText(title))}`),
          title,
          children: blocks.slice(1) as FlowBlock[],
          position: { ...hit.block.position, endLine: last.position.endLine ?? last.position.line },
        };
        const from = hit.list.indexOf(hit.block);
        hit.list.splice(from, blocks.length);
        // an article inside an article stands after it instead
        const parent = slots(doc).find((s) => s.block.type === "article" && s.block.children === hit.list);
        if (parent) parent.list.splice(parent.list.indexOf(parent.block) + 1, 0, art);
        else hit.list.splice(from, 0, art);
        report("info", "normalise:correction-applied", `article of ${blocks.length} blocks`);
        break;
      }
      case "split": {
        const inl = inlinesOf(hit.block);
        const at = inl ? splitAt(inl, squash(c.target!)) : undefined;
        if (!inl || !at || (hit.block.type !== "paragraph" && hit.block.type !== "heading")) {
          report("error", "normalise:correction-unmatched", `no text "${c.target}" inside the block to split at`);
          break;
        }
        const second: FlowBlock = { type: "paragraph", children: at.after, position: { ...hit.block.position } };
        hit.block.children = at.before;
        hit.list.splice(hit.list.indexOf(hit.block) + 1, 0, second);
        report("info", "normalise:correction-applied", "split in two");
        break;
      }
      case "drop":
        remove(hit);
        report("info", "normalise:correction-applied", "dropped");
        break;
      case "move-after":
      case "move-before": {
        const t = target();
        if (!t) break;
        remove(hit);
        const at = t.list.indexOf(t.block);
        t.list.splice(c.op === "move-after" ? at + 1 : at, 0, hit.block);
        break;
      }
      case "join": {
        const t = target();
        if (!t) break;
        const a = inlinesOf(hit.block);
        const b = inlinesOf(t.block);
        if (!a || !b) {
          report("error", "normalise:correction-invalid", "join needs two blocks of running text");
          break;
        }
        remove(t);
        a.push(...junction(a, b, ctx.lex));
        const end = t.block.position.endLine ?? t.block.position.line;
        if (end > (hit.block.position.endLine ?? hit.block.position.line)) hit.block.position.endLine = end;
        break;
      }
      case "mark": {
        const inl = inlinesOf(hit.block);
        if (!inl) {
          report("error", "normalise:correction-invalid", `only a block of running text can be marked as ${c.as}`);
          break;
        }
        const position = hit.block.position;
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
          case "box":
            next = { type: "box", kind: c.kind ?? "sidebar", children: [{ type: "paragraph", children: inl, position }], position };
            break;
          default: {
            const art = slots(doc).find((s) => s.block.type === "article" && s.block.children.includes(hit.block))?.block;
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
              const old = art[c.as as "kicker" | "lead" | "byline"];
              art[c.as as "kicker" | "lead" | "byline"] = inl;
              if (old) {
                const pos = (c.as === "lead" ? leadPositions.get(old) : undefined) ?? art.position;
                const back: FlowBlock = { type: "paragraph", children: old, position: pos };
                const at = art.children.findIndex((b) => b.position.line > pos.line);
                art.children.splice(at < 0 ? art.children.length : at, 0, back);
              }
            }
            remove(hit);
          }
        }
        if (next) hit.list.splice(hit.list.indexOf(hit.block), 1, next);
        break;
      }
    }
  }
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
